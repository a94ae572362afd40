"""The office logo in the top bar, which doubles as the hidden staff door.

Pressing and holding it for ``hold_seconds`` fires ``on_hold``; a normal tap
does nothing visible, so visitors do not stumble into the staff area.
"""

from __future__ import annotations

from kivy.clock import Clock
from kivy.properties import NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.ui.widgets.bidi_label import BidiLabel  # noqa: F401  (the .kv uses it)
from kiosk.ui.widgets._kv import load_kv
from kiosk.ui.widgets.mirror import MirrorMixin
from kiosk.ui.widgets.pictogram import Pictogram  # noqa: F401 - used in kv

__all__ = ("HoldLogo",)


class HoldLogo(MirrorMixin, BoxLayout):
    """Logo + office name; holding it opens the staff PIN pad."""

    font_scale = NumericProperty(1.0)
    """Extra text size factor: follows the app's "große Schrift" switch
    (bound in the .kv).  :class:`~kivy.properties.NumericProperty`."""

    __events__ = ("on_hold",)

    hold_seconds = NumericProperty(3.0)
    """How long the logo must be held. :class:`~kivy.properties.NumericProperty`."""

    text = StringProperty("")
    """Office name next to the logo. :class:`~kivy.properties.StringProperty`."""

    test_name = StringProperty("logo")
    """Name for tests. :class:`~kivy.properties.StringProperty`."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._event = None
        self._touch_uid = None

    def on_touch_down(self, touch):
        if self.collide_point(*touch.pos):
            touch.grab(self)
            self._touch_uid = touch.uid
            self._cancel()
            self._event = Clock.schedule_once(self._fire, self.hold_seconds)
            return True
        return super().on_touch_down(touch)

    def on_touch_move(self, touch):
        if touch.grab_current is self and not self.collide_point(*touch.pos):
            self._cancel()
        return super().on_touch_move(touch)

    def on_touch_up(self, touch):
        if touch.grab_current is self:
            touch.ungrab(self)
            self._cancel()
            return True
        return super().on_touch_up(touch)

    def _cancel(self) -> None:
        if self._event is not None:
            self._event.cancel()
            self._event = None

    def _fire(self, _dt: float) -> None:
        self._event = None
        self.dispatch("on_hold")

    def on_hold(self) -> None:
        """Default handler: nothing (the shell binds the staff door here)."""


load_kv(__file__)
