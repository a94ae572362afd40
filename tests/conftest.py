"""Fixtures shared by the core tests: the shipped config and a fresh store."""

from __future__ import annotations

import os
from datetime import date, datetime, time
from pathlib import Path

import pytest

os.environ.setdefault("KIVY_NO_ARGS", "1")

from kiosk.clock import KioskClock, ManualTime
from kiosk.timezone import BERLIN

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_CONFIG = ROOT / "config"
# A Tuesday in term time; the shipped config has several offers on it.
SAMPLE_DAY = date(2026, 11, 24)


#: Wall clock and monotonic clock in one, moved by the test.
FakeTime = ManualTime


@pytest.fixture
def shipped_config():
    from kiosk.config import load_config

    return load_config(SHIPPED_CONFIG)


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime(datetime.combine(SAMPLE_DAY, time(10, 15), BERLIN))


@pytest.fixture
def service(tmp_path, shipped_config, fake_time):
    from kiosk.service import KioskService
    from kiosk.store import KioskStore

    store = KioskStore(tmp_path / "data")
    return KioskService(shipped_config, store, KioskClock(source=fake_time), monotonic=fake_time)
