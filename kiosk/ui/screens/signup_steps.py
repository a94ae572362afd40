"""The sign-up form's state and rules, without any Kivy.

The screen (``signup.py`` + ``signup.kv``) only shows this form and passes
taps and typing in; everything that decides something lives here, so it is
easy to read and to test:

* which steps the form has for an offer (:func:`steps_for`): choose the
  date, name, contact (left out when the offer asks for none), people,
  consent — then the confirmation;
* what "Weiter" checks on each step (:meth:`SignupForm.check_step`), with
  the same validators the records use (``kiosk.validation``), so the
  message appears at the step where the visitor can fix it;
* which step a field of the service's ``ValidationError`` belongs to
  (:data:`FIELD_STEP`), so the final "Anmelden" can send the visitor back
  to the right place;
* the anonymous head-count line of the confirmation ("2 Erwachsene,
  1 Kind") — the confirmation never shows a name.

Messages are German source strings through ``_()``, "du" throughout.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kiosk.config import Offer
from kiosk.i18n import _
from kiosk.records import MAX_ADULTS, MAX_CHILDREN, MAX_PEOPLE
from kiosk.validation import ValidationError, normalise_phone, validate_email, validate_name

__all__ = (
    "STEP_OFFER",
    "STEP_NAME",
    "STEP_CONTACT",
    "STEP_PEOPLE",
    "STEP_CONSENT",
    "STEP_DONE",
    "FORM_STEPS",
    "FIELD_STEP",
    "SignupForm",
    "steps_for",
    "asks_age",
    "people_summary",
)

STEP_OFFER = "offer"
STEP_NAME = "name"
STEP_CONTACT = "contact"
STEP_PEOPLE = "people"
STEP_CONSENT = "consent"
STEP_DONE = "done"
#: Every input step, in order (the confirmation comes after them).
FORM_STEPS = (STEP_OFFER, STEP_NAME, STEP_CONTACT, STEP_PEOPLE, STEP_CONSENT)

#: ``ValidationError`` field → the step that shows it.  "under_16" is the
#: form's own Ja/Nein question; "form" is for problems nobody can fix at
#: the kiosk (a broken config), shown on the last step.
FIELD_STEP: dict[str, str] = {
    "offer_id": STEP_OFFER,
    "day": STEP_OFFER,
    "name": STEP_NAME,
    "under_16": STEP_NAME,
    "guardian_name": STEP_NAME,
    "phone": STEP_CONTACT,
    "email": STEP_CONTACT,
    "contact": STEP_CONTACT,
    "adults": STEP_PEOPLE,
    "children": STEP_PEOPLE,
    "people": STEP_PEOPLE,
    "consent_given": STEP_CONSENT,
    "consent_version": STEP_CONSENT,
    "form": STEP_CONSENT,
}


def steps_for(offer: Offer | None) -> tuple[str, ...]:
    """The input steps for ``offer``: the contact step only when the offer
    asks for a phone number or an e-mail address."""
    if offer is not None and offer.contact == "none":
        return tuple(s for s in FORM_STEPS if s != STEP_CONTACT)
    return FORM_STEPS


def asks_age(offer: Offer | None) -> bool:
    """Whether the form asks "Bist du unter 16?": children under 16 need a
    parent's consent (DSGVO Art. 8) unless staff marked the offer as open to
    children signing up themselves."""
    return offer is not None and not offer.children_self_signup


def people_summary(adults: int, children: int) -> str:
    """"2 Erwachsene, 1 Kind" — the anonymous line on the confirmation."""
    parts = []
    if adults:
        parts.append(_("1 erwachsene Person") if adults == 1 else _("{n} Erwachsene").format(n=adults))
    if children:
        parts.append(_("1 Kind") if children == 1 else _("{n} Kinder").format(n=children))
    return ", ".join(parts)


def _first_error(check, value, **kwargs) -> tuple[str, str | None]:
    """Run one validator; (cleaned value, None) or ("", message)."""
    try:
        return check(value, **kwargs), None
    except ValidationError as exc:
        return "", next(iter(exc.errors.values()))


@dataclass
class SignupForm:
    """What one visitor has chosen and typed so far.  ``SignupForm()`` is the
    empty form (the idle reset makes a new one)."""

    offer_id: str = ""
    day: date | None = None
    name: str = ""
    under_16: bool | None = None       # None = not answered yet
    guardian_name: str = ""
    phone: str = ""
    email: str = ""
    adults: int = 1
    children: int = 0
    consent: bool = False
    errors: dict[str, str] = field(default_factory=dict)

    # -- choices ---------------------------------------------------------------

    def choose(self, offer_id: str, day: date) -> None:
        self.offer_id, self.day = offer_id, day
        for key in ("offer_id", "day"):
            self.errors.pop(key, None)

    def set_under_16(self, value: bool) -> None:
        """The Ja/Nein answer; a child's head count starts at one child."""
        changed = self.under_16 is not value
        self.under_16 = value
        self.errors.pop("under_16", None)
        if not value:
            self.guardian_name = ""
            self.errors.pop("guardian_name", None)
        if changed and (self.adults, self.children) in ((1, 0), (0, 1)):
            self.adults, self.children = (0, 1) if value else (1, 0)

    def minor(self, offer: Offer | None) -> bool:
        return asks_age(offer) and self.under_16 is True

    # -- checks ----------------------------------------------------------------

    def check_step(self, step: str, offer: Offer | None) -> dict[str, str]:
        """The problems of ``step`` in plain words (field → message); they
        also replace that step's entries in :attr:`errors`."""
        problems: dict[str, str] = {}
        if step == STEP_OFFER:
            if offer is None or self.day is None:
                problems["offer_id"] = _("Bitte tippe auf ein Angebot und einen Tag.")
        elif step == STEP_NAME:
            _clean, message = _first_error(validate_name, self.name, field="name")
            if message:
                problems["name"] = message
            if asks_age(offer):
                if self.under_16 is None:
                    problems["under_16"] = _("Bitte tippe auf Ja oder Nein.")
                elif self.under_16:
                    _clean, message = _first_error(validate_name, self.guardian_name, field="guardian_name")
                    if message:
                        problems["guardian_name"] = message
        elif step == STEP_CONTACT:
            problems.update(self._contact_problems(offer))
        elif step == STEP_PEOPLE:
            total = self.adults + self.children
            if self.adults > MAX_ADULTS:
                problems["adults"] = _("Bitte melde höchstens {n} Erwachsene auf einmal an.").format(n=MAX_ADULTS)
            if self.children > MAX_CHILDREN:
                problems["children"] = _("Bitte melde höchstens {n} Kinder auf einmal an.").format(n=MAX_CHILDREN)
            if total == 0:
                problems["people"] = _("Bitte gib an, wie viele Personen kommen (mindestens eine).")
            elif total > MAX_PEOPLE:
                problems["people"] = _(
                    "Bitte melde höchstens {n} Personen auf einmal an. "
                    "Für größere Gruppen sprich uns bitte im Büro an."
                ).format(n=MAX_PEOPLE)
        elif step == STEP_CONSENT:
            if not self.consent:
                problems["consent_given"] = _("Bitte setz den Haken, damit wir dich anmelden dürfen.")
        for key in [k for k, s in FIELD_STEP.items() if s == step]:
            self.errors.pop(key, None)
        self.errors.update(problems)
        return problems

    def _contact_problems(self, offer: Offer | None) -> dict[str, str]:
        contact = offer.contact if offer is not None else "none"
        has_phone, has_email = bool(self.phone.strip()), bool(self.email.strip())
        problems: dict[str, str] = {}
        if contact == "phone_or_email" and not has_phone and not has_email:
            message = _("Bitte gib eine Telefonnummer oder eine E-Mail-Adresse an.")
            return {"phone": message, "email": message}
        if contact in ("phone", "phone_and_email") or has_phone:
            _clean, message = _first_error(normalise_phone, self.phone, field="phone")
            if message:
                problems["phone"] = message
        if contact in ("email", "phone_and_email") or has_email:
            _clean, message = _first_error(validate_email, self.email, field="email")
            if message:
                problems["email"] = message
        return problems

    def take_errors(self, errors: dict[str, str], steps: tuple[str, ...]) -> str:
        """Keep the service's messages and return the earliest step (of
        ``steps``) that shows one; unknown fields go to the last step."""
        self.errors = {}
        for key, message in errors.items():
            target = key if key in FIELD_STEP else "form"
            if target == "form" and "form" in self.errors:
                self.errors["form"] += "\n" + message
            else:
                self.errors[target] = message
        order = {step: index for index, step in enumerate(steps)}
        wanted = [FIELD_STEP[key] for key in self.errors if FIELD_STEP[key] in order]
        return min(wanted, key=order.__getitem__) if wanted else steps[-1]

    # -- what goes to the service ----------------------------------------------

    def service_arguments(self, offer: Offer | None) -> dict:
        """Keyword arguments for ``KioskService.sign_up``."""
        minor = self.minor(offer)
        contact = offer.contact if offer is not None else "none"
        return dict(
            offer_id=self.offer_id,
            day=self.day,
            name=self.name,
            phone=self.phone if contact != "none" else "",
            email=self.email if contact != "none" else "",
            adults=self.adults,
            children=self.children,
            consent_given=self.consent,
            minor=minor,
            guardian_name=self.guardian_name if minor else "",
        )
