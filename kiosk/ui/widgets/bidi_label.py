"""``BidiLabel``: a Label that draws Arabic right (joined letters, right to
left, digits and Latin names in the right order, right-aligned) and never
shows tofu.

Kivy 2.3.1's Label draws a whole line in one direction with one font (see
:mod:`kiosk.ui.rtl` for exactly what its SDL2 text provider does).  This
label keeps the normal Label for ordinary text and switches to its own
layout when it has to:

* the UI language is right-to-left (``lang``), or
* the text contains right-to-left letters, or
* the text has a character its ``font_name`` lacks (e.g. "✓" in Noto Sans).

Then it wraps the text itself in reading order, puts each line into visual
order with python-bidi, cuts it into runs of one direction, script and font
(:func:`kiosk.ui.rtl.shaping_runs`), and draws the runs next to each other
into one texture through Kivy's own text provider: Arabic runs in reading
order with ``font_direction='rtl'`` and script ``'Arab'`` (HarfBuzz joins
and draws them right to left), everything else left to right.  Each run's
font is the first of ``[font_name] + fallback_fonts`` that has its glyphs.

Supported in that mode: ``text``, ``font_name``, ``font_size``, ``bold``,
``italic``, ``underline``, ``strikethrough``, ``color``/``disabled_color``,
``halign``, ``valign``, ``text_size`` (wrapping), ``padding``,
``line_height``, ``max_lines``, ``base_direction``, ``font_hinting``,
``font_kerning``, ``font_blended``.  Not supported there (ignored):
``markup`` (a markup label always takes the plain path), ``shorten``,
``outline_width``, ``strip`` (lines are always stripped).

Alignment: ``halign: 'auto'`` (Label's default) means the start of the
line: right in a right-to-left UI; in a left-to-right UI the start of the
paragraph's own direction (an Arabic paragraph is right-aligned, as in a
browser with ``dir=auto``).  ``'left'``, ``'center'``, ``'right'`` are
taken literally.  ``'justify'`` behaves like ``'auto'``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from kivy.clock import Clock
from kivy.core.text import Label as CoreLabel
from kivy.graphics.texture import Texture
from kivy.properties import (
    BooleanProperty,
    ListProperty,
    OptionProperty,
    StringProperty,
)
from kivy.uix.label import Label

from kiosk.i18n import current_language
from kiosk.locale_format import is_rtl
from kiosk.ui import fonts, rtl
from kiosk.ui.fonts import ARABIC_FONT_NAME, FALLBACK_FONT_NAME, FONT_NAME

__all__ = ("BidiLabel", "PlacedRun", "needs_run_layout")

log = logging.getLogger("kiosk.ui.bidi")

fonts.ensure_registered()

# The pristine shaping state of an SDL2_ttf font (LTR, script unknown):
# restored after we used a font, because SDL2_ttf shares one font object
# per (file, size, style) between all labels and measures with whatever
# state the last user left (see kiosk.ui.rtl).
_PRISTINE = ("ltr", "Zzzz")

_warned_missing: set[str] = set()


@dataclass(frozen=True)
class PlacedRun:
    """One drawn run: ``x``, ``y`` (top) and size in texture pixels, origin
    at the texture's top-left corner, and the run itself."""

    line: int
    x: int
    y: int
    width: int
    height: int
    run: rtl.Run


def needs_run_layout(text: str, font_name: str, ui_rtl: bool, bold: bool = False) -> bool:
    """Whether a label must use the run layout instead of Kivy's plain one:
    right-to-left UI, right-to-left letters, or a character ``font_name``
    cannot draw."""
    if ui_rtl or rtl.has_rtl(text):
        return True
    for ch in set(text):
        if ch not in "\n\r\t " and not fonts.covers(font_name, ch, bold):
            return True
    return False


class _RunPainter:
    """Measures and draws runs through Kivy's text provider, switching the
    font, direction and script per run (as Kivy's MarkupLabel switches
    fonts per word).

    Before each measurement the font's direction and script are applied by
    a zero-length draw (SDL2_ttf measures with the state of the last draw),
    and afterwards every font we touched is put back into its pristine
    state."""

    def __init__(self, base_options: dict) -> None:
        self.core = CoreLabel(text="", **base_options)
        self.primer = CoreLabel(text="", **base_options)
        self.primer._size = (1, 1)  # noqa: SLF001 - provider API, as MarkupLabel
        self.primer._render_begin()  # noqa: SLF001
        self._extents: dict[tuple[str, str, str, str], tuple[int, int]] = {}
        self._metrics: dict[str, tuple[int, int]] = {}
        self._touched: set[str] = set()

    @staticmethod
    def _select(core: CoreLabel, font: str, direction: str, script: str) -> None:
        opts = core.options
        opts["font_name"] = font
        opts["font_direction"] = direction
        opts["font_script_name"] = script
        core.resolve_font_name()

    def _prime(self, font: str, direction: str, script: str) -> None:
        self._select(self.primer, font, direction, script)
        self.primer._render_text("", 0, 0)  # noqa: SLF001 - sets the font's state only
        if (direction, script) != _PRISTINE:
            self._touched.add(font)

    def extents(self, run: rtl.Run) -> tuple[int, int]:
        font = run.font or FONT_NAME
        key = (font, run.direction, run.script, run.text)
        cached = self._extents.get(key)
        if cached is None:
            self._prime(font, run.direction, run.script)
            self._select(self.core, font, run.direction, run.script)
            cached = self._extents[key] = tuple(self.core.get_extents(run.text))
        return cached

    def metrics(self, font: str) -> tuple[int, int]:
        """(ascent, descent) in pixels, both positive."""
        cached = self._metrics.get(font)
        if cached is None:
            self._select(self.core, font, *_PRISTINE)
            cached = self._metrics[font] = (int(self.core.get_ascent()),
                                            abs(int(self.core.get_descent())))
        return cached

    def draw(self, size: tuple[int, int], placed: list[PlacedRun]):
        core = self.core
        core._size = size  # noqa: SLF001
        core._render_begin()  # noqa: SLF001
        for item in placed:
            run = item.run
            self._select(core, run.font or FONT_NAME, run.direction, run.script)
            core._render_text(run.text, item.x, item.y)  # noqa: SLF001
            if (run.direction, run.script) != _PRISTINE:
                self._touched.add(run.font or FONT_NAME)
        return core._render_end()  # noqa: SLF001

    def restore(self) -> None:
        for font in self._touched:
            self._select(self.primer, font, *_PRISTINE)
            self.primer._render_text("", 0, 0)  # noqa: SLF001
        self._touched.clear()


#: Kivy's width of a widget no layout has placed yet.
_UNPLACED_WIDTH = Label.width.defaultvalue


def _layout_pending_above(widget) -> bool:
    """Whether a layout among the widget's ancestors is still to run."""
    parent = widget.parent
    while parent is not None:
        # A Clock trigger in Kivy's layouts (RecycleLayout's is a method).
        trigger = getattr(parent, "_trigger_layout", None)
        if getattr(trigger, "is_triggered", False):
            return True
        if parent.parent is parent:
            break
        parent = parent.parent
    return False


class BidiLabel(Label):
    """A Label for every language of the kiosk (see the module docstring)."""

    font_name = StringProperty(FONT_NAME)
    """Font of the text (a registered name or a file).  Default
    :data:`kiosk.ui.fonts.FONT_NAME` (``'KioskSans'``, Noto Sans)."""

    lang = StringProperty("")
    """UI language code (``'de'``, ``'ar'`` …); bind it to ``app.lang``.
    ``''`` (default) reads :func:`kiosk.i18n.current_language` whenever the
    label is redrawn.  A right-to-left language right-aligns ``'auto'``
    text and makes digit-only paragraphs right-to-left.
    :class:`~kivy.properties.StringProperty`."""

    fallback_fonts = ListProperty([ARABIC_FONT_NAME, FALLBACK_FONT_NAME])
    """Fonts tried, in order, for characters ``font_name`` lacks.
    :class:`~kivy.properties.ListProperty`, default
    ``['KioskArabic', 'KioskFallback']``."""

    direction = OptionProperty("ltr", options=("ltr", "rtl"))
    """Read-only: the direction this label aligns to after its last redraw
    (``'rtl'`` in a right-to-left UI or for a right-to-left first
    paragraph).  :class:`~kivy.properties.OptionProperty`."""

    uses_runs = BooleanProperty(False)
    """Read-only: whether the last redraw used the run layout (True) or
    Kivy's plain Label (False).  :class:`~kivy.properties.BooleanProperty`."""

    runs = ListProperty([])
    """Read-only: the :class:`PlacedRun` s of the last run-layout redraw
    (empty on the plain path), for tests and debugging."""

    test_name = StringProperty("")
    """Name for tests to find this widget by."""

    def __init__(self, **kwargs) -> None:
        self._run_data = None
        super().__init__(**kwargs)
        # Label's own trigger redraws at once; ours may first let pending
        # layouts above run (see _scheduled_texture_update).  Label reads
        # self._trigger_texture on every property change, so replacing it
        # here reroutes all of them.
        kivy_trigger = self._trigger_texture
        self._trigger_texture = Clock.create_trigger(self._scheduled_texture_update, -1)
        if kivy_trigger.is_triggered:
            kivy_trigger.cancel()
            self._trigger_texture()
        self.fbind("lang", self._trigger_texture)
        self.fbind("fallback_fonts", self._trigger_texture)

    def _scheduled_texture_update(self, *_) -> None:
        """Redraw before the next frame; but a label squeezed narrower than
        two em, or not placed yet, first lets the layouts above it run.

        A new label's redraw is scheduled before its parents' layouts, so a
        label that wraps at its width would first be drawn at the width of a
        parent that is not sized yet (0 to 50 px: one letter per line, the
        slowest text there is) or at Kivy's default width before any layout
        placed it, then again when the layouts give it its real width.  On
        the home screen that was ~8 ms of the cold start (docs/benchmarks.md).
        Re-arming the trigger puts the redraw behind those layouts, still
        before the frame.  Only such labels wait: making every label wait
        for every layout above it made deep screens need more passes through
        the Clock than Kivy allows in one frame."""
        width = self.text_size[0]
        squeezed = width is not None and (
            width < 2 * self.font_size
            or (self.width == _UNPLACED_WIDTH and self.size_hint_x is not None))
        if squeezed and _layout_pending_above(self):
            self._trigger_texture()
            return
        self.texture_update()

    # ------------------------------------------------------------------ #

    def _ui_lang(self) -> str:
        return self.lang or current_language()

    def _chain(self) -> list[str]:
        chain = [self.font_name]
        chain += [f for f in self.fallback_fonts if f not in chain]
        return chain

    def texture_update(self, *largs) -> None:
        """Redraw: Kivy's plain Label when that is right, else runs."""
        ui_rtl = is_rtl(self._ui_lang())
        text = self.text
        if self.markup or not text or not needs_run_layout(text, self.font_name, ui_rtl, self.bold):
            self.uses_runs = False
            self.runs = []
            self._run_data = None
            first = rtl.first_strong_direction(text) if text else None
            self.direction = "rtl" if ui_rtl or first == "rtl" else "ltr"
            super().texture_update(*largs)
            return
        self._texture_update_runs(text, ui_rtl)

    # ------------------------------------------------------------------ #

    def _base_options(self) -> dict:
        return {
            "font_name": self.font_name,
            "font_size": self.font_size,
            "bold": self.bold,
            "italic": self.italic,
            "underline": self.underline,
            "strikethrough": self.strikethrough,
            "color": list(self.disabled_color if self.disabled else self.color),
            "font_hinting": self.font_hinting,
            "font_kerning": self.font_kerning,
            "font_blended": self.font_blended,
        }

    def _base_direction(self, ui_rtl: bool) -> tuple[rtl.Direction | None, rtl.Direction]:
        """(forced paragraph direction or None, fallback when none is found)."""
        fallback: rtl.Direction = "rtl" if ui_rtl else "ltr"
        choice = self.base_direction
        if choice in ("ltr", "rtl"):
            return choice, choice
        if choice == "weak_rtl":
            return None, "rtl"
        if choice == "weak_ltr":
            return None, "ltr"
        return None, fallback

    def _texture_update_runs(self, text: str, ui_rtl: bool) -> None:
        painter = _RunPainter(self._base_options())
        chain = self._chain()
        bold = self.bold

        chosen: dict[tuple[str, str | None], str] = {}
        missing: set[str] = set()

        def font_for(ch: str, prefer: str | None) -> str:
            key = (ch, prefer)
            font = chosen.get(key)
            if font is None:
                font = chosen[key] = fonts.font_for_char(ch, chain, bold, prefer)
                if font == chain[0] and not fonts.covers(font, ch, bold):
                    missing.add(ch)
            return font

        def measure(logical: str) -> float:
            return sum(painter.extents(r)[0] for r in rtl.measuring_runs(logical, font_for))

        pad_l, pad_t, pad_r, pad_b = (int(round(p)) for p in self._padding4())
        text_w, text_h = self.text_size
        wrap_width = None if text_w is None else max(1, text_w - pad_l - pad_r)
        forced, fallback = self._base_direction(ui_rtl)
        try:
            lines = rtl.layout_lines(text.strip("\n") if self.strip else text,
                                     wrap_width, measure, forced, fallback)
            if self.max_lines and self.max_lines > 0:
                lines = lines[: self.max_lines]
            placed, content_w, content_h = self._place(lines, painter, font_for)
            self._warn_missing(missing, chain)

            width = int(text_w) if text_w is not None else content_w + pad_l + pad_r
            height = int(text_h) if text_h is not None else content_h + pad_t + pad_b
            top = self._top_offset(height, content_h, pad_t, pad_b, text_h is not None)
            placed = self._align(placed, lines, width, pad_l, pad_r, top, ui_rtl)

            self.direction = "rtl" if ui_rtl or (lines and lines[0].base == "rtl") else "ltr"
            self.uses_runs = True
            self.runs = placed
            self.is_shortened = False
            if width <= 1 or height <= 1 or not placed:
                self._run_data = None
                self.texture = None
                self.texture_size = (0, 0)
                return
            data = painter.draw((width, height), placed)
        finally:
            painter.restore()
        self._run_data = data
        texture = Texture.create(size=(width, height), colorfmt="rgba", mipmap=self.mipmap)
        texture.flip_vertical()
        texture.blit_data(data)
        texture.add_reload_observer(self._reload_runs)
        self.texture = texture
        self.texture_size = [width, height]

    def _reload_runs(self, texture) -> None:
        """After a GL context loss: put the pixels back."""
        if self._run_data is not None:
            texture.blit_data(self._run_data)

    def _padding4(self) -> list[float]:
        p = list(self.padding)
        if len(p) == 1:
            p = p * 4
        elif len(p) == 2:
            p = p * 2
        return p

    def _place(self, lines: list[rtl.VisualLine], painter: _RunPainter, font_for):
        """Runs of every line at x from 0 and baseline-aligned y (top of the
        content = 0).  Returns (placed, content width, content height)."""
        placed: list[PlacedRun] = []
        y = 0.0
        content_w = 0
        empty_h = painter.extents(rtl.Run(" ", False, "Zyyy", self.font_name))[1]
        for index, line in enumerate(lines):
            runs = rtl.shaping_runs(line.logical, line.base, font_for)
            if not runs:
                y += empty_h * self.line_height
                continue
            sizes = [painter.extents(r) for r in runs]
            metrics = [painter.metrics(r.font or FONT_NAME) for r in runs]
            ascent = max(m[0] for m in metrics)
            below = max(h - m[0] for (_, h), m in zip(sizes, metrics))
            line_h = ascent + below
            x = 0
            for run, (w, h), (asc, _desc) in zip(runs, sizes, metrics):
                placed.append(PlacedRun(index, x, int(round(y)) + ascent - asc, w, h, run))
                x += w
            content_w = max(content_w, x)
            y += line_h * self.line_height if index < len(lines) - 1 else line_h
        return placed, int(content_w), int(round(y))

    def _top_offset(self, height: int, content_h: int, pad_t: int, pad_b: int,
                    fixed_height: bool) -> int:
        if not fixed_height:
            return pad_t
        valign = self.valign
        if valign == "top":
            return pad_t
        if valign == "bottom":
            return height - pad_b - content_h
        return int((height - content_h + pad_t - pad_b) / 2)

    def _align(self, placed: list[PlacedRun], lines: list[rtl.VisualLine], width: int,
               pad_l: int, pad_r: int, top: int, ui_rtl: bool) -> list[PlacedRun]:
        line_w: dict[int, int] = {}
        for item in placed:
            line_w[item.line] = max(line_w.get(item.line, 0), item.x + item.width)
        result = []
        for item in placed:
            line = lines[item.line]
            halign = self.halign
            if halign in ("auto", "justify"):
                halign = "right" if ui_rtl or line.base == "rtl" else "left"
            lw = line_w[item.line]
            if halign == "right":
                dx = max(0, width - pad_r - lw)
            elif halign == "center":
                dx = max(pad_l, int((width - lw + pad_l - pad_r) / 2))
            else:
                dx = pad_l
            result.append(PlacedRun(item.line, item.x + dx, item.y + top,
                                    item.width, item.height, item.run))
        return result

    @staticmethod
    def _warn_missing(missing: set[str], chain: list[str]) -> None:
        for ch in sorted(missing - _warned_missing):
            _warned_missing.add(ch)
            log.warning("BidiLabel: no font of %s has U+%04X; it shows as a box", chain, ord(ch))
