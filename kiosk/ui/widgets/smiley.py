"""A tappable smiley face for feedback, drawn on the canvas.

Moods differ by what a child sees, not by colour alone: the mouth goes from
a deep frown through a straight line to an open laugh, sad faces get worried
eyebrows (and the saddest a tear), happy faces get rosy cheeks and, at the
top, laughing eyes.  The face colour (red-ish … green) only helps.

``mood`` is 1 … ``scale`` (3 or 5), as in ``kiosk.records`` (1 = sad).  On a
3-step scale the faces are the saddest, the neutral and the happiest of the
five.
"""

from __future__ import annotations

from kivy.animation import Animation
from kivy.clock import Clock
from kivy.graphics import Canvas, Color, InstructionGroup
from kivy.properties import (
    AliasProperty,
    BooleanProperty,
    ColorProperty,
    NumericProperty,
    OptionProperty,
    StringProperty,
)
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.widget import Widget

from kiosk.ui.theme import MOTION, PALETTE
from kiosk.ui.widgets.drawing import Pen, bezier

__all__ = ("Smiley", "expression_level", "draw_face")

#: How much a pressed smiley grows (1.08 = 8 %).
PRESS_ZOOM = 1.08


def expression_level(mood: int, scale: int) -> int:
    """Map ``mood`` on a 3- or 5-step scale to the face drawn (1 … 5)."""
    scale = 3 if int(scale) == 3 else 5
    mood = min(scale, max(1, int(round(mood))))
    return 1 + round((mood - 1) * 4 / (scale - 1))


def draw_face(pen: Pen, level: int, face_color=None, selected: bool = False) -> None:
    """Draw face ``level`` (1 sad … 5 laughing) into the 100-box of ``pen``."""
    ink = pen.ink
    face = face_color or PALETTE.mood(level)
    if selected:
        pen.dot(50, 50, 50, PALETTE.primary)
        pen.dot(50, 50, 45.5, PALETTE.surface)
    pen.ellipse(50, 50, 40, fill=face, width=5)

    # Cheeks for the happy faces.
    if level >= 4:
        pen.dot(25, 45, 6.5, PALETTE.rose)
        pen.dot(75, 45, 6.5, PALETTE.rose)

    # Eyes: open dots, laughing arcs at the top.
    if level == 5:
        pen.arc(36, 56, 6.5, 20, 160, width=4.5)
        pen.arc(64, 56, 6.5, 20, 160, width=4.5)
    else:
        pen.ellipse(36, 59, 4.2, 5.6, fill=ink, outline=False)
        pen.ellipse(64, 59, 4.2, 5.6, fill=ink, outline=False)
        pen.dot(37.4, 61.2, 1.4, PALETTE.surface)
        pen.dot(65.4, 61.2, 1.4, PALETTE.surface)

    # Eyebrows: worried (inner ends up) for the sad ones.
    if level == 1:
        pen.line(26, 68, 42, 75, width=4)
        pen.line(74, 68, 58, 75, width=4)
    elif level == 2:
        pen.line(28, 70, 42, 73, width=4)
        pen.line(72, 70, 58, 73, width=4)

    # Mouth.
    if level == 1:
        pen.stroke(bezier((31, 27), (50, 46), (69, 27), 16), width=5)
    elif level == 2:
        pen.stroke(bezier((35, 31), (50, 39), (65, 31), 12), width=5)
    elif level == 3:
        pen.line(35, 33, 65, 33, width=5)
    elif level == 4:
        pen.stroke(bezier((31, 38), (50, 20), (69, 38), 16), width=5)
    else:
        mouth = [(28, 40), (72, 40)] + bezier((72, 40), (70, 16), (50, 16), 10)[1:] \
            + bezier((50, 16), (30, 16), (28, 40), 10)[1:]
        pen.fill(mouth, PALETTE.ink)
        tongue = bezier((38, 22), (50, 32), (62, 22), 10) + bezier((62, 22), (50, 14), (38, 22), 10)[1:]
        pen.fill(tongue, PALETTE.accent_red, rim=True)
        pen.stroke(mouth, closed=True, width=5)

    # A tear for the saddest face.
    if level == 1:
        tear = [(33, 52)] + bezier((33, 52), (27, 42), (30, 39), 6)[1:] \
            + bezier((30, 39), (35, 36), (37, 41), 6)[1:] + [(33, 52)]
        pen.fill(tear, PALETTE.accent_blue, rim=True)


class Smiley(ButtonBehavior, Widget):
    """A smiley face button.  Draws square, centred, scaled to
    ``min(width, height)``; grows briefly while pressed.

    Events (from :class:`~kivy.uix.behaviors.ButtonBehavior`):
        `on_press`: the finger touched the face.
        `on_release`: the finger was lifted on the face — take this one.
    """

    __events__ = ("on_press", "on_release")

    mood = NumericProperty(1)
    """Mood 1 (sad) … :attr:`scale` (happy).
    :class:`~kivy.properties.NumericProperty`, default 1."""

    scale = OptionProperty(5, options=(3, 5))
    """Steps of the feedback scale, 3 or 5 (default 5).
    :class:`~kivy.properties.OptionProperty`."""

    selected = BooleanProperty(False)
    """Draw a ring around the face (e.g. the one just chosen).
    :class:`~kivy.properties.BooleanProperty`, default False."""

    face_color = ColorProperty(None, allownone=True)
    """Face colour; ``None`` (default) uses the palette's colour for the mood.
    :class:`~kivy.properties.ColorProperty`."""

    zoom = NumericProperty(1.0)
    """Current size factor (animated to 1.08 while pressed).
    :class:`~kivy.properties.NumericProperty`, default 1.0."""

    test_name = StringProperty("")
    """Name for tests to find this widget by.
    :class:`~kivy.properties.StringProperty`."""

    def _get_level(self) -> int:
        return expression_level(self.mood, self.scale)

    level = AliasProperty(_get_level, None, bind=("mood", "scale"), cache=True)
    """Read-only: the face drawn, 1 (frown) … 5 (laugh).
    :class:`~kivy.properties.AliasProperty`."""

    def __init__(self, **kwargs):
        self._trigger_redraw = Clock.create_trigger(self._redraw, -1)
        super().__init__(**kwargs)
        self._body = InstructionGroup()
        self.canvas.add(self._body)
        for prop in ("mood", "scale", "selected", "face_color", "zoom", "pos", "size"):
            self.fbind(prop, self._trigger_redraw)
        self._trigger_redraw()

    def _redraw(self, *_):
        side = max(0.0, min(self.width, self.height)) / PRESS_ZOOM * self.zoom
        group = Canvas()
        if side > 0:
            with group:
                Color(1, 1, 1, 1)
                pen = Pen(self.center_x - side / 2, self.center_y - side / 2, side, PALETTE.ink)
                draw_face(pen, self.level, self.face_color, self.selected)
        self._body.clear()
        self._body.add(group)

    # Press feedback: a short grow while the finger is down, then back.
    def on_state(self, _instance, state):
        Animation.cancel_all(self, "zoom")
        target = PRESS_ZOOM if state == "down" else 1.0
        Animation(zoom=target, d=MOTION.press, t="out_quad").start(self)
