"""The big home tile / card button: a coloured rounded card with a
pictogram and a label (and an optional second line).

Home tiles are vertical (pictogram above the label); offer cards in lists
are horizontal (pictogram left, text right).  Colour and pictogram always
travel together (``theme.HOME_TILES``) so colour is never the only cue.
"""

from __future__ import annotations

from kivy.properties import (
    ColorProperty,
    NumericProperty,
    StringProperty,
)
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout

from kiosk.ui.widgets.bidi_label import BidiLabel  # noqa: F401  (the .kv uses it)
from kiosk.ui import theme
from kiosk.ui.widgets import labels as _labels  # noqa: F401  (registers ThemedLabel)
from kiosk.ui.widgets import pictogram as _pictogram  # noqa: F401  (registers Pictogram)
from kiosk.ui.widgets._kv import load_kv
from kiosk.ui.widgets.mirror import MirrorMixin

__all__ = ("Tile",)


class Tile(MirrorMixin, ButtonBehavior, BoxLayout):
    """A tappable coloured card with pictogram and text.

    Events: `on_press`, `on_release` (from ButtonBehavior).  While pressed
    the card darkens a little and sinks onto its shadow.  ``orientation``
    (from BoxLayout): ``'vertical'`` home tile (default) or ``'horizontal'``
    list card.
    """

    __events__ = ("on_press", "on_release")

    text = StringProperty("")
    """Main label. :class:`~kivy.properties.StringProperty`."""

    subtitle = StringProperty("")
    """Optional second line (time, room …); hidden when empty.
    :class:`~kivy.properties.StringProperty`."""

    subtitle_font_size = NumericProperty(theme.TYPE.body)
    """Subtitle text size in px (screens with "große Schrift" scale it).
    :class:`~kivy.properties.NumericProperty`."""

    pictogram = StringProperty("")
    """Pictogram name (see ``pictogram_names()``).
    :class:`~kivy.properties.StringProperty`."""

    color = ColorProperty(theme.PALETTE.today)
    """Tile colour. :class:`~kivy.properties.ColorProperty`."""

    pictogram_color = ColorProperty(theme.PALETTE.surface)
    """Disc colour behind the pictogram (white by default, so the tile
    colour frames it like a sticker). :class:`~kivy.properties.ColorProperty`."""

    text_color = ColorProperty(theme.PALETTE.ink)
    """Label colour (dark; every tile colour is AA with it).
    :class:`~kivy.properties.ColorProperty`."""

    radius = NumericProperty(theme.RADII.tile)
    """Corner radius in px. :class:`~kivy.properties.NumericProperty`."""

    font_size = NumericProperty(theme.TYPE.tile)
    """Label size in px. :class:`~kivy.properties.NumericProperty`."""

    label_min_height = NumericProperty(0)
    """Vertical tiles: at least this much height for the text under the
    pictogram, so tiles in a row whose labels wrap differently still have
    their pictograms at the same height (0 = just what the text needs).
    :class:`~kivy.properties.NumericProperty`."""

    test_name = StringProperty("")
    """Name for tests to find this widget by.
    :class:`~kivy.properties.StringProperty`."""


load_kv(__file__)
