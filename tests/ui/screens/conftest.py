"""The whole kiosk app, built on the shipped config and a fresh data dir,
shown in the test window, with a fake clock on Tuesday 24.11.2026, 10:15.

``kiosk_app`` is a real ``KioskApp`` (real service, real TinyDB store); tests
drive it with the harness's real touches (``tap``) and read what the store
holds afterwards.  ``app.exited`` tells whether the kiosk tried to quit
(the real exit would stop the test session's event loop).
"""

from __future__ import annotations

import atexit
import gc
import os
import shutil
import tempfile
from datetime import date, datetime, time
from pathlib import Path
from collections import Counter
from typing import Callable, Iterator

import pytest

from kiosk import i18n
from kiosk.clock import KioskClock
from kiosk.config import load_config
from kiosk.service import KioskService
from kiosk.store import KioskStore
from kiosk.timezone import BERLIN
from tests.conftest import SAMPLE_DAY, SHIPPED_CONFIG, FakeTime
LANDSCAPE = (1280, 800)
PORTRAIT = (800, 1280)

#: Every visitor screen with what it needs to show (sign-up on its first step).
VISITOR_SCREENS = [
    ("home", {}),
    ("offers", {}),
    ("offer_detail", {"offer_id": "chamaeleon", "day": date(2026, 11, 25)}),
    ("feedback", {}),
    ("wishes", {}),
    ("signup", {}),
    ("about", {}),
]


def ancestors(widget):
    """The widget and its parents up to the Window (which is its own parent)."""
    node, seen = widget, set()
    while node is not None and id(node) not in seen:
        seen.add(id(node))
        yield node
        node = node.parent


_STABLE_CONFIG: Path | None = None


def stable_config_dir() -> Path:
    """The shipped config, copied once per test session with its files'
    modification day set to 01.11.2026.  The staff area's clock check treats
    a config edited *after* the kiosk's date as a sign of a wrong clock; with
    the checkout's own files that would depend on the day the tests run
    (a fresh clone is "edited" today, the fake clock says 24.11.2026)."""
    global _STABLE_CONFIG
    if _STABLE_CONFIG is None:
        target = Path(tempfile.mkdtemp(prefix="kiosk-config-")) / "config"
        shutil.copytree(SHIPPED_CONFIG, target)
        stamp = datetime.combine(date(2026, 11, 1), time(8, 0), BERLIN).timestamp()
        for path in target.iterdir():
            os.utime(path, (stamp, stamp))
        atexit.register(shutil.rmtree, target.parent, True)
        _STABLE_CONFIG = target
    return _STABLE_CONFIG


def show_screen(app, name: str, advance, seconds: float, fps: int) -> None:
    """Go to screen ``name`` without the slide (the offer detail shows the
    café on SAMPLE_DAY) and run ``seconds`` of frames."""
    params = {"offer_id": "cafe", "day": SAMPLE_DAY} if name == "offer_detail" else {}
    app.go(name, animate=False, **params)
    advance(seconds, fps=fps)


def count_live(name_of: Callable[[object], str | None]) -> Counter:
    """Live objects after a full collection, counted under ``name_of(obj)``
    (None: not counted)."""
    gc.collect()
    counts: Counter = Counter()
    for obj in gc.get_objects():
        try:
            name = name_of(obj)
        except ReferenceError:  # a dead weak proxy in gc's list
            continue
        if name:
            counts[name] += 1
    return counts


def _point_kv_app_at(app) -> None:
    """kv's ``app`` is a proxy that remembers the first running app it is
    asked for until that app dispatches ``on_stop``.  A language switch at
    the end of one test leaves rebuilds of that app's screens scheduled;
    they run in the first frames of the next test, before its app exists,
    and the proxy then remembered the old app for good: the next app's kv
    rules (``_('…', app.lang)``) followed the wrong app's language.  Each
    test app starts with the proxy pointing at itself."""
    from kivy.lang.parser import global_idmap

    proxy = global_idmap["app"]
    object.__setattr__(proxy, "_obj", None)
    object.__getattribute__(proxy, "_ensure_app")()   # asks Kivy for the running app
    assert object.__getattribute__(proxy, "_obj") is app


def build_app(render, advance, data_dir, fake_time, *, config=None, size=LANDSCAPE):
    from kiosk.ui.app import KioskApp

    config_dir = stable_config_dir()
    config = config or load_config(config_dir)
    store = KioskStore(data_dir)
    service = KioskService(config, store, KioskClock(source=fake_time), monotonic=fake_time)
    app = KioskApp(service, config_dir=config_dir, data_dir=data_dir)
    _point_kv_app_at(app)
    app.exited = False
    app._exit_hook = lambda: setattr(app, "exited", True)
    app.root = app.build()
    render(app.root, size)
    app.dispatch("on_start")
    advance(0.1)
    return app


@pytest.fixture
def app_time() -> FakeTime:
    """Wall clock of the kiosk's service (not Kivy's frame clock)."""
    return FakeTime(datetime.combine(SAMPLE_DAY, time(10, 15), BERLIN))


@pytest.fixture
def kiosk_app(tmp_path, app_time, render, advance) -> Iterator:
    app = build_app(render, advance, tmp_path / "data", app_time)
    yield app
    app.dispatch("on_stop")


@pytest.fixture
def kiosk_app_portrait(tmp_path, app_time, render, advance) -> Iterator:
    app = build_app(render, advance, tmp_path / "data", app_time, size=PORTRAIT)
    yield app
    app.dispatch("on_stop")


@pytest.fixture(autouse=True)
def _german_catalog():
    """The translation catalog is global and a new app does not reset it
    (its language starts equal to the property's default): start in German
    whatever ran before, and leave German for whatever runs next."""
    i18n.set_language("de")
    yield
    i18n.set_language("de")
