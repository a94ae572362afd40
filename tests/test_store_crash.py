"""Kill -9 at random moments: every acknowledged entry survives.

A child process writes entries as fast as it can and, after each ``add()``
(or state change, or receipt) has returned, reports it to the parent through
a pipe.  The parent kills the child with SIGKILL after a short random delay,
many times over the same data directory, and after every kill opens the
store and checks that everything ever acknowledged is there, exactly once,
and that no file had to be set aside.

The random delay is the point of the test (where the kill lands), not a
way to wait for something.  Set ``KIOSK_CRASH_SEED`` to replay a run.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from kiosk.store import KINDS, KioskStore

ROOT = Path(__file__).resolve().parent.parent
KILLS = 60

CHILD = r"""
import random, sys, uuid
from datetime import date
from kiosk.store import KioskStore, KINDS

data_dir, seed = sys.argv[1], int(sys.argv[2])
rng = random.Random(seed)
store = KioskStore(data_dir)
days = [date(2026, 11, 24), date(2026, 11, 25), date(2026, 11, 26)]
out = sys.stdout
mine = []
out.write("ready\n"); out.flush()
n = 0
while True:
    n += 1
    if n % 5 == 0:
        sequence = seed * 100000 + n
        store.state.set("sync_sequence", sequence)
        out.write(f"state {sequence}\n"); out.flush()
    elif n % 13 == 0 and mine:
        day, picked = rng.choice(mine)
        store.mark_received({day: [picked]})
        out.write(f"received {day.isoformat()} {picked}\n"); out.flush()
    else:
        day, kind = rng.choice(days), rng.choice(KINDS)
        record = {"id": uuid.uuid4().hex, "day": day.isoformat(), "offer_id": "cafe",
                  "adults": 1, "children": 0, "status": "confirmed", "name": "Test Person",
                  "phone": "", "email": "", "note": "", "guardian_name": "", "score": 3, "hour": 12}
        store.add(kind, record, day)
        mine.append((day, record["id"]))
        out.write(f"add {kind} {day.isoformat()} {record['id']}\n"); out.flush()
"""


def run_child_and_kill(data_dir: Path, seed: int, delay: float) -> list[str]:
    """Start a writer, SIGKILL it after ``delay`` seconds of writing, return its acknowledgements."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data_dir), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=env,
    )
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for raw in proc.stdout:
            if raw.endswith(b"\n"):  # a line is one write() below PIPE_BUF: never torn
                lines.append(raw.decode().strip())
                ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        started = ready.wait(timeout=30)
        if started:
            threading.Event().wait(delay)  # let it write for a random moment
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        reader.join(timeout=10)
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    assert started, f"writer did not start: {stderr}"
    assert proc.returncode == -signal.SIGKILL, f"writer died by itself ({proc.returncode}): {stderr}"
    return lines[1:]  # without "ready"


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_every_acknowledged_entry_survives_sigkill(tmp_path):
    seed = int(os.environ.get("KIOSK_CRASH_SEED", random.SystemRandom().randrange(1 << 30)))
    rng = random.Random(seed)
    data_dir = tmp_path / "data"
    acked: dict[tuple[str, date], set[str]] = defaultdict(set)
    received: dict[date, set[str]] = defaultdict(set)
    last_sequence = None
    total = mid_write = 0

    for round_ in range(KILLS):
        lines = run_child_and_kill(data_dir, seed + round_, rng.uniform(0.01, 0.4))
        for line in lines:
            what, *rest = line.split()
            if what == "add":
                kind, day, record_id = rest
                acked[(kind, date.fromisoformat(day))].add(record_id)
                total += 1
            elif what == "state":
                last_sequence = int(rest[0])
            elif what == "received":
                received[date.fromisoformat(rest[0])].add(rest[1])
        if list(data_dir.rglob("*.tmp")):
            mid_write += 1  # the kill landed inside a write

        store = KioskStore(data_dir)
        context = f"seed={seed} round={round_}"
        assert not list(data_dir.rglob("*.tmp")), context
        for (kind, day), wanted in acked.items():
            stored = [r["id"] for r in store.records(kind, day, day)]
            assert len(stored) == len(set(stored)), f"duplicate entries ({context})"
            missing = wanted - set(stored)
            assert not missing, f"{len(missing)} acknowledged {kind} entries lost on {day} ({context})"
        for day, wanted in received.items():
            flags = {r["id"]: r.get("received") for kind in KINDS for r in store.records(kind, day, day)}
            assert all(flags[i] is True for i in wanted), f"receipt lost ({context})"
        if last_sequence is not None:
            # Sequences only grow within and across runs: the stored one is at least the last acknowledged.
            assert store.state.get("sync_sequence") >= last_sequence, context
        # Every entry not yet received keeps its day on the pending list.
        for day in {day for _, day in acked}:
            unreceived = [r for kind in KINDS for r in store.records(kind, day, day) if r.get("received") is not True]
            assert not unreceived or day in store.pending_days(), context
        # Day files are opened on first use: only now have all of them been read.
        assert store.problems == [], f"a file had to be set aside ({context})"
        store.close()

    print(f"crash test: seed={seed} kills={KILLS} acknowledged={total} killed-mid-write={mid_write}")
    assert total >= KILLS, f"the writer hardly wrote anything ({total} entries)"
    assert mid_write >= 1, "no kill landed inside a write: the test did not test anything"
