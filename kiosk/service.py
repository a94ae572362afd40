"""The one façade the touchscreen UI and the command line talk to.

It ties config, schedule, records and store together so that every rule
(debounce, duplicate names, capacity and waiting list, staff flags, entries
kept in memory while the disk refuses writes) lives in exactly one place and
the UI stays a thin layer that never touches files.

``kiosk.records`` (checking and building entries) is imported by the methods
that write, not with this module: the home screen, the kiosk's first frame,
needs none of it, and with ``validation`` and ``secrets`` (OpenSSL's hashes)
it is ~10 ms of every cold start.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Callable, Iterable

from kiosk.clock import KioskClock
from kiosk.config import KioskConfig
from kiosk.i18n import _
from kiosk.records_debounce import FeedbackDebouncer
from kiosk.schedule import Occurrence, occurrences
from kiosk.store import KioskStore

if TYPE_CHECKING:
    from kiosk.records import Feedback, SignUp, Wish

log = logging.getLogger(__name__)

FLAGS_KEY = "offer_flags"


@dataclass(frozen=True)
class Availability:
    """How full one occurrence is, as the offer cards and the sign-up need it."""

    capacity: int | None
    booked: int
    waiting: int
    full_flag: bool = False
    cancelled: bool = False

    @property
    def free(self) -> int | None:
        """Free places, or None when the offer has no limit."""
        if self.capacity is None:
            return None
        return 0 if self.full_flag else max(0, self.capacity - self.booked)

    @property
    def full(self) -> bool:
        return self.full_flag or (self.capacity is not None and self.booked >= self.capacity)

    def status_for(self, people: int) -> str:
        """'confirmed' when ``people`` still fit, else 'waiting' (the list is never closed)."""
        if self.full_flag:
            return "waiting"
        if self.capacity is None or self.booked + people <= self.capacity:
            return "confirmed"
        return "waiting"


@dataclass
class OfferDayStats:
    signups: int = 0
    people: int = 0
    waiting: int = 0
    votes: Counter = field(default_factory=Counter)


@dataclass
class DayStats:
    """Counts for one day; keyed by offer id ('' = the house in general)."""

    day: date
    offers: dict[str, OfferDayStats] = field(default_factory=dict)
    wishes: Counter = field(default_factory=Counter)
    wish_texts: int = 0

    def for_offer(self, offer_id: str) -> OfferDayStats:
        return self.offers.setdefault(offer_id, OfferDayStats())

    @property
    def total_votes(self) -> int:
        return sum(sum(s.votes.values()) for s in self.offers.values())

    @property
    def total_signups(self) -> int:
        return sum(s.signups for s in self.offers.values())


@dataclass(frozen=True)
class Saved:
    """Result of a write: ``saved`` is False when the disk refused and the
    entry waits in memory for the next retry (the UI then says so calmly)."""

    record: Feedback | Wish | SignUp
    saved: bool


class KioskService:
    """Everything a visitor or staff member can do, independent of any screen."""

    def __init__(
        self,
        config: KioskConfig,
        store: KioskStore,
        clock: KioskClock | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config
        self.store = store
        self.clock = clock or KioskClock()
        self._monotonic = monotonic
        self.debouncer = FeedbackDebouncer(config.feedback_debounce_seconds)
        # Entries the disk refused (full, read-only): kept until a retry succeeds.
        self.unsaved: list[tuple[str, dict, date]] = []

    # -- configuration -------------------------------------------------------

    def replace_config(self, config: KioskConfig) -> None:
        """Use a reloaded config; the debounce memory starts afresh."""
        self.config = config
        self.debouncer = FeedbackDebouncer(config.feedback_debounce_seconds)

    # -- writing -----------------------------------------------------------

    def _persist(self, kind: str, record: Feedback | Wish | SignUp, day: date) -> Saved:
        data = record.to_dict()
        self.retry_unsaved()
        if self.unsaved:
            # Keep the order of entries: never write a newer one before an older one waits.
            self.unsaved.append((kind, data, day))
            return Saved(record, False)
        try:
            self.store.add(kind, data, day)
        except OSError as exc:
            log.warning("Speichern fehlgeschlagen (%s), Eintrag bleibt im Speicher: %s", kind, exc.strerror or exc)
            self.unsaved.append((kind, data, day))
            return Saved(record, False)
        return Saved(record, True)

    def retry_unsaved(self) -> int:
        """Try to write entries the disk refused earlier; returns how many are still waiting."""
        while self.unsaved:
            kind, data, day = self.unsaved[0]
            try:
                self.store.add(kind, data, day)
            except OSError:
                break
            self.unsaved.pop(0)
        return len(self.unsaved)

    def give_feedback(self, offer_id: str | None, score: int) -> Saved | None:
        """Store a smiley vote; None when the same offer was just voted (debounce)."""
        from kiosk.records import make_feedback  # noqa: PLC0415 - see the module docstring

        known = {o.id for o in self.config.offers}
        record = make_feedback(
            kiosk_id=self.config.kiosk_id,
            offer_id=offer_id,
            score=score,
            scale=self.config.feedback_scale,
            known_offers=known,
            now=self.clock.now(),
        )
        if not self.debouncer.accept(offer_id, self._monotonic()):
            return None
        return self._persist("feedback", record, record.day)

    def add_wish(self, topics: Iterable[str], text: str = "") -> Saved:
        from kiosk.records import make_wish  # noqa: PLC0415 - see the module docstring

        record = make_wish(
            kiosk_id=self.config.kiosk_id,
            topics=tuple(topics),
            text=text,
            known_topics={t.id for t in self.config.wish_topics},
            now=self.clock.now(),
        )
        return self._persist("wish", record, record.day)

    def sign_up(
        self,
        *,
        offer_id: str,
        day: date,
        name: str,
        phone: str = "",
        email: str = "",
        adults: int = 1,
        children: int = 0,
        note: str = "",
        consent_given: bool = False,
        minor: bool = False,
        guardian_name: str = "",
        source: str = "kiosk",
    ) -> Saved:
        """Validate and store a sign-up; raises ValidationError with German messages."""
        from kiosk.records import ValidationError, make_signup, same_person  # noqa: PLC0415 - module docstring

        offer = self.config.offer(offer_id)
        if offer is None or not offer.signup:
            raise ValidationError({"offer_id": _("Für dieses Angebot kann man sich hier nicht anmelden.")})
        if self.occurrence(offer_id, day) is None:
            raise ValidationError({"day": _("An diesem Tag findet das Angebot nicht statt.")})
        availability = self.availability(offer_id, day)
        if availability.cancelled:
            raise ValidationError({"day": _("Dieser Termin fällt leider aus.")})
        record = make_signup(
            kiosk_id=self.config.kiosk_id,
            offer_id=offer_id,
            day=day,
            name=name,
            phone=phone,
            email=email,
            contact=offer.contact,
            adults=adults,
            children=children,
            note=note,
            consent_version=self.config.consent_version,
            consent_given=consent_given,
            minor=minor and not offer.children_self_signup,
            guardian_name=guardian_name if minor and not offer.children_self_signup else "",
            now=self.clock.now(),
            status=availability.status_for(adults + children),
            source=source,
        )
        if any(same_person(s.get("name", ""), record.name) for s in self._signups(offer_id, day)):
            raise ValidationError(
                {"name": _("Unter diesem Namen ist für diesen Termin schon jemand angemeldet.")}
            )
        return self._persist("signup", record, day)

    # -- reading -----------------------------------------------------------

    def _signups(self, offer_id: str, day: date) -> list[dict]:
        """Stored sign-ups plus those still waiting in memory for the disk."""
        stored = self.store.signups_for(offer_id, day)
        waiting = [d for k, d, dd in self.unsaved if k == "signup" and dd == day and d.get("offer_id") == offer_id]
        return stored + waiting

    def occurrence(self, offer_id: str, day: date) -> Occurrence | None:
        for occ in occurrences(self.config, day, day):
            if occ.offer_id == offer_id:
                return occ
        return None

    def flags(self, offer_id: str, day: date) -> dict[str, bool]:
        all_flags = self.store.state.get(FLAGS_KEY, {}) or {}
        return dict(all_flags.get(f"{offer_id}@{day.isoformat()}", {}))

    def set_flag(self, offer_id: str, day: date, *, full: bool | None = None, cancelled: bool | None = None) -> None:
        """Staff mark an occurrence full or cancelled; visitors see it at once."""
        all_flags = dict(self.store.state.get(FLAGS_KEY, {}) or {})
        key = f"{offer_id}@{day.isoformat()}"
        entry = dict(all_flags.get(key, {}))
        if full is not None:
            entry["full"] = bool(full)
        if cancelled is not None:
            entry["cancelled"] = bool(cancelled)
        all_flags[key] = entry
        self.store.state.set(FLAGS_KEY, all_flags)

    def availability(self, offer_id: str, day: date) -> Availability:
        offer = self.config.offer(offer_id)
        capacity = offer.capacity if offer else None
        booked = waiting = 0
        for s in self._signups(offer_id, day):
            people = int(s.get("adults", 0)) + int(s.get("children", 0))
            if s.get("status") == "waiting":
                waiting += people
            else:
                booked += people
        flags = self.flags(offer_id, day)
        return Availability(
            capacity=capacity,
            booked=booked,
            waiting=waiting,
            full_flag=flags.get("full", False),
            cancelled=flags.get("cancelled", False),
        )

    def day_stats(self, day: date) -> DayStats:
        """Counts for the staff area and ``kiosk stats``: no personal data in here."""
        stats = DayStats(day)
        for s in self.store.records("signup", day, day):
            entry = stats.for_offer(s.get("offer_id", ""))
            people = int(s.get("adults", 0)) + int(s.get("children", 0))
            if s.get("status") == "waiting":
                entry.waiting += people
            else:
                entry.signups += 1
                entry.people += people
        for f in self.store.records("feedback", day, day):
            stats.for_offer(f.get("offer_id") or "").votes[int(f["score"])] += 1
        for w in self.store.records("wish", day, day):
            for topic in w.get("topics", []):
                stats.wishes[topic] += 1
            if w.get("text"):
                stats.wish_texts += 1
        return stats
