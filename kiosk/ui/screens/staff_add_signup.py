"""Staff section "Neu eintragen": a sign-up taken by phone or on paper.

It goes through the same ``service.sign_up`` as the kiosk's own form
(``source='staff'``), so capacity and the waiting list stay true and the
same checks apply; a paper form carries the person's consent, so
``consent_given=True``.  Problems are shown next to the field they concern.
After saving, the offer and date stay chosen (the next name from the same
paper list is quick to add) and the person's fields are cleared.
"""

from __future__ import annotations

from datetime import date, timedelta

from kivy.clock import Clock
from kivy.properties import DictProperty, ObjectProperty, StringProperty

from kiosk.i18n import _
from kiosk.locale_format import format_time_range
from kiosk.records import MAX_ADULTS, MAX_CHILDREN, ValidationError
from kiosk.schedule import occurrences
from kiosk.ui.screens.staff_base import StaffSection
from kiosk.ui.widgets import day_chooser as _day_chooser  # noqa: F401  (registers DayChooser)
from kiosk.ui.widgets import stepper as _stepper  # noqa: F401  (registers Stepper)
from kiosk.ui.widgets._kv import load_kv
from kiosk.ui.widgets.chips import ChoiceChip

#: How far the date arrows look for the offer's previous/next date (trips are months apart).
SEARCH_DAYS = 366
SEARCH_WINDOW = 31
#: Form fields that have their own message line; other problems go to the general line.
FIELD_ERRORS = ("offer_id", "day", "name", "phone", "email", "people")


def availability_text(availability) -> str:
    if availability.cancelled:
        return _("Dieser Termin fällt aus – keine Anmeldung möglich.")
    if availability.full:
        return _("Voll – eine neue Anmeldung kommt auf die Warteliste.")
    if availability.capacity is None:
        return _("Ohne Platzgrenze.")
    return _("Noch {free} von {capacity} Plätzen frei.").format(
        free=availability.free, capacity=availability.capacity)


class StaffAddSignup(StaffSection):
    offer_id = StringProperty("")
    """The chosen offer ('' = none yet)."""

    contact = StringProperty("none")
    """The chosen offer's contact rule (see ``kiosk.config.CONTACTS``)."""

    errors = DictProperty({})
    """Field → German message from the last try."""

    result = StringProperty("")
    result_kind = StringProperty("success")
    day_status = StringProperty("")
    chooser_step = ObjectProperty(None, allownone=True)

    max_adults = MAX_ADULTS
    max_children = MAX_CHILDREN

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.chooser_step = self._step

    def on_kv_post(self, _base_widget) -> None:
        self.ids.chooser.bind(day=lambda *_: self._update_day_status())
        self.watch_fields(self.ids.name, self.ids.phone, self.ids.email)

    # -- section life cycle ---------------------------------------------------------

    def refresh(self) -> None:
        self.ids.chooser.today = self.service.clock.today()
        self._build_offer_chips()
        if self.offer_id and self.service.config.offer(self.offer_id) is None:
            self.offer_id = ""
        self._update_day_status()

    def preset(self, offer_id: str | None = None, day: date | None = None, **_params) -> None:
        if offer_id:
            self.choose_offer(offer_id, day=day)

    def reset(self) -> None:
        self.offer_id = ""
        self.contact = "none"
        self.ids.chooser.day = None
        self._clear_person()
        self.result = ""
        self.errors = {}
        self._mark_chips()

    def _clear_person(self) -> None:
        for field in ("name", "phone", "email"):
            self.ids[field].text = ""
            self.ids[field].focus = False
        self.ids.adults.value = 1
        self.ids.children.value = 0

    # -- offer and date -----------------------------------------------------------------

    def _build_offer_chips(self) -> None:
        box = self.ids.offers
        box.clear_widgets()
        lang = self.app.lang
        for offer in self.service.config.offers:
            if not offer.signup:
                continue
            chip = ChoiceChip(text=offer.title.get(lang), icon=offer.pictogram,
                              test_name=f"add.offer.{offer.id}")
            chip.offer_id = offer.id
            chip.bind(on_release=lambda c: self.choose_offer(c.offer_id))
            box.add_widget(chip)
        self._mark_chips()

    def _mark_chips(self) -> None:
        for chip in self.ids.offers.children:
            chip.selected = getattr(chip, "offer_id", None) == self.offer_id

    def choose_offer(self, offer_id: str, day: date | None = None) -> None:
        offer = self.service.config.offer(offer_id)
        if offer is None or not offer.signup:
            return
        self.offer_id = offer_id
        self.contact = offer.contact
        self.result = ""
        self.errors = {}
        self._mark_chips()
        today = self.service.clock.today()
        if day is None or self.service.occurrence(offer_id, day) is None:
            day = self._step(today - timedelta(days=1), 1)
        self.ids.chooser.today = today
        self.ids.chooser.day = day
        self._update_day_status()

    def _step(self, day: date, direction: int) -> date | None:
        """The offer's previous/next date from ``day`` (None: none within
        SEARCH_DAYS).  Looks a month at a time: weekly offers answer at once."""
        if not self.offer_id or day is None:
            return None
        config = self.service.config
        for start in range(1, SEARCH_DAYS + 1, SEARCH_WINDOW):
            end = min(start + SEARCH_WINDOW - 1, SEARCH_DAYS)
            if direction > 0:
                first, last = day + timedelta(days=start), day + timedelta(days=end)
            else:
                first, last = day - timedelta(days=end), day - timedelta(days=start)
            found = [o.day for o in occurrences(config, first, last) if o.offer_id == self.offer_id]
            if found:
                return found[0] if direction > 0 else found[-1]
        return None

    def on_offer_id(self, *_args) -> None:
        # The arrows ask the step function again for the new offer.
        self.chooser_step = None
        self.chooser_step = self._step

    def _update_day_status(self) -> None:
        day = self.ids.chooser.day
        if not self.offer_id or day is None:
            self.day_status = "" if not self.offer_id else _("In den nächsten Monaten gibt es keinen Termin.")
            return
        occ = self.service.occurrence(self.offer_id, day)
        if occ is None:
            self.day_status = _("An diesem Tag findet das Angebot nicht statt.")
            return
        when = format_time_range(occ.start, occ.end, self.app.lang)
        self.day_status = f"{when} · " + availability_text(self.service.availability(self.offer_id, day))

    # -- contact fields -------------------------------------------------------------------

    def phone_label(self, contact: str, *_deps) -> str:
        need = {"phone": _("nötig"), "phone_and_email": _("nötig"),
                "phone_or_email": _("Telefon oder E-Mail nötig")}.get(contact, _("freiwillig"))
        # TRANSLATORS: {need} is "nötig", "freiwillig" or "Telefon oder E-Mail nötig"
        return _("Telefon ({need})").format(need=need)

    def email_label(self, contact: str, *_deps) -> str:
        need = {"email": _("nötig"), "phone_and_email": _("nötig"),
                "phone_or_email": _("Telefon oder E-Mail nötig")}.get(contact, _("freiwillig"))
        # TRANSLATORS: {need} is "nötig", "freiwillig" or "Telefon oder E-Mail nötig"
        return _("E-Mail ({need})").format(need=need)

    def error_text(self, field: str, errors: dict, *_deps) -> str:
        """The message for ``field`` (kv passes ``root.errors`` so it rebinds)."""
        return errors.get(field, "")

    # -- saving -------------------------------------------------------------------------------

    def save(self) -> None:
        self.result = ""
        day = self.ids.chooser.day
        if not self.offer_id:
            self.errors = {"offer_id": _("Bitte ein Angebot antippen.")}
            return
        if day is None:
            self.errors = {"day": _("Bitte einen Termin wählen.")}
            return
        service = self.service
        try:
            saved = service.sign_up(
                offer_id=self.offer_id,
                day=day,
                name=self.ids.name.text,
                phone=self.ids.phone.text,
                email=self.ids.email.text,
                adults=int(self.ids.adults.value),
                children=int(self.ids.children.value),
                consent_given=True,   # the paper form carries the signature
                source="staff",
            )
        except ValidationError as error:
            errors = dict(error.errors)
            for key in ("adults", "children"):
                if key in errors:
                    errors.setdefault("people", errors.pop(key))
            general = [message for key, message in errors.items() if key not in FIELD_ERRORS]
            errors = {k: v for k, v in errors.items() if k in FIELD_ERRORS}
            if general:
                errors["general"] = " ".join(general)
            self.errors = errors
            return
        self.errors = {}
        record = saved.record
        if record.status == "waiting":
            self.result = _("Gespeichert: {name} steht auf der Warteliste.").format(name=record.name)
            self.result_kind = "warning"
        else:
            self.result = _("Gespeichert: {name} ist angemeldet.").format(name=record.name)
            self.result_kind = "success"
        if not saved.saved:
            self.result += " " + _("Die Speicherkarte nimmt gerade nichts an; der Eintrag wartet im Speicher.")
            self.result_kind = "warning"
            self.app.unsaved_count = len(service.unsaved)
        self._clear_person()
        self._update_day_status()
        Clock.schedule_once(lambda _dt: self.scroll_into_view(self.ids.result_box), 0)


load_kv(__file__)
