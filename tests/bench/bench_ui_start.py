"""Benchmark: cold start of the kiosk to its first drawn home frame, against
a bare Kivy app showing one label, measured alternately in one run.

Run:  .venv/bin/python tests/bench/bench_ui_start.py [--rounds 15]

Each start is a fresh Python process (a cold start as on the tablet after a
power cut, minus the disk cache), off screen (SDL_VIDEODRIVER=offscreen).  The
child reports the time from interpreter start (``time.perf_counter`` at the
top of the script, plus the interpreter's own start-up measured by the parent)
to the first ``on_flip`` of the window, i.e. the first frame on screen.  The
two kinds alternate so that machine noise hits both equally; the result is
the ratio of the medians.  Goal (issue 3): ratio ≤ 1.3.

Bytecode: on the tablet Python caches compiled modules (``__pycache__``) on
the first run, and pip installed Kivy with its ``.pyc`` files.  A shell with
``PYTHONDONTWRITEBYTECODE=1`` (as some CI and agent sandboxes set) would make
every kiosk start recompile all of the kiosk's own modules from source while
Kivy's come precompiled: an unfair, untypical handicap of ~70 ms.  So the
children get a bytecode cache of their own in the temporary directory
(``PYTHONPYCACHEPREFIX``), filled by the warm-up start of each kind, as a
second boot would find it; ``--no-bytecode-cache`` measures the old way.
The children also report their CPU time (all threads, Mesa's included) up
to the first frame: on a busy machine it varies less than wall time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BARE = r"""
import os, sys, time
from kivy.config import Config
Config.set('graphics', 'width', '1280'); Config.set('graphics', 'height', '800')
from kivy.app import App
from kivy.uix.label import Label
from kivy.core.window import Window

class Bare(App):
    def build(self):
        Window.bind(on_flip=self._first)
        return Label(text='Stadtteilbüro Hüls-Süd', font_size=40)
    def _first(self, *a):
        print('FIRST_FRAME', time.process_time(), flush=True)
        os._exit(0)
Bare().run()
"""

KIOSK = r"""
import os, sys, time
from pathlib import Path
from kiosk.ui.launch import build_service
from kiosk.ui.bootstrap import configure_kivy
service, config_dir, data_dir, problems = build_service(sys.argv[1], sys.argv[2])
configure_kivy(fullscreen=False, width=1280, height=800, kivy_home=Path(sys.argv[2]) / 'kivy-home')
from kivy.core.window import Window
from kiosk.ui.app import KioskApp

class Measured(KioskApp):
    def on_start(self):
        super().on_start()
        Window.bind(on_flip=self._first)
    def _first(self, *a):
        print('FIRST_FRAME', time.process_time(), flush=True)
        os._exit(0)
Measured(service, config_dir=config_dir, data_dir=data_dir, config_problems=problems).run()
"""


def one_start(script: Path, args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawning the process to its first drawn frame, and the
    child's CPU seconds up to then."""
    # perf_counter is per-process; measure wall time in the parent instead and
    # only use the child's marker to know when the first frame was flipped.
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(script), *args], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in proc.stdout:
        if line.startswith("FIRST_FRAME"):
            elapsed = time.perf_counter() - started
            proc.wait(timeout=30)
            return elapsed, float(line.split()[1])
    proc.wait(timeout=30)
    raise RuntimeError("the child never drew a frame")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--no-bytecode-cache", action="store_true",
                        help="compile every module from source on each start (PYTHONDONTWRITEBYTECODE=1)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, SDL_VIDEODRIVER="offscreen", KIVY_NO_ARGS="1", KIVY_NO_FILELOG="1",
                   KIVY_NO_CONSOLELOG="1", KIVY_HOME=str(Path(tmp) / "bare-home"), KIVY_NO_CONFIG="1")
        env.pop("PYTHONPYCACHEPREFIX", None)
        if args.no_bytecode_cache:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        else:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        data = Path(tmp) / "data"
        kiosk_args = [str(ROOT / "config"), str(data)]
        # Kivy's App looks for a .kv beside the class's source file, so the
        # children are real files, not `python -c` strings.
        BARE_SCRIPT, KIOSK_SCRIPT = Path(tmp) / "bare_app.py", Path(tmp) / "kiosk_app.py"
        BARE_SCRIPT.write_text(BARE, encoding="utf-8")
        KIOSK_SCRIPT.write_text(KIOSK, encoding="utf-8")
        # Warm the disk cache (and the bytecode cache) once for both, as a
        # second boot would.
        one_start(BARE_SCRIPT, [], env)
        one_start(KIOSK_SCRIPT, kiosk_args, env)
        bare, kiosk = [], []
        for _ in range(args.rounds):
            bare.append(one_start(BARE_SCRIPT, [], env))
            kiosk.append(one_start(KIOSK_SCRIPT, kiosk_args, env))
    mb, mk = statistics.median(w for w, _ in bare), statistics.median(w for w, _ in kiosk)
    cb, ck = statistics.median(c for _, c in bare), statistics.median(c for _, c in kiosk)
    cache = "off (compiled from source each start)" if args.no_bytecode_cache else "on"
    print(f"rounds: {args.rounds} (alternating), machine: {os.cpu_count()} cores, bytecode cache: {cache}")
    for name, runs, median in (("bare Kivy label", bare, mb), ("kiosk home     ", kiosk, mk)):
        walls = [w for w, _ in runs]
        print(f"{name} : median {median * 1000:.0f} ms (min {min(walls) * 1000:.0f}, "
              f"max {max(walls) * 1000:.0f}); CPU median {statistics.median(c for _, c in runs) * 1000:.0f} ms")
    print(f"ratio kiosk/bare: {mk / mb:.2f}  (goal ≤ 1.3); CPU time ratio {ck / cb:.2f}")


if __name__ == "__main__":
    main()
