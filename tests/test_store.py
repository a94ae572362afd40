"""KioskStore and StateFile: queries, bookkeeping, purge, clock jumps, corrupt files.

The power-cut and crash proofs live in test_store_powercut.py and
test_store_crash.py; this file covers the everyday behaviour and what
happens when a file on disk turns out to be broken.
"""

from __future__ import annotations

import json
import logging
import os
import uuid
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from kiosk.clock import KioskClock
from kiosk.store import KioskStore, StateFile, StoreWriteError
from kiosk.store import recovery
from kiosk.store.day_store import PERSONAL_FIELDS
from kiosk.timezone import BERLIN

DAY = date(2026, 11, 24)
NEXT = DAY + timedelta(days=1)


class FakeSource:
    """POSIX seconds the test can set, for a clock that jumps."""

    def __init__(self, moment: datetime) -> None:
        self.value = moment.timestamp()

    def __call__(self) -> float:
        return self.value

    def set(self, moment: datetime) -> None:
        self.value = moment.timestamp()


@pytest.fixture
def source() -> FakeSource:
    return FakeSource(datetime.combine(DAY, time(19, 30), BERLIN))


@pytest.fixture
def clock(source) -> KioskClock:
    return KioskClock(source=source)


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir, clock) -> KioskStore:
    return KioskStore(data_dir, clock)


def feedback(day: date = DAY, offer_id: str | None = "cafe", score: int = 3, hour: int = 15) -> dict:
    return {"id": uuid.uuid4().hex, "kiosk_id": "huels-sued", "offer_id": offer_id, "score": score,
            "day": day.isoformat(), "hour": hour}


def wish(day: date = DAY, topics=("sport",), text: str = "") -> dict:
    return {"id": uuid.uuid4().hex, "kiosk_id": "huels-sued", "topics": list(topics), "text": text,
            "day": day.isoformat(), "hour": 11}


def signup(day: date = NEXT, offer_id: str = "cafe", adults: int = 1, children: int = 0,
           status: str = "confirmed", name: str = "Ayşe Yılmaz", created: date = DAY) -> dict:
    return {"id": uuid.uuid4().hex, "kiosk_id": "huels-sued", "offer_id": offer_id, "day": day.isoformat(),
            "name": name, "phone": "+491711234567", "email": "a@example.org", "adults": adults,
            "children": children, "note": "bringt Kuchen mit", "consent_version": "1",
            "created": f"{created.isoformat()}T10:15:00+01:00", "status": status, "minor": False,
            "guardian_name": "", "source": "kiosk"}


def ids(records) -> set[str]:
    return {r["id"] for r in records}


def reopen(data_dir: Path, clock: KioskClock | None = None) -> KioskStore:
    return KioskStore(data_dir, clock)


# -- adding and querying -----------------------------------------------------------


def test_added_records_survive_reopen_and_are_filed_by_day(store, data_dir, clock):
    f, w, s = feedback(), wish(), signup()
    store.add("feedback", f, DAY)
    store.add("wish", w, DAY)
    store.add("signup", s, NEXT)

    again = reopen(data_dir, clock)
    assert again.records("feedback", DAY, DAY) == [f]
    assert again.records("wish", DAY, DAY) == [w]
    assert again.records("signup", DAY, DAY) == []
    assert again.records("signup", NEXT, NEXT) == [s]
    # Sign-ups live in the occurrence's file, feedback in its own day's file.
    assert set(json.loads((data_dir / "days" / "2026-11-25.json").read_text())) == {"signup"}
    assert set(json.loads((data_dir / "days" / "2026-11-24.json").read_text())) == {"feedback", "wish"}


def test_records_by_date_range_and_offer(store):
    made = {}
    for offset in range(0, 90, 3):  # spans more than the short-range path
        day = DAY + timedelta(days=offset)
        made[day] = [feedback(day, "cafe"), feedback(day, "fruehstueck")]
        for record in made[day]:
            store.add("feedback", record, day)

    week = store.records("feedback", DAY, DAY + timedelta(days=6))
    assert [r["day"] for r in week] == sorted(r["day"] for r in week)
    assert ids(week) == ids(made[DAY] + made[DAY + timedelta(days=3)] + made[DAY + timedelta(days=6)])

    everything = store.records("feedback", DAY - timedelta(days=400), DAY + timedelta(days=400))
    assert len(everything) == 60
    cafe = store.records("feedback", DAY, DAY + timedelta(days=100), offer_id="cafe")
    assert len(cafe) == 30 and {r["offer_id"] for r in cafe} == {"cafe"}
    assert store.records("feedback", DAY + timedelta(days=1), DAY + timedelta(days=2)) == []
    assert store.records("feedback", NEXT, DAY) == []  # empty range


def test_records_are_copies(store):
    w = wish(topics=("sport", "musik"))
    store.add("wish", w, DAY)
    got = store.records("wish", DAY, DAY)[0]
    got["topics"].append("kochen")
    got["text"] = "changed"
    w["topics"].append("from the caller")  # the caller's dict is not stored by reference either
    assert store.records("wish", DAY, DAY)[0]["topics"] == ["sport", "musik"]
    assert store.records("wish", DAY, DAY)[0]["text"] == ""


def test_signups_for_and_people_booked(store):
    a = signup(offer_id="cafe", adults=2, children=1)
    b = signup(offer_id="cafe", adults=1, children=0, name="Olena")
    c = signup(offer_id="cafe", adults=1, children=3, status="waiting", name="Karl")
    d = signup(offer_id="ausflug", adults=4, name="Mia")
    for record in (a, b, c, d):
        store.add("signup", record, NEXT)

    assert ids(store.signups_for("cafe", NEXT)) == ids([a, b, c])
    assert store.people_booked("cafe", NEXT) == 4
    assert store.people_booked("cafe", NEXT, status="waiting") == 4
    assert store.people_booked("ausflug", NEXT) == 4
    assert store.people_booked("cafe", DAY) == 0
    assert store.people_booked("unknown", NEXT) == 0
    # A new sign-up is counted at once (TinyDB's query cache is not stale).
    store.add("signup", signup(offer_id="cafe", adults=2, name="Neu"), NEXT)
    assert store.people_booked("cafe", NEXT) == 6


def test_add_rejects_bad_input_without_writing(store, data_dir):
    with pytest.raises(ValueError):
        store.add("vote", feedback(), DAY)
    with pytest.raises(ValueError):
        store.add("feedback", {"score": 3}, DAY)
    with pytest.raises(ValueError):
        store.add("feedback", feedback(day=NEXT), DAY)  # record's day disagrees
    with pytest.raises(TypeError):
        store.add("feedback", feedback(), datetime(2026, 11, 24, 10, 0, tzinfo=BERLIN))
    with pytest.raises(TypeError):
        store.add("feedback", {**feedback(), "when": datetime.now()}, DAY)
    assert not list((data_dir / "days").iterdir())
    assert store.pending_days() == []


def test_add_is_idempotent_per_record_id(store, data_dir, clock):
    f = feedback()
    store.add("feedback", f, DAY)
    store.add("feedback", dict(f), DAY)  # a retry of the same entry
    assert reopen(data_dir, clock).records("feedback", DAY, DAY) == [f]
    with pytest.raises(ValueError):
        store.add("feedback", {**f, "score": 1}, DAY)  # a different entry under a used id
    assert store.records("feedback", DAY, DAY) == [f]


def test_update_signup_changes_fields_and_makes_the_day_pending_again(store, data_dir, clock):
    s = signup(status="waiting", adults=2)
    store.add("signup", s, NEXT)
    store.mark_received({NEXT: [s["id"]]})
    assert store.pending_days() == []

    store.update_signup(NEXT, s["id"], {"status": "confirmed"})
    again = reopen(data_dir, clock)
    [stored] = again.signups_for("cafe", NEXT)
    assert stored["status"] == "confirmed" and stored["received"] is False
    assert again.people_booked("cafe", NEXT) == 2
    assert again.pending_days() == [NEXT]

    with pytest.raises(KeyError):
        store.update_signup(NEXT, "no-such-id", {"status": "waiting"})
    with pytest.raises(KeyError):
        store.update_signup(DAY, s["id"], {"status": "waiting"})  # wrong day
    with pytest.raises(ValueError):
        store.update_signup(NEXT, s["id"], {"id": "other"})
    with pytest.raises(ValueError):
        store.update_signup(NEXT, s["id"], {"day": DAY.isoformat()})


# -- pending, received, purge -------------------------------------------------------


def test_pending_days_and_mark_received(store, data_dir, clock):
    f1, f2 = feedback(), feedback()
    s = signup()
    store.add("feedback", f1, DAY)
    store.add("feedback", f2, DAY)
    store.add("signup", s, NEXT)
    assert store.pending_days() == [DAY, NEXT]

    store.mark_received({DAY: [f1["id"], "unknown-id"], NEXT: [s["id"]]})
    assert store.pending_days() == [DAY]  # f2 is still waiting for hand-over
    by_id = {r["id"]: r for r in store.records("feedback", DAY, DAY)}
    assert by_id[f1["id"]]["received"] is True
    assert "received" not in by_id[f2["id"]]

    store.mark_received({DAY: [f2["id"]], date(2020, 1, 1): ["nothing-there"]})
    assert store.pending_days() == []
    again = reopen(data_dir, clock)
    assert again.pending_days() == []
    assert all(r["received"] for r in again.records("feedback", DAY, DAY))

    later = feedback()
    again.add("feedback", later, DAY)  # a new entry makes the day pending again
    assert again.pending_days() == [DAY]


def test_purge_personal_blanks_only_received_signups_before_the_day(store, data_dir, clock):
    old_received = signup(day=DAY, adults=2, children=1)
    old_unreceived = signup(day=DAY, name="Olena")
    new_received = signup(day=NEXT, name="Karl")
    for record, day in ((old_received, DAY), (old_unreceived, DAY), (new_received, NEXT)):
        store.add("signup", record, day)
    store.mark_received({DAY: [old_received["id"]], NEXT: [new_received["id"]]})

    assert store.purge_personal(before=NEXT) == 1
    again = reopen(data_dir, clock)
    by_id = {r["id"]: r for r in again.records("signup", DAY, NEXT)}
    purged = by_id[old_received["id"]]
    assert purged["purged"] is True
    assert all(purged[f] == "" for f in PERSONAL_FIELDS)
    # Counts still work after the purge.
    assert (purged["offer_id"], purged["day"], purged["adults"], purged["children"], purged["status"]) == (
        "cafe", DAY.isoformat(), 2, 1, "confirmed")
    assert again.people_booked("cafe", DAY) == 3 + 1  # plus Olena (unreceived)
    # Never purged: unreceived, or not before the cut-off day.
    assert by_id[old_unreceived["id"]]["name"] == "Olena"
    assert by_id[new_received["id"]]["name"] == "Karl"
    # The backup generation does not keep the purged names either.
    backup = (data_dir / "days" / "2026-11-24.json.bak").read_text(encoding="utf-8")
    assert "Ayşe" not in backup and "+491711234567" in backup  # Olena's (unreceived) phone stays

    assert again.purge_personal(before=NEXT) == 0  # nothing left to purge
    again.mark_received({DAY: [old_unreceived["id"]]})
    assert again.purge_personal(before=NEXT + timedelta(days=1)) == 2
    assert again.state.get("personal_days") == []
    assert not any(r["name"] for r in again.records("signup", DAY, NEXT))


def test_purge_opens_only_days_with_personal_data(store, data_dir, clock, monkeypatch):
    for offset in range(40):
        day = DAY - timedelta(days=offset)
        store.add("feedback", feedback(day), day)
    s = signup(day=DAY - timedelta(days=10))
    store.add("signup", s, DAY - timedelta(days=10))
    store.mark_received({DAY - timedelta(days=10): [s["id"]]})
    again = reopen(data_dir, clock)
    opened = []
    real = recovery.read_valid
    monkeypatch.setattr(recovery, "read_valid", lambda p, v: (opened.append(p.name), real(p, v))[1])
    assert again.purge_personal(before=DAY) == 1
    assert [n for n in opened if not n.endswith(".bak")] == ["2026-11-14.json"]


def test_newest_entry_day(store, data_dir, clock):
    assert store.newest_entry_day() is None
    store.add("feedback", feedback(DAY - timedelta(days=2)), DAY - timedelta(days=2))
    assert store.newest_entry_day() == DAY - timedelta(days=2)
    # A sign-up for next month was *made* today: it counts as today, not next month.
    later = DAY + timedelta(days=30)
    store.add("signup", signup(day=later, created=DAY), later)
    assert store.newest_entry_day() == DAY
    store.add("feedback", feedback(DAY - timedelta(days=5)), DAY - timedelta(days=5))
    assert reopen(data_dir, clock).newest_entry_day() == DAY


def test_only_a_few_day_files_are_kept_open(data_dir, clock):
    store = KioskStore(data_dir, clock, open_days=3)
    made = []
    for offset in range(10):
        day = DAY + timedelta(days=offset)
        made.append(feedback(day))
        store.add("feedback", made[-1], day)
        assert len(store._dbs) <= 3
    assert ids(store.records("feedback", DAY, DAY + timedelta(days=9))) == ids(made)
    assert len(store._dbs) <= 3


def test_adding_opens_no_other_day_files(store, data_dir, clock, monkeypatch):
    """The cost of an entry does not grow with the history: only its own day is read."""
    for offset in range(1, 30):
        day = DAY - timedelta(days=offset)
        store.add("feedback", feedback(day), day)
    again = reopen(data_dir, clock)
    opened = []
    real = recovery.read_valid
    monkeypatch.setattr(recovery, "read_valid", lambda p, v: (opened.append(p.name), real(p, v))[1])
    again.add("feedback", feedback(DAY), DAY)
    again.add("signup", signup(NEXT), NEXT)
    assert again.pending_days()[-2:] == [DAY, NEXT]
    assert {n for n in opened if not n.endswith(".bak")} == {"2026-11-24.json", "2026-11-25.json"}


# -- state file ----------------------------------------------------------------------


def test_state_file_get_set_update_remove_are_durable(tmp_path):
    path = tmp_path / "state.json"
    state = StateFile(path)
    assert state.is_new and state.get("kiosk_id") is None and state.get("x", 5) == 5
    state.set("kiosk_id", "huels-sued")
    state.update({"pin_hash": "abc", "lockout": {"failures": 2}, "offer_flags": {"cafe@2026-11-24": {"full": True}}})
    flags = state.get("offer_flags")
    flags["cafe@2026-11-24"]["full"] = False  # a copy: nothing changes until set()
    state.remove("pin_hash")

    again = StateFile(path)
    assert not again.is_new and not again.recovered
    assert again.as_dict() == {"kiosk_id": "huels-sued", "lockout": {"failures": 2},
                               "offer_flags": {"cafe@2026-11-24": {"full": True}}}
    with pytest.raises(TypeError):
        again.set("bad", {1, 2})
    assert "bad" not in again and StateFile(path).as_dict() == again.as_dict()


def test_store_keys_in_state_are_rebuilt_when_the_state_file_is_lost(store, data_dir, clock):
    store.state.set("kiosk_id", "huels-sued")
    f, s = feedback(), signup()
    store.add("feedback", f, DAY)
    store.add("signup", s, NEXT)
    store.mark_received({DAY: [f["id"]]})
    for name in ("state.json", "state.json.bak"):
        (data_dir / name).unlink()

    again = reopen(data_dir, clock)
    assert again.pending_days() == [NEXT]
    assert again.state.get("personal_days") == [NEXT.isoformat()]
    assert again.newest_entry_day() == DAY


# -- clock jumps ---------------------------------------------------------------------


def test_clock_jumps_never_overwrite_or_lose_entries(store, data_dir, clock, source):
    first = feedback(DAY)
    store.add("feedback", first, DAY)
    source.set(datetime(2025, 1, 1, 8, 0, tzinfo=BERLIN))  # battery gone: back to an old date
    store.add("feedback", feedback(date(2025, 1, 1)), date(2025, 1, 1))
    source.set(datetime.combine(DAY, time(9, 0), BERLIN) + timedelta(days=400))  # and far ahead
    store.add("feedback", feedback(DAY), DAY)  # appends to the existing day
    source.set(datetime.combine(DAY, time(9, 0), BERLIN))  # staff set it right again
    again = reopen(data_dir, clock)
    on_day = again.records("feedback", DAY, DAY)
    assert len(on_day) == 2 and first in on_day
    assert len(again.records("feedback", date(2025, 1, 1), date(2025, 1, 1))) == 1
    assert again.pending_days() == [date(2025, 1, 1), DAY]


def test_set_aside_names_never_collide_when_the_clock_stands_still(store, data_dir, clock, source):
    store.add("feedback", feedback(), DAY)
    path = data_dir / "days" / "2026-11-24.json"
    for attempt in range(3):
        path.write_bytes(b"{broken")
        again = reopen(data_dir, clock)  # clock does not move between the attempts
        assert again.records("feedback", DAY, DAY) == []  # day files are opened when first used
        assert len(again.problems) == 1
    aside = sorted(p.name for p in path.parent.glob("2026-11-24.json.corrupt-*"))
    assert aside == ["2026-11-24.json.corrupt-20261124T193000",
                     "2026-11-24.json.corrupt-20261124T193000-2",
                     "2026-11-24.json.corrupt-20261124T193000-3"]


def test_record_ids_come_from_the_records_not_from_the_time(store, source):
    # Two entries within the same (frozen) second both stay.
    a, b = feedback(), feedback()
    store.add("feedback", a, DAY)
    store.add("feedback", b, DAY)
    assert ids(store.records("feedback", DAY, DAY)) == {a["id"], b["id"]}


# -- corrupt files -------------------------------------------------------------------

CORRUPTIONS = {
    "empty": b"",
    "whitespace": b"  \n",
    "truncated": None,  # filled in from the real content
    "garbage": bytes(range(256)) * 3,
    "a JSON list": b"[1, 2, 3]",
    "a table that is not a dict": b'{"feedback": [1, 2]}',
    "documents that are not dicts": b'{"feedback": {"1": "x"}}',
    "JSON null": b"null",
}


@pytest.mark.parametrize("kind", list(CORRUPTIONS))
def test_a_corrupt_day_file_is_set_aside_and_the_backup_restored(kind, store, data_dir, clock, caplog):
    first, second = signup(day=DAY, name="Erika Mustermann"), signup(day=DAY, name="Zweite Person")
    store.add("signup", first, DAY)
    store.add("signup", second, DAY)
    path = data_dir / "days" / "2026-11-24.json"
    good = path.read_bytes()
    bad = good[: len(good) // 2] if CORRUPTIONS[kind] is None else CORRUPTIONS[kind]
    path.write_bytes(bad)

    with caplog.at_level(logging.WARNING, logger="kiosk.store"):
        again = reopen(data_dir, clock)
        restored = again.records("signup", DAY, DAY)

    # The last good copy (.bak, the state before the second sign-up) is back.
    assert restored == [first]
    # The broken file is kept, not deleted, under a time-stamped name.
    aside = data_dir / "days" / "2026-11-24.json.corrupt-20261124T193000"
    assert aside.read_bytes() == bad
    # Staff get one plain German sentence; the log names the file but no person.
    [message] = again.problems
    assert "2026-11-24.json" in message and "24.11.2026" in message and "Sicherung" in message
    assert "2026-11-24.json" in caplog.text
    assert "Erika" not in caplog.text and "Zweite" not in caplog.text and "+49" not in caplog.text
    # The kiosk keeps working on that day, and the next open is clean.
    third = signup(day=DAY, name="Dritte")
    again.add("signup", third, DAY)
    final = reopen(data_dir, clock)
    assert final.problems == []
    assert ids(final.records("signup", DAY, DAY)) == {first["id"], third["id"]}


def test_a_corrupt_day_file_without_backup_starts_the_day_empty(store, data_dir, clock):
    store.add("feedback", feedback(), DAY)  # first write: no previous generation yet
    path = data_dir / "days" / "2026-11-24.json"
    assert not path.with_name("2026-11-24.json.bak").exists()
    path.write_bytes(b"\x00\x00\x00")
    again = reopen(data_dir, clock)
    assert again.records("feedback", DAY, DAY) == []
    [message] = again.problems
    assert "keine" in message.lower() or "nicht" in message.lower()
    f = feedback()
    again.add("feedback", f, DAY)
    assert reopen(data_dir, clock).records("feedback", DAY, DAY) == [f]


def test_a_corrupt_backup_and_day_file_are_both_set_aside(store, data_dir, clock):
    store.add("feedback", feedback(), DAY)
    store.add("feedback", feedback(), DAY)
    days = data_dir / "days"
    (days / "2026-11-24.json").write_bytes(b"{")
    (days / "2026-11-24.json.bak").write_bytes(b"}")
    again = reopen(data_dir, clock)
    assert again.records("feedback", DAY, DAY) == []
    assert len(again.problems) == 1
    assert (days / "2026-11-24.json.corrupt-20261124T193000").read_bytes() == b"{"
    assert (days / "2026-11-24.json.bak.corrupt-20261124T193000").read_bytes() == b"}"


def test_a_missing_day_file_with_a_backup_is_restored(store, data_dir, clock):
    a, b = feedback(), feedback()
    store.add("feedback", a, DAY)
    store.add("feedback", b, DAY)
    (data_dir / "days" / "2026-11-24.json").unlink()
    again = reopen(data_dir, clock)
    assert again.records("feedback", DAY, DAY) == [a]
    assert len(again.problems) == 1 and "fehlte" in again.problems[0]


@pytest.mark.parametrize("bad", [b"", b'{"kiosk_id": "huels', b"[]", b"\xff\xfe", b'"text"'])
def test_a_corrupt_state_file_is_set_aside_restored_and_indexes_rebuilt(bad, store, data_dir, clock):
    store.state.set("kiosk_id", "huels-sued")
    store.state.set("sync_sequence", 7)
    s = signup()
    store.add("signup", s, NEXT)  # changes the state (pending days) after the settings
    path = data_dir / "state.json"
    path.write_bytes(bad)

    again = reopen(data_dir, clock)
    assert again.state.get("kiosk_id") == "huels-sued"
    assert again.state.get("sync_sequence") == 7
    # The backup is one write behind; the pending index is rebuilt from the day files.
    assert again.pending_days() == [NEXT]
    assert again.state.get("personal_days") == [NEXT.isoformat()]
    assert again.newest_entry_day() == DAY
    [message] = again.problems
    assert "state.json" in message and "Einstellungen" in message
    assert (data_dir / "state.json.corrupt-20261124T193000").read_bytes() == bad
    again.state.set("sync_sequence", 8)
    final = reopen(data_dir, clock)
    assert final.problems == [] and final.state.get("sync_sequence") == 8


def test_store_write_error_is_an_oserror_with_a_german_message():
    import errno

    from kiosk.store.atomic_storage import write_error

    exc = write_error(OSError(errno.ENOSPC, "No space left on device"), Path("x.json"))
    assert isinstance(exc, StoreWriteError) and isinstance(exc, OSError)
    assert exc.errno == errno.ENOSPC and "voll" in exc.strerror
    assert "schreibgeschützt" in write_error(OSError(errno.EROFS, "ro"), Path("x")).strerror
    assert "Schreibfehler" in write_error(OSError(errno.EIO, "io"), Path("x")).strerror


def test_files_are_private_to_the_kiosk_user(store, data_dir):
    if os.name == "nt":
        pytest.skip("POSIX permissions")
    store.add("signup", signup(), NEXT)
    store.add("signup", signup(), NEXT)
    for path in [data_dir / "state.json", *(data_dir / "days").iterdir()]:
        assert path.stat().st_mode & 0o077 == 0, path.name
