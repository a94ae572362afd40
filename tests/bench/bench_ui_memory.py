"""Benchmark: resident memory after 2,000 random taps across all screens
against resident memory after the first 100, in one run.  A leak (bindings,
Clock events or screens that stay alive) makes the ratio grow; goal ≤ 1.1.

Run:  .venv/bin/python tests/bench/bench_ui_memory.py [--taps 2000] [--seed 1]

The whole app runs off screen on the shipped config with a fresh data dir,
driven by the same harness as the UI tests (virtual clock, real touches).
Taps land at random window positions; every 25 taps the kiosk is sent to a
random screen (so every screen is visited many times, not just the ones a
random walk happens to reach), and every 300 taps the idle time runs out,
so reset and the attract loop are exercised too.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
from datetime import datetime, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.ui import conftest as harness  # noqa: E402  (configures Kivy off screen)

from kivy.base import EventLoop  # noqa: E402
from kivy.core.window import Window  # noqa: E402
from kivy.tests.common import UnitTestTouch  # noqa: E402

from kiosk.clock import ManualTime  # noqa: E402
from kiosk.timezone import BERLIN  # noqa: E402
from kiosk.ui.app import SCREENS  # noqa: E402
from tests.conftest import SAMPLE_DAY  # noqa: E402
from tests.ui.screens.conftest import build_app  # noqa: E402


def rss_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def random_tap(rng: random.Random) -> None:
    x, y = rng.uniform(0, Window.width - 1), rng.uniform(0, Window.height - 1)
    touch = UnitTestTouch(x, y)
    touch.touch_down()
    harness.advance(0.05, fps=20)
    touch.touch_up()
    harness.advance(0.25, fps=8)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--taps", type=int, default=2000)
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    EventLoop.ensure_window()
    if EventLoop.status != "started":
        EventLoop.start()
    with tempfile.TemporaryDirectory() as tmp:
        app = build_app(harness.render, harness.advance, Path(tmp) / "data",
                        ManualTime(datetime.combine(SAMPLE_DAY, time(10, 15), BERLIN)))
        app._exit_hook = lambda: None  # random taps must not end the benchmark
        names = [n for n in SCREENS if n not in ("staff", "handover")]
        baseline = None
        for i in range(1, args.taps + 1):
            if i % 25 == 0:
                app.go(rng.choice(names), animate=False)
            if i % 300 == 0:
                harness.advance(app.service.config.attract_seconds + 1, fps=2)
            random_tap(rng)
            if i == args.warmup:
                gc.collect()
                baseline = rss_kib()
        gc.collect()
        final = rss_kib()
        app.dispatch("on_stop")
    print(f"taps: {args.taps} (seed {args.seed}); screens visited: {len(app.built_screens())}")
    print(f"RSS after {args.warmup} taps: {baseline / 1024:.1f} MiB")
    print(f"RSS after {args.taps} taps: {final / 1024:.1f} MiB")
    print(f"ratio: {final / baseline:.3f}  (goal ≤ 1.1)")


if __name__ == "__main__":
    main()
