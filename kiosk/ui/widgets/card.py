"""A rounded white card with a soft shadow: the kiosk's basic container."""

from __future__ import annotations

from kivy.properties import ColorProperty, NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.ui.theme import PALETTE, RADII
from kiosk.ui.widgets._kv import load_kv

__all__ = ("Card",)


class Card(BoxLayout):
    """A vertical box on a rounded card (padding and spacing from the theme)."""

    color = ColorProperty(PALETTE.surface)
    """Card colour, default the theme's surface (white).
    :class:`~kivy.properties.ColorProperty`."""

    radius = NumericProperty(RADII.card)
    """Corner radius in px. :class:`~kivy.properties.NumericProperty`."""

    shadow = NumericProperty(6)
    """Shadow offset in px (0 = flat). :class:`~kivy.properties.NumericProperty`."""

    test_name = StringProperty("")
    """Name for tests to find this widget by.
    :class:`~kivy.properties.StringProperty`."""


load_kv(__file__)
