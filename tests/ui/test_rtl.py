"""Arabic, right to left: the bidirectional algorithm per line, the runs we
hand to Kivy's text provider, and what actually appears on screen.

Three kinds of proof:

* pure tests of :mod:`kiosk.ui.rtl` (visual order of mixed phrases: Arabic
  + digits + a Latin name + punctuation + brackets; wrapping keeps the
  paragraph direction; our reordering equals python-bidi's);
* characterisation of Kivy 2.3.1 itself (what ``font_direction='rtl'``
  does to Latin and digits, and that our font state is restored);
* pixels: a :class:`BidiLabel` of "مرحبا في Hüls-Süd ١٢:٣٠" is searched
  for reference renders of its pieces (template matching on the grabbed
  screen): they must be there, un-reversed, in right-to-left order; and
  the shaped Arabic word must match the expected rendering built from the
  Unicode presentation forms (joined glyphs, right order) and not the
  isolated letters.

Screenshots of sample labels are written to the screenshot directory.
"""

from __future__ import annotations

import unicodedata

import pytest
from bidi import get_display
from hypothesis import given, settings
from hypothesis import strategies as st
from kivy.core.text import Label as CoreLabel
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.label import Label
from PIL import Image, ImageChops, ImageFilter, ImageStat

from kiosk import i18n
from kiosk.ui import rtl, theme
from kiosk.ui.fonts import ARABIC_FONT_NAME, FONT_NAME
from kiosk.ui.widgets.bidi_label import BidiLabel, needs_run_layout

PHRASE = "مرحبا في Hüls-Süd ١٢:٣٠"
HELLO = "مرحبا"           # meem-initial, reh-final, hah-initial, beh-medial, alef-final
IN = "في"
NAME = "Hüls-Süd"
TIME = "١٢:٣٠"
INK = theme.PALETTE.ink
SIZE = 40


# --------------------------------------------------------------------------- #
# Pure: the bidirectional algorithm and the runs
# --------------------------------------------------------------------------- #

def test_mixed_phrase_in_visual_order():
    # Screen order left to right: the time, the Latin name (NOT reversed),
    # then the Arabic words with their letters reversed (read right to left).
    expected = f"{TIME} {NAME} {IN[::-1]} {HELLO[::-1]}"
    assert rtl.visual_lines(PHRASE, None, len) == [expected]


def test_mixed_phrase_runs_handed_to_the_provider():
    runs = rtl.shaping_runs(PHRASE, "rtl")
    assert [(r.text, r.direction, r.script) for r in runs] == [
        (TIME, "ltr", "Zyyy"),            # digits in their own order, drawn LTR
        (" ", "rtl", "Zyyy"),
        (NAME, "ltr", "Latn"),            # the name as typed
        (f"{HELLO} {IN} ", "rtl", "Arab"),  # Arabic in READING order: HarfBuzz joins and draws it RTL
    ]
    assert "".join(r.visual for r in runs) == rtl.to_visual(PHRASE, "rtl")


def test_first_strong_letter_decides_the_paragraph_direction():
    assert rtl.paragraph_direction(PHRASE) == "rtl"
    assert rtl.paragraph_direction("Hüls-Süd مرحبا") == "ltr"
    assert rtl.paragraph_direction("١٢:٣٠", fallback="rtl") == "rtl"
    assert rtl.paragraph_direction("12:30") == "ltr"
    assert rtl.first_strong_direction("12:30 !") is None


@pytest.mark.parametrize(
    "logical, base, visual",
    [
        # brackets around a Latin name inside Arabic keep their shape
        ("مرحبا (Hüls-Süd)!", "rtl", "!(Hüls-Süd) " + HELLO[::-1]),
        # an Arabic bracket pair after Latin text (UBA rule N0)
        ("a (b) مرحبا (ج)", "ltr", "a (b) (ج) " + HELLO[::-1]),
        # Arabic punctuation and a Western time
        ("نفتح الساعة 15:00، شكراً", "rtl", "شكراً"[::-1] + " ،15:00 ةعاسلا حتفن"),
        # guillemets are mirrored in RTL
        ("مرحبا «Hüls»", "rtl", "«Hüls» " + HELLO[::-1]),
        # an LTR sentence with an Arabic word: only the word turns
        ("Willkommen: مرحبا!", "ltr", "Willkommen: " + HELLO[::-1] + "!"),
    ],
)
def test_visual_order_of_mixed_phrases(logical, base, visual):
    assert rtl.to_visual(logical, base) == visual


def test_brackets_are_drawn_mirrored_by_harfbuzz_not_by_us():
    # The RTL run keeps "(" in reading order; SDL2_ttf/HarfBuzz mirror it
    # when drawing right to left, so its visual form is ")" → "(" swapped.
    runs = rtl.shaping_runs("مرحبا (Hüls-Süd)!", "rtl")
    texts = [(r.text, r.direction) for r in runs]
    assert ("Hüls-Süd", "ltr") in texts
    closing = next(r for r in runs if ")" in r.text)
    assert closing.rtl and closing.text == ")!" and closing.visual == "!("


def test_wrapped_lines_keep_their_paragraph_direction():
    text = f"مرحبا في مكتب الحي {NAME} {TIME}"
    lines = rtl.layout_lines(text, 20, len)
    assert [line.logical for line in lines] == ["مرحبا في مكتب الحي", f"{NAME} {TIME}"]
    # The second line starts with a Latin letter but belongs to an Arabic
    # paragraph: the time stays on its left (reading right to left: name, time).
    assert lines[1].base == "rtl"
    assert lines[1].visual == f"{TIME} {NAME}"
    # Reading order: the first word is at the right end of the first line.
    assert lines[0].visual.endswith(HELLO[::-1])


def test_wrap_breaks_an_overlong_word_but_keeps_marks_with_their_letter():
    word = "وسهلاً" * 3          # has a combining fathatan (U+064B)
    lines = rtl.wrap_logical(word, 5, len)
    assert "".join(lines) == word
    assert all(len(line) <= 6 for line in lines)
    assert not any(unicodedata.combining(line[0]) for line in lines)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="abcمرحب", min_size=1, max_size=9), min_size=1, max_size=12),
       st.integers(min_value=1, max_value=30))
def test_wrapped_lines_fit_and_keep_every_word(words, width):
    lines = rtl.wrap_logical(" ".join(words), width, len)
    assert "".join(lines).replace(" ", "") == "".join(words)     # nothing lost, order kept
    if all(len(w) <= width for w in words):
        assert " ".join(lines).split() == words                  # breaks only at spaces
    for line in lines:
        assert len(line) <= width


def test_a_line_that_is_wider_as_a_whole_gives_words_back():
    # Per-word widths say three words fit in 20, the whole line says no
    # (think kerning, or a space of another font): the last word moves down.
    def measure(s: str) -> float:
        return len(s) + (4 if s.count(" ") >= 2 else 0)

    assert rtl.wrap_logical("aaaa bbbb cccc dd", 16, measure) == ["aaaa bbbb", "cccc dd"]


def test_measuring_runs_keep_reading_order():
    runs = rtl.measuring_runs(f"{HELLO} {NAME}")
    assert runs[0].text.startswith(HELLO) and runs[0].rtl
    assert any(r.text.strip() == NAME and not r.rtl for r in runs)


# No tab: for a segment separator (rule L1) python-bidi's get_display and
# the UBA disagree ("Z\t1" in an RTL paragraph is "1\tZ" by L1 + L2, which
# rtl.py implements); kiosk labels never contain tabs.
_ALPHABET = list("ab Zü12(){}[]<>.,:;!?-+%#/«»€ ") + list("مرحبافيج١٢٣٠") + ["\u064e", "\u05d0"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, min_size=1, max_size=30), st.sampled_from(["ltr", "rtl"]))
def test_our_reordering_equals_python_bidi(text, base):
    levels = rtl.bidi_levels(text, base)
    assert levels is not None and len(levels) == len(text)
    order = rtl.visual_order(rtl._line_levels(text, levels, base))  # noqa: SLF001
    assert "".join(text[i] for i in order) == get_display(text, base_dir="R" if base == "rtl" else "L")
    # …and the runs cover every character exactly once, in that order.
    runs = rtl.shaping_runs(text, base)
    assert "".join(r.visual for r in runs) == rtl.to_visual(text, base)


def test_zero_width_non_joiner_stays_inside_the_arabic_run():
    word = "ب\u200cت"   # ZWNJ keeps the letters apart: shaping must see it
    runs = rtl.shaping_runs(word, "rtl")
    assert [(r.text, r.direction) for r in runs] == [(word, "rtl")]


def test_needs_run_layout():
    assert not needs_run_layout("Grüße aus Hüls-Süd", FONT_NAME, ui_rtl=False)
    assert needs_run_layout("Grüße aus Hüls-Süd", FONT_NAME, ui_rtl=True)
    assert needs_run_layout(HELLO, FONT_NAME, ui_rtl=False)
    assert needs_run_layout("Fertig ✓", FONT_NAME, ui_rtl=False)   # Noto Sans has no ✓


# --------------------------------------------------------------------------- #
# Pixels
# --------------------------------------------------------------------------- #

def ink(image: Image.Image) -> Image.Image:
    """Greyscale ink (0 = background, 255 = full ink), cropped to the ink."""
    background = Image.new("RGB", image.size, tuple(round(c * 255) for c in theme.PALETTE.background[:3]))
    diff = ImageChops.difference(image.convert("RGB"), background).convert("L")
    box = diff.point(lambda v: 255 if v > 40 else 0).getbbox()
    assert box is not None, "nothing was drawn"
    return diff.crop(box)


def _soft(image: Image.Image) -> Image.Image:
    """Slightly blurred: SDL2_ttf places glyphs with sub-pixel rounding that
    differs by a pixel between a right-to-left and a left-to-right draw of
    the same glyphs; the blur makes the comparison about shapes and order,
    not about single pixels."""
    return image.filter(ImageFilter.GaussianBlur(1.0))


def best_match(hay: Image.Image, needle: Image.Image) -> tuple[int, int, float]:
    """Where ``needle`` fits best into ``hay``: (x, y, mean abs difference
    of the softened images, 0 = identical … 255)."""
    hay, needle = _soft(hay), _soft(needle)
    hw, hh = hay.size
    nw, nh = needle.size
    assert nw <= hw and nh <= hh, f"template {needle.size} larger than image {hay.size}"
    best = (0, 0, 1e9)
    for y in range(hh - nh + 1):
        for x in range(hw - nw + 1):
            score = ImageStat.Stat(ImageChops.difference(hay.crop((x, y, x + nw, y + nh)), needle)).mean[0]
            if score < best[2]:
                best = (x, y, score)
    return best


def mean_difference(a: Image.Image, b: Image.Image, shift: int = 3) -> float:
    """Mean abs difference of two ink images (softened), at the best
    relative offset of up to ``shift`` pixels."""
    a, b = _soft(a), _soft(b)
    w, h = max(a.width, b.width) + 2 * shift, max(a.height, b.height) + 2 * shift
    pa = Image.new("L", (w, h))
    pa.paste(a, (shift, shift))
    best = 1e9
    for dx in range(-shift, shift + 1):
        for dy in range(-shift, shift + 1):
            pb = Image.new("L", (w, h))
            pb.paste(b, (shift + dx, shift + dy))
            best = min(best, ImageStat.Stat(ImageChops.difference(pa, pb)).mean[0])
    return best


def shown(render, grab, *labels) -> list[Image.Image]:
    """Render the labels stacked, grab each one's ink."""
    box = BoxLayout(orientation="vertical", padding=10, spacing=10)
    for label in labels:
        label.size_hint_y = None
        label.height = 80
        box.add_widget(label)
    render(box)
    return [ink(grab(label)) for label in labels]


def plain(text: str, font: str = FONT_NAME, **kw) -> Label:
    return Label(text=text, font_name=font, font_size=SIZE, color=INK, **kw)


def bidi(text: str, lang: str = "ar", **kw) -> BidiLabel:
    return BidiLabel(text=text, lang=lang, font_size=SIZE, color=INK, **kw)


def test_kivy_rtl_label_reverses_latin_and_digits(render, grab):
    """What Kivy 2.3.1 does on its own (the reason BidiLabel exists):
    font_direction='rtl' draws every character right to left."""
    name_rtl, name_rev, name_ok, time_rtl, time_rev, time_ok = shown(
        render, grab,
        plain(NAME, font_direction="rtl", font_script_name="Arab"),
        plain(NAME[::-1]),
        plain(NAME),
        plain(TIME, ARABIC_FONT_NAME, font_direction="rtl", font_script_name="Arab"),
        plain(TIME[::-1], ARABIC_FONT_NAME),
        plain(TIME, ARABIC_FONT_NAME),
    )
    # "Hüls-Süd" comes out as "düS-slüH" (identical pixels), "١٢:٣٠" as "٠٣:٢١".
    assert mean_difference(name_rtl, name_rev) < 2
    assert mean_difference(name_rtl, name_ok) > 20
    assert mean_difference(time_rtl, time_rev) < 0.5 * mean_difference(time_rtl, time_ok)


def test_bidi_label_draws_the_mixed_phrase_in_order(render, grab, screenshot):
    phrase = bidi(PHRASE)
    refs = dict(zip(
        ("phrase", "hello", "in", "name", "time", "name_reversed", "time_reversed"),
        shown(render, grab,
              phrase, bidi(HELLO), bidi(IN), plain(NAME), plain(TIME, ARABIC_FONT_NAME),
              plain(NAME[::-1]), plain(TIME[::-1], ARABIC_FONT_NAME)),
    ))
    screenshot("rtl/mixed_phrase.png")
    hay = refs["phrase"]
    found = {key: best_match(hay, refs[key]) for key in ("hello", "in", "name", "time")}
    for key, (_x, _y, score) in found.items():
        assert score < 3.0, f"{key!r} not found un-distorted in the phrase (score {score:.1f})"
    # Right to left: مرحبا (rightmost), في, Hüls-Süd, ١٢:٣٠ (leftmost).
    xs = {key: x for key, (x, _y, _s) in found.items()}
    assert xs["time"] < xs["name"] < xs["in"] < xs["hello"]
    # The reversed forms Kivy alone would draw are NOT there.
    assert best_match(hay, refs["name_reversed"])[2] > 20
    assert best_match(hay, refs["time_reversed"])[2] > 20
    # The label says what it did: runs left to right, Arabic handed over in reading order.
    assert phrase.uses_runs and phrase.direction == "rtl"
    assert [(p.run.text, p.run.direction) for p in phrase.runs if p.run.text.strip()] == [
        (TIME, "ltr"), (NAME, "ltr"), (f"{HELLO} {IN}", "rtl")]
    assert [p.x for p in phrase.runs] == sorted(p.x for p in phrase.runs)


def test_arabic_word_is_joined_like_its_presentation_forms(render, grab, screenshot):
    # Expected rendering of مرحبا: the contextual forms, in screen order
    # left to right: alef-final, beh-medial, hah-initial, reh-final, meem-initial.
    forms = "\ufe8e\ufe92\ufea3\ufeae\ufee3"
    isolated = "\u200c".join(HELLO)   # ZWNJ between letters: every letter stands alone
    shaped, expected, separate, backwards = shown(
        render, grab,
        bidi(HELLO),
        plain(forms, ARABIC_FONT_NAME, font_script_name="Zyyy"),
        bidi(isolated),
        plain(HELLO, ARABIC_FONT_NAME, font_script_name="Zyyy"),   # Kivy without help
    )
    screenshot("rtl/joining.png")
    # (measured: ~8 against the expected forms, >30 against the others; the
    # residue is one-pixel glyph placement, see _soft)
    to_expected = mean_difference(shaped, expected)
    assert to_expected < 12
    assert to_expected < 0.4 * mean_difference(shaped, separate)
    assert to_expected < 0.4 * mean_difference(shaped, backwards)
    # Joined letters are narrower than the same letters standing alone.
    assert shaped.width < 0.85 * separate.width


def test_arabic_text_is_right_aligned_and_latin_follows_the_ui(render, grab):
    width = 900
    labels = [
        bidi(PHRASE, "ar", text_size=(width, None), halign="auto"),
        bidi(NAME, "ar", text_size=(width, None)),       # Latin in an Arabic UI: right
        bidi(NAME, "de", text_size=(width, None)),       # Latin in a German UI: left
        bidi(HELLO, "de", text_size=(width, None)),      # an Arabic paragraph: right
        bidi(HELLO, "ar", text_size=(width, None), halign="center"),
    ]
    box = BoxLayout(orientation="vertical", padding=0, spacing=0)
    for label in labels:
        label.size_hint = (None, None)
        label.size = (width, 80)
        box.add_widget(label)
    render(box)
    edges = []
    for label in labels:
        image = grab(label)
        background = Image.new("RGB", image.size, tuple(round(c * 255) for c in theme.PALETTE.background[:3]))
        box_ = ImageChops.difference(image, background).convert("L").point(lambda v: 255 if v > 40 else 0).getbbox()
        edges.append((box_[0], width - box_[2]))
    (l0, r0), (l1, r1), (l2, r2), (l3, r3), (l4, r4) = edges
    assert r0 < 8 and l0 > 400
    assert r1 < 8 and l1 > 600
    assert l2 < 8 and r2 > 600
    assert r3 < 8 and l3 > 600
    assert abs(l4 - r4) < 8
    assert [lbl.direction for lbl in labels] == ["rtl", "rtl", "ltr", "rtl", "rtl"]


def test_long_arabic_text_wraps_in_reading_order(render, grab, screenshot):
    text = ("أهلاً وسهلاً في مكتب الحي Hüls-Süd! نفتح الساعة 15:00، "
            "ويمكنك التسجيل هنا للأنشطة القادمة.")
    label = bidi(text, text_size=(420, None), size_hint=(None, None), size=(420, 420))
    first_word = bidi("أهلاً")
    box = BoxLayout(padding=10)
    box.add_widget(label)
    box.add_widget(first_word)
    first_word.size_hint = (None, None)
    first_word.size = (300, 80)
    render(box)
    screenshot("rtl/wrapped.png")
    lines = sorted({p.line for p in label.runs})
    assert len(lines) >= 3
    assert label.texture_size[0] == 420
    for line in lines:
        runs = [p for p in label.runs if p.line == line]
        right = max(p.x + p.width for p in runs)
        assert right <= 420
        assert right >= 420 - 2, "each line is right-aligned"
    # The first word of the text is at the right end of the first line.
    top_line = [p for p in label.runs if p.line == 0]
    rightmost = max(top_line, key=lambda p: p.x)
    assert rightmost.run.text.startswith("أهلاً")
    hay = ink(grab(label))
    needle = ink(grab(first_word))
    x, y, score = best_match(hay.crop((0, 0, hay.width, min(hay.height, 70))), needle)
    assert score < 3.0 and x + needle.width >= hay.width - 3


def test_plain_text_in_a_ltr_ui_is_an_ordinary_label(render, grab):
    text = "Schöne Grüße aus Hüls-Süd: ğ ş ı İ ç, ї є ґ"
    ours, kivys = bidi(text, "de"), plain(text)
    a, b = shown(render, grab, ours, kivys)
    assert not ours.uses_runs and ours.direction == "ltr"
    assert mean_difference(a, b) == 0


def test_switching_language_redraws(render, grab, advance):
    label = bidi(NAME, "de", text_size=(600, None), size_hint=(None, None), size=(600, 80))
    render(label)
    assert label.direction == "ltr" and not label.uses_runs
    label.lang = "ar"
    advance(0.05)
    assert label.direction == "rtl" and label.uses_runs
    assert label.runs[0].x + label.runs[0].width == 600


def test_lang_defaults_to_the_current_language(render):
    try:
        i18n.set_language("ar")
        label = BidiLabel(text=NAME, font_size=SIZE)
        render(label)
        assert label.direction == "rtl"
    finally:
        i18n.set_language("de")


def test_symbols_the_text_font_lacks_come_from_the_fallback(render):
    label = bidi("Fertig ✓ Danke", "de")
    render(label)
    assert label.uses_runs
    assert [(p.run.text, p.run.font) for p in label.runs] == [
        ("Fertig ", FONT_NAME), ("✓ ", "KioskFallback"), ("Danke", FONT_NAME)]


def test_fonts_are_left_as_other_labels_expect_them():
    """SDL2_ttf measures with the state the last draw left in the shared
    font: after a BidiLabel drew Arabic, a plain measurement must see the
    pristine (left-to-right, no script) font again."""
    size = 37   # a size no other test uses, so the font starts pristine

    def width() -> int:
        core = CoreLabel(text=HELLO, font_name=ARABIC_FONT_NAME, font_size=size)
        core.resolve_font_name()
        return core.get_extents(HELLO)[0]

    before = width()
    label = BidiLabel(text=PHRASE, lang="ar", font_size=size)
    label.texture_update()
    assert label.uses_runs and label.texture_size[0] > 0
    assert width() == before


def test_gallery(render, screenshot):
    samples = [
        ("de", "Dienstag, 24. November · Schöne Grüße aus Hüls-Süd ✓"),
        ("tr", "24 Kasım Salı · Güzel: ğ ş ı İ ç"),
        ("uk", "вівторок, 24 листопада · ї є ґ"),
        ("ar", PHRASE),
        ("ar", "أهلاً وسهلاً في مكتب الحي (Hüls-Süd)! نفتح الساعة 15:00، الثلاثاء ٢٤ نوفمبر."),
        ("ar", "Kunterbuntes Chamäleon"),
    ]
    box = BoxLayout(orientation="vertical", padding=30, spacing=10)
    for lang, text in samples:
        box.add_widget(BidiLabel(text=text, lang=lang, font_size=34, color=INK, text_size=(1220, None)))
    box.add_widget(Label(text=PHRASE + "   ← Kivy alone", font_name=ARABIC_FONT_NAME, font_size=34,
                         color=INK, font_direction="rtl", font_script_name="Arab"))
    render(box)
    path = screenshot("rtl/gallery.png")
    assert path.is_file()
