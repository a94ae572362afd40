"""One offer on one day in detail: what it is, when, where, for whom, what
it costs ("kostenlos" when the config says nothing), how many places are
left, and a big "Anmelden" button when the offer takes sign-ups.

Opened from the offer list with ``app.go('offer_detail', offer_id=…,
day=…)``; the button goes on with ``app.go('signup', offer_id=…, day=…)``.
"""

from __future__ import annotations

from datetime import date

from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, StringProperty

from kiosk.i18n import _
from kiosk.ui.offer_texts import audience_text, card_info, cost_text
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets import buttons, labels, offer_card  # noqa: F401 - kv classes
from kiosk.ui.widgets import mirror as _mirror  # noqa: F401  (MirrorBox in the .kv)
from kiosk.ui.widgets._kv import load_kv


class OfferDetailScreen(KioskScreen):
    offer_id = StringProperty("")
    day = ObjectProperty(None, allownone=True)

    title = StringProperty("")
    description = StringProperty("")
    pictogram = StringProperty("")
    day_text = StringProperty("")
    time_text = StringProperty("")
    room = StringProperty("")
    audience = StringProperty("")
    cost = StringProperty("")
    status = StringProperty("")
    status_kind = StringProperty("open")
    can_sign_up = BooleanProperty(False)
    """True when the offer takes sign-ups and this date is not cancelled."""
    full = BooleanProperty(False)
    missing = BooleanProperty(False)
    """The offer or date no longer exists (config reloaded meanwhile)."""
    font_scale = NumericProperty(1.0)

    def on_kv_post(self, _base) -> None:
        self.app.fbind("lang", self._language_changed)

    # -- KioskScreen -------------------------------------------------------------

    def show(self, offer_id: str = "", day: date | None = None, **_params) -> None:
        self.offer_id = offer_id
        self.day = day
        self.refresh()
        self.ids.scroll.scroll_y = 1

    def reset(self) -> None:
        self.offer_id = ""
        self.day = None
        self._clear()

    def config_changed(self) -> None:
        if self.offer_id:
            self.refresh()

    # -- content ----------------------------------------------------------------

    def _language_changed(self, *_):
        if self.offer_id and self.app.current_screen == self.name:
            self.refresh()

    def _clear(self) -> None:
        for name in ("title", "description", "pictogram", "day_text", "time_text",
                     "room", "audience", "cost", "status"):
            setattr(self, name, "")
        self.status_kind = "open"
        self.can_sign_up = self.full = self.missing = False

    def refresh(self) -> None:
        service, lang = self.service, self.app.lang
        offer = service.config.offer(self.offer_id) if self.offer_id else None
        occurrence = service.occurrence(self.offer_id, self.day) if (offer and self.day) else None
        self._clear()
        if offer is None or occurrence is None:
            self.missing = True
            self.title = _("Dieses Angebot gibt es so nicht mehr.")
            self.description = _("Schau in der Liste nach, was heute und in den nächsten Tagen los ist.")
            self.pictogram = "today"
            return
        info = card_info(service, occurrence, lang, service.clock.now())
        self.title = info.title
        self.description = offer.description.get(lang).strip()
        self.pictogram = info.pictogram
        self.day_text = info.day_label
        self.time_text = info.time
        self.room = info.room
        self.audience = audience_text(offer.audience)
        self.cost = cost_text(offer, lang)
        self.status = info.status
        self.status_kind = info.status_kind
        self.full = info.full
        self.can_sign_up = info.takes_signups and not info.cancelled and info.status_kind != "past"

    # -- actions -----------------------------------------------------------------

    def sign_up(self) -> None:
        if self.can_sign_up:
            self.app.go("signup", offer_id=self.offer_id, day=self.day)

    def back(self) -> None:
        self.app.go("offers", direction="right")


load_kv(__file__)
