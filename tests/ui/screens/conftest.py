"""The whole kiosk app, built on the shipped config and a fresh data dir,
shown in the test window, with a fake clock on Tuesday 24.11.2026, 10:15.

``kiosk_app`` is a real ``KioskApp`` (real service, real TinyDB store); tests
drive it with the harness's real touches (``tap``) and read what the store
holds afterwards.  ``app.exited`` tells whether the kiosk tried to quit
(the real exit would stop the test session's event loop).
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Iterator

import pytest

from kiosk.clock import KioskClock
from kiosk.config import load_config
from kiosk.service import KioskService
from kiosk.store import KioskStore
from kiosk.timezone import BERLIN
from tests.conftest import SAMPLE_DAY, SHIPPED_CONFIG, FakeTime
LANDSCAPE = (1280, 800)
PORTRAIT = (800, 1280)


def build_app(render, advance, data_dir, fake_time, *, config=None, size=LANDSCAPE):
    from kiosk.ui.app import KioskApp

    config = config or load_config(SHIPPED_CONFIG)
    store = KioskStore(data_dir)
    service = KioskService(config, store, KioskClock(source=fake_time), monotonic=fake_time)
    app = KioskApp(service, config_dir=SHIPPED_CONFIG, data_dir=data_dir)
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
