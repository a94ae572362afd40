"""Checking offers.toml: each ``[[offers]]`` table becomes a frozen ``Offer``.

Every problem names the offer by its id and the key ("Angebot 'cafe',
Schlüssel 'capacity'") so staff find it in a long file.  Schedules are
written compactly for staff ("di 14:30-17:00", "2026-06-20 14:00-18:00"); the
spelled-out form { weekday = "di", start = "14:30", end = "17:00" } is
accepted as well.
"""

from __future__ import annotations

from datetime import time
from typing import Any

from kiosk.config_check import Scope, each_table, label_for, parse_date, parse_span, parse_time, parse_weekday, pictogram_of
from kiosk.config_model import AUDIENCES, CONTACTS, WEEKDAYS, Offer, OfferSchedule, SingleDate, WeeklyRule

def offers_from(top: Scope, school_holidays: tuple | None) -> tuple[Offer, ...]:
    """All ``[[offers]]`` of offers.toml; ``school_holidays`` is None when kiosk.toml could not be read."""
    entries = each_table(top, "offers", lambda i, e: label_for("Angebot", i, e))
    if not entries and top.raw("offers") is None:
        top.problem(None, "Es gibt keine Angebote ([[offers]]).")
    top.finish()
    offers, seen = [], set()
    for _, scope in entries:
        offer = _offer(scope)
        if offer.id and offer.id in seen:
            scope.problem("id", f"Die Kennung '{offer.id}' gibt es schon bei einem anderen Angebot. "
                                "Jedes Angebot braucht eine eigene Kennung.")
        seen.add(offer.id)
        if offer.schedule.school_holidays_only and school_holidays == ():
            scope.problem("school_holidays_only", "Das Angebot findet nur in den Schulferien statt, aber in "
                                                  "kiosk.toml sind keine Schulferien eingetragen.")
        offers.append(offer)
    return tuple(offers)


def _offer(scope: Scope) -> Offer:
    offer_id = scope.identifier("id")
    title = scope.localized("title", required=True)
    description = scope.localized("description")
    pictogram = pictogram_of(scope)
    audience = _audience(scope)
    room = scope.localized("room")
    cost = scope.localized("cost")
    capacity = scope.integer("capacity", minimum=1, maximum=None, default=None)
    signup = scope.boolean("signup", default=False)
    contact = scope.choice("contact", CONTACTS, default="none")
    children = scope.boolean("children_self_signup", default=False)
    schedule = _schedule(scope)
    scope.finish()
    return Offer(offer_id, title, description, pictogram, audience, room, cost, capacity,
                 signup, contact, children, schedule)


def _audience(scope: Scope) -> tuple[str, ...]:
    value = scope.raw("audience")
    if value is None:
        return ("alle",)
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not values:
        scope.problem("audience", f'muss eine Liste sein, z. B. ["kinder", "familien"]. Erlaubt: {", ".join(AUDIENCES)}.')
        return ("alle",)
    result: list[str] = []
    for item, entry in enumerate(values):
        if entry not in AUDIENCES:
            scope.problem("audience", f"'{entry}' ist keine bekannte Zielgruppe. Erlaubt: {', '.join(AUDIENCES)}.", item)
        elif entry not in result:
            result.append(entry)
    return tuple(result) or ("alle",)


def _schedule(scope: Scope) -> OfferSchedule:
    weekly: list[WeeklyRule] = []
    for item, entry in enumerate(scope.list_of("weekly")):
        rule = _weekly_rule(scope, item, entry)
        if rule is None:
            continue
        if any(other.weekday == rule.weekday for other in weekly):
            scope.problem("weekly", f"'{WEEKDAYS[rule.weekday]}' steht doppelt. Pro Tag hat ein Angebot nur einen "
                                    "Termin; für einen zweiten bitte ein eigenes Angebot anlegen.", item)
            continue
        weekly.append(rule)
    dates: list[SingleDate] = []
    for item, entry in enumerate(scope.list_of("dates")):
        single = _single_date(scope, item, entry)
        if single is None:
            continue
        if any(other.day == single.day for other in dates):
            scope.problem("dates", f"Der {single.day:%d.%m.%Y} steht doppelt. Pro Tag hat ein Angebot nur einen Termin.", item)
            continue
        dates.append(single)
    valid_from, valid_until = scope.date("valid_from"), scope.date("valid_until")
    if valid_from and valid_until and valid_until < valid_from:
        scope.problem("valid_until", f"liegt vor valid_from ({valid_from:%d.%m.%Y}).")
    exceptions = set()
    for item, entry in enumerate(scope.list_of("exceptions")):
        day = scope.date_value("exceptions", entry, item)
        if day is not None:
            exceptions.add(day)
    holidays_only = scope.boolean("school_holidays_only", default=False)
    if not weekly and not dates and not scope.has("weekly") and not scope.has("dates"):
        scope.problem(None, 'Es fehlen die Termine: bitte weekly = ["di 14:30-17:00"] oder '
                            'dates = ["2026-06-20 14:00-18:00"] angeben.')
    return OfferSchedule(tuple(sorted(weekly, key=lambda r: r.weekday)), tuple(sorted(dates, key=lambda d: d.day)),
                         valid_from, valid_until, frozenset(exceptions), holidays_only)


def _weekly_rule(scope: Scope, item: int, entry: Any) -> WeeklyRule | None:
    """ "di 14:30-17:00" or { weekday = "di", start = "14:30", end = "17:00" }."""
    if isinstance(entry, dict):
        day_text, span = entry.get("weekday"), _span_of(scope, "weekly", item, entry, {"weekday"})
    elif isinstance(entry, str) and " " in entry.strip():
        day_text, span_text = entry.strip().split(None, 1)
        span = _checked_span(scope, "weekly", item, span_text)
    else:
        scope.problem("weekly", f'\'{entry}\' ist kein Wochentermin. Bitte so schreiben: "di 14:30-17:00".', item)
        return None
    weekday = parse_weekday(day_text)
    if weekday is None:
        scope.problem("weekly", f"'{day_text}' ist kein Wochentag. Erlaubt: {', '.join(WEEKDAYS)}.", item)
        return None
    if span is None:
        return None
    return WeeklyRule(weekday, span[0], span[1])


def _single_date(scope: Scope, item: int, entry: Any) -> SingleDate | None:
    """ "2026-06-20 14:00-18:00" or { day = 2026-06-20, start = "14:00", end = "18:00" }."""
    if isinstance(entry, dict):
        day_value, span = entry.get("day"), _span_of(scope, "dates", item, entry, {"day"})
    elif isinstance(entry, str) and " " in entry.strip():
        day_value, span_text = entry.strip().split(None, 1)
        span = _checked_span(scope, "dates", item, span_text)
    else:
        scope.problem("dates", f'\'{entry}\' ist kein Termin. Bitte so schreiben: "2026-06-20 14:00-18:00".', item)
        return None
    day = parse_date(day_value)
    if day is None:
        scope.problem("dates", f"'{day_value}' ist kein gültiges Datum. Bitte so schreiben: 2026-06-20.", item)
        return None
    if span is None:
        return None
    return SingleDate(day, span[0], span[1])


def _checked_span(scope: Scope, key: str, item: int, text: str) -> tuple[time, time] | None:
    span = parse_span(text)
    if isinstance(span, str):
        scope.problem(key, span, item)
        return None
    return span


def _span_of(scope: Scope, key: str, item: int, entry: dict, extra: set[str]) -> tuple[time, time] | None:
    unknown = set(entry) - extra - {"start", "end"}
    if unknown:
        scope.problem(key, f"unbekannter Name {', '.join(sorted(unknown))}; erlaubt: "
                           f"{', '.join(sorted(extra | {'start', 'end'}))}.", item)
    start, end = parse_time(entry.get("start")), parse_time(entry.get("end"))
    if start is None or end is None:
        bad = entry.get("start") if start is None else entry.get("end")
        scope.problem(key, f"'{bad}' ist keine gültige Uhrzeit (00:00 bis 23:59).", item)
        return None
    if end <= start:
        scope.problem(key, f"Das Ende ({end:%H:%M}) liegt nicht nach dem Beginn ({start:%H:%M}).", item)
        return None
    return start, end
