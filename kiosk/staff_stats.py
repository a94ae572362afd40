"""Numbers for the staff area, over a day or a period (no Kivy here).

The staff screens show counts, charts and lists; keeping the counting here
lets it be tested without a window and keeps the screens thin.  Everything
is read through the service and its store; nothing is written.

Feedback and wishes are anonymous: what comes out of here is counts, and
the wishes' free texts without anything that links them to a person.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

#: Period choices of the staff charts: id → number of days up to today.
PERIODS: dict[str, int] = {"today": 1, "week": 7, "month": 30}


def period_range(today: date, period: str) -> tuple[date, date]:
    """First and last day (inclusive) of ``period`` ending ``today``."""
    days = PERIODS[period]
    return today - timedelta(days=days - 1), today


@dataclass(frozen=True)
class DayNumbers:
    """The big numbers of one day.

    ``signups``/``people``/``waiting`` are about the day's occurrences (who
    comes today); ``votes``/``wishes`` about what was entered that day.
    """

    signups: int
    people: int
    waiting: int
    votes: int
    wishes: int
    wish_texts: int


def day_numbers(service, day: date) -> DayNumbers:
    stats = service.day_stats(day)
    wishes = service.store.records("wish", day, day)
    return DayNumbers(
        signups=stats.total_signups,
        people=sum(s.people for s in stats.offers.values()),
        waiting=sum(s.waiting for s in stats.offers.values()),
        votes=stats.total_votes,
        wishes=len(wishes),
        wish_texts=sum(1 for w in wishes if w.get("text")),
    )


def feedback_by_offer(service, first: date, last: date) -> dict[str, Counter]:
    """Smiley votes per offer id ('' = the house in general) → score → count."""
    out: dict[str, Counter] = {}
    for record in service.store.records("feedback", first, last):
        try:
            score = int(record["score"])
        except (KeyError, TypeError, ValueError):
            continue  # a damaged entry must not hide the others
        out.setdefault(record.get("offer_id") or "", Counter())[score] += 1
    return out


@dataclass(frozen=True)
class WishText:
    day: date
    text: str


@dataclass
class WishSummary:
    """Topic counts (ranked by :meth:`ranked`), entries and free texts."""

    topics: Counter = field(default_factory=Counter)
    entries: int = 0
    texts: list[WishText] = field(default_factory=list)

    def ranked(self, known: list[str] | tuple[str, ...] = ()) -> list[tuple[str, int]]:
        """(topic id, count), most wished first; known topics with no wish
        come last with 0, in config order, so staff see them too."""
        order = {topic: i for i, topic in enumerate(known)}
        rows = [(t, n) for t, n in self.topics.items()]
        rows += [(t, 0) for t in known if t not in self.topics]
        return sorted(rows, key=lambda row: (-row[1], order.get(row[0], len(order)), row[0]))


def wish_summary(service, first: date, last: date) -> WishSummary:
    summary = WishSummary()
    for record in service.store.records("wish", first, last):
        summary.entries += 1
        for topic in record.get("topics", []) or []:
            summary.topics[topic] += 1
        text = (record.get("text") or "").strip()
        if text:
            try:
                day = date.fromisoformat(record.get("day", ""))
            except (TypeError, ValueError):
                day = last
            summary.texts.append(WishText(day, text))
    summary.texts.sort(key=lambda t: t.day, reverse=True)
    return summary
