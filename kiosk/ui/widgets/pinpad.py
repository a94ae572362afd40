"""A numeric PIN pad for the staff area: masked dots and big keys.

``1 2 3 / 4 5 6 / 7 8 9 / ⌫ 0 ✓``.  Digits are shown only as filled dots.
The ✓ key is active once :attr:`PinPad.min_length` digits are entered and
dispatches ``on_submit(pin)``; the screen checks the PIN and calls
:meth:`PinPad.reject` (shake + clear) or moves on.  Keys carry
``test_name`` ``'<test_name>.key.<digit>'``, ``'.erase'`` and ``'.ok'``.
"""

from __future__ import annotations

from kivy.animation import Animation
from kivy.clock import Clock
from kivy.graphics import Color, InstructionGroup, SmoothEllipse, SmoothLine
from kivy.properties import (
    AliasProperty,
    BooleanProperty,
    ColorProperty,
    NumericProperty,
    StringProperty,
)
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.label import Label
from kivy.uix.widget import Widget

from kiosk.ui import theme
from kiosk.ui.widgets import pictogram as _pictogram  # noqa: F401  (registers Pictogram)
from kiosk.ui.widgets._kv import load_kv

__all__ = ("PinPad", "PinDots", "PinKey")


class PinDots(Widget):
    """A row of :attr:`length` circles, the first :attr:`filled` of them
    filled: shows how many digits were typed, never which."""

    length = NumericProperty(4)
    """Number of dots. :class:`~kivy.properties.NumericProperty`."""

    filled = NumericProperty(0)
    """Number of filled dots. :class:`~kivy.properties.NumericProperty`."""

    color = ColorProperty(theme.PALETTE.ink)
    """Dot colour. :class:`~kivy.properties.ColorProperty`."""

    test_name = StringProperty("")
    """Name for tests to find this widget by.
    :class:`~kivy.properties.StringProperty`."""

    def __init__(self, **kwargs):
        self._trigger_redraw = Clock.create_trigger(self._redraw, -1)
        super().__init__(**kwargs)
        self._group = InstructionGroup()
        self.canvas.add(self._group)
        for prop in ("length", "filled", "color", "pos", "size"):
            self.fbind(prop, self._trigger_redraw)
        self._trigger_redraw()

    def _redraw(self, *_):
        g = self._group
        g.clear()
        n = max(0, int(self.length))
        if n == 0 or self.width <= 0:
            return
        r = min(self.height * 0.32, self.width / (n * 3.2))
        gap = r * 1.4
        total = n * 2 * r + (n - 1) * gap
        x = self.center_x - total / 2
        cy = self.center_y
        for i in range(n):
            cx = x + r + i * (2 * r + gap)
            if i < self.filled:
                g.add(Color(*self.color))
                g.add(SmoothEllipse(pos=(cx - r, cy - r), size=(2 * r, 2 * r)))
            else:
                g.add(Color(*theme.PALETTE.line))
                g.add(SmoothEllipse(pos=(cx - r, cy - r), size=(2 * r, 2 * r)))
                g.add(Color(*theme.PALETTE.ink_muted))
                g.add(SmoothLine(circle=(cx, cy, r - 1.5), width=1.5))


class PinKey(ButtonBehavior, Label):
    """One key of the pad: a digit, or a pictogram (``icon``) key."""

    __events__ = ("on_press", "on_release")

    key = StringProperty("")
    """What the key means: ``'0'`` … ``'9'``, ``'erase'`` or ``'ok'``.
    :class:`~kivy.properties.StringProperty`."""

    icon = StringProperty("")
    """Pictogram name drawn instead of text, ``''`` for a text key.
    :class:`~kivy.properties.StringProperty`."""

    face_color = ColorProperty(theme.PALETTE.surface_alt)
    """Key colour when not pressed. :class:`~kivy.properties.ColorProperty`."""

    test_name = StringProperty("")
    """Name for tests to find this widget by.
    :class:`~kivy.properties.StringProperty`."""


class PinPad(BoxLayout):
    """Dots on top, then the 4×3 keys.

    Events:
        `on_submit(pin)`: ✓ was tapped with at least :attr:`min_length`
        digits; the handler checks the PIN.
        `on_clear()`: the entry was emptied (erase to nothing, :meth:`clear`
        or :meth:`reject`).
    """

    __events__ = ("on_submit", "on_clear")

    pin = StringProperty("")
    """The digits entered so far (never shown, only counted as dots).
    :class:`~kivy.properties.StringProperty`."""

    min_length = NumericProperty(4)
    """Digits needed before ✓ is active. :class:`~kivy.properties.NumericProperty`."""

    max_length = NumericProperty(6)
    """Further digits are ignored. :class:`~kivy.properties.NumericProperty`."""

    shake_offset = NumericProperty(0)
    """Horizontal offset of the dots during the "wrong PIN" shake.
    :class:`~kivy.properties.NumericProperty`."""

    test_name = StringProperty("")
    """Name for tests to find this widget by; also prefixes the keys'.
    :class:`~kivy.properties.StringProperty`."""

    def _get_can_submit(self) -> bool:
        return len(self.pin) >= self.min_length

    can_submit = AliasProperty(_get_can_submit, None, bind=("pin", "min_length"), cache=True)
    """Read-only: ✓ is active. :class:`~kivy.properties.AliasProperty`."""

    disabled_keys = BooleanProperty(False)
    """Ignore all keys (e.g. while a wrong PIN is being shaken off).
    :class:`~kivy.properties.BooleanProperty`."""

    def press_key(self, key: str) -> None:
        """Handle one key ('0'-'9', 'erase', 'ok'), as a tap on it does."""
        if self.disabled_keys:
            return
        if key.isdigit() and len(key) == 1:
            if len(self.pin) < self.max_length:
                self.pin += key
        elif key == "erase":
            if self.pin:
                self.pin = self.pin[:-1]
                if not self.pin:
                    self.dispatch("on_clear")
        elif key == "ok":
            if self.can_submit:
                self.dispatch("on_submit", self.pin)

    def clear(self) -> None:
        """Forget the digits entered."""
        had = bool(self.pin)
        self.pin = ""
        if had:
            self.dispatch("on_clear")

    def reject(self) -> None:
        """Wrong PIN: a short shake of the dots, then clear."""
        Animation.cancel_all(self, "shake_offset")
        d = theme.MOTION.press / 2
        anim = (Animation(shake_offset=18, d=d) + Animation(shake_offset=-18, d=d)
                + Animation(shake_offset=10, d=d) + Animation(shake_offset=0, d=d))
        anim.start(self)
        self.clear()

    def on_submit(self, pin: str) -> None:
        pass

    def on_clear(self) -> None:
        pass


load_kv(__file__)
