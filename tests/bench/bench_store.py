"""Benchmark: does one entry cost more after a year of history?

Run as a script (pytest does not collect tests/bench/):

    python tests/bench/bench_store.py [--adds 200] [--days 365] [--per-day 600] [--dir PATH]

Two stores side by side: one empty, one holding ``--days`` days of
``--per-day`` records each (written straight to disk in the store's file
format, so setting up takes seconds, not hours), with every day still
pending hand-over and holding personal data (the worst case for the state
file's indexes).  Then ``--adds`` entries go into *today* of each store,
alternating which store goes first, so machine noise (fsync latency,
other processes) hits both sides alike.  Reported: median and p99 per add
and their ratio (history / empty).  Goal: median ratio <= 1.2.

Every add is a real durable write (two fsyncs), so the absolute numbers
mostly measure the disk; the ratio is what this benchmark is about.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kiosk.clock import KioskClock  # noqa: E402
from kiosk.store import KioskStore  # noqa: E402
from kiosk.timezone import BERLIN  # noqa: E402

TODAY = date(2026, 11, 24)
OFFERS = ("cafe", "fruehstueck", "chamaeleon", "ausflug", "jung-alt")


def fake_clock() -> KioskClock:
    moment = datetime(2026, 11, 24, 15, 0, tzinfo=BERLIN).timestamp()
    return KioskClock(source=lambda: moment)


def feedback(day: date, i: int) -> dict:
    return {"id": uuid.uuid4().hex, "kiosk_id": "huels-sued", "offer_id": OFFERS[i % 5], "score": 1 + i % 5,
            "day": day.isoformat(), "hour": 9 + i % 10}


def wish(day: date, i: int) -> dict:
    return {"id": uuid.uuid4().hex, "kiosk_id": "huels-sued", "topics": ["sport", "musik"][: 1 + i % 2],
            "text": "Mehr für Jugendliche am Abend" if i % 4 == 0 else "", "day": day.isoformat(), "hour": 11}


def signup(day: date, i: int) -> dict:
    return {"id": uuid.uuid4().hex, "kiosk_id": "huels-sued", "offer_id": OFFERS[i % 5], "day": day.isoformat(),
            "name": f"Person {i} Müller", "phone": "+491711234567", "email": "person@example.org",
            "adults": 1 + i % 2, "children": i % 3, "note": "", "consent_version": "1",
            "created": f"{day.isoformat()}T10:15:00+01:00", "status": "confirmed", "minor": False,
            "guardian_name": "", "source": "kiosk"}


def make_history(data_dir: Path, days: int, per_day: int) -> None:
    """Write ``days`` day files before TODAY straight in TinyDB's layout, plus the state."""
    days_dir = data_dir / "days"
    days_dir.mkdir(parents=True)
    n_feedback, n_wish = per_day // 2, per_day // 3
    n_signup = per_day - n_feedback - n_wish
    iso_days = []
    for offset in range(days, 0, -1):
        day = TODAY - timedelta(days=offset)
        iso_days.append(day.isoformat())
        tables = {
            "feedback": {str(i + 1): feedback(day, i) for i in range(n_feedback)},
            "wish": {str(i + 1): wish(day, i) for i in range(n_wish)},
            "signup": {str(i + 1): signup(day, i) for i in range(n_signup)},
        }
        (days_dir / f"{day.isoformat()}.json").write_text(
            json.dumps(tables, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
    state = {"kiosk_id": "huels-sued", "pending_days": iso_days, "personal_days": iso_days,
             "newest_entry_day": iso_days[-1], "sync_sequence": 4711}
    (data_dir / "state.json").write_text(json.dumps(state), encoding="utf-8")


class _NoFsyncOs:
    """``os`` with a no-op ``fsync``, for the --no-fsync run only."""

    def __getattr__(self, name: str):
        return getattr(os, name)

    @staticmethod
    def fsync(fd: int) -> None:
        return None


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def fmt(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--adds", type=int, default=200)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--per-day", type=int, default=600)
    parser.add_argument("--dir", type=Path, default=None, help="where to create the stores (default: temp dir)")
    parser.add_argument("--no-fsync", action="store_true",
                        help="skip fsync (NOT crash-safe): shows the store's own CPU cost without disk latency")
    args = parser.parse_args(argv)
    if args.no_fsync:
        from kiosk.store import atomic_storage

        atomic_storage.os = _NoFsyncOs()
        print("fsync disabled: this run measures CPU cost only")

    base = Path(tempfile.mkdtemp(prefix="bench-store-", dir=args.dir))
    try:
        empty_dir, history_dir = base / "empty", base / "history"
        t0 = time.perf_counter()
        make_history(history_dir, args.days, args.per_day)
        size = sum(p.stat().st_size for p in (history_dir / "days").iterdir())
        print(f"history: {args.days} days x {args.per_day} records = {args.days * args.per_day} records, "
              f"{size / 1e6:.0f} MB, written in {time.perf_counter() - t0:.1f} s")

        t0 = time.perf_counter()
        empty = KioskStore(empty_dir, fake_clock())
        open_empty = time.perf_counter() - t0
        t0 = time.perf_counter()
        history = KioskStore(history_dir, fake_clock())
        open_history = time.perf_counter() - t0

        stores = {"empty": empty, "history": history}
        times: dict[str, list[float]] = {"empty": [], "history": []}
        kinds = ("feedback", "feedback", "wish", "signup")
        for i in range(args.adds):
            order = ("empty", "history") if i % 2 == 0 else ("history", "empty")
            for name in order:
                kind = kinds[i % len(kinds)]
                record = {"feedback": feedback, "wish": wish, "signup": signup}[kind](TODAY, i)
                start = time.perf_counter()
                stores[name].add(kind, record, TODAY)
                times[name].append(time.perf_counter() - start)

        # Sanity: both stores hold what was added; the history is intact.
        assert len(empty.records("feedback", TODAY, TODAY)) == len(history.records("feedback", TODAY, TODAY))
        assert history.pending_days()[0] == TODAY - timedelta(days=args.days)

        med = {k: statistics.median(v) for k, v in times.items()}
        p99 = {k: quantile(v, 0.99) for k, v in times.items()}
        first = {k: v[0] for k, v in times.items()}
        # Each pair of adds ran back to back: their ratio cancels slow phases of the machine.
        paired = statistics.median(h / e for h, e in zip(times["history"], times["empty"]))
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
              f"{platform.system()} {platform.release()}")
        print(f"{'per add':12} {'empty':>12} {'year of history':>16} {'ratio':>7}")
        print(f"{'median':12} {fmt(med['empty']):>12} {fmt(med['history']):>16} {med['history'] / med['empty']:>7.2f}")
        print(f"{'p99':12} {fmt(p99['empty']):>12} {fmt(p99['history']):>16} {p99['history'] / p99['empty']:>7.2f}")
        print(f"{'first add':12} {fmt(first['empty']):>12} {fmt(first['history']):>16}")
        print(f"{'open store':12} {fmt(open_empty):>12} {fmt(open_history):>16}")
        print(f"{'paired':12} {'':>12} {'':>16} {paired:>7.2f}   (median of per-pair ratios)")
        ratio = med["history"] / med["empty"]
        print(f"median ratio {ratio:.2f} ({'meets' if ratio <= 1.2 else 'MISSES'} the goal <= 1.2)")
        return 0 if ratio <= 1.2 else 1
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
