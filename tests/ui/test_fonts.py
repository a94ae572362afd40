"""Fonts: the right files are registered, a missing font falls back (and
says so), and NO visible string of any language shows tofu.

"Every visible string" today means: the German source strings marked with
``_()`` in ``kiosk/`` (.py and .kv, extracted with Babel exactly as the
catalogs will be), every translation in compiled catalogs under
``kiosk/locale`` once they exist, everything the shipped configuration
shows (offers, wish topics, "Das sind wir", consent, in every language it
has), what :mod:`kiosk.locale_format` writes for a whole year of dates,
times and numbers in all five languages, the language names, and sample
sentences per language (Turkish ğ ş ı İ ç, Ukrainian ї є ґ, Arabic, and a
mixed Arabic line with "Hüls-Süd" and digits).

Two independent checks:

* the font each character is actually drawn with (after the bidi runs are
  cut: ``BidiLabel.runs``) has it in its ``cmap``;
* pixels: every distinct character, drawn by Kivy's text provider with its
  chosen font, does not look like that font's ``.notdef`` box — and the
  test first proves that this comparison does catch tofu.
"""

from __future__ import annotations

import dataclasses
import gettext
import logging
from collections.abc import Mapping
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from kivy.core.text import Label as CoreLabel

from kiosk import locale_format as lf
from kiosk.config import Localized, load_config
from kiosk.ui import fonts
from kiosk.ui.fonts import ARABIC_FONT_NAME, FALLBACK_FONT_NAME, FONT_CHAIN, FONT_NAME
from kiosk.ui.widgets.bidi_label import BidiLabel

ROOT = Path(__file__).resolve().parents[2]
NOTO_DIR = Path("/usr/share/fonts/truetype/noto")

SAMPLES = {
    "de": ["Schöne Grüße aus Hüls-Süd! Äpfel, Öl, Übermut, Straße – „Frühstückstreff“ 15:00 €"],
    "en": ["What do you wish for in Hüls-Süd? Sign up – it’s free!"],
    "tr": ["Güzel bir gün: ğ ş ı İ ç ö ü Ğ Ş Ç Ö Ü – Perşembe, Kasım"],
    "uk": ["Ласкаво просимо! Їжак, єнот, ґанок, ї є ґ І і Ї Є Ґ — вівторок, листопада"],
    "ar": [
        "مرحبا في Hüls-Süd ١٢:٣٠",
        "أهلاً وسهلاً في مكتب الحي (Hüls-Süd)! نفتح الساعة 15:00، الثلاثاء ٢٤ نوفمبر. ما رأيك؟ ٪ ٫ ٬",
    ],
}


# --------------------------------------------------------------------------- #
# Collecting the visible strings
# --------------------------------------------------------------------------- #

def source_strings() -> list[str]:
    """German msgids of ``_()`` calls in kiosk/ (.py and .kv)."""
    found: set[str] = set()
    method_map = [("**.py", "python"), ("**.kv", "python")]
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT / "kiosk"), method_map=method_map, keywords={"_": None}):
        for text in (message if isinstance(message, tuple) else (message,)):
            if text:
                found.add(text)
    return sorted(found)


def catalog_strings() -> dict[str, list[str]]:
    """Translations from compiled catalogs (kiosk/locale/<lang>/LC_MESSAGES/kiosk.mo)."""
    result: dict[str, list[str]] = {}
    for mo in sorted((ROOT / "kiosk" / "locale").glob("*/LC_MESSAGES/*.mo")):
        with mo.open("rb") as fh:
            catalog = gettext.GNUTranslations(fh)
        lang = mo.parts[-3]
        result[lang] = [v for v in catalog._catalog.values() if isinstance(v, str) and v]  # noqa: SLF001
    return result


def config_strings() -> list[str]:
    """Every text of the shipped configuration, in every language it has."""
    out: list[str] = []

    def walk(value) -> None:
        if isinstance(value, str):
            if value:
                out.append(value)
        elif isinstance(value, Localized):
            out.extend(v for v in value.values.values() if v)
        elif dataclasses.is_dataclass(value):
            for field in dataclasses.fields(value):
                walk(getattr(value, field.name))
        elif isinstance(value, Mapping):
            for v in value.values():
                walk(v)
        elif isinstance(value, (tuple, list, frozenset, set)):
            for v in value:
                walk(v)

    walk(load_config(ROOT / "config"))
    return out


def formatted_strings(lang: str) -> list[str]:
    """What locale_format writes in ``lang`` over a whole year."""
    out = [lf.language_name(lang)]
    day = date(2026, 1, 1)
    while day.year == 2026:
        out.append(lf.format_day(day, lang))
        out.append(lf.format_day(day, lang, "short"))
        day += timedelta(days=1)
    for weekday in range(7):
        out += [lf.format_weekday(weekday, lang), lf.format_weekday(weekday, lang, "abbreviated")]
    for minute in range(0, 24 * 60, 30):
        t = time(minute // 60, minute % 60)
        out.append(lf.format_time(t, lang))
        out.append(lf.format_time_range(t, time(23, 59), lang))
    out += [lf.format_number(n, lang) for n in (0, 7, 1234.5, -3, 1_000_000)]
    return out


def all_visible_strings() -> dict[str, list[str]]:
    strings = {lang: list(SAMPLES[lang]) + formatted_strings(lang) for lang in lf.LANGUAGES}
    strings["de"] += source_strings() + config_strings()
    for lang, texts in catalog_strings().items():
        strings.setdefault(lang, []).extend(texts)
    return {lang: sorted(set(texts)) for lang, texts in strings.items()}


@pytest.fixture(scope="module")
def visible() -> dict[str, list[str]]:
    strings = all_visible_strings()
    assert len(strings["de"]) > 300, "the source strings were not found"
    return strings


# --------------------------------------------------------------------------- #
# Registration
# --------------------------------------------------------------------------- #

def test_kiosk_fonts_are_registered_with_kivy():
    from kivy.core.text import LabelBase

    registered = fonts.ensure_registered()
    assert set(registered) == set(FONT_CHAIN)
    for name in FONT_CHAIN:
        assert name in LabelBase._fonts  # noqa: SLF001
        regular, _italic, bold, _bold_italic = LabelBase._fonts[name]  # noqa: SLF001
        assert Path(regular).is_file() and Path(bold).is_file()


@pytest.mark.skipif(not (NOTO_DIR / "NotoSans-Regular.ttf").is_file(),
                    reason="fonts-noto-core is not installed (see the README set-up)")
def test_noto_from_debian_is_preferred():
    chosen = fonts.find_fonts()
    assert chosen[FONT_NAME].regular == str(NOTO_DIR / "NotoSans-Regular.ttf")
    assert chosen[FONT_NAME].bold == str(NOTO_DIR / "NotoSans-Bold.ttf")
    assert chosen[ARABIC_FONT_NAME].regular == str(NOTO_DIR / "NotoSansArabic-Regular.ttf")
    assert chosen[ARABIC_FONT_NAME].bold == str(NOTO_DIR / "NotoSansArabic-Bold.ttf")
    assert {f.source for f in chosen.values()} == {"system"}


def test_missing_fonts_fall_back_to_kivys_and_say_so(tmp_path, caplog):
    try:
        with caplog.at_level(logging.WARNING, logger="kiosk.fonts"):
            chosen = fonts.register_fonts(search_dirs=[tmp_path])
        assert Path(chosen[FONT_NAME].regular).name == "Roboto-Regular.ttf"
        assert Path(chosen[ARABIC_FONT_NAME].regular).name == "DejaVuSans.ttf"
        assert {f.source for f in chosen.values()} == {"kivy"}
        warnings = [r.getMessage() for r in caplog.records]
        assert len(warnings) == 3
        assert all("fonts-noto-core" in w for w in warnings)
        # Still no tofu: Kivy's DejaVu Sans has Arabic.
        assert fonts.missing_glyphs("مرحبا في Hüls-Süd ١٢:٣٠ ğ ї") == ""
    finally:
        fonts.register_fonts()
    assert fonts.registered_fonts()[FONT_NAME].source == fonts.find_fonts()[FONT_NAME].source


def test_font_env_dir_is_searched_first(tmp_path, monkeypatch):
    fake = tmp_path / "NotoSans-Regular.ttf"
    fake.write_bytes((Path(fonts.find_fonts()[FALLBACK_FONT_NAME].regular)).read_bytes())
    monkeypatch.setenv("KIOSK_FONT_DIR", str(tmp_path))
    assert fonts.find_fonts()[FONT_NAME].regular == str(fake)


# --------------------------------------------------------------------------- #
# Coverage
# --------------------------------------------------------------------------- #

def test_cmap_reader_knows_what_each_font_has():
    assert fonts.covers(FONT_NAME, "ğ") and fonts.covers(FONT_NAME, "ї")
    assert fonts.covers(ARABIC_FONT_NAME, "م") and fonts.covers(ARABIC_FONT_NAME, "١")
    if fonts.registered_fonts()[FONT_NAME].source == "system":
        # The reason for the font chain: neither Noto font has the other's letters.
        assert not fonts.covers(FONT_NAME, "م")
        assert not fonts.covers(ARABIC_FONT_NAME, "H")
        assert not fonts.covers(ARABIC_FONT_NAME, "ü")
    assert fonts.font_for_char("H") == FONT_NAME
    assert fonts.font_for_char("م") == ARABIC_FONT_NAME
    assert fonts.font_for_char("✓") == FALLBACK_FONT_NAME
    assert fonts.font_for_char(" ", prefer=ARABIC_FONT_NAME) == ARABIC_FONT_NAME
    assert fonts.font_for_char("1", prefer=ARABIC_FONT_NAME) == ARABIC_FONT_NAME
    assert fonts.font_for_char("a", prefer=FALLBACK_FONT_NAME) == FONT_NAME   # letters: first font


def _pixels(text: str, font: str, bold: bool = False) -> tuple[tuple[int, int], bytes]:
    """Draw ``text`` with Kivy's text provider (no window needed): size and
    alpha bytes of the result."""
    core = CoreLabel(text=text, font_name=font, font_size=32, bold=bold, color=(0, 0, 0, 1))
    core.resolve_font_name()
    size = core.render()
    core._size = size  # noqa: SLF001 - Kivy's provider API, as MarkupLabel uses it
    lines = core._cached_lines  # noqa: SLF001
    core._render_begin()  # noqa: SLF001
    core.render_lines(lines, core._default_line_options(lines), core._render_text, 0, size)  # noqa: SLF001
    data = core._render_end()  # noqa: SLF001
    return (data.width, data.height), bytes(data.data[3::4])


_NOT_IN_ANY_FONT = "\U0010fffd"   # plane-16 private use: no font maps it


def _is_notdef(ch: str, font: str, bold: bool = False) -> bool:
    return _pixels(ch, font, bold) == _pixels(_NOT_IN_ANY_FONT, font, bold)


def test_notdef_comparison_catches_tofu():
    """The pixel check works: a character a font lacks draws exactly that
    font's .notdef box; one it has does not."""
    assert _pixels(_NOT_IN_ANY_FONT, FONT_NAME)[1].strip(b"\0"), ".notdef should have ink"
    assert _is_notdef("م", FONT_NAME) == (not fonts.covers(FONT_NAME, "م"))
    assert _is_notdef("H", ARABIC_FONT_NAME) == (not fonts.covers(ARABIC_FONT_NAME, "H"))
    assert not _is_notdef("م", ARABIC_FONT_NAME)
    assert not _is_notdef("H", FONT_NAME)


@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
def test_no_visible_string_has_a_character_no_font_can_draw(visible, bold):
    problems = {}
    for lang, texts in visible.items():
        missing = fonts.missing_glyphs("".join(texts), FONT_CHAIN, bold)
        if missing:
            problems[lang] = [f"U+{ord(c):04X} {c}" for c in missing]
    assert not problems


@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
def test_every_run_is_drawn_with_a_font_that_has_its_glyphs(visible, bold):
    """Render every visible string as the screens will (BidiLabel, in its
    language) and check each character against the font it is actually
    drawn with; then compare each distinct (character, font) pair's pixels
    with that font's .notdef box."""
    drawn_with: dict[tuple[str, str], str] = {}
    problems = []
    label = BidiLabel(font_size=32, bold=bold, text_size=(1200, None))
    for lang, texts in visible.items():
        label.lang = lang
        for text in texts:
            label.text = text
            label.texture_update()
            if label.uses_runs:
                pieces = [(p.run.text, p.run.font) for p in label.runs]
            else:
                pieces = [(text, label.font_name)]
            for piece, font in pieces:
                for ch in piece:
                    if ch in "\n\t" or ch.isspace() and fonts.covers(font, ch, bold):
                        continue
                    drawn_with[(ch, font)] = lang
                    if not fonts.covers(font, ch, bold):
                        problems.append(f"{lang}: U+{ord(ch):04X} {ch!r} in {font} ({text[:40]!r})")
    assert not problems, "\n".join(problems[:30])
    assert len(drawn_with) > 150
    tofu = [f"U+{ord(ch):04X} {ch} ({font})" for (ch, font) in drawn_with
            if not ch.isspace() and _is_notdef(ch, font, bold)]
    assert not tofu


def test_a_character_no_font_has_is_logged_by_code_point_only(caplog):
    from kiosk.ui.widgets import bidi_label

    bidi_label._warned_missing.discard(_NOT_IN_ANY_FONT)  # noqa: SLF001
    secret = "Anna Beispiel"
    with caplog.at_level(logging.WARNING, logger="kiosk.ui.bidi"):
        label = BidiLabel(text=f"{secret} {_NOT_IN_ANY_FONT}", font_size=30)
        label.texture_update()
        label.texture_update()     # warned once, not per redraw
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 1 and "U+10FFFD" in messages[0]
    assert secret not in messages[0]    # no visitor text in the logs
