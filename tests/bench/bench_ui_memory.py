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

Two things make the numbers mean "the kiosk's memory" rather than the test
rig's (both found while hunting the 1.63 of the first measurement):

* Every frame waits until it is drawn (``glFinish`` on the window's flip),
  as a real screen's buffer swap does.  SDL's off-screen window swaps
  nothing, so Mesa's software renderer (llvmpipe with rasterizer threads)
  let the unthrottled frames queue up: it allocates a new "scene" for each
  frame still in flight, up to 64, keeps every one of them with its binned
  drawing data until the GL context dies, and never gives the memory back.
  That pool alone grew by hundreds of MiB, in steps that depended on thread
  timing (200 redraws of the home screen: +2.1 GiB without the wait,
  +12 MiB with it).  ``--no-sync`` turns the wait off.
* Before the counted taps, every screen is shown once (and every
  language): a screen is built on its first visit, and building it is not
  a leak.  ``--no-previsit`` starts cold, as the first measurement did.

Options for hunting a leak (measure, don't guess):

* ``--screens home,offers`` — only these screens are visited (bisecting);
  ``--screens none`` never sends the kiosk anywhere (taps only).
* ``--no-idle`` — the idle time never runs out.
* ``--every 100`` — print RSS and the C heap (glibc ``mallinfo2``: bytes in
  use vs. bytes the heap holds) every 100 taps, so a jump can be tied to a
  screen.
* ``--profile`` — tracemalloc from the warm-up on: the top Python
  allocations still alive at the end (by traceback; objects that merely
  replaced older ones count too, so read it with the next item), the object
  types whose count grew (``gc.get_objects()``), the contents of Kivy's
  ``Cache``, and the resident set by mapping (C heap, anonymous memory,
  shared libraries).
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import random
import sys
import tempfile
import tracemalloc
from collections import Counter
from datetime import datetime, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.ui import conftest as harness  # noqa: E402  (configures Kivy off screen)

from kivy.base import EventLoop  # noqa: E402
from kivy.cache import Cache  # noqa: E402
from kivy.core.window import Window  # noqa: E402
from kivy.graphics.opengl import glFinish  # noqa: E402
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


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks",
        "fsmblks", "uordblks", "fordblks", "keepcost")]


def c_heap_mib() -> tuple[float, float] | None:
    """(bytes in use, bytes held) of glibc's malloc in MiB, or None elsewhere.
    Held minus in use is memory freed but kept by the allocator."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = _MallInfo2
    except (OSError, AttributeError):
        return None
    info = libc.mallinfo2()
    mib = 1024 * 1024
    return (info.uordblks + info.hblkhd) / mib, (info.arena + info.hblkhd) / mib


def rss_by_mapping(top: int = 8) -> list[tuple[str, float]]:
    """Resident MiB per mapped file (anonymous memory as '[anon]', the C heap
    as '[heap]'), largest first: what the resident set is made of."""
    sizes: Counter = Counter()
    name = "?"
    with open("/proc/self/smaps", encoding="utf-8", errors="replace") as smaps:
        for line in smaps:
            fields = line.split()
            if "-" in fields[0] and len(fields) >= 5 and ":" in fields[3]:
                name = fields[5] if len(fields) > 5 else "[anon]"
                name = name.rsplit("/", 1)[-1]
            elif fields[0] == "Rss:":
                sizes[name] += int(fields[1])
    return [(n, kib / 1024) for n, kib in sizes.most_common(top)]


def random_tap(rng: random.Random) -> None:
    x, y = rng.uniform(0, Window.width - 1), rng.uniform(0, Window.height - 1)
    touch = UnitTestTouch(x, y)
    touch.touch_down()
    harness.advance(0.05, fps=20)
    touch.touch_up()
    harness.advance(0.25, fps=8)


def wait_until_drawn(*_args) -> None:
    """The frame is finished before the window swaps (see the module doc)."""
    glFinish()


def visit_every_screen(app) -> None:
    """Build every visitor screen and the PIN pad once; every language and
    the large text once."""
    for name in SCREENS:
        if name in ("staff", "handover"):
            continue
        app.go(name, animate=False)
        harness.advance(0.5, fps=8)
    for lang in app.service.config.languages:
        app.set_language(lang)
        harness.advance(0.25, fps=8)
    app.toggle_large_text()
    harness.advance(0.25, fps=8)
    app.reset_visitor()
    harness.advance(0.5, fps=8)


def type_counts() -> Counter:
    gc.collect()
    counts: Counter = Counter()
    for obj in gc.get_objects():
        kind = type(obj)
        counts[f"{kind.__module__}.{kind.__qualname__}"] += 1
    return counts


def cache_summary() -> dict[str, int]:
    return {category: len(Cache._objects.get(category, {})) for category in sorted(Cache._categories)}


def status_line(i: int, app) -> str:
    heap = c_heap_mib()
    heap_text = f"  C heap in use {heap[0]:.1f} / held {heap[1]:.1f} MiB" if heap else ""
    screen = app.manager.current if app.manager is not None else "?"
    blocks = sys.getallocatedblocks() / 1000
    return f"tap {i:5d}  RSS {rss_kib() / 1024:7.1f} MiB{heap_text}  Python {blocks:.0f}k blocks  [{screen}]"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--taps", type=int, default=2000)
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--screens", default="", help="comma-separated screen names, or 'none'")
    parser.add_argument("--no-idle", action="store_true")
    parser.add_argument("--every", type=int, default=0)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--no-sync", action="store_true", help="do not wait for each frame to be drawn")
    parser.add_argument("--no-previsit", action="store_true", help="do not show every screen first")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    EventLoop.ensure_window()
    if EventLoop.status != "started":
        EventLoop.start()
    names = [n for n in SCREENS if n not in ("staff", "handover")]
    if args.screens == "none":
        names = []
    elif args.screens:
        names = [n for n in args.screens.split(",") if n]
        unknown = set(names) - set(SCREENS)
        if unknown:
            parser.error(f"unknown screens: {sorted(unknown)}")
    with tempfile.TemporaryDirectory() as tmp:
        app = build_app(harness.render, harness.advance, Path(tmp) / "data",
                        ManualTime(datetime.combine(SAMPLE_DAY, time(10, 15), BERLIN)))
        app._exit_hook = lambda: None  # random taps must not end the benchmark
        if not args.no_sync:
            Window.fbind("on_flip", wait_until_drawn)
        if not args.no_previsit:
            visit_every_screen(app)
        baseline = None
        first_snapshot = first_counts = None
        for i in range(1, args.taps + 1):
            if i % 25 == 0 and names:
                app.go(rng.choice(names), animate=False)
            if i % 300 == 0 and not args.no_idle:
                harness.advance(app.service.config.attract_seconds + 1, fps=2)
            random_tap(rng)
            if i == args.warmup:
                gc.collect()
                baseline = rss_kib()
                if args.profile:
                    first_counts = type_counts()
                    tracemalloc.start(12)
                    first_snapshot = tracemalloc.take_snapshot()
                    print("Kivy Cache after warm-up:", cache_summary())
                    print("resident MiB by mapping after warm-up:",
                          ", ".join(f"{n} {mib:.0f}" for n, mib in rss_by_mapping()))
            if args.every and i % args.every == 0:
                gc.collect()
                print(status_line(i, app), flush=True)
        gc.collect()
        final = rss_kib()
        if args.profile and first_snapshot is not None:
            report_profile(first_snapshot, first_counts)
        app.dispatch("on_stop")
    print(f"taps: {args.taps} (seed {args.seed}); screens visited: {len(app.built_screens())}")
    print(f"RSS after {args.warmup} taps: {baseline / 1024:.1f} MiB")
    print(f"RSS after {args.taps} taps: {final / 1024:.1f} MiB")
    print(f"ratio: {final / baseline:.3f}  (goal ≤ 1.1)")


def report_profile(first_snapshot, first_counts: Counter) -> None:
    last = tracemalloc.take_snapshot()
    tracemalloc.stop()
    print("\n== Python allocations grown since the warm-up (top 12 by traceback) ==")
    for stat in last.compare_to(first_snapshot, "traceback")[:12]:
        print(f"{stat.size_diff / 1024:10.1f} KiB in {stat.count_diff:+d} blocks")
        for line in stat.traceback.format(limit=8, most_recent_first=True):
            print("    " + line)
    print("\n== object types whose count grew (top 25) ==")
    grown = type_counts()
    grown.subtract(first_counts)
    for name, diff in grown.most_common(25):
        if diff > 0:
            print(f"{diff:+8d}  {name}")
    print("\nKivy Cache at the end:", cache_summary())
    print("resident MiB by mapping at the end:",
          ", ".join(f"{n} {mib:.0f}" for n, mib in rss_by_mapping()))


if __name__ == "__main__":
    main()
