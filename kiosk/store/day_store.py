"""KioskStore: the kiosk's entries, one crash-safe TinyDB file per day.

Layout under ``data_dir``::

    state.json                 small state (see kiosk.store.state_file)
    days/2026-11-24.json       TinyDB file: tables "feedback", "wish", "signup"
    days/2026-11-24.json.bak   the previous good content of that day

Why one file per day: TinyDB rewrites its whole file on every insert, so a
single file would make each tap slower as the months pass.  With day files
an entry costs the same after a year as on the first day, capacity is a
one-file query (sign-ups live in the day of the *occurrence*, feedback and
wishes in the day they were given), and a damaged file costs one day at
most.  Only a few day files are open at once (a small LRU); the rest are
opened on demand.

What makes it safe:

* ``add`` returns only when the entry is durable (see atomic_storage).
* Bookkeeping in the state file is written *before* the entry it describes,
  so a crash in between can leave a day marked pending that holds nothing
  new (harmless), never an entry that nobody knows is pending.
* ``add`` is idempotent per record id: the service can retry an entry the
  disk refused without ever storing it twice.
* Nothing depends on the clock being right: ids are random, writing to a
  day that already has a file appends to it, and names of set-aside files
  get a counter when their time stamps collide.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any, Optional

from tinydb import Query, TinyDB

from kiosk.clock import KioskClock
from kiosk.i18n import _
from kiosk.store.atomic_storage import AtomicJSONStorage, FaultHook, directory_lock, fsync_dir
from kiosk.store.state_file import NEWEST_ENTRY_DAY, PENDING_DAYS, PERSONAL_DAYS, StateFile

log = logging.getLogger("kiosk.store")

KINDS = ("feedback", "wish", "signup")
PERSONAL_FIELDS = ("name", "phone", "email", "note", "guardian_name")
SIGNUP_STATUSES = ("confirmed", "waiting")

_DAY_FILE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.json(?:\.bak)?$")
_TEMP_FILE = re.compile(r"^\.\d{4}-\d{2}-\d{2}\.json(?:\.bak)?\.tmp$")
_ID = Query().id


def _json_copy(value: Any) -> Any:
    """A detached, JSON-normalised copy (tuples become lists, as on disk).

    Raises TypeError for values JSON cannot hold, before anything is written.
    """
    return json.loads(json.dumps(value, ensure_ascii=False))


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown record kind {kind!r}; expected one of {KINDS}")


def _check_day(day: date) -> date:
    if isinstance(day, datetime) or not isinstance(day, date):
        raise TypeError(f"day must be a datetime.date, not {type(day).__name__}")
    return day


def _iso_date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


class KioskStore:
    """Durable storage of feedback, wishes and sign-ups, plus the state file.

    One store per data directory and process.  All public methods are
    thread-safe (one lock), so a background task may use the store too.
    """

    def __init__(
        self,
        data_dir: str | os.PathLike[str],
        clock: KioskClock | None = None,
        *,
        open_days: int = 8,
        fault_hook: Optional[FaultHook] = None,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.days_dir = self.data_dir / "days"
        self.clock = clock or KioskClock()
        self.problems: list[str] = []
        self._fault_hook = fault_hook
        self._open_days = max(1, open_days)
        self._dbs: OrderedDict[date, TinyDB] = OrderedDict()
        self._lock = threading.RLock()
        self._make_dirs()
        self._sweep_temp_files()
        self.state = StateFile(
            self.data_dir / "state.json", on_problem=self._report, now=self._now, fault_hook=fault_hook
        )
        if self.state.recovered or (self.state.is_new and self._day_names()):
            # The indexes of pending days etc. may be behind the day files:
            # rebuild them once from the files themselves.
            self.rebuild_indexes()

    # -- plumbing ------------------------------------------------------------

    def _now(self) -> datetime:
        return self.clock.now()

    def _report(self, message: str) -> None:
        self.problems.append(message)

    @property
    def fault_hook(self) -> Optional[FaultHook]:
        return self._fault_hook

    @fault_hook.setter
    def fault_hook(self, hook: Optional[FaultHook]) -> None:
        """Set the power-cut test hook on the state file and every open day."""
        with self._lock:
            self._fault_hook = hook
            self.state.fault_hook = hook
            for db in self._dbs.values():
                db.storage.file.fault_hook = hook

    def _make_dirs(self) -> None:
        created = not self.days_dir.is_dir()
        self.days_dir.mkdir(parents=True, exist_ok=True)
        if created:
            # Make the new directory entries survive a power cut, too.
            for directory in (self.data_dir, self.data_dir.parent):
                try:
                    fsync_dir(directory)
                except OSError:
                    pass

    def _sweep_temp_files(self) -> None:
        """Remove temporary files a crash left behind (also of days not opened again)."""
        try:
            names = os.listdir(self.days_dir)
        except OSError:
            return
        leftovers = [name for name in names if _TEMP_FILE.match(name)]
        if not leftovers:
            return
        with directory_lock(self.days_dir):  # never while another process is mid-write
            for name in leftovers:
                try:
                    os.unlink(self.days_dir / name)
                except OSError:
                    pass

    def _day_names(self) -> set[date]:
        """Days that have a day file (or only its backup) on disk."""
        days: set[date] = set()
        try:
            names = os.listdir(self.days_dir)
        except OSError:
            return days
        for name in names:
            match = _DAY_FILE.match(name)
            if match:
                day = _iso_date(match.group(1))
                if day is not None:
                    days.add(day)
        return days

    def _path(self, day: date) -> Path:
        return self.days_dir / f"{day.isoformat()}.json"

    def _db(self, day: date, *, create: bool = False) -> TinyDB | None:
        """The open TinyDB of ``day`` (LRU); None when the day has no file and create is False."""
        db = self._dbs.get(day)
        if db is not None:
            self._dbs.move_to_end(day)
            return db
        path = self._path(day)
        if not create and not path.exists() and not path.with_name(path.name + ".bak").exists():
            return None
        db = TinyDB(
            str(path),
            storage=AtomicJSONStorage,
            label=_("Einträge vom {day}").format(day=day.strftime("%d.%m.%Y")),
            on_problem=self._report,
            now=self._now,
            fault_hook=self._fault_hook,
        )
        self._dbs[day] = db
        while len(self._dbs) > self._open_days:
            self._dbs.popitem(last=False)[1].close()
        return db

    def _days_in(self, first: date, last: date) -> list[date]:
        """Candidate days of a range, without listing the whole history for short ranges."""
        span = (last - first).days + 1
        if span <= 0:
            return []
        if span <= 62:  # a day, a week, a month: ask for each day (a stat or two each)
            return [date.fromordinal(first.toordinal() + i) for i in range(span)]
        on_disk = self._day_names() | set(self._dbs)
        return sorted(d for d in on_disk if first <= d <= last)

    @staticmethod
    def _clear_caches(db: TinyDB) -> None:
        """Forget TinyDB's query results after the file changed behind its back."""
        for kind in KINDS:
            db.table(kind).clear_cache()

    def _write_day(self, db: TinyDB, data: dict) -> None:
        """Write a whole day (several tables in one atomic step)."""
        try:
            db.storage.write(data)
        finally:
            self._clear_caches(db)

    def _add_to_index(self, key: str, days: Iterable[date], changes: dict[str, Any]) -> None:
        days = list(days)
        if all(self.state.has_item(key, d.isoformat()) for d in days):
            return  # the usual case for every entry after the first of a day: no copying
        current = self.state.get(key, []) or []
        wanted = sorted(set(current) | {d.isoformat() for d in days})
        if wanted != sorted(current):
            changes[key] = wanted

    def _remove_from_index(self, key: str, days: Iterable[date]) -> None:
        current = self.state.get(key, []) or []
        drop = {d.isoformat() for d in days}
        if drop & set(current):
            self.state.set(key, [d for d in current if d not in drop])

    @staticmethod
    def _made_day(kind: str, record: Mapping[str, Any], day: date) -> date:
        """The day an entry was *made*: sign-ups are filed under the occurrence."""
        if kind == "signup":
            return _iso_date(record.get("created", "")) or day
        return day

    # -- writing -------------------------------------------------------------

    def add(self, kind: str, record: dict, day: date) -> None:
        """Store ``record`` under ``day``; returns only when it is durable on disk.

        Raises :class:`StoreWriteError` (an ``OSError``) when the disk
        refuses: nothing is stored then, and calling ``add`` again with the
        same record is safe (a record whose id is already stored is not
        stored twice).  Raises ValueError for an unknown kind, a record
        without an id, a ``day`` field that disagrees with ``day``, or a
        different record under an id already used.
        """
        _check_kind(kind)
        day = _check_day(day)
        doc = _json_copy(record)
        if not isinstance(doc, dict) or not isinstance(doc.get("id"), str) or not doc["id"]:
            raise ValueError("a record needs a non-empty string 'id'")
        if "day" in doc and doc["day"] != day.isoformat():
            raise ValueError(f"record day {doc['day']!r} does not match {day.isoformat()}")
        with self._lock:
            self._note_entry(kind, doc, day)
            db = self._db(day, create=True)
            assert db is not None
            table = db.table(kind)
            existing = table.get(_ID == doc["id"])
            try:
                if existing is None:
                    table.insert(doc)
                elif {k: v for k, v in existing.items() if k != "received"} == doc:
                    # A retry of an entry whose write was not confirmed:
                    # rewrite to be sure it is durable, never store it twice.
                    table.update({}, doc_ids=[existing.doc_id])
                else:
                    raise ValueError(f"record id {doc['id']!r} is already used by another {kind} entry")
            except OSError:
                self._clear_caches(db)
                raise

    def _note_entry(self, kind: str, doc: Mapping[str, Any], day: date) -> None:
        """Update the state's indexes before the entry itself is written."""
        changes: dict[str, Any] = {}
        self._add_to_index(PENDING_DAYS, [day], changes)
        if kind == "signup":
            self._add_to_index(PERSONAL_DAYS, [day], changes)
        made = self._made_day(kind, doc, day)
        newest = _iso_date(self.state.get(NEWEST_ENTRY_DAY, "") or "")
        if newest is None or made > newest:
            changes[NEWEST_ENTRY_DAY] = made.isoformat()
        if changes:
            self.state.update(changes)

    def update_signup(self, day: date, record_id: str, changes: dict) -> None:
        """Change fields of one stored sign-up (e.g. its status), durably.

        The changed sign-up counts as not yet received again, so the change
        reaches staff with the next hand-over.  ``id`` and ``day`` cannot be
        changed (a sign-up lives in its occurrence's day file).  Raises
        KeyError when there is no such sign-up on that day.
        """
        day = _check_day(day)
        fields = _json_copy(dict(changes))
        if "id" in fields or ("day" in fields and fields["day"] != day.isoformat()):
            raise ValueError("the id and the day of a sign-up cannot be changed")
        with self._lock:
            db = self._db(day)
            table = db.table("signup") if db is not None else None
            existing = table.get(_ID == record_id) if table is not None else None
            if existing is None:
                raise KeyError(record_id)
            fields["received"] = False
            index_changes: dict[str, Any] = {}
            self._add_to_index(PENDING_DAYS, [day], index_changes)
            if any(fields.get(f) for f in PERSONAL_FIELDS):
                fields["purged"] = False
                self._add_to_index(PERSONAL_DAYS, [day], index_changes)
            if index_changes:
                self.state.update(index_changes)
            assert db is not None and table is not None
            try:
                table.update(fields, doc_ids=[existing.doc_id])
            except OSError:
                self._clear_caches(db)
                raise

    def mark_received(self, day_ids: Mapping[date, Iterable[str]]) -> None:
        """Staff confirmed receipt: flag those records ``"received": true``.

        A day leaves the pending list once every record in it is received.
        Ids that are not (or no longer) stored are ignored.
        """
        with self._lock:
            done: list[date] = []
            for day, ids in day_ids.items():
                day = _check_day(day)
                wanted = set(ids)
                db = self._db(day)
                if db is None:
                    done.append(day)  # nothing (left) on that day
                    continue
                data = db.storage.read() or {}
                changed = False
                for kind in KINDS:
                    for doc in data.get(kind, {}).values():
                        if doc.get("id") in wanted and doc.get("received") is not True:
                            doc["received"] = True
                            changed = True
                if changed:
                    self._write_day(db, data)
                if all(
                    doc.get("received") is True for kind in KINDS for doc in data.get(kind, {}).values()
                ):
                    done.append(day)
            if done:
                self._remove_from_index(PENDING_DAYS, done)

    def purge_personal(self, before: date) -> int:
        """Blank the personal fields of received sign-ups of days before ``before``.

        Offer, day, adults, children and status stay, so counts still add
        up; ``"purged": true`` marks the record.  Unreceived sign-ups are
        never touched.  Only days listed in the state's personal-data index
        are opened, so this stays cheap however long the history is.
        Returns how many sign-ups were purged.
        """
        before = _check_day(before)
        purged = 0
        with self._lock:
            candidates = sorted(
                d for d in (_iso_date(s) for s in self.state.get(PERSONAL_DAYS, []) or []) if d and d < before
            )
            clean: list[date] = []
            for day in candidates:
                db = self._db(day)
                if db is None:
                    clean.append(day)
                    continue
                data = db.storage.read() or {}
                signups = data.get("signup", {}).values()
                count = 0
                for doc in signups:
                    if doc.get("received") is True and doc.get("purged") is not True:
                        for name in PERSONAL_FIELDS:
                            doc[name] = ""
                        doc["purged"] = True
                        count += 1
                if count:
                    self._write_day(db, data)
                    purged += count
                if any(doc.get("purged") is True for doc in signups):
                    # The backup generation may still hold the names (also when a
                    # power cut came right after an earlier purge): replace it too.
                    db.storage.file.refresh_backup()
                if all(doc.get("purged") is True for doc in signups):
                    clean.append(day)
            if clean:
                self._remove_from_index(PERSONAL_DAYS, clean)
        return purged

    # -- reading -------------------------------------------------------------

    def records(self, kind: str, first: date, last: date, offer_id: str | None = None) -> list[dict]:
        """Records of ``kind`` on days ``first``…``last`` (inclusive), oldest day first.

        Returns copies: changing them changes nothing stored.
        """
        _check_kind(kind)
        first, last = _check_day(first), _check_day(last)
        out: list[dict] = []
        with self._lock:
            for day in self._days_in(first, last):
                db = self._db(day)
                if db is None:
                    continue
                table = db.table(kind)
                docs = table.search(Query().offer_id == offer_id) if offer_id is not None else table.all()
                # search() may answer from TinyDB's query cache: hand out copies only.
                out.extend(_json_copy(dict(d)) for d in docs)
        return out

    def signups_for(self, offer_id: str, day: date) -> list[dict]:
        return self.records("signup", day, day, offer_id)

    def people_booked(self, offer_id: str, day: date, status: str = "confirmed") -> int:
        """Adults plus children signed up for one occurrence with ``status``."""
        day = _check_day(day)
        with self._lock:
            db = self._db(day)
            if db is None:
                return 0
            docs = db.table("signup").search(Query().offer_id == offer_id)
            return sum(
                int(d.get("adults", 0) or 0) + int(d.get("children", 0) or 0)
                for d in docs
                if d.get("status") == status
            )

    def pending_days(self) -> list[date]:
        """Days holding records staff have not received yet (from the state: cheap)."""
        days = (_iso_date(s) for s in self.state.get(PENDING_DAYS, []) or [])
        return sorted(d for d in days if d is not None)

    def newest_entry_day(self) -> date | None:
        """The newest day an entry was made on: feedback/wish day, sign-up creation day.

        Sign-ups are filed under their (maybe future) occurrence, so their
        ``created`` day counts here; the service compares this with the
        clock to notice a tablet clock that jumped back.
        """
        return _iso_date(self.state.get(NEWEST_ENTRY_DAY, "") or "")

    # -- maintenance -----------------------------------------------------------

    def rebuild_indexes(self) -> None:
        """Recompute pending days, personal-data days and the newest entry day from the files.

        Reads every day file once: only for recovery (a lost or damaged state
        file), never on the normal path.
        """
        with self._lock:
            pending: set[str] = set()
            personal: set[str] = set()
            newest: date | None = None
            for day in sorted(self._day_names()):
                db = self._db(day)
                if db is None:
                    continue
                data = db.storage.read() or {}
                for kind in KINDS:
                    for doc in data.get(kind, {}).values():
                        if doc.get("received") is not True:
                            pending.add(day.isoformat())
                        if kind == "signup" and doc.get("purged") is not True:
                            personal.add(day.isoformat())
                        made = self._made_day(kind, doc, day)
                        newest = made if newest is None or made > newest else newest
            self.state.update(
                {
                    PENDING_DAYS: sorted(pending),
                    PERSONAL_DAYS: sorted(personal),
                    NEWEST_ENTRY_DAY: newest.isoformat() if newest else None,
                }
            )
            log.info("store: indexes rebuilt from %d day files", len(self._day_names()))

    def close(self) -> None:
        with self._lock:
            while self._dbs:
                self._dbs.popitem()[1].close()

    def __enter__(self) -> KioskStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
