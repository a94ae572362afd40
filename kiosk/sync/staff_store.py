"""The office PC's store: everything received from all kiosks, merged idempotently.

One JSON file (``staff-store.json`` in the store folder), replaced atomically
with one backup generation, like the kiosk's own files.  Layout::

    {"format": 1,
     "batches":  {batch id: {kiosk, seq, prev, base_seq, created, kind, receipt, imported, counts}},
     "signups":  {kiosk id: {record id: {"seq": batch seq, "record": {...}}}},
     "feedback": {kiosk id: {ISO day: [[hour, offer id or null, score, count], ...]}},
     "wishes":   {kiosk id: {ISO day: [[hour, [topics], text, count], ...]}},
     "signup_counts": {kiosk id: {"offer|day|status": {"seq": n, "value": [signups, adults, children]}}},
     "inbox":    {batch id: [chunk strings of batches not complete yet]}}

Merging rules (why a batch can be imported twice, in any order, from four kiosks):

* a batch id already in "batches" is skipped as a whole;
* sign-ups are keyed by (kiosk id, record id); the copy from the higher
  batch seq wins (a sign-up changed on the kiosk comes again, newer); a
  purged copy never blanks names staff already have;
* feedback and wishes are whole-day snapshots of identical entries: per
  entry the larger count wins (max is idempotent and order-free);
* anonymous sign-up counts: the higher seq wins per (kiosk, offer, day, status).
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any, Iterator

from kiosk.i18n import _
from kiosk.store.atomic_storage import AtomicJSONFile
from kiosk.sync.batch import Payload
from kiosk.sync.envelope import Header

STORE_FILE = "staff-store.json"
PERSONAL_FIELDS = ("name", "phone", "email", "note", "guardian_name")


def _empty() -> dict[str, Any]:
    return {"format": 1, "batches": {}, "signups": {}, "feedback": {}, "wishes": {}, "signup_counts": {}, "inbox": {}}


class StaffStore:
    """Load, merge, save.  Changes are in memory until :meth:`save`."""

    def __init__(self, store_dir: Path) -> None:
        self.dir = Path(store_dir)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.problems: list[str] = []
        self._file = AtomicJSONFile(self.dir / STORE_FILE, label=_("Sammlung im Büro"),
                                    on_problem=self.problems.append)
        data = self._file.data()
        self.data: dict[str, Any] = _empty()
        if isinstance(data, dict):
            self.data.update(data)

    def save(self) -> None:
        self._file.write(self.data)

    # -- batches -----------------------------------------------------------

    def batch(self, batch_id: str) -> dict | None:
        return self.data["batches"].get(batch_id)

    def batches_of(self, kiosk_id: str) -> list[dict]:
        return sorted((dict(b, id=i) for i, b in self.data["batches"].items() if b.get("kiosk") == kiosk_id),
                      key=lambda b: b.get("seq", 0))

    def inbox(self) -> dict[str, list[str]]:
        return self.data["inbox"]

    # -- merging -------------------------------------------------------------

    def merge(self, header: Header, payload: Payload, receipt: str, now: datetime | None = None) -> dict[str, int]:
        """Merge one decrypted batch; returns how many entries were new or changed per kind."""
        kiosk = header.kiosk_id
        changed = Counter()
        signups = self.data["signups"].setdefault(kiosk, {})
        for record in payload.signups:
            known = signups.get(record["id"])
            if known is not None and int(known.get("seq", 0)) > header.seq:
                continue
            incoming = dict(record)
            if known is not None and incoming.get("purged") is True:
                for name in PERSONAL_FIELDS:
                    if not incoming.get(name) and known["record"].get(name):
                        incoming[name] = known["record"][name]
            if known is None or known["record"] != incoming:
                changed["signups"] += 1
            signups[record["id"]] = {"seq": header.seq, "record": incoming}

        for kind, cells_by_day in (("feedback", payload.feedback), ("wishes", payload.wishes)):
            per_kiosk = self.data[kind].setdefault(kiosk, {})
            for day, cells in cells_by_day.items():
                current = self._cells(kind, per_kiosk.get(day, []))
                for key, n in cells.items():
                    if n > current.get(key, 0):
                        changed[kind] += n - current.get(key, 0)
                        current[key] = n
                per_kiosk[day] = self._rows(kind, current)

        counts = self.data["signup_counts"].setdefault(kiosk, {})
        for (offer, day, status), value in payload.signup_counts.items():
            key = f"{offer}|{day}|{status}"
            known = counts.get(key)
            if known is None or int(known.get("seq", 0)) <= header.seq:
                if known is None or known.get("value") != list(value):
                    changed["signup_counts"] += 1
                counts[key] = {"seq": header.seq, "value": list(value)}

        self.data["batches"][header.batch_text] = {
            "kiosk": kiosk, "seq": header.seq, "prev": header.prev_text, "base_seq": header.base_seq,
            "created": header.created.isoformat(), "kind": "encrypted" if header.encrypted else "anonymous",
            "receipt": receipt, "imported": (now or datetime.now()).isoformat(timespec="seconds"),
            "counts": payload.counts(),
        }
        self.data["inbox"].pop(header.batch_text, None)
        return dict(changed)

    @staticmethod
    def _cells(kind: str, rows: list) -> dict:
        if kind == "feedback":
            return {(h, o, s): n for h, o, s, n in rows}
        return {(h, tuple(t), text): n for h, t, text, n in rows}

    @staticmethod
    def _rows(kind: str, cells: dict) -> list:
        if kind == "feedback":
            return [[h, o, s, n] for (h, o, s), n in sorted(cells.items(), key=lambda kv: (kv[0][0], kv[0][1] or "", kv[0][2]))]
        return [[h, list(t), text, n] for (h, t, text), n in sorted(cells.items())]

    # -- reading (reports) ---------------------------------------------------

    def signups(self) -> list[dict]:
        return [entry["record"] for per_kiosk in self.data["signups"].values() for entry in per_kiosk.values()]

    def feedback(self) -> Iterator[tuple[str, str, int, str | None, int, int]]:
        """(kiosk, day, hour, offer id, score, count)."""
        for kiosk, days in sorted(self.data["feedback"].items()):
            for day, rows in sorted(days.items()):
                for hour, offer, score, n in rows:
                    yield kiosk, day, hour, offer, score, n

    def wishes(self) -> Iterator[tuple[str, str, int, tuple[str, ...], str, int]]:
        """(kiosk, day, hour, topics, text, count)."""
        for kiosk, days in sorted(self.data["wishes"].items()):
            for day, rows in sorted(days.items()):
                for hour, topics, text, n in rows:
                    yield kiosk, day, hour, tuple(topics), text, n

    def signup_counts(self) -> Iterator[tuple[str, str, str, str, int, int, int]]:
        """(kiosk, offer, day, status, signups, adults, children) from anonymous batches."""
        for kiosk, entries in sorted(self.data["signup_counts"].items()):
            for key, entry in sorted(entries.items()):
                offer, day, status = key.split("|")
                yield (kiosk, offer, day, status, *entry["value"])
