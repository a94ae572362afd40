"""Staff section "Heute": the day at a glance.

Five big numbers (sign-ups for today, people coming, waiting list, smiley
votes, wishes), then today's offers with how full they are, and whether
everything has reached the office.
"""

from __future__ import annotations

from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.ui.widgets.bidi_label import BidiLabel  # noqa: F401  (the .kv uses it)
from kiosk.i18n import _
from kiosk.locale_format import format_time_range
from kiosk.schedule import occurrences
from kiosk.staff_stats import day_numbers
from kiosk.ui.screens.staff import handover_available
from kiosk.ui.screens.staff_base import StaffSection
from kiosk.ui.widgets.day_chooser import day_caption
from kiosk.ui.widgets._kv import load_kv


def places_text(availability, signup: bool) -> str:
    """"3 von 4 Plätzen belegt · 2 auf der Warteliste" in plain words."""
    if not signup:
        return _("ohne Anmeldung")
    if availability.capacity is None:
        text = _("{n} Personen angemeldet").format(n=availability.booked) if availability.booked != 1 \
            else _("1 Person angemeldet")
    else:
        text = _("{booked} von {capacity} Plätzen belegt").format(
            booked=availability.booked, capacity=availability.capacity)
    if availability.waiting:
        text += " · " + _("{n} auf der Warteliste").format(n=availability.waiting)
    return text


class StaffNumber(BoxLayout):
    """One big number with its caption."""

    value = NumericProperty(0)
    caption = StringProperty("")
    test_name = StringProperty("")


class StaffOccurrenceRow(BoxLayout):
    """One of today's offers: pictogram, title, time, places, flags."""

    pictogram = StringProperty("")
    title = StringProperty("")
    when = StringProperty("")
    status = StringProperty("")
    full = BooleanProperty(False)
    cancelled = BooleanProperty(False)
    test_name = StringProperty("")


class StaffToday(StaffSection):
    heading = StringProperty("")
    signups = NumericProperty(0)
    people = NumericProperty(0)
    waiting = NumericProperty(0)
    votes = NumericProperty(0)
    wishes = NumericProperty(0)
    pending_text = StringProperty("")
    has_pending = BooleanProperty(False)
    can_handover = BooleanProperty(False)

    def refresh(self) -> None:
        service = self.service
        today = service.clock.today()
        lang = self.app.lang
        self.heading = day_caption(today, today, lang)
        numbers = day_numbers(service, today)
        self.signups, self.people, self.waiting = numbers.signups, numbers.people, numbers.waiting
        self.votes, self.wishes = numbers.votes, numbers.wishes
        self._fill_occurrences(today, lang)
        self.can_handover = handover_available()
        pending = service.store.pending_days()
        self.has_pending = bool(pending)
        if not pending:
            self.pending_text = _("Alles ist ins Büro übertragen.")
        else:
            entered = [d for d in pending if d <= today]
            since = (entered or pending)[0]
            self.pending_text = _("Noch nicht ins Büro übertragen: Einträge seit dem {day}.").format(
                day=since.strftime("%d.%m.%Y"))

    def _fill_occurrences(self, today, lang: str) -> None:
        box = self.ids.occurrences
        box.clear_widgets()
        config = self.service.config
        found = occurrences(config, today, today)
        for occ in found:
            offer = config.offer(occ.offer_id)
            if offer is None:
                continue
            availability = self.service.availability(occ.offer_id, today)
            box.add_widget(StaffOccurrenceRow(
                test_name=f"today.offer.{occ.offer_id}",
                pictogram=offer.pictogram,
                title=offer.title.get(lang),
                when=format_time_range(occ.start, occ.end, lang),
                status=places_text(availability, offer.signup),
                full=availability.full_flag,
                cancelled=availability.cancelled,
            ))
        self.ids.no_offers.text = "" if found else _("Heute finden keine Angebote statt.")

    def open_handover(self) -> None:
        self.app.screen("staff").open_handover()


load_kv(__file__)
