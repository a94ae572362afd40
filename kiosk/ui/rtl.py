"""Right-to-left text for Kivy 2.3.1: what to hand the text provider so that
what appears on screen is right.  Pure Python (python-bidi), no Kivy.

What Kivy 2.3.1's SDL2 text provider does (measured with its wheels, which
carry SDL2_ttf 2.22 with HarfBuzz; details in ``docs/translating.md``):

* ``font_direction`` and ``font_script_name`` are passed to
  ``TTF_SetFontDirection`` / ``TTF_SetFontScriptName`` just before each
  ``TTF_RenderUTF8_Blended`` call.  SDL2_ttf shapes the WHOLE string as one
  HarfBuzz buffer in that one direction and script.  There is no
  bidirectional algorithm: with ``'rtl'`` every character runs right to
  left, so Arabic letters come out right (joined, right to left) but
  "Hüls-Süd" is drawn "düS-slüH" and "١٢" is drawn "٢١"; HarfBuzz also
  mirrors brackets ("(a<b)" → "(b>a)").  With ``'ltr'`` an Arabic word is
  drawn backwards.
* Joining needs the script ``'Arab'``.  SDL2_ttf fonts are cached and
  shared per (file, size, bold, italic, …) by every label; an invalid
  script name (the core Label's default ``'Latin'``) is rejected silently
  and the font keeps the previous user's script.
* Text is measured (``TTF_SizeUTF8``) BEFORE the label's direction and
  script are applied, i.e. with the previous user's settings: a joined
  Arabic word may be measured unjoined (too wide) or the other way round
  (clipped).
* ``halign: 'auto'`` is left for SDL2 (only Pango detects the direction);
  markup splits the text into words at spaces and places them left to
  right; ``TextInput`` does not shape at all.

So we do the Unicode bidirectional algorithm (UBA) ourselves, per line:

1. :func:`wrap_logical` breaks the logical text (reading order) into lines
   that fit, using the caller's ``measure``.
2. :func:`bidi_levels` resolves every character's embedding level with
   python-bidi (its Rust engine, which handles bracket pairs), and
   :func:`visual_order` reorders the line (UBA rules L1, L2) — the same
   order python-bidi's ``get_display`` gives.
3. :func:`shaping_runs` cuts the reordered line into runs of one direction
   (level parity), one script and one font.  An RTL run is handed to
   SDL2_ttf in READING order with ``font_direction='rtl'`` and script
   ``'Arab'``: HarfBuzz joins the letters, draws them right to left and
   mirrors brackets (UBA rule L4), which is exactly the visual order.  An
   LTR run (Latin, Cyrillic, digits, …) is handed over as it appears.  The
   runs are drawn left to right next to each other.

The widget doing this is :class:`kiosk.ui.widgets.bidi_label.BidiLabel`.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Literal, Sequence

from bidi import get_display
from bidi.mirror import MIRRORED

__all__ = (
    "Direction",
    "Run",
    "VisualLine",
    "is_rtl_char",
    "has_rtl",
    "first_strong_direction",
    "paragraph_direction",
    "wrap_logical",
    "bidi_levels",
    "visual_order",
    "to_visual",
    "layout_lines",
    "visual_lines",
    "shaping_runs",
    "measuring_runs",
    "script_of",
    "mirror_halign",
)

log = logging.getLogger("kiosk.ui.rtl")

Direction = Literal["ltr", "rtl"]
Measure = Callable[[str], float]
#: ``font_for(ch, preferred) -> font name``
FontFor = Callable[[str, "str | None"], str]

_RTL_CLASSES = frozenset({"R", "AL"})
_LTR_CLASSES = frozenset({"L"})
# Characters that go with their neighbours when runs are cut by character
# class: combining marks (harakat) and invisible joiners (ZWJ/ZWNJ are BN).
_ATTACHING_CLASSES = frozenset({"NSM", "BN"})

_SCRIPT_PREFIXES = (
    ("ARABIC", "Arab"),
    ("LATIN", "Latn"),
    ("CYRILLIC", "Cyrl"),
    ("GREEK", "Grek"),
    ("HEBREW", "Hebr"),
)


def is_rtl_char(ch: str) -> bool:
    """A strong right-to-left character (Arabic, Hebrew, …)."""
    return unicodedata.bidirectional(ch) in _RTL_CLASSES


def has_rtl(text: str) -> bool:
    """Whether ``text`` contains any right-to-left letter."""
    return any(unicodedata.bidirectional(ch) in _RTL_CLASSES for ch in text)


def first_strong_direction(text: str) -> Direction | None:
    """The direction of the first strong letter (Unicode rules P2/P3), or
    ``None`` when there is none (only digits, punctuation, spaces)."""
    for ch in text:
        cls = unicodedata.bidirectional(ch)
        if cls in _RTL_CLASSES:
            return "rtl"
        if cls in _LTR_CLASSES:
            return "ltr"
    return None


def paragraph_direction(text: str, fallback: Direction = "ltr") -> Direction:
    """The base direction of a paragraph: its first strong letter decides,
    ``fallback`` (the UI language's direction) when it has none — what
    Android calls "first strong" text direction."""
    return first_strong_direction(text) or fallback


def script_of(ch: str) -> str | None:
    """ISO 15924 tag for the letter or mark ``ch`` (``'Arab'``, ``'Latn'``,
    ``'Cyrl'``, ``'Grek'``, ``'Hebr'``); ``None`` for digits, punctuation,
    spaces and anything else (they take the script of their run)."""
    if not unicodedata.category(ch).startswith(("L", "M")):
        return None
    name = unicodedata.name(ch, "")
    for prefix, tag in _SCRIPT_PREFIXES:
        if name.startswith(prefix):
            return tag
    return None


def mirror_halign(halign: str, rtl: bool) -> str:
    """``'left'`` ↔ ``'right'`` when ``rtl``, for layouts that mirror in a
    right-to-left UI; other values unchanged."""
    if not rtl:
        return halign
    return {"left": "right", "right": "left"}.get(halign, halign)


# --------------------------------------------------------------------------- #
# 1. Wrapping in reading order
# --------------------------------------------------------------------------- #

def _break_word(word: str, width: float, measure: Measure) -> list[str]:
    """Split a word longer than ``width`` into pieces that fit, never
    separating a combining mark from its letter."""
    pieces: list[str] = []
    current = ""
    for ch in word:
        candidate = current + ch
        if current and measure(candidate) > width and not unicodedata.combining(ch):
            pieces.append(current)
            current = ch
        else:
            current = candidate
    if current:
        pieces.append(current)
    return pieces


def wrap_logical(paragraph: str, width: float | None, measure: Measure) -> list[str]:
    """Greedy word wrap of one paragraph (no newlines) in reading order.

    Breaks at spaces; a word wider than ``width`` on its own is broken
    between characters.  ``width=None`` means no wrapping.  Returns at least
    one (possibly empty) line; spaces at a break are dropped."""
    if width is None:
        return [paragraph.strip(" ")]
    words = [w for w in paragraph.split(" ") if w]
    # Widths are summed per word (letters join only inside a word), which
    # keeps wrapping linear; each finished line is then measured as a
    # whole and gives back words until it really fits.
    word_width: dict[str, float] = {}

    def width_of(word: str) -> float:
        if word not in word_width:
            word_width[word] = measure(word)
        return word_width[word]

    space = measure(" ") if words else 0.0
    lines: list[list[str]] = []
    current: list[str] = []
    current_w = 0.0
    for word in words:
        w = width_of(word)
        if current and current_w + space + w <= width:
            current.append(word)
            current_w += space + w
            continue
        if current:
            lines.append(current)
        if w <= width:
            current, current_w = [word], w
        else:
            *full, last = _break_word(word, width, measure)
            lines.extend([piece] for piece in full)
            current, current_w = [last], measure(last)
    lines.append(current)
    return _settle(lines, width, measure)


def _settle(lines: list[list[str]], width: float, measure: Measure) -> list[str]:
    """Move trailing words to the next line while a line, measured as a
    whole, is wider than ``width`` (a line of one word stays)."""
    out: list[str] = []
    pending = [list(line) for line in lines]
    i = 0
    while i < len(pending):
        line = pending[i]
        while len(line) > 1 and measure(" ".join(line)) > width:
            moved = line.pop()
            if i + 1 == len(pending):
                pending.append([])
            pending[i + 1].insert(0, moved)
        out.append(" ".join(line))
        i += 1
    return out


# --------------------------------------------------------------------------- #
# 2. Levels and visual order
# --------------------------------------------------------------------------- #

_LEVELS_BLOCK = re.compile(r"\blevels: \[(.*?)\]\s*,\s*paragraphs", re.S)
_LEVEL = re.compile(r"Level\(\s*(\d+)\s*,?\s*\)")
_warned_levels = False


def bidi_levels(line: str, base: Direction) -> list[int] | None:
    """The resolved embedding level of every character of ``line`` (UBA up
    to rule I2; even = left to right, odd = right to left), or ``None`` if
    python-bidi did not report them.

    python-bidi 0.6 exposes its Rust engine's result only through
    ``get_display(debug=True)``, a debug dump of ``unicode_bidi::BidiInfo``
    with one level per UTF-8 byte; we read it from there.  Should a future
    python-bidi change that dump, this returns ``None`` (logged once) and
    the caller falls back to cutting runs by character class."""
    global _warned_levels
    if not line:
        return []
    dump = get_display(line, base_dir="R" if base == "rtl" else "L", debug=True)
    block = _LEVELS_BLOCK.search(dump) if isinstance(dump, str) else None
    per_byte = [int(v) for v in _LEVEL.findall(block.group(1))] if block else []
    encoded_lengths = [len(ch.encode("utf-8")) for ch in line]
    if len(per_byte) != sum(encoded_lengths):
        if not _warned_levels:
            _warned_levels = True
            log.warning("rtl: python-bidi did not report embedding levels; "
                        "falling back to character classes (brackets are not mirrored)")
        return None
    levels: list[int] = []
    offset = 0
    for length in encoded_lengths:
        levels.append(per_byte[offset])
        offset += length
    return levels


def _line_levels(line: str, levels: Sequence[int], base: Direction) -> list[int]:
    """UBA rule L1: segment separators, and whitespace before them or at the
    end of the line, go back to the paragraph level."""
    base_level = 1 if base == "rtl" else 0
    out = list(levels)
    trailing = True
    for i in range(len(line) - 1, -1, -1):
        cls = unicodedata.bidirectional(line[i])
        if cls in ("S", "B"):
            out[i] = base_level
            trailing = True
        elif trailing and cls in ("WS", "FSI", "LRI", "RLI", "PDI", "BN"):
            out[i] = base_level
        else:
            trailing = False
    return out


def visual_order(levels: Sequence[int]) -> list[int]:
    """UBA rule L2: the logical index of each visual position, left to
    right: from the highest level down to the lowest odd level, reverse
    every sequence at that level or higher."""
    order = list(range(len(levels)))
    if not levels:
        return order
    highest = max(levels)
    odd = [lv for lv in levels if lv % 2]
    if not odd:
        return order
    lowest_odd = min(odd)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        n = len(order)
        while i < n:
            if levels[order[i]] >= level:
                j = i
                while j < n and levels[order[j]] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return order


def to_visual(line: str, base: Direction) -> str:
    """One line as it appears, left to right: reordered (rules L1-L2) and
    with brackets in right-to-left runs mirrored (rule L4)."""
    if not line:
        return line
    levels = bidi_levels(line, base)
    if levels is None:
        return get_display(line, base_dir="R" if base == "rtl" else "L")
    levels = _line_levels(line, levels, base)
    return "".join(MIRRORED.get(line[i], line[i]) if levels[i] % 2 else line[i]
                   for i in visual_order(levels))


@dataclass(frozen=True)
class VisualLine:
    """One laid-out line: ``logical`` (reading order), ``visual`` (as it
    appears, left to right) and its paragraph's ``base`` direction."""

    logical: str
    visual: str
    base: Direction


def layout_lines(text: str, width_px: float | None, measure: Measure,
                 base: Direction | None = None, fallback: Direction = "ltr") -> list[VisualLine]:
    """Wrap ``text`` (paragraphs separated by ``\\n``) to ``width_px`` and put
    every line into visual order.  ``base`` forces the paragraph direction;
    ``None`` lets each paragraph's first strong letter decide, with
    ``fallback`` when it has none."""
    result: list[VisualLine] = []
    for paragraph in text.replace("\r\n", "\n").split("\n"):
        direction = base or paragraph_direction(paragraph, fallback)
        for line in wrap_logical(paragraph, width_px, measure):
            result.append(VisualLine(line, to_visual(line, direction), direction))
    return result


def visual_lines(text: str, width_px: float | None, measure: Measure,
                 base: Direction | None = None, fallback: Direction = "ltr") -> list[str]:
    """The lines of ``text`` wrapped to ``width_px`` (pixels, as ``measure``
    counts them), each as it appears on screen, left to right: wrapped in
    reading order first, then the bidirectional algorithm per line."""
    return [line.visual for line in layout_lines(text, width_px, measure, base, fallback)]


# --------------------------------------------------------------------------- #
# 3. Runs for the text provider
# --------------------------------------------------------------------------- #

@dataclass(frozen=True)
class Run:
    """A piece of a line that one text-provider call draws.

    ``text`` is what to hand to SDL2_ttf: in reading order, drawn with
    ``font_direction = direction`` and ``font_script_name = script``.  For
    an RTL run SDL2_ttf/HarfBuzz draw it right to left and mirror its
    brackets, so it appears as :attr:`visual`."""

    text: str
    rtl: bool
    script: str
    font: str | None = None

    @property
    def direction(self) -> Direction:
        return "rtl" if self.rtl else "ltr"

    @property
    def visual(self) -> str:
        """How the run appears, left to right."""
        if not self.rtl:
            return self.text
        return "".join(MIRRORED.get(ch, ch) for ch in reversed(self.text))


def _cut(chars: Sequence[str], rtl_flags: Sequence[bool], font_for: FontFor | None) -> list[Run]:
    """Cut a sequence (in visual order) into runs of one direction, one
    script and one font; RTL runs get their characters back in reading
    order."""
    runs: list[Run] = []
    buf: list[str] = []
    cur_rtl = False
    cur_script: str | None = None
    cur_font: str | None = None

    def flush() -> None:
        if buf:
            script = cur_script or ("Arab" if cur_rtl and any(is_rtl_char(c) for c in buf) else "Zyyy")
            text = "".join(reversed(buf)) if cur_rtl else "".join(buf)
            runs.append(Run(text, cur_rtl, script, cur_font))

    for ch, rtl in zip(chars, rtl_flags):
        script = script_of(ch)
        font = font_for(ch, cur_font if buf else None) if font_for is not None else None
        same = (
            buf
            and rtl == cur_rtl
            and font == cur_font
            and (script is None or cur_script is None or script == cur_script)
        )
        if not same:
            flush()
            buf = []
            cur_rtl, cur_script, cur_font = rtl, script, font
        elif cur_script is None:
            cur_script = script
        buf.append(ch)
    flush()
    return runs


def _class_flags(chars: Sequence[str], visual: bool) -> list[bool]:
    """Fallback direction per character when levels are unknown: strong RTL
    letters are RTL; marks and joiners go with the letter they attach to
    (in visual order of an RTL run the mark stands left of its letter);
    spaces between RTL letters stay RTL."""
    classes = [unicodedata.bidirectional(ch) for ch in chars]
    flags: list[bool | None] = [
        True if c in _RTL_CLASSES else (None if c in _ATTACHING_CLASSES else False)
        for c in classes
    ]
    n = len(chars)
    for i in range(n):
        if flags[i] is None:
            j = i + 1
            while j < n and flags[j] is None:
                j += 1
            after = flags[j] if j < n else None
            before = flags[i - 1] if i > 0 else None
            if visual:
                flags[i] = True if after is True else bool(before)
            else:
                flags[i] = bool(before) if before is not None else bool(after)
    for i in range(n):
        if classes[i] == "WS" and not flags[i]:
            j = i
            while j < n and classes[j] == "WS":
                j += 1
            if i > 0 and flags[i - 1] and j < n and flags[j]:
                for k in range(i, j):
                    flags[k] = True
    return [bool(f) for f in flags]


def shaping_runs(line: str, base: Direction, font_for: FontFor | None = None) -> list[Run]:
    """The runs of one LOGICAL line, left to right as they appear.

    ``font_for(ch, preferred)`` names the font for a character, preferring
    the font of the run it would continue (so a space or digit stays in the
    font around it); without it ``Run.font`` stays ``None``."""
    if not line:
        return []
    levels = bidi_levels(line, base)
    if levels is None:
        visual = get_display(line, base_dir="R" if base == "rtl" else "L")
        return _cut(visual, _class_flags(visual, visual=True), font_for)
    levels = _line_levels(line, levels, base)
    order = visual_order(levels)
    return _cut([line[i] for i in order], [levels[i] % 2 == 1 for i in order], font_for)


def measuring_runs(line: str, font_for: FontFor | None = None) -> list[Run]:
    """Runs of a logical line for MEASURING it: cut by character class in
    reading order, without the bidirectional algorithm (a line's width
    does not depend on the order of its runs, only on each run's shaping),
    so wrapping stays cheap."""
    if not line:
        return []
    flags = _class_flags(line, visual=False)
    runs = _cut(line, flags, font_for)
    # _cut reverses RTL runs (it expects visual order); undo that here.
    return [Run(r.text[::-1], r.rtl, r.script, r.font) if r.rtl else r for r in runs]
