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

from kiosk.ui import theme
from kiosk.ui.offer_texts import STATUS_KINDS, OfferCardInfo
from kiosk.ui.widgets import labels as _labels  # noqa: F401  (registers ThemedLabel)
from kiosk.ui.widgets import pictogram as _pictogram  # noqa: F401  (registers Pictogram)
from kiosk.ui.widgets._kv import load_kv
from kiosk.ui.widgets.mirror import MirrorMixin
from kiosk.ui.widgets.bidi_label import BidiLabel

__all__ = ("OfferCard", "FactLine", "StatusChip", "status_colors", "SCROLL_SAFE_SHADOW")

#: The theme's soft shadow, pre-blended onto the page colour so it is opaque.
#: Why: in Kivy 2.3.1 a Smooth* shape drawn with alpha < 1 does its own
#: stencil work (to avoid double-blending its anti-aliased rim), which breaks
#: an enclosing ScrollView's clipping: a translucent card shadow inside a
#: scrolled list was drawn over the top bar.  Cards meant for ScrollViews
#: therefore use only opaque colours.
SCROLL_SAFE_SHADOW = theme.mix(theme.PALETTE.background, theme.PALETTE.shadow[:3] + (1.0,),
                               theme.PALETTE.shadow[3])


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


class StatusChip(BidiLabel):
    """A small rounded label whose colours follow ``kind`` (a BidiLabel, so
    Arabic status words join and never show as boxes)."""

    kind = OptionProperty("open", options=STATUS_KINDS)
    """One of ``STATUS_KINDS``. :class:`~kivy.properties.OptionProperty`."""

    font_scale = NumericProperty(1.0)
    """"Große Schrift" factor. :class:`~kivy.properties.NumericProperty`."""

    base_size = NumericProperty(theme.TYPE.body)
    """Unscaled text size in px. :class:`~kivy.properties.NumericProperty`."""

    chip_color = ColorProperty(theme.PALETTE.surface_alt)
    """Read-only: the chip's background. :class:`~kivy.properties.ColorProperty`."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fbind("kind", self._update_colors)
        self._update_colors()

    def _update_colors(self, *_):
        self.color, self.chip_color = status_colors(self.kind)


class FactLine(MirrorMixin, BoxLayout):
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

    inline = BooleanProperty(False)
    """``True``: as wide as icon + text on one line (for a flowing row of
    facts in a StackLayout); ``False`` (default): fill the width and wrap.
    :class:`~kivy.properties.BooleanProperty`."""

    icon_size = NumericProperty(0)
    """Pictogram size in px (follows the type role). :class:`~kivy.properties.NumericProperty`."""

    test_name = StringProperty("")
    """Name for tests; the text label is ``<test_name>.text``.
    :class:`~kivy.properties.StringProperty`."""


class OfferCard(MirrorMixin, ButtonBehavior, BoxLayout):
    """A tappable card for one occurrence of an offer.

    Events: `on_press`, `on_release` (from ButtonBehavior).
    """

    __events__ = ("on_press", "on_release")

    occurrence = ObjectProperty(None, allownone=True)
    """The :class:`~kiosk.schedule.Occurrence` shown, if the caller keeps it
    here (lists do, to refresh the card). :class:`~kivy.properties.ObjectProperty`."""

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

    shadow_color = ColorProperty(SCROLL_SAFE_SHADOW)
    """Shadow colour; opaque by default so the card can sit in a ScrollView
    (see ``SCROLL_SAFE_SHADOW``). :class:`~kivy.properties.ColorProperty`."""

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
