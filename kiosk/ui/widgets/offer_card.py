"""One offer on one day, as a tappable card: pictogram, time (large), title,
room and audience, and a coloured status chip ("noch 3 Plätze",
"ausgebucht – Warteliste", "ohne Anmeldung", "fällt heute aus").

Used by the offer list, the attract loop (``big: True``) and any screen that
lets the visitor pick an occurrence.  The card only shows what it is given;
:func:`kiosk.ui.offer_texts.card_info` says what that is, and
:meth:`OfferCard.show_info` copies it in.

``content_height`` is the height the card needs for its text at its current
width; lists use it to give all cards of a row the same height.
"""

from __future__ import annotations

from kivy.properties import (
    BooleanProperty,
    ColorProperty,
    NumericProperty,
    ObjectProperty,
    OptionProperty,
    StringProperty,
)
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.label import Label

from kiosk.ui import theme
from kiosk.ui.offer_texts import STATUS_KINDS, OfferCardInfo
from kiosk.ui.widgets import labels as _labels  # noqa: F401  (registers ThemedLabel)
from kiosk.ui.widgets import pictogram as _pictogram  # noqa: F401  (registers Pictogram)
from kiosk.ui.widgets._kv import load_kv

__all__ = ("OfferCard", "FactLine", "StatusChip", "status_colors")


def status_colors(kind: str) -> tuple[tuple, tuple]:
    """(text colour, chip colour) of a status kind; every pair is in theme.TEXT_PAIRS."""
    p = theme.PALETTE
    return {
        "free": (p.success, p.success_soft),
        "full": (p.warning, p.warning_soft),
        "cancelled": (p.danger, p.danger_soft),
        "open": (p.ink, p.surface_alt),
        "past": (p.ink_muted, p.surface_alt),
    }.get(kind, (p.ink, p.surface_alt))


class StatusChip(Label):
    """A small rounded label whose colours follow ``kind``."""

    kind = OptionProperty("open", options=STATUS_KINDS)
    """One of ``STATUS_KINDS``. :class:`~kivy.properties.OptionProperty`."""

    font_scale = NumericProperty(1.0)
    """"Große Schrift" factor. :class:`~kivy.properties.NumericProperty`."""

    base_size = NumericProperty(theme.TYPE.body)
    """Unscaled text size in px. :class:`~kivy.properties.NumericProperty`."""

    chip_color = ColorProperty(theme.PALETTE.surface_alt)
    """Read-only: the chip's background. :class:`~kivy.properties.ColorProperty`."""

    test_name = StringProperty("")
    """Name for tests. :class:`~kivy.properties.StringProperty`."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fbind("kind", self._update_colors)
        self._update_colors()

    def _update_colors(self, *_):
        self.color, self.chip_color = status_colors(self.kind)


class FactLine(BoxLayout):
    """A small pictogram followed by a line of text ("room" + "Kinderraum");
    collapses to nothing when ``text`` is empty, so empty config values
    simply leave no gap."""

    icon = StringProperty("")
    """Pictogram name, ``''`` for none. :class:`~kivy.properties.StringProperty`."""

    text = StringProperty("")
    """The text. :class:`~kivy.properties.StringProperty`."""

    role = StringProperty("body")
    """ThemedLabel type role. :class:`~kivy.properties.StringProperty`."""

    font_scale = NumericProperty(1.0)
    """"Große Schrift" factor. :class:`~kivy.properties.NumericProperty`."""

    color = ColorProperty(theme.PALETTE.ink)
    """Text colour. :class:`~kivy.properties.ColorProperty`."""

    halign = StringProperty("left")
    """Text alignment. :class:`~kivy.properties.StringProperty`."""

    icon_size = NumericProperty(0)
    """Pictogram size in px (follows the type role). :class:`~kivy.properties.NumericProperty`."""

    test_name = StringProperty("")
    """Name for tests; the text label is ``<test_name>.text``.
    :class:`~kivy.properties.StringProperty`."""


class OfferCard(ButtonBehavior, BoxLayout):
    """A tappable card for one occurrence of an offer.

    Events: `on_press`, `on_release` (from ButtonBehavior).
    """

    __events__ = ("on_press", "on_release")

    offer_id = StringProperty("")
    """Offer id of the occurrence shown. :class:`~kivy.properties.StringProperty`."""

    day = ObjectProperty(None, allownone=True)
    """Date of the occurrence shown. :class:`~kivy.properties.ObjectProperty`."""

    pictogram = StringProperty("")
    """Pictogram name. :class:`~kivy.properties.StringProperty`."""

    title = StringProperty("")
    """Offer title in the visitor's language. :class:`~kivy.properties.StringProperty`."""

    time_text = StringProperty("")
    """ "14:30–17:00 Uhr". :class:`~kivy.properties.StringProperty`."""

    day_text = StringProperty("")
    """Optional day line above the time ("Morgen, Mittwoch, 25. November");
    hidden when empty. :class:`~kivy.properties.StringProperty`."""

    room = StringProperty("")
    """Where it takes place. :class:`~kivy.properties.StringProperty`."""

    audience = StringProperty("")
    """ "für Familien". :class:`~kivy.properties.StringProperty`."""

    status = StringProperty("")
    """Status chip text; the chip is hidden when empty.
    :class:`~kivy.properties.StringProperty`."""

    status_kind = OptionProperty("open", options=STATUS_KINDS)
    """Colour of the status chip. :class:`~kivy.properties.OptionProperty`."""

    big = BooleanProperty(False)
    """Poster size for the attract loop (bigger pictogram and type).
    :class:`~kivy.properties.BooleanProperty`."""

    font_scale = NumericProperty(1.0)
    """"Große Schrift" factor; bind it to ``app.font_scale``.
    :class:`~kivy.properties.NumericProperty`."""

    content_height = NumericProperty(0)
    """Read-only: height the card needs at its current width.
    :class:`~kivy.properties.NumericProperty`."""

    test_name = StringProperty("")
    """Name for tests; the parts are ``<test_name>.title``, ``.time``,
    ``.status``. :class:`~kivy.properties.StringProperty`."""

    def show_info(self, info: OfferCardInfo, *, with_day: bool = False) -> None:
        """Show ``info``; ``with_day`` adds the day line (lists with day
        headings leave it out, the attract loop shows it)."""
        self.offer_id = info.offer_id
        self.day = info.day
        self.pictogram = info.pictogram
        self.title = info.title
        self.time_text = info.time
        self.day_text = info.day_label if with_day else ""
        self.room = info.room
        self.audience = info.audience
        self.status = info.status
        self.status_kind = info.status_kind


load_kv(__file__)
