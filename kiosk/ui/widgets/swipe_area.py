"""An area that turns a horizontal drag into "next" / "previous".

Used where a series of things is shown one at a time (the hand-over's QR
codes): a finger dragged to the left asks for the next one, to the right
for the previous one, as on a phone's photo gallery.  Buttons inside the
area still get their taps; only a clearly horizontal drag longer than
:attr:`SwipeArea.threshold` counts as a swipe.  While the finger moves,
:attr:`SwipeArea.drag_offset` follows it (damped), so the content can
lean with the finger; it springs back within ``theme.MOTION.press``.
"""

from __future__ import annotations

from kivy.animation import Animation
from kivy.properties import NumericProperty, StringProperty
from kivy.uix.floatlayout import FloatLayout

from kiosk.ui import theme

__all__ = ("SwipeArea",)

#: How much of the finger's way the content follows while dragging.
FOLLOW = 0.35


class SwipeArea(FloatLayout):
    """A FloatLayout that dispatches ``on_swipe(direction)``.

    ``direction`` is ``'next'`` (finger moved left) or ``'previous'``
    (finger moved right).
    """

    __events__ = ("on_swipe",)

    threshold = NumericProperty(theme.TOUCH.minimum)
    """Horizontal distance in px a drag needs to count as a swipe.
    :class:`~kivy.properties.NumericProperty`."""

    drag_offset = NumericProperty(0)
    """Read-only: damped horizontal offset of the finger while dragging
    (0 otherwise). :class:`~kivy.properties.NumericProperty`."""

    test_name = StringProperty("")
    """Name for tests to find this widget by.
    :class:`~kivy.properties.StringProperty`."""

    def on_touch_down(self, touch):
        if not self.collide_point(*touch.pos) or self.disabled:
            return super().on_touch_down(touch)
        touch.grab(self)
        touch.ud[self._key] = touch.pos
        super().on_touch_down(touch)
        return True

    def on_touch_move(self, touch):
        if touch.grab_current is self and self._key in touch.ud:
            Animation.cancel_all(self, "drag_offset")
            dx = touch.x - touch.ud[self._key][0]
            limit = self.width * 0.15
            self.drag_offset = max(-limit, min(limit, dx * FOLLOW))
            return True
        return super().on_touch_move(touch)

    def on_touch_up(self, touch):
        if touch.grab_current is not self:
            return super().on_touch_up(touch)
        touch.ungrab(self)
        start = touch.ud.pop(self._key, None)
        Animation.cancel_all(self, "drag_offset")
        if self.drag_offset:
            Animation(drag_offset=0, d=theme.MOTION.press, t="out_quad").start(self)
        if start is None:
            return True
        dx, dy = touch.x - start[0], touch.y - start[1]
        if abs(dx) >= self.threshold and abs(dx) > 1.5 * abs(dy):
            self.dispatch("on_swipe", "next" if dx < 0 else "previous")
        return True

    @property
    def _key(self) -> str:
        return f"swipe-{id(self)}"

    def on_swipe(self, direction: str) -> None:
        pass
