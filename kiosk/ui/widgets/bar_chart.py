"""Bar charts drawn on the canvas, for the staff area.

* :class:`BarChart`: vertical bars, one per value, the count above each bar
  and, below it, either the smiley face of that score (``smiley_scale`` 3
  or 5: the same faces the children tapped) or a short text label.
* :class:`CountBar`: one horizontal bar (value of maximum) for ranked lists
  such as the wishes.

Everything scales with the widget; redraws are coalesced with a Clock
trigger so changing several properties in one frame draws once.
"""

from __future__ import annotations

from kivy.clock import Clock
from kivy.core.text import Label as CoreLabel
from kivy.graphics import Canvas, Color, InstructionGroup, Line, Rectangle, SmoothRoundedRectangle
from kivy.properties import ColorProperty, ListProperty, NumericProperty, StringProperty
from kivy.uix.widget import Widget

from kiosk.ui import theme
from kiosk.ui.widgets._kv import load_kv
from kiosk.ui.widgets.drawing import Pen
from kiosk.ui.widgets.smiley import draw_face, expression_level

__all__ = ("BarChart", "CountBar", "text_texture")


def text_texture(text: str, font_size: float, color, bold: bool = True):
    """A texture of ``text`` in the theme's font (for text on a canvas)."""
    label = CoreLabel(text=text, font_size=font_size, font_name=theme.FONT_NAME, bold=bold, color=color)
    label.refresh()
    return label.texture


class BarChart(Widget):
    """Vertical bars for :attr:`values`.

    Below each bar: the smiley of that score when :attr:`smiley_scale` is 3
    or 5 (bar ``i`` is score ``i + 1``), else the text in :attr:`labels`.
    Bars take their colour from :attr:`colors` (per bar), else the smiley's
    face colour, else :attr:`bar_color`.
    """

    values = ListProperty([])
    """Counts, one per bar. :class:`~kivy.properties.ListProperty`."""

    labels = ListProperty([])
    """Axis texts when no smileys are drawn. :class:`~kivy.properties.ListProperty`."""

    colors = ListProperty([])
    """Optional colour per bar. :class:`~kivy.properties.ListProperty`."""

    smiley_scale = NumericProperty(0)
    """3 or 5: draw smiley faces as axis labels; 0: text labels.
    :class:`~kivy.properties.NumericProperty`."""

    bar_color = ColorProperty(theme.PALETTE.primary)
    """Bar colour when nothing else says. :class:`~kivy.properties.ColorProperty`."""

    font_size = NumericProperty(theme.TYPE.body)
    """Size of the counts and labels. :class:`~kivy.properties.NumericProperty`."""

    test_name = StringProperty("")
    """Name for tests to find this widget by.
    :class:`~kivy.properties.StringProperty`."""

    def __init__(self, **kwargs):
        self._trigger_redraw = Clock.create_trigger(self._redraw, -1)
        super().__init__(**kwargs)
        self._body = InstructionGroup()
        self.canvas.add(self._body)
        for prop in ("values", "labels", "colors", "smiley_scale", "bar_color", "font_size", "pos", "size"):
            self.fbind(prop, self._trigger_redraw)
        self._trigger_redraw()

    def bar_rects(self) -> list[tuple[float, float, float, float]]:
        """(x, y, width, height) of each bar in window-relative widget
        coordinates; the layout the chart draws (tests check heights)."""
        return self._layout()[0]

    def _layout(self):
        n = len(self.values)
        if n == 0 or self.width <= 0 or self.height <= 0:
            return [], 0.0, 0.0, 0.0
        pad = theme.SPACING.xs
        slot = (self.width - 2 * pad) / n
        if self.smiley_scale in (3, 5):
            axis = min(slot * 0.75, self.height * 0.32)
        else:
            axis = self.font_size * 1.6
        top_band = self.font_size * 1.5
        base = self.y + axis + pad
        room = max(0.0, self.top - top_band - base)
        highest = max(max(self.values), 1)
        bar_w = min(slot * 0.56, 160)
        rects = []
        for i, value in enumerate(self.values):
            h = room * max(0.0, float(value)) / highest
            x = self.x + pad + slot * i + (slot - bar_w) / 2
            rects.append((x, base, bar_w, h))
        return rects, slot, axis, base

    def _bar_color(self, i: int):
        if i < len(self.colors) and self.colors[i]:
            return self.colors[i]
        if self.smiley_scale in (3, 5):
            return theme.darker(theme.PALETTE.mood(expression_level(i + 1, self.smiley_scale)), 0.08)
        return self.bar_color

    def _redraw(self, *_):
        rects, slot, axis, base = self._layout()
        group = Canvas()
        p = theme.PALETTE
        with group:
            if rects:
                Color(*p.line)
                Line(points=[self.x, base, self.right, base], width=1.5)
            for i, (x, y, w, h) in enumerate(rects):
                Color(*self._bar_color(i))
                if h > 0:
                    radius = min(theme.RADII.small, w / 2, h / 2)
                    SmoothRoundedRectangle(pos=(x, y), size=(w, h), radius=[radius, radius, 0, 0])
                # The count above the bar (also for 0, so "nobody" is visible).
                tex = text_texture(str(int(self.values[i])), self.font_size, p.ink)
                Color(1, 1, 1, 1)
                Rectangle(texture=tex, size=tex.size,
                          pos=(x + w / 2 - tex.width / 2, y + h + theme.SPACING.xs / 2))
                cx = self.x + theme.SPACING.xs + slot * i + slot / 2
                if self.smiley_scale in (3, 5):
                    side = axis - theme.SPACING.xs
                    pen = Pen(cx - side / 2, self.y, side, p.ink)
                    draw_face(pen, expression_level(i + 1, self.smiley_scale))
                elif i < len(self.labels):
                    tex = text_texture(str(self.labels[i]), self.font_size, p.ink, bold=False)
                    Color(1, 1, 1, 1)
                    Rectangle(texture=tex, size=tex.size, pos=(cx - tex.width / 2, self.y))
        self._body.clear()
        self._body.add(group)


class CountBar(Widget):
    """A horizontal bar: :attr:`value` of :attr:`maximum`, on a soft track."""

    value = NumericProperty(0)
    """The count. :class:`~kivy.properties.NumericProperty`."""

    maximum = NumericProperty(1)
    """The count that fills the whole track. :class:`~kivy.properties.NumericProperty`."""

    color = ColorProperty(theme.PALETTE.primary)
    """Bar colour. :class:`~kivy.properties.ColorProperty`."""

    test_name = StringProperty("")
    """Name for tests to find this widget by.
    :class:`~kivy.properties.StringProperty`."""

    def fraction(self, *_deps) -> float:
        if self.maximum <= 0:
            return 0.0
        return max(0.0, min(1.0, float(self.value) / float(self.maximum)))


load_kv(__file__)
