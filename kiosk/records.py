"""The three things a visitor leaves at the kiosk: feedback, a wish, a sign-up.

Records are frozen dataclasses built only through ``make_feedback``,
``make_wish`` and ``make_signup``, which check *every* field and raise one
:class:`ValidationError` naming all problems at once (so a form can mark all
wrong fields together).  ``to_dict``/``from_dict`` turn them into plain
JSON-safe dicts for the store and the hand-over; ``from_dict`` only checks
the shape, not the content, because the store purges personal fields of
received sign-ups (an empty name must still load).

Privacy: anonymous records (feedback, wishes) hold only a day and an hour
slot, never minutes or seconds; sign-ups keep their creation time to the
minute.  Record ids are random, so they do not reveal order or time either.
The personal fields of a sign-up are left out of its ``repr`` so that a
stray log line cannot leak them.

The text validators live in :mod:`kiosk.validation`, the tap debouncer in
:mod:`kiosk.records_debounce`; both are re-exported here, so callers only
ever import ``kiosk.records``.
"""

from __future__ import annotations

import secrets
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Callable, ClassVar

from kiosk.i18n import _
from kiosk.records_debounce import FeedbackDebouncer
from kiosk.records_reader import Reader as _Reader
from kiosk.timezone import BERLIN
from kiosk.validation import (
    NAME_MAX,
    NAME_MIN,
    TEXT_LIMIT,
    ValidationError,
    clean_free_text,
    name_key,
    normalise_phone,
    same_person,
    validate_email,
    validate_name,
)

__all__ = [
    "CONTACTS", "MAX_ADULTS", "MAX_CHILDREN", "MAX_PEOPLE", "NAME_MAX", "NAME_MIN",
    "SCORES_3", "SCORES_5", "SIGNUP_SOURCES", "SIGNUP_STATUSES", "TEXT_LIMIT",
    "RECORD_TYPES", "Feedback", "FeedbackDebouncer", "Record", "SignUp", "ValidationError", "Wish",
    "clean_free_text", "make_feedback", "make_signup", "make_wish", "name_key",
    "new_record_id", "normalise_phone", "record_from_dict", "same_person",
    "validate_email", "validate_name",
]

SCORES_3 = (1, 2, 3)  # 1 = sad … top = happy
SCORES_5 = (1, 2, 3, 4, 5)
CONTACTS = ("none", "phone", "email", "phone_or_email", "phone_and_email")  # = kiosk.config.CONTACTS
SIGNUP_STATUSES = ("confirmed", "waiting")
SIGNUP_SOURCES = ("kiosk", "staff")
MAX_ADULTS = 10
MAX_CHILDREN = 15
MAX_PEOPLE = 20


def new_record_id() -> str:
    """16 random hex digits: unique across kiosks, and says nothing about time."""
    return secrets.token_hex(8)


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Feedback:
    """One smiley tap: which offer (None = "das Haus allgemein"), how happy, when (hour slot)."""

    kind: ClassVar[str] = "feedback"
    id: str
    kiosk_id: str
    offer_id: str | None
    score: int
    day: date
    hour: int

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "kiosk_id": self.kiosk_id, "offer_id": self.offer_id,
                "score": self.score, "day": self.day.isoformat(), "hour": self.hour}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Feedback:
        r = _Reader(d, cls.kind)
        return cls(id=r.text("id"), kiosk_id=r.text("kiosk_id"), offer_id=r.text("offer_id", optional=True),
                   score=r.integer("score"), day=r.day("day"), hour=r.hour("hour"))


@dataclass(frozen=True, slots=True)
class Wish:
    """Topics a neighbour wishes for, with an optional short text; anonymous."""

    kind: ClassVar[str] = "wish"
    id: str
    kiosk_id: str
    topics: tuple[str, ...]
    text: str
    day: date
    hour: int

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "kiosk_id": self.kiosk_id, "topics": list(self.topics),
                "text": self.text, "day": self.day.isoformat(), "hour": self.hour}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Wish:
        r = _Reader(d, cls.kind)
        return cls(id=r.text("id"), kiosk_id=r.text("kiosk_id"), topics=r.texts("topics"),
                   text=r.text("text"), day=r.day("day"), hour=r.hour("hour"))


@dataclass(frozen=True, slots=True)
class SignUp:
    """A sign-up for one occurrence of an offer (``day`` is the occurrence's date).

    For a minor (under 16) ``guardian_name`` is set and the contact data is
    the guardian's.  ``source`` is "staff" for sign-ups staff typed in from
    the phone or a paper list.
    """

    kind: ClassVar[str] = "signup"
    id: str
    kiosk_id: str
    offer_id: str
    day: date
    name: str = field(repr=False)
    phone: str = field(repr=False)
    email: str = field(repr=False)
    adults: int
    children: int
    note: str = field(repr=False)
    consent_version: str
    created: datetime
    status: str
    minor: bool = False
    guardian_name: str = field(default="", repr=False)
    source: str = "kiosk"

    @property
    def people(self) -> int:
        """Places this sign-up takes (capacity counts people, not sign-ups)."""
        return self.adults + self.children

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "kiosk_id": self.kiosk_id, "offer_id": self.offer_id,
                "day": self.day.isoformat(), "name": self.name, "phone": self.phone, "email": self.email,
                "adults": self.adults, "children": self.children, "note": self.note,
                "consent_version": self.consent_version, "created": self.created.isoformat(),
                "status": self.status, "minor": self.minor, "guardian_name": self.guardian_name,
                "source": self.source}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> SignUp:
        r = _Reader(d, cls.kind)
        return cls(id=r.text("id"), kiosk_id=r.text("kiosk_id"), offer_id=r.text("offer_id"), day=r.day("day"),
                   name=r.text("name"), phone=r.text("phone"), email=r.text("email"),
                   adults=r.integer("adults"), children=r.integer("children"), note=r.text("note"),
                   consent_version=r.text("consent_version"), created=r.moment("created"),
                   status=r.choice("status", SIGNUP_STATUSES), minor=r.flag("minor", default=False),
                   guardian_name=r.text("guardian_name", default=""),
                   source=r.choice("source", SIGNUP_SOURCES, default="kiosk"))


Record = Feedback | Wish | SignUp
RECORD_TYPES: dict[str, type[Feedback] | type[Wish] | type[SignUp]] = {
    cls.kind: cls for cls in (Feedback, Wish, SignUp)
}


def record_from_dict(d: Mapping[str, Any]) -> Record:
    """Rebuild any record from its dict, dispatching on ``d["kind"]``."""
    kind = d.get("kind") if isinstance(d, Mapping) else None
    if kind not in RECORD_TYPES:
        raise ValueError(f"unknown record kind {kind!r}")
    return RECORD_TYPES[kind].from_dict(d)


# --------------------------------------------------------------------------- building records


class _Problems:
    """Collects German messages per field so a form learns everything at once."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def add(self, field_name: str, message: str) -> None:
        self.errors.setdefault(field_name, message)

    def check(self, check: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run a validator; on ValidationError remember its messages and return None."""
        try:
            return check(*args, **kwargs)
        except ValidationError as error:
            for field_name, message in error.errors.items():
                self.add(field_name, message)
            return None

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def _local(now: datetime) -> datetime:
    """``now`` in Berlin; a naive or missing time is a programming error, not bad input."""
    if not isinstance(now, datetime) or now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be an aware datetime (use KioskClock.now())")
    return now.astimezone(BERLIN)


def _is_id(value: object) -> bool:
    """Config ids and kiosk ids: non-empty text without spaces or invisible characters."""
    return isinstance(value, str) and value != "" and value.isprintable() and not any(
        ch.isspace() for ch in value)


def _check_kiosk_id(problems: _Problems, kiosk_id: object) -> None:
    if not _is_id(kiosk_id):
        problems.add("kiosk_id", _("Dieses Gerät hat keinen gültigen Namen (kiosk_id). Bitte sag im Büro Bescheid."))


def make_feedback(*, kiosk_id: str, offer_id: str | None, score: int, scale: int,
                  known_offers: Collection[str], now: datetime) -> Feedback:
    """Check a smiley tap; only the day and the hour slot of ``now`` are kept."""
    local = _local(now)
    problems = _Problems()
    _check_kiosk_id(problems, kiosk_id)
    if offer_id is not None and (not isinstance(offer_id, str) or offer_id not in known_offers):
        problems.add("offer_id", _("Dieses Angebot gibt es nicht. Bitte wähle ein anderes."))
    if scale not in (3, 5) or isinstance(scale, bool):
        problems.add("scale", _("Die Smiley-Skala muss 3 oder 5 Stufen haben. Bitte sag im Büro Bescheid."))
    elif not (isinstance(score, int) and not isinstance(score, bool) and 1 <= score <= scale):
        problems.add("score", _("Bitte tippe auf einen Smiley."))
    problems.raise_if_any()
    return Feedback(id=new_record_id(), kiosk_id=kiosk_id, offer_id=offer_id, score=score,
                    day=local.date(), hour=local.hour)


def make_wish(*, kiosk_id: str, topics: Iterable[str], text: str, known_topics: Collection[str],
              now: datetime) -> Wish:
    """Check a wish: at least one known topic (duplicates dropped, order kept), short clean text."""
    local = _local(now)
    problems = _Problems()
    _check_kiosk_id(problems, kiosk_id)
    chosen: list[str] = []
    if isinstance(topics, str):  # one topic id given bare
        topics = (topics,)
    for topic in topics if topics is not None else ():
        if not isinstance(topic, str) or topic not in known_topics:
            problems.add("topics", _("Dieses Thema gibt es nicht. Bitte tippe ein Thema aus der Liste an."))
        elif topic not in chosen:
            chosen.append(topic)
    if not chosen:
        problems.add("topics", _("Bitte tippe mindestens ein Thema an."))
    cleaned = problems.check(clean_free_text, text, TEXT_LIMIT, field="text")
    problems.raise_if_any()
    return Wish(id=new_record_id(), kiosk_id=kiosk_id, topics=tuple(chosen), text=cleaned,
                day=local.date(), hour=local.hour)


def _count(problems: _Problems, field_name: str, value: object, most: int, message: str) -> int | None:
    """A person count from a stepper (int) or a text field ("2"); None when wrong."""
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit() and len(value.strip()) <= 4:
        value = int(value.strip())
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        problems.add(field_name, _("Bitte gib eine Zahl ein (0 oder mehr)."))
        return None
    if value > most:
        problems.add(field_name, message.format(n=most))
        return None
    return value


def make_signup(*, kiosk_id: str, offer_id: str, day: date, name: str, phone: str, email: str,
                contact: str, adults: int, children: int, note: str, consent_version: str,
                consent_given: bool, minor: bool, guardian_name: str, now: datetime, status: str,
                source: str = "kiosk") -> SignUp:
    """Check a whole sign-up form at once and build the record.

    Error keys are the keyword names (``name``, ``phone``, ``consent_given``,
    …) plus ``people`` for the total head count.  When the offer needs
    "phone_or_email" and both are empty, both fields get the message.
    Capacity, the offer's existence and duplicate names are the service's job.
    """
    local = _local(now)
    if not isinstance(day, date) or isinstance(day, datetime):
        raise TypeError("day must be a date")
    problems = _Problems()
    _check_kiosk_id(problems, kiosk_id)
    if not _is_id(offer_id):
        problems.add("offer_id", _("Bitte wähle ein Angebot aus."))
    if source not in SIGNUP_SOURCES:
        problems.add("source", _("Unbekannte Herkunft der Anmeldung. Bitte sag im Büro Bescheid."))
    elif source == "kiosk" and day < local.date():
        problems.add("day", _("Dieser Termin ist schon vorbei. Bitte wähle einen anderen Tag."))
    if status not in SIGNUP_STATUSES:
        problems.add("status", _("Unbekannter Stand der Anmeldung. Bitte sag im Büro Bescheid."))

    clean_name = problems.check(validate_name, name, field="name")
    if minor is not True and minor is not False:
        raise TypeError("minor must be True or False")
    clean_guardian = problems.check(validate_name, guardian_name, field="guardian_name") if minor else ""

    clean_phone, clean_email = _check_contact(problems, contact, phone, email)

    n_adults = _count(problems, "adults", adults, MAX_ADULTS,
                      _("Bitte melde höchstens {n} Erwachsene auf einmal an."))
    n_children = _count(problems, "children", children, MAX_CHILDREN,
                        _("Bitte melde höchstens {n} Kinder auf einmal an."))
    if n_adults is not None and n_children is not None:
        if n_adults + n_children == 0:
            problems.add("people", _("Bitte gib an, wie viele Personen kommen (mindestens eine)."))
        elif n_adults + n_children > MAX_PEOPLE:
            problems.add("people", _("Bitte melde höchstens {n} Personen auf einmal an. "
                                     "Für größere Gruppen sprich uns bitte im Büro an.").format(n=MAX_PEOPLE))

    clean_note = problems.check(clean_free_text, note, TEXT_LIMIT, field="note")
    if consent_given is not True:
        problems.add("consent_given", _("Bitte bestätige die Einwilligung."))
    if not isinstance(consent_version, str) or not consent_version.strip() or not consent_version.isprintable():
        problems.add("consent_version", _("Der Text zur Einwilligung fehlt. Bitte sag im Büro Bescheid."))

    problems.raise_if_any()
    return SignUp(id=new_record_id(), kiosk_id=kiosk_id, offer_id=offer_id, day=day, name=clean_name,
                  phone=clean_phone, email=clean_email, adults=n_adults, children=n_children,
                  note=clean_note, consent_version=consent_version.strip(),
                  created=local.replace(second=0, microsecond=0), status=status, minor=minor,
                  guardian_name=clean_guardian, source=source)


def _check_contact(problems: _Problems, contact: object, phone: object, email: object) -> tuple[str, str]:
    """Phone/e-mail as the offer's contact rule needs; given optional ones are checked too."""
    if contact not in CONTACTS:
        problems.add("contact", _("Für dieses Angebot ist keine gültige Kontaktart eingestellt. "
                                  "Bitte sag im Büro Bescheid."))
        contact = "none"
    has_phone = bool(_strip(phone))
    has_email = bool(_strip(email))
    if contact == "phone_or_email" and not has_phone and not has_email:
        message = _("Bitte gib eine Telefonnummer oder eine E-Mail-Adresse an.")
        problems.add("phone", message)
        problems.add("email", message)
        return "", ""
    need_phone = contact in ("phone", "phone_and_email")
    need_email = contact in ("email", "phone_and_email")
    clean_phone = problems.check(normalise_phone, phone, field="phone") if need_phone or has_phone else ""
    clean_email = problems.check(validate_email, email, field="email") if need_email or has_email else ""
    return clean_phone or "", clean_email or ""


def _strip(value: object) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value.strip()
