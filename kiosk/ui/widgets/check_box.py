"""A big tick box with its sentence, for explicit consent.

The whole row (box and text) is one touch target, so nobody has to hit a
small square; the box is drawn large with the theme's check pictogram when
ticked, and its border turns the danger colour when :attr:`BigCheckBox.error`
is set (the message itself is shown by the screen, next to it).
"""

from __future__ import annotations

from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout

from kiosk.ui.widgets import labels as _labels  # noqa: F401  (registers ThemedLabel)
from kiosk.ui.widgets import pictogram as _pictogram  # noqa: F401  (registers Pictogram)
from kiosk.ui.widgets._kv import load_kv
from kiosk.ui.widgets.mirror import MirrorMixin

__all__ = ("BigCheckBox",)


class BigCheckBox(MirrorMixin, ButtonBehavior, BoxLayout):
    """``[✓]  text`` — tapping anywhere on the row toggles :attr:`active`.

    Events: `on_press`, `on_release` (from ButtonBehavior); the change of
    :attr:`active` is the value event.
    """

    __events__ = ("on_press", "on_release")

    active = BooleanProperty(False)
    """Ticked or not. :class:`~kivy.properties.BooleanProperty`, default False."""

    text = StringProperty("")
    """The sentence the visitor agrees to by ticking.
    :class:`~kivy.properties.StringProperty`."""

    error = BooleanProperty(False)
    """Mark the box as needing attention (border in the danger colour).
    :class:`~kivy.properties.BooleanProperty`."""

    font_scale = NumericProperty(1.0)
    """Extra size factor for the text. :class:`~kivy.properties.NumericProperty`."""

    test_name = StringProperty("")
    """Name for tests to find this widget by.
    :class:`~kivy.properties.StringProperty`."""

    def on_release(self):
        self.active = not self.active


load_kv(__file__)
