"""Sign-up: choose offer and date → name → phone/e-mail → people → consent
→ "Du bist angemeldet!" (or the waiting list) with a calendar QR code.

Layout is in ``signup.kv``; the form's state and its rules (which steps,
what "Weiter" checks, which step a service error belongs to) are in
``signup_steps.py`` (no Kivy).  This module only moves values between the
widgets and the form, calls ``service.sign_up`` at the end, and keeps the
field being typed in visible above the docked on-screen keyboard.

Privacy: the name and contact are shown only inside the form fields while
this visitor fills them.  The confirmation shows the offer, the day and an
anonymous head count; its QR code holds only the occurrence (see
``kiosk.calendar_event``).  ``reset()`` (idle time, "Fertig", every new
visit) empties every field and lets go of the keyboard.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from kivy.clock import Clock
from kivy.core.window import Window
from kivy.properties import (
    BooleanProperty,
    DictProperty,
    ListProperty,
    NumericProperty,
    ObjectProperty,
    StringProperty,
)
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.screenmanager import NoTransition, SlideTransition
from kivy.uix.vkeyboard import VKeyboard

from kiosk.calendar_event import event_for_occurrence, to_ical
from kiosk.i18n import _
from kiosk.locale_format import format_time_range
from kiosk.records import MAX_ADULTS, MAX_CHILDREN
from kiosk.schedule import Occurrence, occurrences
from kiosk.ui import theme
from kiosk.ui.widgets.bidi_label import BidiLabel  # noqa: F401  (the .kv uses it)
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.offer_texts import day_with_relative, relative_day_word
from kiosk.ui.screens.signup_steps import (
    STEP_CONSENT,
    STEP_CONTACT,
    STEP_DONE,
    STEP_NAME,
    STEP_OFFER,
    STEP_PEOPLE,
    SignupForm,
    asks_age,
    people_summary,
    steps_for,
)
from kiosk.ui.widgets import buttons as _buttons  # noqa: F401  (kv classes)
from kiosk.ui.widgets import card as _card  # noqa: F401
from kiosk.ui.widgets import check_box as _check_box  # noqa: F401
from kiosk.ui.widgets import labels as _labels  # noqa: F401
from kiosk.ui.widgets import pictogram as _pictogram  # noqa: F401
from kiosk.ui.widgets import qrview as _qrview  # noqa: F401
from kiosk.ui.widgets import stepper as _stepper  # noqa: F401
from kiosk.ui.widgets import text_field as _text_field  # noqa: F401
from kiosk.ui.widgets._kv import load_kv
from kiosk.ui.widgets.mirror import MirrorMixin
from kiosk.validation import ValidationError

__all__ = ("SignupScreen", "OccurrenceCard", "Reveal", "bookable_occurrences")

#: How many days ahead step 1 offers dates (today + this many days).
DAYS_AHEAD = 7
#: Below this much room above the keyboard (px), the step hides its summary
#: and buttons while typing so the field itself stays in view.
ROOM_FOR_EVERYTHING = 480


def bookable_occurrences(service, now: datetime, days: int = DAYS_AHEAD) -> list[Occurrence]:
    """Occurrences from today to ``days`` ahead of offers one signs up for,
    not cancelled by staff and not over yet, in time order."""
    config = service.config
    today = now.date()
    found = []
    for occ in occurrences(config, today, today + timedelta(days=days)):
        offer = config.offer(occ.offer_id)
        if offer is None or not offer.signup or occ.end <= now:
            continue
        if service.availability(occ.offer_id, occ.day).cancelled:
            continue
        found.append(occ)
    return found


def _as_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _inside(widget, ancestor) -> bool:
    """Whether ``widget`` sits somewhere inside ``ancestor``.  (The walk
    stops at the window, which is its own parent; ``==`` because kv hands
    out weak proxies, which are never ``is`` the widget.)"""
    parent = widget.parent
    while parent is not None and not parent == ancestor:
        if parent.parent is parent:
            return False
        parent = parent.parent
    return parent is not None


def _scroll_y_showing(scroll, content, widget, padding: float, start: float) -> float:
    """The ``scroll_y`` that shows ``widget`` (with ``padding``) and moves
    the content as little as possible.  Worked out from the widget's place
    inside the content, which does not depend on how the content is
    scrolled right now (``ScrollView.scroll_to`` reads window positions and
    goes wrong while the view itself is still being resized).  ``start``
    is the ``scroll_y`` to move from."""
    hidden = content.height - scroll.height
    if hidden <= 0:
        return 1.0
    bottom = widget.to_window(widget.x, widget.y)[1] - content.to_window(content.x, content.y)[1]
    top = bottom + widget.height
    low = hidden * start                          # content y at the view's bottom edge
    if top + padding > low + scroll.height:
        low = top + padding - scroll.height
    if bottom - padding < low:
        low = bottom - padding
    return min(1.0, max(0.0, low / hidden))


class OccurrenceCard(MirrorMixin, ButtonBehavior, BoxLayout):
    """One date of one offer on step 1: pictogram, title, day, time and
    free places ("Warteliste" when full).  Tapping it chooses it."""

    __events__ = ("on_press", "on_release")

    offer_id = StringProperty("")
    day = ObjectProperty(None, allownone=True)
    title = StringProperty("")
    day_text = StringProperty("")
    time_text = StringProperty("")
    places_text = StringProperty("")
    full = BooleanProperty(False)
    pictogram = StringProperty("")
    selected = BooleanProperty(False)
    test_name = StringProperty("")
    natural_height = NumericProperty(0)
    """Height its own texts need (set in kv)."""
    row_height = NumericProperty(0)
    """Height of the tallest card in its row, so cards side by side line up."""


class Reveal(MirrorMixin, BoxLayout):
    """A part of a step that is there only sometimes (the guardian's name,
    the e-mail field …).  Hidden, it takes no room, is invisible and lets
    touches pass: ``disabled`` is not used for this, since a disabled widget
    swallows every touch on the area it still covers."""

    shown = BooleanProperty(True)

    def __init__(self, **kwargs):
        kwargs.setdefault("orientation", "vertical")
        kwargs.setdefault("size_hint_y", None)
        super().__init__(**kwargs)
        self.fbind("minimum_height", self._fit)
        self.fbind("shown", self._fit)
        self._fit()

    def _fit(self, *_args):
        self.height = self.minimum_height if self.shown else 0
        self.opacity = 1 if self.shown else 0

    def on_touch_down(self, touch):
        return super().on_touch_down(touch) if self.shown else False

    def on_touch_move(self, touch):
        return super().on_touch_move(touch) if self.shown else False

    def on_touch_up(self, touch):
        return super().on_touch_up(touch) if self.shown else False


class SignupScreen(KioskScreen):
    """The sign-up journey (see the module docstring)."""

    step = StringProperty(STEP_OFFER)
    """Current step: one of ``signup_steps.FORM_STEPS`` or ``'done'``."""

    steps = ListProperty([])
    """The input steps of the chosen offer (contact left out when not needed)."""

    errors = DictProperty({})
    """Field → message on show (kv reads ``root.error_of(root.errors, 'name')``)."""

    contact = StringProperty("phone")
    """The chosen offer's contact rule (``config.CONTACTS``)."""

    asks_age = BooleanProperty(True)
    """Whether the name step asks "Bist du unter 16?"."""

    under_16 = ObjectProperty(None, allownone=True)
    """The Ja/Nein answer: None (not yet), True, False."""

    summary = StringProperty("")
    """"Offer · day · time" line shown above steps 2–5 (no personal data)."""

    summary_pictogram = StringProperty("")
    availability_text = StringProperty("")
    """People step: whether the head count still fits or goes on the waiting list."""
    availability_full = BooleanProperty(False)

    # Confirmation (all anonymous)
    result_waiting = BooleanProperty(False)
    result_saved = BooleanProperty(True)
    result_title = StringProperty("")
    result_day = StringProperty("")
    result_time = StringProperty("")
    result_place = StringProperty("")
    result_people = StringProperty("")
    calendar_data = StringProperty("")
    """The iCalendar text in the confirmation's QR code."""

    no_dates = BooleanProperty(False)
    """Step 1 found nothing to sign up for in the coming days."""

    keyboard_overlap = NumericProperty(0)
    """Px of this screen covered by the docked keyboard (a spacer of this
    height lifts the step above it)."""

    compact = BooleanProperty(False)
    """Typing with little room above the keyboard: summary and buttons step aside."""

    def __init__(self, **kwargs):
        self.form = SignupForm()
        self._occurrences: list[Occurrence] = []
        self._result_record = None
        self._reset_on_leave = False
        self._last_field = None
        self._keyboard_trigger = Clock.create_trigger(self._update_keyboard_room, -1)
        self._even_rows_trigger = Clock.create_trigger(self._even_rows, -1)
        super().__init__(**kwargs)
        self._slide = SlideTransition(duration=theme.MOTION.transition)
        app = self.app
        if app is not None:
            app.fbind("lang", self._on_lang)

    # -- helpers kv calls --------------------------------------------------------

    def text_fields(self) -> list:
        ids = self.ids
        return [ids.name_field, ids.guardian_field, ids.phone_field, ids.email_field]

    @staticmethod
    def error_of(errors: dict, *fields: str) -> str:
        """The message for the first of ``fields`` that has one.  (kv passes
        ``root.errors`` as an argument: a ``root.errors.get(…)`` chain would
        not be re-evaluated when the dict is replaced.)"""
        return next((errors[f] for f in fields if errors.get(f)), "")

    def step_number(self, step: str, steps) -> int:
        return list(steps).index(step) + 1 if step in steps else 0

    def step_title(self, step: str, under_16, asks_age: bool = True, lang: str = "") -> str:
        """The question a step asks (the args are kv's rebinding triggers)."""
        minor = bool(under_16) and asks_age
        titles = {
            STEP_OFFER: _("Wofür möchtest du dich anmelden?"),
            STEP_NAME: _("Wie heißt du?"),
            STEP_CONTACT: _("Wie erreichen wir deine Familie?") if minor else _("Wie erreichen wir dich?"),
            STEP_PEOPLE: _("Wie viele Personen kommen?"),
            STEP_CONSENT: _("Ist deine Familie einverstanden?") if minor else _("Bist du einverstanden?"),
        }
        return titles.get(step, "")

    def offer(self):
        return self.service.config.offer(self.form.offer_id) if self.form.offer_id else None

    # -- KioskScreen ---------------------------------------------------------------

    def show(self, offer_id: str = "", day=None, **_params) -> None:
        """A fresh form; with ``offer_id`` and ``day`` (from the offer detail
        screen) that date is chosen and the form starts at the name."""
        self.reset()
        wanted_day = _as_date(day)
        if offer_id and wanted_day is not None:
            occ = self._bookable(offer_id, wanted_day)
            if occ is not None:
                self._choose(occ, animate=False)
                return
            self.form.errors = {"offer_id": self._why_not_bookable(offer_id, wanted_day)}
            self._publish_errors()

    def reset(self) -> None:
        """Forget everything: fields, answers, counts, consent, result, step."""
        for field in self.text_fields():
            field.clear()
        self._release_keyboard()
        self.form = SignupForm()
        self._result_record = None
        self._reset_on_leave = False
        self._last_field = None
        ids = self.ids
        ids.adults.max, ids.children.max = MAX_ADULTS, MAX_CHILDREN
        ids.adults.value, ids.children.value = 1, 0
        ids.consent_box.active = False
        self.under_16 = None
        self.errors = {}
        self.summary = self.summary_pictogram = ""
        self.availability_text = ""
        self.result_title = self.result_day = self.result_time = ""
        self.result_place = self.result_people = self.calendar_data = ""
        self.result_waiting = False
        self.result_saved = True
        self._set_offer(None)
        self._build_cards()
        self._go(STEP_OFFER, animate=False)
        ids.offer_scroll.scroll_y = 1

    def config_changed(self) -> None:
        """Staff reloaded the offers: a chosen date that is gone starts the
        form afresh; otherwise cards and texts follow the new config."""
        if self.step not in (STEP_OFFER, STEP_DONE) and self._bookable(self.form.offer_id, self.form.day) is None:
            self.reset()
            return
        self._set_offer(self.offer())
        self._refresh_summary()
        self._build_cards()

    def on_pre_leave(self, *_args):
        self._release_keyboard()

    def on_leave(self, *_args):
        if self._reset_on_leave:
            self.reset()

    # -- step 1: offer and date ------------------------------------------------------

    def _build_cards(self) -> None:
        grid = self.ids.cards
        grid.clear_widgets()
        service = self.service
        now = service.clock.now()
        self._occurrences = bookable_occurrences(service, now)
        lang = self.app.lang if self.app else "de"
        today = now.date()
        for occ in self._occurrences:
            offer = service.config.offer(occ.offer_id)
            availability = service.availability(occ.offer_id, occ.day)
            card = OccurrenceCard(
                offer_id=occ.offer_id,
                day=occ.day,
                title=offer.title.get(lang),
                day_text=self._day_text(occ.day, today, lang, short=True),
                time_text=format_time_range(occ.start, occ.end, lang),
                places_text=self._places_text(availability),
                full=availability.full,
                pictogram=offer.pictogram,
                selected=(occ.offer_id == self.form.offer_id and occ.day == self.form.day),
                test_name=f"signup.occurrence.{occ.key}",
                on_release=self._on_card,
            )
            card.fbind("natural_height", self.even_rows)
            grid.add_widget(card)
        self.no_dates = not self._occurrences
        self.even_rows()

    def even_rows(self, *_args) -> None:
        """Cards side by side get the height of the taller one (a title on
        two lines must not leave its neighbour looking shorter)."""
        self._even_rows_trigger()

    def _even_rows(self, *_args) -> None:
        grid = self.ids.cards
        cards = list(reversed(grid.children))
        cols = max(1, int(grid.cols or 1))
        for first in range(0, len(cards), cols):
            row = cards[first:first + cols]
            tallest = max(card.natural_height for card in row) if cols > 1 else 0
            for card in row:
                card.row_height = tallest

    @staticmethod
    def _day_text(day: date, today: date, lang: str, short: bool = False) -> str:
        """"Heute, Dienstag, 24. November"; ``short`` (the cards, which are
        sorted by date anyway): just "Heute" / "Morgen" for those two days."""
        word = relative_day_word(day, today) if short and day >= today else None
        return word or day_with_relative(day, today, lang)

    @staticmethod
    def _places_text(availability) -> str:
        if availability.full:
            return _("Warteliste")
        free = availability.free
        if free is None:
            return _("Plätze frei")
        if free == 1:
            return _("Noch 1 Platz frei")
        return _("Noch {n} Plätze frei").format(n=free)

    def _bookable(self, offer_id: str, day: date) -> Occurrence | None:
        """The occurrence if one can still sign up for it (any day ahead,
        not only the week step 1 lists: the offer detail may link further)."""
        service = self.service
        offer = service.config.offer(offer_id)
        occ = service.occurrence(offer_id, day)
        if offer is None or not offer.signup or occ is None or occ.end <= service.clock.now():
            return None
        if service.availability(offer_id, day).cancelled:
            return None
        return occ

    def _why_not_bookable(self, offer_id: str, day: date) -> str:
        offer = self.service.config.offer(offer_id)
        if offer is None or not offer.signup:
            return _("Für dieses Angebot kann man sich hier nicht anmelden.")
        if self.service.availability(offer_id, day).cancelled:
            return _("Dieser Termin fällt leider aus. Such dir gern einen anderen aus.")
        return _("Für diesen Termin kann man sich nicht mehr anmelden. Such dir gern einen anderen aus.")

    def _on_card(self, card: OccurrenceCard) -> None:
        occ = next((o for o in self._occurrences if o.offer_id == card.offer_id and o.day == card.day), None)
        if occ is not None:
            self._choose(occ, animate=True)

    def _choose(self, occ: Occurrence, *, animate: bool) -> None:
        changed = (occ.offer_id, occ.day) != (self.form.offer_id, self.form.day)
        self.form.choose(occ.offer_id, occ.day)
        self._set_offer(self.offer())
        if changed and not self.asks_age:
            self.under_16 = self.form.under_16 = None
        self._refresh_summary()
        for card in self.ids.cards.children:
            card.selected = card.offer_id == occ.offer_id and card.day == occ.day
        self._publish_errors()
        self._go(STEP_NAME, animate=animate)

    def _set_offer(self, offer) -> None:
        self.steps = list(steps_for(offer))
        self.contact = offer.contact if offer is not None else "phone"
        self.asks_age = asks_age(offer) if offer is not None else True

    def _occurrence(self) -> Occurrence | None:
        if not self.form.offer_id or self.form.day is None:
            return None
        return self.service.occurrence(self.form.offer_id, self.form.day)

    def _refresh_summary(self) -> None:
        offer, occ = self.offer(), self._occurrence()
        if offer is None or occ is None:
            self.summary = self.summary_pictogram = ""
            return
        lang = self.app.lang
        # Each part keeps together (no-break spaces): a long line breaks at " · ".
        self.summary = " · ".join(part.replace(" ", "\u00a0") for part in (
            offer.title.get(lang),
            self._day_text(occ.day, self.service.clock.today(), lang),
            format_time_range(occ.start, occ.end, lang),
        ))
        self.summary_pictogram = offer.pictogram

    # -- step 2: name and age ------------------------------------------------------

    def answer_under_16(self, value: bool) -> None:
        self._collect()
        self.form.set_under_16(value)
        self.under_16 = value
        self.ids.adults.value, self.ids.children.value = self.form.adults, self.form.children
        if not value:
            self.ids.guardian_field.clear()
        else:  # show the new question about the parent right away
            self._last_field = self.ids.guardian_field
            self.scroll_resized(self.ids.name_scroll)
        self._publish_errors()

    # -- step 4: people ------------------------------------------------------------

    def people_changed(self, *_args):
        occ = self._occurrence()
        if occ is None:
            self.availability_text = ""
            return
        total = int(self.ids.adults.value + self.ids.children.value)
        availability = self.service.availability(occ.offer_id, occ.day)
        self.availability_full = availability.status_for(max(total, 1)) == "waiting"
        if availability.full:
            self.availability_text = _("Alle Plätze sind schon vergeben. Du kommst auf die Warteliste.")
        elif self.availability_full:
            self.availability_text = _(
                "Es sind nur noch {n} Plätze frei. Mit so vielen Personen kommst du auf die Warteliste."
            ).format(n=availability.free)
        elif availability.free is not None:
            self.availability_text = (
                _("Noch 1 Platz frei.") if availability.free == 1
                else _("Noch {n} Plätze frei.").format(n=availability.free)
            )
        else:
            self.availability_text = ""
        if "people" in self.form.errors and total > 0:
            self.form.errors.pop("people")
            self._publish_errors()

    # -- navigation ----------------------------------------------------------------

    def go_next(self) -> None:
        """"Weiter": check this step; on the last step, sign up."""
        if self.step == STEP_DONE:
            self.finish()
            return
        self._collect()
        problems = self.form.check_step(self.step, self.offer())
        self._publish_errors()
        if problems:
            self._focus_first_error(problems)
            return
        steps = list(self.steps)
        if self.step == steps[-1]:
            self._submit()
            return
        self._go(steps[steps.index(self.step) + 1], animate=True)

    def go_back(self) -> None:
        """"Zurück": the step before (step 1: back to the home screen)."""
        self._collect()
        steps = list(self.steps)
        if self.step not in steps or steps.index(self.step) == 0:
            self.app.go_home()
            return
        self._go(steps[steps.index(self.step) - 1], animate=True, forward=False)

    def finish(self) -> None:
        """"Fertig" on the confirmation: home, and forget the form once the
        screen has slid away (it holds nothing personal by then)."""
        self._reset_on_leave = True
        self.app.go_home()

    def _go(self, step: str, *, animate: bool, forward: bool = True) -> None:
        self._release_keyboard()
        manager = self.ids.steps
        if animate:
            self._slide.direction = "left" if forward else "right"
            if self.app is not None and self.app.lang == "ar":
                self._slide.direction = "right" if forward else "left"
            manager.transition = self._slide
        else:
            manager.transition = NoTransition()
        self.step = step
        manager.current = step
        if step == STEP_PEOPLE:
            self.people_changed()

    # -- reading the widgets into the form ---------------------------------------------

    def _collect(self) -> None:
        ids, form = self.ids, self.form
        form.name = ids.name_field.text
        form.guardian_name = ids.guardian_field.text if self.under_16 else ""
        form.phone = ids.phone_field.text
        form.email = ids.email_field.text
        form.adults = int(ids.adults.value)
        form.children = int(ids.children.value)
        form.consent = bool(ids.consent_box.active)

    def _publish_errors(self) -> None:
        self.errors = dict(self.form.errors)

    def _focus_first_error(self, problems: dict) -> None:
        order = (("name", "name_field"), ("guardian_name", "guardian_field"),
                 ("phone", "phone_field"), ("email", "email_field"))
        for key, widget_id in order:
            if key in problems:
                scroll = self._scroll_for(self.step)
                if scroll is not None:
                    self._last_field = self.ids[widget_id]
                    self.scroll_resized(scroll)     # shows it once the message is laid out
                return

    # -- signing up --------------------------------------------------------------

    def _submit(self) -> None:
        offer = self.offer()
        try:
            saved = self.service.sign_up(**self.form.service_arguments(offer))
        except ValidationError as exc:
            target = self.form.take_errors(exc.errors, tuple(self.steps))
            self._publish_errors()
            if target == STEP_OFFER:
                self._build_cards()
            self._go(target, animate=True, forward=False)
            return
        self._show_result(saved.record, saved.saved)

    def _show_result(self, record, saved: bool) -> None:
        self._result_record = record
        self.result_saved = bool(saved)
        self.result_waiting = record.status == "waiting"
        self._refresh_result()
        self._release_keyboard()
        for field in self.text_fields():     # the confirmation keeps no personal data
            field.clear()
        self.form.name = self.form.guardian_name = self.form.phone = self.form.email = ""
        self._go(STEP_DONE, animate=True)

    def _refresh_result(self) -> None:
        record = self._result_record
        if record is None:
            return
        offer = self.service.config.offer(record.offer_id)
        occ = self.service.occurrence(record.offer_id, record.day)
        lang = self.app.lang
        self.result_title = offer.title.get(lang) if offer else ""
        # no-break spaces: "day · time" breaks at the dot, not inside a part
        self.result_day = self._day_text(record.day, self.service.clock.today(), lang).replace(" ", "\u00a0")
        self.result_time = format_time_range(occ.start, occ.end, lang).replace(" ", "\u00a0") if occ else ""
        self.result_place = offer.room.get(lang) if offer else ""
        self.result_people = _("Angemeldet: {people}").format(
            people=people_summary(record.adults, record.children))
        if occ is not None:
            event = event_for_occurrence(
                self.service.config, occ, lang=lang, now=self.service.clock.now(),
                description=_("Warteliste: Wir melden uns, wenn ein Platz frei wird.") if self.result_waiting else "",
                status="TENTATIVE" if self.result_waiting else "CONFIRMED",
            )
            # The bare VEVENT is what phone scanners expect in a QR code
            # (and it keeps the code small enough for big, easy modules).
            self.calendar_data = to_ical(event, calendar=False)
        else:
            self.calendar_data = ""

    def waiting_note(self, contact: str, lang: str = "") -> str:
        if contact == "none":
            return _("Frag gern im Büro nach, ob ein Platz frei geworden ist.")
        return _("Wir melden uns bei dir, sobald ein Platz frei wird.")

    # -- language -------------------------------------------------------------------

    def _on_lang(self, *_args):
        if self.step == STEP_OFFER:
            self._build_cards()
        self._refresh_summary()
        if self.step == STEP_PEOPLE:
            self.people_changed()
        self._refresh_result()

    # -- the docked keyboard ------------------------------------------------------------

    def field_edited(self, *fields: str) -> None:
        """The visitor changed what a message was about: the message goes
        (the new text is checked again at "Weiter")."""
        errors = self.form.errors
        if set(fields) & {"phone", "email"} and errors.get("phone") and errors.get("phone") == errors.get("email"):
            fields = ("phone", "email")   # "phone or e-mail": one message under both
        if any(errors.get(f) for f in fields):
            for f in fields:
                self.form.errors.pop(f, None)
            self._publish_errors()

    def field_focus_changed(self, *_args):
        focused = self._focused_field()
        if focused is not None:
            self._last_field = focused
        self._keyboard_trigger()

    def _focused_field(self):
        return next((f for f in self.text_fields() if f.focus), None)

    def scroll_resized(self, scroll) -> None:
        """A step's ScrollView changed height (the keyboard came or went):
        once it is laid out, keep the field being typed in (or the one just
        left) in view, and show a step that fits from its top."""
        Clock.schedule_once(lambda _dt: self._keep_in_view(scroll), 0)

    def _keep_in_view(self, scroll) -> None:
        if scroll.get_root_window() is None or not scroll.children:
            return
        content = scroll.children[0]
        if content.height <= scroll.height:
            scroll.scroll_y = 1
            return
        focused = self._focused_field()
        field = focused or self._last_field
        if field is not None and field.opacity > 0 and _inside(field, scroll):
            # typing: move as little as possible; keyboard closed: from the top
            start = scroll.scroll_y if focused is not None else 1.0
            scroll.scroll_y = _scroll_y_showing(scroll, content, field, theme.SPACING.s, start)

    def _release_keyboard(self) -> None:
        for field in self.text_fields():
            field.unfocus()
        self.keyboard_overlap = 0
        self.compact = False

    def _update_keyboard_room(self, *_args):
        """Lift the step above the docked keyboard and scroll the field being
        typed in into view; with little room left, hide the summary and the
        buttons while typing (the keyboard's Enter closes it again)."""
        field = self._focused_field()
        keyboard = next((w for w in Window.children if isinstance(w, VKeyboard)), None)
        if field is None or keyboard is None or self.get_root_window() is None:
            self.keyboard_overlap = 0
            self.compact = False
            return
        keyboard_top = keyboard.y + keyboard.height * keyboard.scale
        bottom = self.to_window(self.x, self.y)[1]
        top = self.to_window(self.x, self.top)[1]
        self.keyboard_overlap = max(0.0, keyboard_top - bottom)
        self.compact = (top - keyboard_top) < ROOM_FOR_EVERYTHING
        scroll = self._scroll_for(self.step)
        if scroll is not None:
            self.scroll_resized(scroll)

    def _scroll_for(self, step: str):
        return {
            STEP_OFFER: self.ids.offer_scroll,
            STEP_NAME: self.ids.name_scroll,
            STEP_CONTACT: self.ids.contact_scroll,
        }.get(step)

    def on_text_validate(self, *_args):
        """Enter on the on-screen keyboard: done typing, keyboard closes."""
        self._release_keyboard()


load_kv(__file__)
