"""Dates, weekdays, times and numbers per language, from Babel (CLDR).

The expected strings are what Babel 2.18 gives; if a Babel/CLDR update
changes one, check the new form with a speaker and update it here."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, time, timezone

import pytest

from kiosk import locale_format as lf

TUESDAY = date(2026, 11, 24)


@pytest.mark.parametrize(
    "lang, wide, short",
    [
        ("de", "Dienstag, 24. November", "Di., 24. Nov."),
        ("en", "Tuesday, November 24", "Tue, Nov 24"),
        ("tr", "24 Kasım Salı", "24 Kas Sal"),
        ("uk", "вівторок, 24 листопада", "вт, 24 лист."),
        ("ar", "الثلاثاء، 24 نوفمبر", "الثلاثاء، 24 نوفمبر"),
    ],
)
def test_format_day(lang, wide, short):
    assert lf.format_day(TUESDAY, lang) == wide
    assert lf.format_day(TUESDAY, lang, "short") == short


@pytest.mark.parametrize("lang", lf.LANGUAGES)
def test_format_day_has_weekday_day_and_month_but_no_year(lang):
    for month in range(1, 13):
        day = date(2026, month, 3)
        text = lf.format_day(day, lang)
        assert "2026" not in text
        assert "3" in text
        assert lf.format_weekday(day, lang) in text


@pytest.mark.parametrize(
    "lang, name, sunday_short",
    [("de", "Dienstag", "So."), ("en", "Tuesday", "Sun"), ("tr", "Salı", "Paz"),
     ("uk", "вівторок", "нд"), ("ar", "الثلاثاء", "الأحد")],
)
def test_format_weekday(lang, name, sunday_short):
    assert lf.format_weekday(TUESDAY, lang) == name
    assert lf.format_weekday(1, lang) == name             # config weekday numbers: 0 = Monday
    assert lf.format_weekday(6, lang, "abbreviated").rstrip(".") == sunday_short.rstrip(".")


def test_format_weekday_rejects_impossible_numbers():
    with pytest.raises(ValueError):
        lf.format_weekday(7, "de")


@pytest.mark.parametrize(
    "lang, short, span",
    [
        ("de", "15:30", "15:00–17:30 Uhr"),
        ("en", "3:30\u202fPM", "3:00\u2009–\u20095:30\u202fPM"),
        ("tr", "15:30", "15:00–17:30"),
        ("uk", "15:30", "15:00–17:30"),
        ("ar", "3:30 م", "3:00–5:30 م"),
    ],
)
def test_format_time_and_range(lang, short, span):
    assert lf.format_time(time(15, 30), lang) == short
    assert lf.format_time_range(time(15, 0), time(17, 30), lang) == span


def test_aware_datetimes_are_shown_in_marl_time():
    utc = datetime(2026, 11, 24, 14, 30, tzinfo=timezone.utc)      # winter: UTC+1
    assert lf.format_time(utc, "de") == "15:30"
    summer = datetime(2026, 7, 1, 13, 0, tzinfo=timezone.utc)      # summer: UTC+2
    assert lf.format_time(summer, "de") == "15:00"
    assert lf.format_time(datetime(2026, 7, 1, 9, 5), "de") == "09:05"   # naive: as is


@pytest.mark.parametrize(
    "lang, big, fixed",
    [("de", "1.234,5", "3,00"), ("en", "1,234.5", "3.00"), ("tr", "1.234,5", "3,00"),
     ("uk", "1\u00a0234,5", "3,00"), ("ar", "1,234.5", "3.00")],
)
def test_format_number(lang, big, fixed):
    assert lf.format_number(1234.5, lang) == big
    assert lf.format_number(3, lang, decimals=2) == fixed
    assert lf.format_number(12, lang, decimals=0) == "12"


def test_only_arabic_is_right_to_left():
    assert [lang for lang in lf.LANGUAGES if lf.is_rtl(lang)] == ["ar"]
    assert lf.text_direction("ar") == "rtl" and lf.text_direction("tr") == "ltr"
    assert lf.is_rtl("he") and lf.is_rtl("fa")


def test_language_names_in_their_own_language():
    assert [lf.language_name(lang) for lang in lf.LANGUAGES] == [
        "Deutsch", "English", "Türkçe", "Українська", "العربية"]


@pytest.mark.parametrize("bad", ["", "xx", "??", "de_XX_YY_ZZ"])
def test_unknown_language_falls_back_to_german(bad):
    assert lf.format_day(TUESDAY, bad) == "Dienstag, 24. November"
    assert not lf.is_rtl(bad)


def test_regional_codes_work():
    assert lf.format_day(TUESDAY, "en-GB") == "Tuesday 24 November"
    assert lf.format_time(time(15, 30), "en_GB") == "15:30"


def test_no_kivy_needed():
    code = ("import sys, kiosk.locale_format, kiosk.ui.rtl; "
            "bad = [m for m in sys.modules if m == 'kivy' or m.startswith('kivy.')]; "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)


# The German day and time range are written without Babel (start-up speed,
# see the module docstring); they must stay exactly what Babel gives.

def _babel_day(day: date, lang: str) -> str:
    from babel.dates import format_date

    return format_date(day, lf._day_pattern(lang, "wide"), locale=lf.locale_for(lang))


def test_german_day_without_babel_is_babels_for_two_whole_years():
    from datetime import timedelta

    first = date(2027, 1, 1)    # 2028 is a leap year: 29 February included
    for offset in range(731):
        day = first + timedelta(days=offset)
        assert lf.format_day(day, "de") == _babel_day(day, "de"), day


def test_german_time_range_without_babel_is_babels():
    from babel.dates import format_interval

    german = lf.locale_for("de")
    starts = [time(h, m) for h in range(24) for m in range(0, 60, 13)]
    ends = [time(h, m) for h in range(24) for m in range(0, 60, 17)] + [time(23, 59)]
    for start in starts:
        for end in ends:
            expected = format_interval(start, end, "Hm", locale=german)
            assert lf.format_time_range(start, end, "de") == expected, (start, end)


def test_german_time_range_edge_cases_match_babel():
    from babel.dates import format_interval

    german = lf.locale_for("de")
    cases = [
        (time(9, 0), time(9, 0)),                  # one moment: a single time in CLDR
        (time(9, 5, 30), time(9, 5, 59)),          # equal to the minute
        (time(18, 0), time(9, 0)),                 # across midnight
        (datetime(2026, 11, 24, 8, 0, tzinfo=timezone.utc),    # aware: Marl time
         datetime(2026, 11, 24, 16, 30, tzinfo=timezone.utc)),
    ]
    for start, end in cases:
        expected = format_interval(lf._wall_time(start), lf._wall_time(end), "Hm", locale=german)
        assert lf.format_time_range(start, end, "de") == expected


def test_babel_is_not_loaded_for_the_home_screens_german_texts():
    code = ("import sys; from datetime import date, time; import kiosk.locale_format as lf; "
            "lf.format_day(date(2026, 11, 24), 'de'); lf.format_time_range(time(9), time(18), 'de'); "
            "lf.is_rtl('ar'); "
            "bad = [m for m in sys.modules if m == 'babel' or m.startswith('babel.')]; "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)
