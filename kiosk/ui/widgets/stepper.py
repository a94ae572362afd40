"""A big −/+ stepper for counts (adults, children).

The value sits large between two round buttons; a button fades out at its
bound, so nobody can step below ``min`` or above ``max``.
"""

from __future__ import annotations

from kivy.properties import AliasProperty, NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.ui.widgets.bidi_label import BidiLabel  # noqa: F401  (the .kv uses it)
from kiosk.ui.widgets import buttons as _buttons  # noqa: F401  (registers IconButton)
from kiosk.ui.widgets._kv import load_kv
from kiosk.ui.widgets.mirror import MirrorMixin

__all__ = ("Stepper",)


class Stepper(MirrorMixin, BoxLayout):
    """``[−]  value  [+]``.

    Its two buttons carry ``test_name`` ``'<test_name>.minus'`` and
    ``'<test_name>.plus'`` (just ``'minus'``/``'plus'`` without a name).
    The value is a Kivy property, so ``on_value`` / ``bind(value=…)`` is the
    change event.
    """

    font_scale = NumericProperty(1.0)
    """Extra text size factor: follows the app's "große Schrift" switch
    (bound in the .kv).  :class:`~kivy.properties.NumericProperty`."""

    value = NumericProperty(0)
    """Current value, kept within :attr:`min` … :attr:`max`.
    :class:`~kivy.properties.NumericProperty`, default 0."""

    min = NumericProperty(0)
    """Lowest value. :class:`~kivy.properties.NumericProperty`, default 0."""

    max = NumericProperty(10)
    """Highest value. :class:`~kivy.properties.NumericProperty`, default 10."""

    step = NumericProperty(1)
    """Amount per tap. :class:`~kivy.properties.NumericProperty`, default 1."""

    test_name = StringProperty("")
    """Name for tests to find this widget by; also prefixes the buttons'.
    :class:`~kivy.properties.StringProperty`."""

    def _get_can_decrease(self) -> bool:
        return self.value - self.step >= self.min

    can_decrease = AliasProperty(_get_can_decrease, None, bind=("value", "min", "step"), cache=True)
    """Read-only: the − button is active. :class:`~kivy.properties.AliasProperty`."""

    def _get_can_increase(self) -> bool:
        return self.value + self.step <= self.max

    can_increase = AliasProperty(_get_can_increase, None, bind=("value", "max", "step"), cache=True)
    """Read-only: the + button is active. :class:`~kivy.properties.AliasProperty`."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fbind("min", self._clamp)
        self.fbind("max", self._clamp)
        self._clamp()

    def _clamp(self, *_):
        clamped = max(self.min, min(self.max, self.value))
        if clamped != self.value:
            self.value = clamped

    def on_value(self, *_):
        self._clamp()

    def decrease(self) -> None:
        """One step down, not below :attr:`min`."""
        if self.can_decrease:
            self.value -= self.step

    def increase(self) -> None:
        """One step up, not above :attr:`max`."""
        if self.can_increase:
            self.value += self.step

    def child_name(self, part: str) -> str:
        return f"{self.test_name}.{part}" if self.test_name else part


load_kv(__file__)
