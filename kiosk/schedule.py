"""When offers take place: the config's rules expanded into dated occurrences.

Everything is local Marl time (``kiosk.timezone.BERLIN``) as aware datetimes,
built per calendar day from the wall-clock times staff wrote down, so a
10:00 offer starts at 10:00 on the days the clocks change as well.

Rules for one offer on one day, in this order:
  1. closing day (kiosk.toml) → nothing;
  2. exception date, outside valid_from/valid_until, or a school-holidays-only
     offer on a day outside the school holidays → nothing;
  3. a single date on that day → that one (it replaces a weekly rule that day);
  4. otherwise the weekly rule for that weekday, if any.
So an offer has at most one occurrence per day, which keeps the key
``<offer_id>@<YYYY-MM-DD>`` that sign-ups refer to unique.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from kiosk.config import KioskConfig, Offer
from kiosk.timezone import BERLIN


@dataclass(frozen=True, order=True)
class Occurrence:
    """One offer on one day (aware Berlin datetimes)."""

    start: datetime
    end: datetime
    offer_id: str

    @property
    def day(self) -> date:
        return self.start.date()

    @property
    def key(self) -> str:
        """Stable id of this occurrence, e.g. "cafe@2026-11-24" (sign-ups point to it)."""
        return f"{self.offer_id}@{self.day.isoformat()}"


def local(day: date, at: time) -> datetime:
    """Aware local datetime for a wall-clock time on ``day``.

    A time inside the spring-forward gap (02:00–03:00 on the last Sunday of
    March) does not exist; the UTC round trip moves it to the real instant
    (an hour later on the clock) so ordering and durations stay sane.
    """
    naive = datetime.combine(day, at, tzinfo=BERLIN)
    return naive.astimezone(timezone.utc).astimezone(BERLIN)


def _in_ranges(ranges: tuple[tuple[date, date], ...], day: date) -> bool:
    return any(first <= day <= last for first, last in ranges)


def is_school_holiday(config: KioskConfig, day: date) -> bool:
    return _in_ranges(config.school_holidays, day)


def is_closing_day(config: KioskConfig, day: date) -> bool:
    return _in_ranges(config.closing_days, day)


def _occurrence_of(config: KioskConfig, offer: Offer, day: date) -> Occurrence | None:
    """The offer's occurrence on ``day`` (closing days NOT checked here)."""
    rules = offer.schedule
    if day in rules.exceptions:
        return None
    if rules.valid_from is not None and day < rules.valid_from:
        return None
    if rules.valid_until is not None and day > rules.valid_until:
        return None
    if rules.school_holidays_only and not is_school_holiday(config, day):
        return None
    for single in rules.dates:
        if single.day == day:
            return Occurrence(local(day, single.start), local(day, single.end), offer.id)
    weekday = day.weekday()
    for rule in rules.weekly:
        if rule.weekday == weekday:
            return Occurrence(local(day, rule.start), local(day, rule.end), offer.id)
    return None


def _days(first: date, last: date):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def occurrences(config: KioskConfig, first: date, last: date) -> list[Occurrence]:
    """All occurrences from ``first`` to ``last`` (inclusive), sorted by start, then offer id."""
    found: list[Occurrence] = []
    for day in _days(first, last):
        if is_closing_day(config, day):
            continue
        for offer in config.offers:
            occurrence = _occurrence_of(config, offer, day)
            if occurrence is not None:
                found.append(occurrence)
    found.sort(key=lambda o: (o.start, o.offer_id))
    return found


def occurrence_on(config: KioskConfig, offer_id: str, day: date) -> Occurrence | None:
    """The occurrence of one offer on one day, or None (e.g. to check a sign-up's date)."""
    offer = config.offer(offer_id)
    if offer is None or is_closing_day(config, day):
        return None
    return _occurrence_of(config, offer, day)


def today_and_upcoming(config: KioskConfig, today: date, days: int = 7) -> tuple[list[Occurrence], list[Occurrence]]:
    """(today's occurrences, those of the ``days`` days after today) for the screens.

    Today's list includes offers that already ended; the screen decides with
    the clock whether to grey them out.
    """
    return (occurrences(config, today, today),
            occurrences(config, today + timedelta(days=1), today + timedelta(days=days)) if days > 0 else [])


def opening_hours_on(config: KioskConfig, day: date) -> tuple[tuple[time, time], ...]:
    """Opening hours on ``day``; () when closed (weekday without hours or closing day)."""
    if is_closing_day(config, day):
        return ()
    return tuple(config.opening_hours.get(day.weekday(), ()))


def next_open_day(config: KioskConfig, after: date, horizon_days: int = 60) -> date | None:
    """First day strictly after ``after`` with opening hours, looking ``horizon_days`` ahead.

    For "heute geschlossen, wieder offen am …"; None when nothing is open in
    the horizon (e.g. no opening hours configured at all).
    """
    for offset in range(1, horizon_days + 1):
        day = after + timedelta(days=offset)
        if opening_hours_on(config, day):
            return day
    return None
