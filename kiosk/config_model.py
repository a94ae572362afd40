"""The frozen data the kiosk runs on, built from the staff's TOML files.

These classes are what every other module sees of the configuration:
plain, immutable and already validated, so no screen ever has to cope with
a half-broken value.  Loading and checking live in ``kiosk.config`` (the
public entry point, which re-exports everything here).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, time
from typing import TypeVar

WEEKDAYS = ("mo", "di", "mi", "do", "fr", "sa", "so")  # keys used in TOML, index = date.weekday()
AUDIENCES = ("kinder", "jugendliche", "familien", "senioren", "alle")
CONTACTS = ("none", "phone", "email", "phone_or_email", "phone_and_email")

K = TypeVar("K")
V = TypeVar("V")


class FrozenMap(Mapping[K, V]):
    """A read-only, hashable mapping.

    Frozen dataclasses hash their fields; a plain dict (or MappingProxyType)
    would make ``hash(config)`` raise, so mappings in the config use this.
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[K, V] | None = None) -> None:
        self._data: dict[K, V] = dict(data or {})
        self._hash: int | None = None

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return dict(self._data) == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"


@dataclass(frozen=True)
class ConfigProblem:
    """One mistake in a config file, described for staff (German, plain words)."""

    file: str  # file name as given, e.g. "config/offers.toml"
    message: str
    line: int | None = None
    column: int | None = None
    where: str = ""  # e.g. "Angebot 'cafe', Schlüssel 'capacity'"

    def __str__(self) -> str:
        head = self.file
        if self.line is not None:
            head += f", Zeile {self.line}"
            if self.column is not None:
                head += f", Spalte {self.column}"
        if self.where:
            return f"{head}: {self.where}: {self.message}"
        return f"{head}: {self.message}"


class ConfigError(Exception):
    """Raised when the configuration cannot be used; carries ALL problems found.

    Staff fix a file in one go only if they see every mistake at once, not
    one per restart.
    """

    def __init__(self, problems: list[ConfigProblem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems) or "Konfiguration fehlerhaft")


@dataclass(frozen=True)
class Localized:
    """A text in several languages; German is the fallback for all others."""

    values: Mapping[str, str]

    @classmethod
    def of(cls, german: str = "", **others: str) -> Localized:
        """Convenience for code and tests: ``Localized.of("Hallo", en="Hello")``."""
        return cls(FrozenMap({"de": german, **others}))

    def get(self, lang: str) -> str:
        """The text in ``lang``, else German, else ""."""
        return self.values.get(lang) or self.values.get("de") or ""

    def __bool__(self) -> bool:
        return bool(self.values.get("de"))

    def __str__(self) -> str:
        return self.get("de")

    def __hash__(self) -> int:
        return hash(frozenset(self.values.items()))


@dataclass(frozen=True)
class WeeklyRule:
    """An offer that repeats every week on one weekday, from ``start`` to
    ``end`` (Europe/Berlin wall-clock times)."""

    weekday: int  # 0 = Monday … 6 = Sunday
    start: time
    end: time


@dataclass(frozen=True)
class SingleDate:
    """An offer on one calendar day only (e.g. a festival)."""

    day: date
    start: time
    end: time


@dataclass(frozen=True)
class OfferSchedule:
    """When an offer takes place: weekly rules and single dates, limited to
    ``valid_from``..``valid_until``, minus ``exceptions``; with
    ``school_holidays_only`` only during NRW school holidays."""

    weekly: tuple[WeeklyRule, ...] = ()
    dates: tuple[SingleDate, ...] = ()
    valid_from: date | None = None
    valid_until: date | None = None
    exceptions: frozenset[date] = frozenset()
    school_holidays_only: bool = False


@dataclass(frozen=True)
class Offer:
    """One offer from ``offers.toml``, as visitors see it on the offers
    screen and staff in their lists."""

    id: str
    title: Localized
    description: Localized
    pictogram: str
    audience: tuple[str, ...]
    room: Localized
    cost: Localized  # empty = free
    capacity: int | None  # people per occurrence; None = unlimited
    signup: bool
    contact: str  # one of CONTACTS
    children_self_signup: bool
    schedule: OfferSchedule


@dataclass(frozen=True)
class WishTopic:
    """A topic tile on the wishes screen; its ``id`` is what is stored."""

    id: str
    label: Localized
    pictogram: str


@dataclass(frozen=True)
class KioskConfig:
    """The whole validated configuration (``kiosk.toml`` + ``offers.toml``).

    Every dataclass here has a docstring, also because a dataclass without
    one gets its signature computed as ``__doc__`` at import (~1 ms of the
    kiosk's cold start for six of them)."""

    office_name: str
    tagline: Localized
    address: str
    phone: str
    founded: str  # "" when unknown → omitted on screens
    opening_hours: Mapping[int, tuple[tuple[time, time], ...]]  # weekday → spans (all 7 keys)
    closing_days: tuple[tuple[date, date], ...]  # inclusive ranges
    school_holidays: tuple[tuple[date, date], ...]  # inclusive ranges
    kiosk_id: str
    languages: tuple[str, ...]
    default_language: str
    idle_reset_seconds: int
    attract_seconds: int
    feedback_scale: int  # 3 or 5
    feedback_debounce_seconds: int
    wish_topics: tuple[WishTopic, ...]
    about_intro: Localized
    about_principles: tuple[Localized, ...]  # exactly 5
    about_roles: tuple[Localized, ...]
    consent_version: str
    consent_text: Localized
    retention_days_after_occurrence: int
    handover_warn_days: int
    data_dir: str  # "" = default per-user dir
    sync_public_key: str  # "" = none configured
    sync_phone_lists: bool
    offers: tuple[Offer, ...]
    source_dir: str  # the directory the files were loaded from

    def offer(self, offer_id: str | None) -> Offer | None:
        for offer in self.offers:
            if offer.id == offer_id:
                return offer
        return None

    def topic(self, topic_id: str | None) -> WishTopic | None:
        for topic in self.wish_topics:
            if topic.id == topic_id:
                return topic
        return None
