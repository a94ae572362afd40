"""Small selectable controls for the denser staff screens.

* :class:`ChoiceChip`: one choice among several (a day, an offer, a
  period, a section).  Selected chips get the soft primary fill and a strong
  border, so the choice is visible without relying on colour alone.
* :class:`CheckChip`: an on/off switch that reads like a paper checkbox
  ("☑ voll"); tapping it flips :attr:`CheckChip.active` and fires
  ``on_toggle(active)``.

Both are at least ``theme.TOUCH.minimum`` px high and carry a ``test_name``.
"""

from __future__ import annotations

from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout

from kiosk.ui.widgets.bidi_label import BidiLabel  # noqa: F401  (the .kv uses it)
from kiosk.ui import theme
from kiosk.ui.widgets import pictogram as _pictogram  # noqa: F401  (registers Pictogram)
from kiosk.ui.widgets._kv import load_kv
from kiosk.ui.widgets.mirror import MirrorMixin

__all__ = ("ChoiceChip", "CheckChip")


class ChoiceChip(MirrorMixin, ButtonBehavior, BoxLayout):
    """A rounded chip with text and an optional pictogram.

    Events: `on_press`, `on_release` (from ButtonBehavior).  The chip does
    not select itself: the screen owns the choice and sets :attr:`selected`.
    """

    font_scale = NumericProperty(1.0)
    """Extra text size factor: follows the app's "große Schrift" switch
    (bound in the .kv).  :class:`~kivy.properties.NumericProperty`."""

    __events__ = ("on_press", "on_release")

    text = StringProperty("")
    """Label. :class:`~kivy.properties.StringProperty`."""

    icon = StringProperty("")
    """Pictogram name before the text, ``''`` for none.
    :class:`~kivy.properties.StringProperty`."""

    selected = BooleanProperty(False)
    """Drawn as the current choice. :class:`~kivy.properties.BooleanProperty`."""

    font_size = NumericProperty(theme.TYPE.body)
    """Text size in px. :class:`~kivy.properties.NumericProperty`."""

    fit = BooleanProperty(True)
    """``True``: as wide as its content (for rows of chips); ``False``: the
    width the layout gives it, text left-aligned and shortened.
    :class:`~kivy.properties.BooleanProperty`."""

    test_name = StringProperty("")
    """Name for tests to find this widget by.
    :class:`~kivy.properties.StringProperty`."""


class CheckChip(MirrorMixin, ButtonBehavior, BoxLayout):
    """A checkbox with a label.

    Events: `on_toggle(active)` after a tap flipped :attr:`active`
    (setting :attr:`active` from code does not fire it), plus `on_press` /
    `on_release`.
    """

    font_scale = NumericProperty(1.0)
    """Extra text size factor: follows the app's "große Schrift" switch
    (bound in the .kv).  :class:`~kivy.properties.NumericProperty`."""

    __events__ = ("on_press", "on_release", "on_toggle")

    text = StringProperty("")
    """Label. :class:`~kivy.properties.StringProperty`."""

    active = BooleanProperty(False)
    """Checked. :class:`~kivy.properties.BooleanProperty`."""

    test_name = StringProperty("")
    """Name for tests to find this widget by.
    :class:`~kivy.properties.StringProperty`."""

    def on_release(self) -> None:
        self.active = not self.active
        self.dispatch("on_toggle", self.active)

    def on_toggle(self, active: bool) -> None:
        """Default handler: nothing."""


load_kv(__file__)
