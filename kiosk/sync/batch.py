"""What goes into a batch, and its compact serialisation.

A batch holds everything the kiosk has not had confirmed yet:

* **sign-ups**: every sign-up not yet received, as full records (only in
  batches encrypted to the staff key);
* **feedback and wishes**: for every day with a feedback or wish not yet
  received, a *snapshot of the whole day* as counts of identical entries
  (hour, offer, score) and (hour, topics, text).  Anonymous entries carry no
  id on the wire: 400 random ids would cost more than everything else
  together, and a count per hour says all there is to say about an
  anonymous smiley.  The import tool merges a day snapshot by taking, per
  identical entry, the larger count: idempotent, in any order, and never
  losing what arrived earlier (anonymous entries are never deleted on the
  kiosk, so a newer snapshot is never smaller);
* **sign-up counts** (anonymous batches only): per offer, day and status the
  number of sign-ups, adults and children, without any personal field; a
  day's counts are sent again only when they changed since the last receipt.

Serialisation: one JSON object with short keys and columns instead of rows
(repeated values sit next to each other), then zlib (RFC 1950, level 9).
The exact layout is in docs/sync-format.md; tests/bench/bench_sync.py
compares it with row-wise JSON and a naive baseline.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Iterable, Mapping

from kiosk.i18n import _
from kiosk.sync.errors import BatchError
from kiosk.timezone import BERLIN

MAX_PLAINTEXT = 32 * 1024 * 1024      # decompression guard for forged anonymous batches
DROPPED_SIGNUP_FIELDS = ("kind", "received")
STATUS_CODES = {"confirmed": 0, "waiting": 1}
STATUS_NAMES = {v: k for k, v in STATUS_CODES.items()}

FeedbackKey = tuple[int, "str | None", int]          # hour, offer id (None = the house), score
WishKey = tuple[int, tuple[str, ...], str]           # hour, topics, text
CountKey = tuple[str, str, str]                      # offer id, ISO day, status


@dataclass
class Payload:
    """The content of one batch, as plain Python values."""

    kiosk_id: str
    signups: list[dict] = field(default_factory=list)
    feedback: dict[str, Counter] = field(default_factory=dict)   # ISO day → Counter[FeedbackKey]
    wishes: dict[str, Counter] = field(default_factory=dict)     # ISO day → Counter[WishKey]
    signup_counts: dict[CountKey, tuple[int, int, int]] = field(default_factory=dict)  # → signups, adults, children

    @property
    def personal(self) -> bool:
        return bool(self.signups)

    def counts(self) -> dict[str, int]:
        return {
            "signups": len(self.signups),
            "feedback": sum(sum(c.values()) for c in self.feedback.values()),
            "wishes": sum(sum(c.values()) for c in self.wishes.values()),
            "days": len(set(self.feedback) | set(self.wishes) | {s["day"] for s in self.signups}),
        }


# --------------------------------------------------------------------------- from the kiosk store


@dataclass
class Collected:
    """A payload plus what a receipt for it marks received on the kiosk."""

    payload: Payload
    record_ids: dict[date, list[str]]
    count_digests: dict[str, str] = field(default_factory=dict)   # ISO day → digest of its sign-up counts
    withheld_signups: int = 0                                        # unreceived sign-ups not sent (no key)


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode("utf-8")).hexdigest()[:16]


def collect(store, kiosk_id: str, *, personal: bool, known_counts: Mapping[str, str] | None = None) -> Collected:
    """Gather everything pending in ``store``.

    Per pending day: unreceived sign-ups (``personal``) or, without a key,
    that day's sign-up counts (left out when equal to counts already
    receipted, ``known_counts``: day → digest); the whole day's feedback
    and wishes when at least one of them is not yet received (else staff
    already hold that day's complete snapshot).
    """
    known_counts = known_counts or {}
    payload = Payload(kiosk_id)
    collected = Collected(payload, {})
    for day in store.pending_days():
        iso = day.isoformat()
        day_ids: list[str] = []
        feedback = Counter()
        wishes = Counter()
        for rec in store.records("feedback", day, day):
            feedback[(int(rec["hour"]), rec.get("offer_id"), int(rec["score"]))] += 1
            if rec.get("received") is not True:
                day_ids.append(rec["id"])
        for rec in store.records("wish", day, day):
            wishes[(int(rec["hour"]), tuple(rec.get("topics") or ()), rec.get("text") or "")] += 1
            if rec.get("received") is not True:
                day_ids.append(rec["id"])
        if day_ids:  # something anonymous is new on this day: send the day's whole snapshot
            if feedback:
                payload.feedback[iso] = feedback
            if wishes:
                payload.wishes[iso] = wishes
        counts: dict[CountKey, tuple[int, int, int]] = {}
        for rec in store.records("signup", day, day):
            if personal:
                if rec.get("received") is not True:
                    payload.signups.append({k: v for k, v in rec.items() if k not in DROPPED_SIGNUP_FIELDS})
                    day_ids.append(rec["id"])
                continue
            if rec.get("received") is not True:
                collected.withheld_signups += 1
            key = (rec.get("offer_id") or "", iso, rec.get("status") or "confirmed")
            n, adults, children = counts.get(key, (0, 0, 0))
            counts[key] = (n + 1, adults + int(rec.get("adults") or 0), children + int(rec.get("children") or 0))
        if counts:
            digest = _digest(sorted([list(k), list(v)] for k, v in counts.items()))
            if known_counts.get(iso) != digest:
                payload.signup_counts.update(counts)
                collected.count_digests[iso] = digest
        if day_ids:
            collected.record_ids[day] = sorted(day_ids)
    return collected


# --------------------------------------------------------------------------- serialisation


def _day_offset(iso: str, base: date) -> int:
    return (date.fromisoformat(iso) - base).days


def _minutes(created: Any, base_midnight: datetime) -> Any:
    """``created`` as whole minutes after the base day's local midnight, if that round-trips exactly."""
    if not isinstance(created, str):
        return created
    try:
        moment = datetime.fromisoformat(created)
    except ValueError:
        return created
    if moment.tzinfo is None:
        return created
    minutes, rest = divmod(int((moment - base_midnight).total_seconds()), 60)
    if rest or _render_minutes(minutes, base_midnight) != created:
        return created
    return minutes


def _midnight_utc(base: date) -> datetime:
    """The instant the base day begins in Marl, in UTC (so minutes are real elapsed minutes)."""
    return datetime.combine(base, time(0), BERLIN).astimezone(timezone.utc)


def _render_minutes(minutes: int, base_midnight: datetime) -> str:
    return (base_midnight + timedelta(minutes=minutes)).astimezone(BERLIN).isoformat()


def encode(payload: Payload) -> bytes:
    """Compact, deterministic bytes (same content → same bytes) for the envelope."""
    days = sorted(set(payload.feedback) | set(payload.wishes) | {s["day"] for s in payload.signups}
                  | {k[1] for k in payload.signup_counts})
    base = date.fromisoformat(days[0]) if days else date(2000, 1, 1)
    midnight = _midnight_utc(base)
    offers = sorted({k[1] for c in payload.feedback.values() for k in c if k[1] is not None}
                    | {s["offer_id"] for s in payload.signups if isinstance(s.get("offer_id"), str)}
                    | {k[0] for k in payload.signup_counts})
    offer_ref = {o: i + 1 for i, o in enumerate(offers)}
    topics = sorted({t for c in payload.wishes.values() for k in c for t in k[1]})
    topic_ref = {t: i for i, t in enumerate(topics)}

    obj: dict[str, Any] = {"d0": base.isoformat(), "o": offers}
    if payload.feedback:
        obj["f"] = [_feedback_groups(_day_offset(iso, base), cells, offer_ref)
                    for iso, cells in sorted(payload.feedback.items())]
    if payload.wishes:
        obj["t"] = topics
        obj["w"] = [
            [_day_offset(iso, base),
             [[hour, [topic_ref[t] for t in wish_topics], text, n]
              for (hour, wish_topics, text), n in sorted(cells.items())]]
            for iso, cells in sorted(payload.wishes.items())
        ]
    if payload.signup_counts:
        obj["c"] = [
            [_day_offset(iso, base), offer_ref[offer], STATUS_CODES.get(status, status), *numbers]
            for (offer, iso, status), numbers in sorted(payload.signup_counts.items(), key=lambda kv: (kv[0][1], kv[0][0], kv[0][2]))
        ]
    if payload.signups:
        obj["s"] = _signup_columns(payload, base, midnight, offer_ref)
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return zlib.compress(text.encode("utf-8"), 9)


def _feedback_groups(offset: int, cells: Mapping[FeedbackKey, int], offer_ref: Mapping[str, int]) -> list:
    """``[day offset, k, [hour, offer ref, n1 … nk, hour, offer ref, n1 … nk, …]]``.

    One group per (hour, offer) with the number of votes for score 1…k
    (k = highest score of the day): the smallest of the layouts measured.
    """
    scale = max(score for _, _, score in cells)
    groups: dict[tuple[int, int], list[int]] = {}
    for (hour, offer, score), n in cells.items():
        if not 1 <= score <= 9:
            raise ValueError(f"score {score!r} outside 1…9")
        ref = offer_ref[offer] if offer is not None else 0
        groups.setdefault((hour, ref), [0] * scale)[score - 1] += n
    flat: list[int] = []
    for (hour, ref), counts in sorted(groups.items()):
        flat += [hour, ref, *counts]
    return [offset, scale, flat]


# Known sign-up fields get one-letter column names; any other field keeps its
# full name (always longer than one letter), so new fields pass through.
FIELD_CODES = {
    "id": "i", "kiosk_id": "k", "offer_id": "o", "day": "d", "name": "n", "phone": "p", "email": "e",
    "adults": "a", "children": "c", "note": "t", "consent_version": "v", "created": "m", "status": "s",
    "minor": "u", "guardian_name": "g", "source": "q", "purged": "x",
}
CODE_FIELDS = {v: k for k, v in FIELD_CODES.items()}


def _signup_columns(payload: Payload, base: date, midnight: datetime, offer_ref: Mapping[str, int]) -> dict:
    """Sign-ups column by column: ``{"n": rows, "c": {code: column}, "x": {code: [absent rows]}}``.

    A column is a list with one value per row (rows that lack the field are
    skipped and listed in "x"), or a single non-list value shared by all
    rows.  The id column may be one string: all ids concatenated, each of
    length len/n.  Rows are sorted by day, offer, created, id.
    """
    rows = sorted(payload.signups, key=lambda s: (str(s.get("day")), str(s.get("offer_id")),
                                                  str(s.get("created")), str(s.get("id"))))
    names = sorted({k for r in rows for k in r} - set(DROPPED_SIGNUP_FIELDS))
    if all(r.get("kiosk_id") == payload.kiosk_id for r in rows):
        names.remove("kiosk_id")
    columns: dict[str, Any] = {}
    absent: dict[str, list[int]] = {}
    for name in names:
        code = FIELD_CODES.get(name, name)
        values = []
        for i, row in enumerate(rows):
            if name not in row:
                absent.setdefault(code, []).append(i)
                continue
            value = row[name]
            if name == "offer_id" and value in offer_ref:
                value = offer_ref[value]
            elif name == "day" and isinstance(value, str):
                value = _day_offset(value, base)
            elif name == "created":
                value = _minutes(value, midnight)
            elif name == "status" and value in STATUS_CODES:
                value = STATUS_CODES[value]
            values.append(value)
        if (name == "id" and values and all(isinstance(v, str) for v in values)
                and len({len(v) for v in values}) == 1 and len(values[0]) > 0):
            columns[code] = "".join(values)
        elif len(values) > 1 and code not in absent and not isinstance(values[0], (list, dict)) \
                and all(v == values[0] and type(v) is type(values[0]) for v in values):
            columns[code] = values[0]
        else:
            columns[code] = values
    out: dict[str, Any] = {"n": len(rows), "c": columns}
    if absent:
        out["x"] = absent
    return out


def decode(data: bytes, kiosk_id: str) -> Payload:
    """Inverse of :func:`encode`; BatchError for anything that does not fit the format."""
    try:
        inflater = zlib.decompressobj()
        text = inflater.decompress(data, MAX_PLAINTEXT)
        if inflater.unconsumed_tail or not inflater.eof:
            raise BatchError(_("Der Inhalt des Pakets ist unvollständig oder zu groß."))
        obj = json.loads(text.decode("utf-8"))
        return _from_object(obj, kiosk_id)
    except BatchError:
        raise
    except (zlib.error, UnicodeDecodeError, ValueError, KeyError, TypeError, IndexError, AttributeError,
            OverflowError, RecursionError):
        raise BatchError(_("Der Inhalt des Pakets ist beschädigt und lässt sich nicht lesen.")) from None


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("integer expected")
    return value


def _from_object(obj: dict, kiosk_id: str) -> Payload:
    base = date.fromisoformat(obj["d0"])
    midnight = _midnight_utc(base)
    offers = list(obj["o"])
    if not all(isinstance(o, str) for o in offers):
        raise TypeError("offer table")

    def offer(ref: Any) -> str | None:
        ref = _int(ref)
        if ref < 0:
            raise IndexError("offer reference")
        return None if ref == 0 else offers[ref - 1]

    def day(offset: Any) -> str:
        return (base + timedelta(days=_int(offset))).isoformat()

    payload = Payload(kiosk_id)
    for offset, scale, flat in obj.get("f", []):
        scale = _int(scale)
        if not 1 <= scale <= 9 or len(flat) % (scale + 2):
            raise ValueError("feedback groups")
        cells = payload.feedback.setdefault(day(offset), Counter())
        for i in range(0, len(flat), scale + 2):
            hour, ref, *counts = flat[i:i + scale + 2]
            for score, n in enumerate(counts, start=1):
                if _int(n):
                    cells[(_int(hour), offer(ref), score)] += n
    topics = list(obj.get("t", []))
    for offset, entries in obj.get("w", []):
        cells = payload.wishes.setdefault(day(offset), Counter())
        for hour, refs, text, n in entries:
            if not isinstance(text, str):
                raise TypeError("wish text")
            cells[(_int(hour), tuple(topics[_int(r)] for r in refs), text)] += _int(n)
    for offset, ref, status, n, adults, children in obj.get("c", []):
        status_name = STATUS_NAMES.get(status, status)
        if not isinstance(status_name, str):
            raise TypeError("status")
        payload.signup_counts[(offer(ref) or "", day(offset), status_name)] = (_int(n), _int(adults), _int(children))
    if "s" in obj:
        payload.signups = _signups_from_columns(obj["s"], kiosk_id, base, midnight, offer)
    return payload


def _signups_from_columns(table: dict, kiosk_id: str, base: date, midnight: datetime, offer) -> list[dict]:
    count = _int(table["n"])
    if count < 0:
        raise ValueError("row count")
    absent = {code: set(_int(r) for r in rows) for code, rows in table.get("x", {}).items()}
    rows: list[dict] = [{"kind": "signup"} for _ in range(count)]
    for code, column in table["c"].items():
        name = CODE_FIELDS.get(code, code) if len(code) == 1 else code
        missing = absent.get(code, set())
        present = count - len(missing & set(range(count)))
        if name == "id" and isinstance(column, str):
            if present == 0 or len(column) % present:
                raise ValueError("id column")
            width = len(column) // present
            column = [column[i:i + width] for i in range(0, len(column), width)]
        elif not isinstance(column, list):
            column = [column] * present
        if len(column) != present:
            raise ValueError(f"column {code!r} has {len(column)} values for {present} rows")
        values = iter(column)
        for i, row in enumerate(rows):
            if i in missing:
                continue
            value = next(values)
            if isinstance(value, int) and not isinstance(value, bool):
                if name == "offer_id":
                    value = offer(value)
                elif name == "day":
                    value = (base + timedelta(days=value)).isoformat()
                elif name == "created":
                    value = _render_minutes(value, midnight)
                elif name == "status":
                    value = STATUS_NAMES[value]
            row[name] = value
    for row in rows:
        row.setdefault("kiosk_id", kiosk_id)
        if not isinstance(row.get("id"), str) or not row["id"] or not isinstance(row.get("day"), str):
            raise ValueError("sign-up without id or day")
        date.fromisoformat(row["day"])
    return rows


def expand_feedback(day: str, cells: Mapping[FeedbackKey, int]) -> Iterable[tuple[str, int, str | None, int]]:
    """One tuple per vote: (day, hour, offer id, score) — for reports and tests."""
    for (hour, offer, score), n in sorted(cells.items(), key=lambda kv: (kv[0][0], kv[0][1] or "", kv[0][2])):
        for _ in range(n):
            yield day, hour, offer, score
