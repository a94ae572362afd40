"""The kiosk's notion of "now", with a correction staff can set.

The tablet has no network time and may have no clock battery, and the kiosk
may not be allowed to change the system clock.  So the kiosk keeps its own
offset (seconds added to the system clock), stored in the state file by the
staff area, and every part of the kiosk asks this clock instead of calling
``datetime.now()`` directly.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Callable

from kiosk.timezone import BERLIN


@dataclass
class KioskClock:
    """Wall-clock time in Europe/Berlin, shifted by a staff correction.

    ``source`` returns POSIX seconds; tests pass a fake to jump the clock
    backwards and forwards.
    """

    offset_seconds: float = 0.0
    source: Callable[[], float] = field(default=time.time)

    def now(self) -> datetime:
        """Aware local time, with the staff correction applied."""
        return datetime.fromtimestamp(self.source() + self.offset_seconds, BERLIN)

    def today(self) -> date:
        return self.now().date()

    def correct_to(self, wanted: datetime) -> None:
        """Make ``now()`` read ``wanted`` from this moment on."""
        if wanted.tzinfo is None:
            wanted = wanted.replace(tzinfo=BERLIN)
        self.offset_seconds = wanted.timestamp() - self.source()

    def correction(self) -> timedelta:
        return timedelta(seconds=self.offset_seconds)


class ManualTime:
    """A time source that only moves when told to: POSIX seconds for
    ``KioskClock(source=...)`` and, at the same time, a monotonic clock for
    debouncing.  The demo walks it through a day; tests jump it around."""

    def __init__(self, start: datetime) -> None:
        self.now = start.timestamp()

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
