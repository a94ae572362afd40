"""Themed buttons that replace Kivy's grey default.

* :class:`KioskButton`: a rounded button with a label and an optional
  pictogram, in three variants — ``primary`` (the one main action, white on
  terracotta), ``secondary`` (white card with a border) and ``quiet``
  (a soft beige key).  At least ``theme.TOUCH.comfortable`` px high.
* :class:`IconButton`: a round pictogram button (back, plus, minus …).

Both use :class:`~kivy.uix.behaviors.ButtonBehavior`, so they have
``state`` ('normal'/'down') and the events ``on_press`` / ``on_release``.
"""

from __future__ import annotations

from kivy.properties import (
    ColorProperty,
    NumericProperty,
    OptionProperty,
    StringProperty,
)
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout

from kiosk.ui.widgets.bidi_label import BidiLabel  # noqa: F401  (the .kv uses it)
from kiosk.ui import theme
from kiosk.ui.widgets._kv import load_kv
from kiosk.ui.widgets.mirror import MirrorMixin
from kiosk.ui.widgets.pictogram import Pictogram

__all__ = ("KioskButton", "IconButton", "VARIANTS", "variant_colors")

VARIANTS = ("primary", "secondary", "quiet")


def variant_colors(variant: str, state: str = "normal", disabled: bool = False):
    """(face colour, text colour) for a button variant and state."""
    p = theme.PALETTE
    if disabled:
        return p.disabled, p.disabled_ink
    face, text = {
        "primary": (p.primary, p.on_primary),
        "secondary": (p.surface, p.ink),
        "quiet": (p.surface_alt, p.ink),
    }[variant]
    if state == "down":
        face = theme.darker(face)
    return face, text


class KioskButton(MirrorMixin, ButtonBehavior, BoxLayout):
    """A rounded, themed button: optional pictogram, then the text (in a
    right-to-left language the pictogram sits right of the text and arrows
    point the other way).

    Events: `on_press`, `on_release` (from ButtonBehavior).
    """

    font_scale = NumericProperty(1.0)
    """Extra text size factor: follows the app's "große Schrift" switch
    (bound in the .kv).  :class:`~kivy.properties.NumericProperty`."""

    __events__ = ("on_press", "on_release")

    text = StringProperty("")
    """Button text (pass it through ``_()``).
    :class:`~kivy.properties.StringProperty`."""

    icon = StringProperty("")
    """Pictogram name shown before the text, ``''`` for none.
    :class:`~kivy.properties.StringProperty`."""

    variant = OptionProperty("primary", options=VARIANTS)
    """``'primary'``, ``'secondary'`` or ``'quiet'``.
    :class:`~kivy.properties.OptionProperty`, default ``'primary'``."""

    radius = NumericProperty(theme.RADII.button)
    """Corner radius in px. :class:`~kivy.properties.NumericProperty`."""

    font_size = NumericProperty(theme.TYPE.button)
    """Text size in px. :class:`~kivy.properties.NumericProperty`."""

    face_color = ColorProperty(theme.PALETTE.primary)
    """Read-only: current face colour (follows variant, state, disabled).
    :class:`~kivy.properties.ColorProperty`."""

    text_color = ColorProperty(theme.PALETTE.on_primary)
    """Read-only: current text colour.
    :class:`~kivy.properties.ColorProperty`."""

    test_name = StringProperty("")
    """Name for tests to find this widget by.
    :class:`~kivy.properties.StringProperty`."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for prop in ("variant", "state", "disabled"):
            self.fbind(prop, self._update_colors)
        self._update_colors()

    def _update_colors(self, *_):
        self.face_color, self.text_color = variant_colors(self.variant, self.state, self.disabled)


class IconButton(ButtonBehavior, Pictogram):
    """A round pictogram button; its disc darkens while pressed and turns
    pale (disc and symbol) when disabled.

    Events: `on_press`, `on_release` (from ButtonBehavior).
    """

    __events__ = ("on_press", "on_release")

    base_color = ColorProperty(theme.PALETTE.surface_alt)
    """Disc colour when not pressed.
    :class:`~kivy.properties.ColorProperty`."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for prop in ("base_color", "base_ink", "state", "disabled"):
            self.fbind(prop, self._update_disc)
        self._update_disc()

    base_ink = ColorProperty(theme.PALETTE.ink)
    """Symbol colour when enabled. :class:`~kivy.properties.ColorProperty`."""

    def _update_disc(self, *_):
        p = theme.PALETTE
        if self.disabled:
            self.color = theme.mix(self.base_color, p.background, 0.6)
            self.ink = theme.mix(self.base_ink, self.color, 0.7)
        else:
            self.color = theme.darker(self.base_color, 0.18) if self.state == "down" else self.base_color
            self.ink = self.base_ink


load_kv(__file__)
