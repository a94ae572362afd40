"""Staff section "Anmeldungen": who signed up for what, on a chosen day.

For every offer with sign-up that runs that day (and any sign-ups filed
under the day for an offer no longer in the config, so nothing is hidden):
how full it is, then one row per sign-up — name, contact, people, status
and whether it came from the kiosk or was entered by staff ("Telefon/Papier").
Names are shown here only: this is behind the PIN.
"""

from __future__ import annotations

from datetime import date

from kivy.properties import BooleanProperty, ObjectProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.i18n import _
from kiosk.locale_format import format_time_range
from kiosk.schedule import occurrences
from kiosk.ui.screens.staff_base import StaffDaySection
from kiosk.ui.screens.staff_today import places_text
from kiosk.ui.widgets import day_chooser as _day_chooser  # noqa: F401  (registers DayChooser)
from kiosk.ui.widgets._kv import load_kv


def readable_phone(phone: str) -> str:
    """"+491711234567" → "0171 1234567" for German numbers (as people say
    them); other countries stay in their international form."""
    if phone.startswith("+49") and len(phone) > 6:
        national = "0" + phone[3:]
        return f"{national[:4]} {national[4:]}"
    return phone


def people_text(adults: int, children: int) -> str:
    parts = []
    if adults:
        parts.append(_("1 Erwachsener") if adults == 1 else _("{n} Erwachsene").format(n=adults))
    if children:
        parts.append(_("1 Kind") if children == 1 else _("{n} Kinder").format(n=children))
    return ", ".join(parts) or _("0 Personen")


def source_text(source: str) -> str:
    return _("Telefon/Papier") if source == "staff" else _("Kiosk")


def signup_order(record: dict) -> tuple:
    """Confirmed first, then the waiting list; each in the order they came."""
    return (record.get("status") == "waiting", record.get("created", ""), record.get("id", ""))


class StaffSignupRow(BoxLayout):
    """One sign-up: name and status on top, details below."""

    name = StringProperty("")
    details = StringProperty("")
    waiting = BooleanProperty(False)
    test_name = StringProperty("")


class StaffSignupCard(BoxLayout):
    """One offer on the chosen day and its sign-ups."""

    offer_id = StringProperty("")
    pictogram = StringProperty("")
    title = StringProperty("")
    when = StringProperty("")
    status = StringProperty("")
    full = BooleanProperty(False)
    cancelled = BooleanProperty(False)
    empty = BooleanProperty(True)
    landscape = BooleanProperty(True)
    day = ObjectProperty(None, allownone=True)
    test_name = StringProperty("")

    def add_signup(self) -> None:
        from kivy.app import App

        App.get_running_app().screen("staff").open_section("add", offer_id=self.offer_id, day=self.day)


class StaffSignups(StaffDaySection):
    items_id = "cards"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._built_for = None

    def _fill_day(self, day: date, today: date) -> None:
        self._fill(day)

    def _fill(self, day: date) -> None:
        service = self.service
        config = service.config
        lang = self.app.lang
        box = self.ids.cards
        box.clear_widgets()
        shown: set[str] = set()
        for occ in occurrences(config, day, day):
            offer = config.offer(occ.offer_id)
            if offer is None or not offer.signup:
                continue
            shown.add(offer.id)
            box.add_widget(self._card(offer.id, offer.pictogram, offer.title.get(lang),
                                      format_time_range(occ.start, occ.end, lang), day, True))
        # Sign-ups filed under this day for offers that do not run (any more): never hide them.
        others = sorted({r.get("offer_id", "") for r in service.store.records("signup", day, day)} - shown)
        for offer_id in others:
            offer = config.offer(offer_id)
            title = offer.title.get(lang) if offer else offer_id
            box.add_widget(self._card(offer_id, offer.pictogram if offer else "", title,
                                      _("findet an diesem Tag nicht statt"), day, False))
        self.ids.nothing.text = "" if box.children else _("An diesem Tag gibt es keine Angebote mit Anmeldung.")

    def _card(self, offer_id: str, pictogram: str, title: str, when: str, day: date, runs: bool):
        service = self.service
        availability = service.availability(offer_id, day)
        card = StaffSignupCard(
            test_name=f"signups.offer.{offer_id}",
            offer_id=offer_id, pictogram=pictogram, title=title, when=when, day=day,
            status=places_text(availability, True),
            full=availability.full_flag, cancelled=availability.cancelled,
            landscape=self.landscape,
        )
        card.ids.add_button.disabled = not runs
        records = sorted(service.store.signups_for(offer_id, day), key=signup_order)
        card.empty = not records
        for record in records:
            card.ids.rows.add_widget(self._row(record))
        return card

    def _row(self, record: dict) -> StaffSignupRow:
        name = record.get("name", "")
        if not name and record.get("purged"):
            name = _("(Name gelöscht – schon übertragen)")
        details = []
        if record.get("minor"):
            details.append(_("Kind, Eltern: {name}").format(name=record.get("guardian_name", "")))
        contact = " · ".join(x for x in (readable_phone(record.get("phone", "")), record.get("email", "")) if x)
        if contact:
            details.append(contact)
        details.append(people_text(int(record.get("adults", 0) or 0), int(record.get("children", 0) or 0)))
        details.append(source_text(record.get("source", "kiosk")))
        if record.get("note"):
            details.append(_("Notiz: {note}").format(note=record["note"]))
        return StaffSignupRow(
            test_name=f"signups.row.{record.get('id', '')}",
            name=name,
            details=" · ".join(details),
            waiting=record.get("status") == "waiting",
        )


load_kv(__file__)
