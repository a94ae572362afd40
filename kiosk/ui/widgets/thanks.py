"""A cheerful thank-you that needs no reading.

A big laughing face pops up, confetti dots, strips and stars burst out
around it, and one short word ("Danke!") appears below; an optional line
underneath is for the grown-ups.  After :attr:`ThankYou.hold` seconds the
widget dispatches ``on_done`` (the children's screens then go home).

Motion follows the theme: two short steps of ``theme.MOTION.feedback``
(≤ 250 ms) each — the face pops (with a little overshoot), then the
confetti flies out — and nothing moves after that.  Everything is drawn on
the canvas (no bitmaps), so it is sharp at any size.
"""

from __future__ import annotations

import math

from kivy.animation import Animation
from kivy.clock import Clock
from kivy.graphics import Canvas, Color, InstructionGroup
from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.widget import Widget

from kiosk.ui.theme import MOTION, PALETTE
from kiosk.ui.widgets import labels as _labels  # noqa: F401  (registers ThemedLabel)
from kiosk.ui.widgets._kv import load_kv
from kiosk.ui.widgets.drawing import Pen, rotate, star_points
from kiosk.ui.widgets.smiley import draw_face

__all__ = ("ThankYou", "Celebration", "THANKS_SECONDS", "CONFETTI")

#: How long the thank-you stays before ``on_done`` ("~3 s": long enough to
#: enjoy, short enough that the next child is not kept waiting).
THANKS_SECONDS = 3.0

_COLOURS = (
    PALETTE.accent_red, PALETTE.accent_warm, PALETTE.accent_green,
    PALETTE.accent_blue, PALETTE.wishes, PALETTE.rose, PALETTE.today,
)

#: The confetti pieces: (angle in degrees, reach 0..1, kind, size in
#: 100-box units, colour).  Fixed, not random, so every thank-you (and
#: every screenshot) looks the same.
CONFETTI: tuple[tuple[float, float, str, float, tuple], ...] = tuple(
    (
        (i * 360 / 26 + (9 if i % 2 else -5)) % 360,
        (0.78, 1.0, 0.88, 0.62, 0.95)[i % 5],
        ("star", "dot", "strip", "dot", "star", "strip", "dot")[i % 7],
        (13.0, 7.0, 12.0, 5.5, 10.0, 10.0, 8.0)[i % 7],
        _COLOURS[i % len(_COLOURS)],
    )
    for i in range(26)
)


class Celebration(Widget):
    """The drawing: a laughing face scaled by :attr:`pop`, confetti thrown
    out to :attr:`burst` of its reach."""

    pop = NumericProperty(1.0)
    """Face size factor, 0 (hidden) … 1 (full); briefly above 1 while it pops.
    :class:`~kivy.properties.NumericProperty`, default 1."""

    burst = NumericProperty(1.0)
    """How far the confetti has flown, 0 (at the face) … 1 (at the edges).
    :class:`~kivy.properties.NumericProperty`, default 1."""

    test_name = StringProperty("")
    """Name for tests to find this widget by. :class:`~kivy.properties.StringProperty`."""

    def __init__(self, **kwargs):
        self._trigger_redraw = Clock.create_trigger(self._redraw, -1)
        super().__init__(**kwargs)
        self._body = InstructionGroup()
        self.canvas.add(self._body)
        for prop in ("pop", "burst", "pos", "size"):
            self.fbind(prop, self._trigger_redraw)
        self._trigger_redraw()

    def face_side(self) -> float:
        """Side of the full-size face in px."""
        return max(0.0, min(self.width * 0.5, self.height * 0.8))

    def _redraw(self, *_):
        group = Canvas()
        side = self.face_side()
        if side > 0:
            with group:
                self._draw_confetti(side)
                face = side * max(0.0, self.pop)
                if face > 1:
                    Color(1, 1, 1, 1)
                    pen = Pen(self.center_x - face / 2, self.center_y - face / 2, face, PALETTE.ink)
                    draw_face(pen, 5)
        self._body.clear()
        self._body.add(group)

    def _draw_confetti(self, side: float) -> None:
        burst = max(0.0, self.burst)
        if burst <= 0:
            return
        cx, cy = self.center
        # From just behind the face out to a ring around it, never past the
        # widget's edges (the biggest piece is 13 % of the face wide).
        margin = side * 0.08
        start = side * 0.3
        reach_x = max(start, min(self.width / 2 - margin, side * 1.5))
        reach_y = max(start, self.height / 2 - margin)
        alpha = min(1.0, burst * 2.5)
        for angle, reach, kind, size, colour in CONFETTI:
            a = math.radians(angle)
            dist = reach * burst
            x = cx + math.cos(a) * (start + (reach_x - start) * dist)
            y = cy + math.sin(a) * (start + (reach_y - start) * dist)
            s = side * size / 200.0                      # the piece's radius in px
            Color(*colour[:3], alpha)
            fill = colour[:3] + (alpha,)
            pen = Pen(x - s, y - s, 2 * s, PALETTE.ink, stroke=0.0)   # 100-box = the piece
            if kind == "star":
                pen.fill(star_points(50, 50, 50, 22, rotation=90 + angle + 60 * burst), fill, rim=True)
            elif kind == "strip":
                strip = rotate([(15, 38), (85, 38), (85, 62), (15, 62)], 50, 50, angle + 140 * burst)
                pen.fill(strip, fill, rim=True)
            else:
                pen.dot(50, 50, 42, fill)


class ThankYou(BoxLayout):
    """The thank-you panel: :class:`Celebration`, a big word, a small line.

    Call :meth:`play` when it appears and :meth:`stop` when the screen is
    left or reset.  Events: ``on_done`` — :attr:`hold` seconds after
    :meth:`play`.
    """

    __events__ = ("on_done",)

    text = StringProperty("Danke!")
    """The big word (pass it through ``_()``). :class:`~kivy.properties.StringProperty`."""

    message = StringProperty("")
    """Optional short line below, for grown-ups; hidden when empty.
    :class:`~kivy.properties.StringProperty`."""

    hold = NumericProperty(THANKS_SECONDS)
    """Seconds from :meth:`play` to ``on_done``.
    :class:`~kivy.properties.NumericProperty`, default :data:`THANKS_SECONDS`."""

    pop = NumericProperty(1.0)
    """Face size factor (animated by :meth:`play`). :class:`~kivy.properties.NumericProperty`."""

    burst = NumericProperty(1.0)
    """Confetti reach (animated by :meth:`play`). :class:`~kivy.properties.NumericProperty`."""

    playing = BooleanProperty(False)
    """Read-only: True from :meth:`play` until ``on_done`` or :meth:`stop`.
    :class:`~kivy.properties.BooleanProperty`."""

    test_name = StringProperty("")
    """Name for tests to find this widget by. :class:`~kivy.properties.StringProperty`."""

    def __init__(self, **kwargs):
        self._done_event = None
        super().__init__(**kwargs)

    def play(self) -> None:
        """Pop, burst, and dispatch ``on_done`` after :attr:`hold` seconds."""
        self.stop()
        self.pop = 0.0
        self.burst = 0.0
        step = MOTION.feedback
        # Step 1: the face pops (a little overshoot); step 2: confetti flies.
        (Animation(pop=1.0, d=step, t="out_back") + Animation(burst=1.0, d=step, t="out_cubic")).start(self)
        self.playing = True
        self._done_event = Clock.schedule_once(self._finish, self.hold)

    def stop(self) -> None:
        """Stop at once (no ``on_done``): the screen was left or reset."""
        Animation.cancel_all(self, "pop", "burst")
        if self._done_event is not None:
            self._done_event.cancel()
            self._done_event = None
        self.playing = False
        self.pop = 1.0
        self.burst = 1.0

    def _finish(self, _dt) -> None:
        self._done_event = None
        self.playing = False
        self.dispatch("on_done")

    def on_done(self) -> None:
        """Default handler: nothing (screens bind to it)."""


load_kv(__file__)
