""""Heute bei uns": today's offers first, then the next seven days, one
section per day ("Heute", "Morgen", "Donnerstag, 26. November"), each offer
a card with pictogram, time, room, audience and free places.  Tapping a card
opens its detail view.

Cards are built once per (day, language, config) and only their status
lines are refreshed when the screen is shown again, so coming back from the
detail view is instant and a flag staff just set ("fällt heute aus",
"ausgebucht") shows at once.
"""

from __future__ import annotations

from datetime import date

from kivy.clock import Clock
from kivy.properties import BooleanProperty, ListProperty, NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.i18n import _
from kiosk.locale_format import format_day
from kiosk.schedule import is_closing_day, next_open_day, opening_hours_on, today_and_upcoming
from kiosk.ui.offer_texts import card_info, day_heading
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets import bidi_label, labels  # noqa: F401 - kv classes
from kiosk.ui.widgets import mirror as _mirror  # noqa: F401  (MirrorBox in the .kv)
from kiosk.ui.widgets._kv import load_kv
from kiosk.ui.widgets.offer_card import OfferCard

#: How many days after today the list shows.
DAYS_AHEAD = 7
#: Cards built right away when the list is (re)built; later days follow
#: one per frame.
FIRST_CARDS = 6


class DaySection(BoxLayout):
    """A day heading and that day's offer cards, in one or two columns.

    Cards in the same row get the same height (the tallest one's), so a
    wrapped title never leaves a ragged grid.
    """

    heading = StringProperty("")
    """ "Heute", "Morgen" or the full date. :class:`~kivy.properties.StringProperty`."""

    date_line = StringProperty("")
    """The date next to "Heute"/"Morgen" ("" otherwise). :class:`~kivy.properties.StringProperty`."""

    message = StringProperty("")
    """Shown instead of cards when the day has none. :class:`~kivy.properties.StringProperty`."""

    day = None
    cards = ListProperty([])
    """The OfferCards of this day, in time order. :class:`~kivy.properties.ListProperty`."""

    font_scale = NumericProperty(1.0)
    """"Große Schrift" factor for the heading. :class:`~kivy.properties.NumericProperty`."""

    rtl = BooleanProperty(False)
    """Fill rows from the right (Arabic). Set by the screen: widgets built
    later must not read ``app`` in kv (Kivy caches the app object there).
    :class:`~kivy.properties.BooleanProperty`."""

    test_name = StringProperty("")

    def __init__(self, **kwargs):
        self._trigger_rows = Clock.create_trigger(self._equalise_rows, -1)
        super().__init__(**kwargs)

    def add_card(self, card: OfferCard) -> None:
        self.cards.append(card)
        card.fbind("content_height", self._trigger_rows)
        self.ids.grid.add_widget(card)
        self._trigger_rows()

    def on_kv_post(self, _base) -> None:
        self.ids.grid.fbind("cols", self._trigger_rows)

    def _equalise_rows(self, *_):
        cols = max(1, int(self.ids.grid.cols or 1))
        for start in range(0, len(self.cards), cols):
            row = self.cards[start:start + cols]
            tallest = max(c.content_height for c in row)
            for card in row:
                card.height = tallest


class OffersScreen(KioskScreen):
    font_scale = NumericProperty(1.0)
    """Follows ``app.font_scale`` (bound in kv); passed on to the cards."""

    rtl = BooleanProperty(False)
    """Right-to-left language on show: cards fill the rows from the right."""

    built_for = None  # (today, lang, config) the cards were built for
    card_count = NumericProperty(0)
    """How many offer cards the list holds so far."""
    complete = BooleanProperty(False)
    """True once every day of the list is built (later days follow the
    first ones frame by frame)."""

    _build_event = None
    _pending: list = []

    def on_kv_post(self, _base) -> None:
        self.app.fbind("lang", self._language_changed)
        self.app.fbind("lang", self._update_rtl)
        self.app.fbind("on_stop", self._cancel_build)
        self._update_rtl()

    def _update_rtl(self, *_):
        self.rtl = self.app.lang == "ar"
        for section in self.ids.sections.children:
            section.rtl = self.rtl

    def _cancel_build(self, *_):
        """A stopping app builds nothing more (no widget may appear after it)."""
        if self._build_event is not None:
            self._build_event.cancel()
            self._build_event = None

    def on_font_scale(self, _screen, value: float) -> None:
        for section in self.ids.sections.children:
            section.font_scale = value
        for card in self._cards():
            card.font_scale = value

    # -- KioskScreen -----------------------------------------------------------

    def show(self, **_params) -> None:
        self.refresh()

    def reset(self) -> None:
        self.ids.scroll.scroll_y = 1

    def config_changed(self) -> None:
        self.built_for = None
        if self.app.current_screen == self.name:
            self.refresh()

    # -- building --------------------------------------------------------------

    def _language_changed(self, *_):
        if self.built_for is not None and self.app.current_screen == self.name:
            self.refresh()

    def refresh(self) -> None:
        """Build the list if the day, language or config changed; otherwise
        just update every card (free places, staff flags, "schon vorbei")."""
        service = self.service
        now = service.clock.now()
        key = (now.date(), self.app.lang, id(service.config))
        if key != self.built_for:
            self._build(now)
            self.built_for = key
        else:
            lang = self.app.lang
            for card in self._cards():
                card.show_info(card_info(service, card.occurrence, lang, now))

    def _cards(self) -> list[OfferCard]:
        return [card for section in self.ids.sections.children for card in section.cards]

    def _build(self, now) -> None:
        """Start a fresh list: the first days at once (what the visitor sees
        first), the later days one per frame, so the screen answers the tap
        within a frame even on a slow tablet."""
        service, lang = self.service, self.app.lang
        today = now.date()
        if self._build_event is not None:
            self._build_event.cancel()
        self.ids.sections.clear_widgets()
        todays, upcoming = today_and_upcoming(service.config, today, DAYS_AHEAD)
        by_day: dict[date, list] = {today: list(todays)}
        for occ in upcoming:
            by_day.setdefault(occ.day, []).append(occ)
        self._pending = list(by_day.items())
        self.card_count = 0
        self.complete = False
        while self._pending and self.card_count < FIRST_CARDS:
            self._add_section(*self._pending.pop(0))
        self._schedule_rest()
        self.ids.scroll.scroll_y = 1

    def _schedule_rest(self) -> None:
        if self._pending:
            self._build_event = Clock.schedule_once(self._build_next, 0)
        else:
            self._build_event = None
            self.complete = True

    def _build_next(self, _dt) -> None:
        if self._pending:
            self._add_section(*self._pending.pop(0))
        self._schedule_rest()

    def _add_section(self, day: date, occs: list) -> None:
        service, lang = self.service, self.app.lang
        now = service.clock.now()
        heading, date_line = day_heading(day, now.date(), lang)
        section = DaySection(heading=heading, date_line=date_line, font_scale=self.font_scale,
                             rtl=self.rtl, test_name=f"day.{day.isoformat()}")
        section.day = day
        if not occs:
            section.message = self._no_offers_text(now.date(), lang)
        for occ in occs:
            card = OfferCard(test_name=f"offer.{occ.offer_id}.{occ.day.isoformat()}",
                             occurrence=occ, font_scale=self.font_scale)
            card.show_info(card_info(service, occ, lang, now))
            card.bind(on_release=self._open)
            section.add_card(card)
        self.ids.sections.add_widget(section)
        self.card_count += len(occs)

    def _no_offers_text(self, today: date, lang: str) -> str:
        config = self.service.config
        if is_closing_day(config, today) or not opening_hours_on(config, today):
            reopen = next_open_day(config, today)
            if reopen is not None:
                return _("Heute ist bei uns geschlossen. Wir sind wieder da am {day}.").format(
                    day=format_day(reopen, lang))
            return _("Heute ist bei uns geschlossen.")
        return _("Heute gibt es keine Angebote. Schau dir die nächsten Tage an!")

    def _open(self, card: OfferCard) -> None:
        self.app.go("offer_detail", offer_id=card.offer_id, day=card.day)


load_kv(__file__)
