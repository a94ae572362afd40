"""Dates, weekdays, times and numbers the way each kiosk language writes
them, from Babel (Unicode CLDR).  Pure Python: no Kivy, no clock.

The kiosk speaks German, English, Turkish, Ukrainian and Arabic
(:data:`LANGUAGES`).  Word order, month and weekday names, separators and
12/24-hour clocks come from CLDR via Babel, so nothing here is a
hand-written format per language:

* :func:`format_day` — "Dienstag, 24. November", "Tuesday, November 24",
  "24 Kasım Salı", "вівторок, 24 листопада", "الثلاثاء، 24 نوفمبر".
  Built like ICU's pattern generator: the locale's pattern for the skeleton
  ``MMMMEd`` (month, weekday, day; no year) with the weekday widened to its
  full name.  ``width="short"`` gives "Di., 24. Nov.".
* :func:`format_weekday` — "Dienstag" (stand-alone form).
* :func:`format_time` — the locale's short time: "15:30", "3:30 PM",
  "3:30 م".  :func:`format_time_range` — "15:00–17:30 Uhr".
* :func:`format_number` — "1.234,5", "1,234.5", "1 234,5".

Digits: Babel writes Western digits (0-9) for every locale, Arabic
included (CLDR's default numbering system for ``ar`` is ``latn``); the
kiosk shows what Babel gives.

An unknown or empty language code falls back to German, the kiosk's
source language, instead of failing: a typo in the configuration must not
stop a screen from showing a date.

Start-up: Babel is imported on first use, not with this module (every label
imports :func:`is_rtl` from here), and the two German forms the home screen
shows on its first frame — the wide day ("Dienstag, 24. November") and a
time range ("09:00–18:00 Uhr") — are written without Babel: importing it
and loading the German CLDR data costs ~20 ms of every cold start.  Those
two are the only hand-written forms, and ``tests/test_locale_format.py``
holds them to Babel's output for every day of two years and thousands of
time pairs, so a CLDR change that Babel brings shows up there.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from kiosk.timezone import BERLIN

if TYPE_CHECKING:
    from babel import Locale

__all__ = (
    "LANGUAGES",
    "DEFAULT_LANGUAGE",
    "locale_for",
    "is_rtl",
    "text_direction",
    "language_name",
    "format_day",
    "format_weekday",
    "format_time",
    "format_time_range",
    "format_number",
)

#: The kiosk's languages, in the order of the language buttons.
LANGUAGES: tuple[str, ...] = ("de", "en", "tr", "uk", "ar")
#: Source language and fallback for anything unknown.
DEFAULT_LANGUAGE = "de"

Width = Literal["wide", "short"]


@lru_cache(maxsize=64)
def locale_for(lang: str) -> Locale:
    """Babel's locale for a language code (``'de'``, ``'pt_BR'``, ``'ar'``);
    German when the code is empty or unknown."""
    from babel import Locale, UnknownLocaleError  # noqa: PLC0415 - see the module docstring

    try:
        return Locale.parse((lang or DEFAULT_LANGUAGE).replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse(DEFAULT_LANGUAGE)


#: Languages written right to left.  A fixed set instead of Babel's
#: ``text_direction``: every label asks this on every redraw, and Babel would
#: load and merge a whole locale's data for the answer (≈ 0.1 s at start-up).
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "yi", "ckb", "dv", "sd", "ug"})


def is_rtl(lang: str) -> bool:
    """Whether ``lang`` is written right to left (``'ar'`` → True)."""
    return (lang or DEFAULT_LANGUAGE).replace("-", "_").split("_")[0].lower() in RTL_LANGUAGES


def text_direction(lang: str) -> Literal["ltr", "rtl"]:
    """``'rtl'`` or ``'ltr'`` for ``lang``."""
    return "rtl" if is_rtl(lang) else "ltr"


def language_name(lang: str) -> str:
    """The language's own name, first letter capitalised, for the language
    buttons: "Deutsch", "English", "Türkçe", "Українська", "العربية"."""
    locale = locale_for(lang)
    name = locale.get_display_name(locale) or lang
    return name[:1].upper() + name[1:]


# --------------------------------------------------------------------------- #
# Dates
# --------------------------------------------------------------------------- #

_FIELD_RUN = re.compile(r"'(?:[^']|'')*'|([A-Za-z])\1*")


def _widen(pattern: str, widths: dict[str, int]) -> str:
    """Set the width of the given pattern fields, leaving quoted literals
    alone (``E`` → ``EEEE``); ``E``/``c`` and ``M``/``L`` count as one field."""
    families = {"c": "E", "L": "M"}

    def repl(match: re.Match[str]) -> str:
        token = match.group(0)
        letter = match.group(1)
        if letter is None:
            return token
        want = widths.get(families.get(letter, letter))
        return letter * want if want else token

    return _FIELD_RUN.sub(repl, pattern)


@lru_cache(maxsize=64)
def _day_pattern(lang: str, width: Width) -> str:
    from babel.dates import match_skeleton  # noqa: PLC0415 - see the module docstring

    locale = locale_for(lang)
    skeleton = "MMMMEd" if width == "wide" else "MMMEd"
    best = match_skeleton(skeleton, locale.datetime_skeletons) or "MMMEd"
    pattern = locale.datetime_skeletons[best].pattern
    if width == "wide":
        return _widen(pattern, {"E": 4, "M": 4})
    return _widen(pattern, {"E": 3, "M": 3})


#: German weekday and month names (CLDR, "format" context, wide) for the
#: Babel-free German forms; tests hold them to Babel's.
_GERMAN_WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
_GERMAN_MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
                  "September", "Oktober", "November", "Dezember")


def format_day(day: date, lang: str, width: Width = "wide") -> str:
    """Weekday, day and month without the year: "Dienstag, 24. November"
    (``width="short"``: "Di., 24. Nov.")."""
    if lang == "de" and width == "wide":
        # CLDR's "EEEE, d. MMMM", without loading Babel (module docstring).
        return f"{_GERMAN_WEEKDAYS[day.weekday()]}, {day.day}. {_GERMAN_MONTHS[day.month - 1]}"
    from babel.dates import format_date  # noqa: PLC0415 - see the module docstring

    return format_date(day, _day_pattern(lang, width), locale=locale_for(lang))


def format_weekday(day: date | int, lang: str, width: Literal["wide", "abbreviated"] = "wide") -> str:
    """The weekday's name on its own: "Dienstag" / "Salı" / "الثلاثاء".
    ``day`` is a date or a weekday number (0 = Monday, as in the config)."""
    from babel.dates import get_day_names  # noqa: PLC0415 - see the module docstring

    index = day.weekday() if isinstance(day, date) else int(day)
    if not 0 <= index <= 6:
        raise ValueError(f"weekday must be 0..6, got {day!r}")
    return get_day_names(width, context="stand-alone", locale=locale_for(lang))[index]


# --------------------------------------------------------------------------- #
# Times and numbers
# --------------------------------------------------------------------------- #

def _wall_time(value: time | datetime) -> time:
    """The Marl wall-clock time of ``value`` (aware datetimes are converted
    to Berlin time first; naive ones and times are taken as they are)."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(BERLIN)
        return value.time().replace(tzinfo=None)
    return value.replace(tzinfo=None)


def _uses_12h(lang: str) -> bool:
    pattern = locale_for(lang).time_formats["short"].pattern
    return "h" in re.sub(r"'[^']*'", "", pattern)


def format_time(value: time | datetime, lang: str) -> str:
    """A time of day in the locale's short form: "15:30" (de, tr, uk),
    "3:30 PM" (en), "3:30 م" (ar)."""
    from babel.dates import format_time as babel_format_time  # noqa: PLC0415 - module docstring

    return babel_format_time(_wall_time(value), "short", locale=locale_for(lang))


def format_time_range(start: time | datetime, end: time | datetime, lang: str) -> str:
    """From–to in the locale's interval format: "15:00–17:30 Uhr",
    "3:00 – 5:30 PM"."""
    start, end = _wall_time(start), _wall_time(end)
    if lang == "de" and (start.hour, start.minute) != (end.hour, end.minute):
        # CLDR's "HH:mm–HH:mm 'Uhr'", without loading Babel (module docstring);
        # equal minutes are a single time in CLDR, so they go to Babel.
        return f"{start.hour:02d}:{start.minute:02d}–{end.hour:02d}:{end.minute:02d} Uhr"
    from babel.dates import format_interval  # noqa: PLC0415 - see the module docstring

    skeleton = "hm" if _uses_12h(lang) else "Hm"
    return format_interval(start, end, skeleton, locale=locale_for(lang))


def format_number(value: int | float, lang: str, decimals: int | None = None) -> str:
    """A number with the locale's separators: "1.234,5" / "1,234.5".
    ``decimals`` fixes the number of decimal places."""
    from babel.numbers import format_decimal  # noqa: PLC0415 - see the module docstring

    if decimals is None:
        return format_decimal(value, locale=locale_for(lang))
    fmt = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(value, format=fmt, locale=locale_for(lang))
