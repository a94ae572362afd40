"""Power cuts at every step of the write protocol, and writes the disk refuses.

A power cut is simulated with the storage's fault hook: at the chosen step
the hook raises :class:`PowerCut`, which the store does not catch (a real
power cut does not clean up either).  The test then throws the store object
away and opens the directory afresh, as the kiosk does after a reboot.

"The directory was not synced" is simulated by putting the old file content
back after the rename: that is what a file system may show after a power
cut when the rename never reached the disk.

Refused writes (disk full) are simulated by making ``os.write``,
``os.fsync``, ``os.replace``, ``os.link`` or ``os.open`` raise ENOSPC.
"""

from __future__ import annotations

import errno
import json
import os
import uuid
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from kiosk.clock import KioskClock
from kiosk.store import STEPS, KioskStore, StoreWriteError
from kiosk.store import atomic_storage
from kiosk.timezone import BERLIN

DAY = date(2026, 11, 24)
NEXT = DAY + timedelta(days=1)


class PowerCut(Exception):
    """Raised by the fault hook: the process 'dies' at this step."""


def make_clock() -> KioskClock:
    moment = datetime.combine(DAY, time(19, 30), BERLIN).timestamp()
    return KioskClock(source=lambda: moment)


def feedback(day: date = DAY) -> dict:
    return {"id": uuid.uuid4().hex, "kiosk_id": "k", "offer_id": "cafe", "score": 2,
            "day": day.isoformat(), "hour": 16}


def signup(day: date = NEXT, name: str = "Ayşe") -> dict:
    return {"id": uuid.uuid4().hex, "offer_id": "cafe", "day": day.isoformat(), "adults": 1, "children": 2,
            "status": "confirmed", "name": name, "phone": "+491711234567", "email": "", "note": "",
            "guardian_name": "", "created": f"{DAY.isoformat()}T10:00:00+01:00"}


def snapshot(data_dir: Path) -> dict:
    """Everything a fresh store sees: records by kind and day, and the state."""
    store = KioskStore(data_dir, make_clock())
    first, last = DAY - timedelta(days=5), DAY + timedelta(days=5)
    seen = {kind: sorted(r["id"] for r in store.records(kind, first, last)) for kind in ("feedback", "signup")}
    seen["state"] = store.state.as_dict()
    # Checked after reading (day files open on first use): the protocol never needs a recovery.
    assert store.problems == [], store.problems
    return seen


def temp_files(data_dir: Path) -> list[str]:
    return sorted(p.name for p in data_dir.rglob("*.tmp"))


def all_files_parse(data_dir: Path) -> None:
    for path in data_dir.rglob("*"):
        if path.is_file() and not path.name.endswith(".tmp") and path.name != ".lock":
            json.loads(path.read_bytes())


def cut_at(step: str, target: str):
    """A fault hook that cuts the power at ``step`` while writing ``target``."""

    def hook(at: str, path: Path) -> None:
        if at == step and path.name == target:
            raise PowerCut(f"{step} {target}")

    return hook


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


def prepared(data_dir: Path, *, day_exists: bool) -> tuple[KioskStore, dict]:
    """A store with some history; returns it and what it holds."""
    store = KioskStore(data_dir, make_clock())
    store.state.set("kiosk_id", "huels-sued")
    store.add("feedback", feedback(DAY - timedelta(days=1)), DAY - timedelta(days=1))
    if day_exists:
        store.add("feedback", feedback(), DAY)
        store.add("feedback", feedback(), DAY)  # so that a backup generation exists, too
    return store, snapshot(data_dir)


# -- a power cut at every step --------------------------------------------------------


@pytest.mark.parametrize("day_exists", [True, False], ids=["existing-day", "new-day"])
@pytest.mark.parametrize("step", STEPS)
def test_power_cut_while_writing_a_day_file(step, day_exists, data_dir):
    store, before = prepared(data_dir, day_exists=day_exists)
    record = feedback()
    store.fault_hook = cut_at(step, "2026-11-24.json")
    with pytest.raises(PowerCut):
        store.add("feedback", record, DAY)
    del store  # the process is gone

    if step in ("tmp-partial", "tmp-written", "tmp-synced", "backup-kept"):
        # The cut really left a temporary file behind...
        assert temp_files(data_dir) == [".2026-11-24.json.tmp"]
    after = snapshot(data_dir)
    # ...which the next open removes, and the store is in the old or the new state.
    assert temp_files(data_dir) == []
    all_files_parse(data_dir)
    if step in ("replaced", "dir-synced"):
        assert after["feedback"] == sorted(before["feedback"] + [record["id"]])
    else:
        assert after["feedback"] == before["feedback"]
    # The state (pending days) is written first: the day is pending in both cases.
    assert DAY.isoformat() in after["state"]["pending_days"]


def test_a_partly_written_temporary_file_holds_half_the_content(data_dir):
    store, before = prepared(data_dir, day_exists=True)
    seen = {}

    def hook(at: str, path: Path) -> None:
        if at == "tmp-partial" and path.name == "2026-11-24.json":
            seen["tmp"] = (data_dir / "days" / ".2026-11-24.json.tmp").read_bytes()
            raise PowerCut(at)

    store.fault_hook = hook
    with pytest.raises(PowerCut):
        store.add("feedback", feedback(), DAY)
    with pytest.raises(ValueError):
        json.loads(seen["tmp"])  # really a broken half
    assert snapshot(data_dir) == before


@pytest.mark.parametrize("step", STEPS)
def test_power_cut_while_writing_the_state_file(step, data_dir):
    store, before = prepared(data_dir, day_exists=True)
    record = feedback(NEXT)  # a new day: the state (pending days) is written first
    store.fault_hook = cut_at(step, "state.json")
    with pytest.raises(PowerCut):
        store.add("feedback", record, NEXT)
    del store

    after = snapshot(data_dir)
    assert temp_files(data_dir) == []
    all_files_parse(data_dir)
    # The entry itself was never acknowledged nor written.
    assert after["feedback"] == before["feedback"]
    if step in ("replaced", "dir-synced"):
        assert after["state"]["pending_days"] == sorted(before["state"]["pending_days"] + [NEXT.isoformat()])
    else:
        assert after["state"] == before["state"]


@pytest.mark.parametrize("target", ["2026-11-24.json", "state.json"])
def test_rename_lost_because_the_directory_was_not_synced(target, data_dir):
    """After the rename the power goes before the directory sync: the old file shows up."""
    store, before = prepared(data_dir, day_exists=True)
    path = data_dir / ("days" if target.startswith("2026") else "") / target
    old = path.read_bytes()

    def hook(at: str, p: Path) -> None:
        if at == "replaced" and p.name == target:
            path.write_bytes(old)  # the rename never reached the disk
            raise PowerCut(at)

    store.fault_hook = hook
    day = DAY if target.startswith("2026") else NEXT
    with pytest.raises(PowerCut):
        store.add("feedback", feedback(day), day)
    assert snapshot(data_dir)["feedback"] == before["feedback"]
    assert temp_files(data_dir) == []


@pytest.mark.parametrize("step", STEPS)
def test_power_cut_during_mark_received_and_purge(step, tmp_path):
    """Multi-table writes (receipt, purge) are all-or-nothing as well."""
    received_dir, purge_dir = tmp_path / "received", tmp_path / "purge"
    made = {}
    for data_dir in (received_dir, purge_dir):
        store = KioskStore(data_dir, make_clock())
        made[data_dir] = signup(day=DAY)
        store.add("signup", made[data_dir], DAY)
        store.add("signup", signup(day=DAY, name="Olena"), DAY)
        store.add("feedback", feedback(DAY), DAY)

    store = KioskStore(received_dir, make_clock())
    store.fault_hook = cut_at(step, "2026-11-24.json")
    with pytest.raises(PowerCut):
        store.mark_received({DAY: [made[received_dir]["id"]]})
    store = KioskStore(received_dir, make_clock())
    flags = {r["id"]: r.get("received") for r in store.records("signup", DAY, DAY)}
    expected = True if step in ("replaced", "dir-synced") else None
    assert flags[made[received_dir]["id"]] is expected
    assert store.problems == [] and temp_files(received_dir) == []

    store = KioskStore(purge_dir, make_clock())
    store.mark_received({DAY: [made[purge_dir]["id"]]})
    store.fault_hook = cut_at(step, "2026-11-24.json")
    with pytest.raises(PowerCut):
        store.purge_personal(before=NEXT)
    store = KioskStore(purge_dir, make_clock())
    names = sorted(r["name"] for r in store.records("signup", DAY, DAY))
    assert names == (["", "Olena"] if step in ("replaced", "dir-synced") else ["Ayşe", "Olena"])
    assert store.problems == [] and temp_files(purge_dir) == []
    # Finishing the purge after the restart works and counts each sign-up once.
    assert store.purge_personal(before=NEXT) == (0 if step in ("replaced", "dir-synced") else 1)
    assert sorted(r["name"] for r in store.records("signup", DAY, DAY)) == ["", "Olena"]
    assert "Ayşe" not in (purge_dir / "days" / "2026-11-24.json.bak").read_text(encoding="utf-8")


# -- writes the disk refuses ------------------------------------------------------------


def enospc(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


REFUSALS = [(f, True) for f in ("write", "fsync", "replace", "link", "open")] + [
    (f, False) for f in ("write", "fsync", "replace", "open")  # a new day keeps no backup: no link
]


@pytest.mark.parametrize(("function", "day_exists"), REFUSALS)
def test_a_refused_write_raises_and_leaves_memory_equal_to_disk(function, day_exists, data_dir, monkeypatch):
    store, before = prepared(data_dir, day_exists=day_exists)
    # Mark the day pending beforehand, so that only the day file's write is refused.
    store.state.update({"pending_days": before["state"]["pending_days"] + [DAY.isoformat()]})
    before = snapshot(data_dir)
    record = feedback()

    with monkeypatch.context() as patch:
        patch.setattr(atomic_storage.os, function, enospc)
        with pytest.raises(StoreWriteError) as caught:
            store.add("feedback", record, DAY)
        # What the running kiosk shows is what is on disk: the entry is not there.
        in_memory = sorted(r["id"] for r in store.records("feedback", DAY - timedelta(days=5), NEXT))
    assert isinstance(caught.value, OSError) and caught.value.errno == errno.ENOSPC
    assert "voll" in caught.value.strerror
    assert in_memory == before["feedback"]
    assert snapshot(data_dir) == before
    assert temp_files(data_dir) == []

    # Space is back: the same entry goes in once.
    store.add("feedback", record, DAY)
    after = snapshot(data_dir)
    assert after["feedback"] == sorted(before["feedback"] + [record["id"]])


def test_a_refused_write_does_not_touch_tinydb_caches(data_dir, monkeypatch):
    """TinyDB changes read() results in place before write(): memory must not follow."""
    store = KioskStore(data_dir, make_clock())
    s = signup(day=NEXT)
    store.add("signup", s, NEXT)
    assert store.people_booked("cafe", NEXT) == 3  # fills TinyDB's query cache
    with monkeypatch.context() as patch:
        patch.setattr(atomic_storage.os, "fsync", enospc)
        with pytest.raises(StoreWriteError):
            store.add("signup", signup(day=NEXT, name="Olena"), NEXT)
        with pytest.raises(StoreWriteError):
            store.update_signup(NEXT, s["id"], {"status": "waiting"})
        with pytest.raises(StoreWriteError):
            store.mark_received({NEXT: [s["id"]]})
        assert store.people_booked("cafe", NEXT) == 3
        assert store.signups_for("cafe", NEXT)[0]["status"] == "confirmed"
        assert "received" not in store.signups_for("cafe", NEXT)[0]
    fresh = KioskStore(data_dir, make_clock())
    assert fresh.signups_for("cafe", NEXT) == store.signups_for("cafe", NEXT)


def test_directory_sync_fails_after_the_rename(data_dir, monkeypatch):
    """The new content is already in place: memory follows the disk, a retry stores nothing twice."""
    store, before = prepared(data_dir, day_exists=True)
    record = feedback()
    real = atomic_storage.fsync_dir

    def failing(directory):
        raise OSError(errno.EIO, "Input/output error")

    with monkeypatch.context() as patch:
        patch.setattr(atomic_storage, "fsync_dir", failing)
        with pytest.raises(StoreWriteError) as caught:
            store.add("feedback", record, DAY)
        in_memory = sorted(r["id"] for r in store.records("feedback", DAY - timedelta(days=5), NEXT))
    assert caught.value.errno == errno.EIO and "Schreibfehler" in caught.value.strerror
    on_disk = snapshot(data_dir)["feedback"]
    assert in_memory == on_disk == sorted(before["feedback"] + [record["id"]])
    assert atomic_storage.fsync_dir is real
    store.add("feedback", record, DAY)  # the service retries: still one entry
    assert snapshot(data_dir)["feedback"] == on_disk


def test_a_refused_state_write_keeps_the_state_as_on_disk(data_dir, monkeypatch):
    store = KioskStore(data_dir, make_clock())
    store.state.set("sync_sequence", 1)
    with monkeypatch.context() as patch:
        patch.setattr(atomic_storage.os, "replace", enospc)
        with pytest.raises(StoreWriteError):
            store.state.set("sync_sequence", 2)
        with pytest.raises(StoreWriteError):
            store.add("feedback", feedback(NEXT), NEXT)  # needs the state first: nothing written
    assert store.state.get("sync_sequence") == 1
    assert store.pending_days() == []
    assert snapshot(data_dir)["state"] == store.state.as_dict()
    assert snapshot(data_dir)["feedback"] == []


def test_read_only_disk(data_dir, monkeypatch):
    store, before = prepared(data_dir, day_exists=True)

    def erofs(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    with monkeypatch.context() as patch:
        patch.setattr(atomic_storage.os, "open", erofs)
        with pytest.raises(StoreWriteError) as caught:
            store.add("feedback", feedback(), DAY)
    assert caught.value.errno == errno.EROFS and "schreibgeschützt" in caught.value.strerror
    assert snapshot(data_dir) == before


# -- leftovers ------------------------------------------------------------------------------


def test_leftover_temporary_files_are_removed_on_open(data_dir):
    store, before = prepared(data_dir, day_exists=True)
    days = data_dir / "days"
    leftovers = [
        days / ".2026-11-24.json.tmp",
        days / ".2026-11-24.json.bak.tmp",
        days / ".2020-01-01.json.tmp",  # a day that is never opened again
        data_dir / ".state.json.tmp",
        data_dir / ".state.json.bak.tmp",
    ]
    for path in leftovers:
        path.write_bytes(b'{"half": ')
    unrelated = days / "notes.txt"
    unrelated.write_text("staff notes")
    assert snapshot(data_dir) == before
    assert [p for p in leftovers if p.exists()] == []
    assert unrelated.exists()


def test_leftovers_are_removed_only_under_the_directory_lock(data_dir, monkeypatch):
    """A second process (``kiosk stats`` next to the running app) never deletes a temp file mid-write."""
    from contextlib import contextmanager

    from kiosk.store import day_store

    prepared(data_dir, day_exists=True)
    days = data_dir / "days"
    (days / ".2026-11-24.json.tmp").write_bytes(b"{")
    (days / ".2020-01-01.json.tmp").write_bytes(b"{")
    (data_dir / ".state.json.tmp").write_bytes(b"{")
    held: set[Path] = set()
    removed_unlocked: list[str] = []
    real_lock, real_unlink = atomic_storage.directory_lock, os.unlink

    @contextmanager
    def spy_lock(directory):
        with real_lock(directory):
            held.add(Path(directory))
            try:
                yield
            finally:
                held.discard(Path(directory))

    def spy_unlink(path, *args, **kwargs):
        if str(path).endswith(".tmp") and Path(path).parent not in held:
            removed_unlocked.append(Path(path).name)
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(atomic_storage, "directory_lock", spy_lock)
    monkeypatch.setattr(day_store, "directory_lock", spy_lock)
    monkeypatch.setattr(os, "unlink", spy_unlink)
    store = KioskStore(data_dir, make_clock())
    store.records("feedback", DAY, DAY)
    assert temp_files(data_dir) == []
    assert removed_unlocked == []
