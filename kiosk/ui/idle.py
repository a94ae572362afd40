"""Idle handling: after a short pause every screen forgets its visitor and
goes home; after a longer pause the calm attract loop starts.

The decision is a pure function of times (``IdleTimer``), so it is tested
without a window; ``IdleWatcher`` only feeds it Kivy's clock and the
window's touches.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

NOTHING, RESET, ATTRACT = "nothing", "reset", "attract"


@dataclass
class IdleTimer:
    """Decides what an idle period means.  Each step fires once per pause."""

    reset_after: float
    attract_after: float
    last_activity: float = 0.0
    _reset_done: bool = False
    _attract_done: bool = False

    def activity(self, now: float) -> None:
        self.last_activity = now
        self._reset_done = self._attract_done = False

    def poll(self, now: float) -> str:
        idle = now - self.last_activity
        if idle >= self.attract_after and not self._attract_done:
            self._attract_done = self._reset_done = True
            return ATTRACT
        if idle >= self.reset_after and not self._reset_done:
            self._reset_done = True
            return RESET
        return NOTHING


class IdleWatcher:
    """Connects an ``IdleTimer`` to Kivy: every touch or key counts as activity."""

    def __init__(self, timer: IdleTimer, on_reset: Callable[[], None], on_attract: Callable[[], None]) -> None:
        self.timer = timer
        self.on_reset = on_reset
        self.on_attract = on_attract
        self._event = None

    def start(self) -> None:
        from kivy.clock import Clock
        from kivy.core.window import Window

        self.timer.activity(Clock.get_time())
        Window.fbind("on_touch_down", self._on_input)
        Window.fbind("on_key_down", self._on_input)
        self._event = Clock.schedule_interval(self._check, 0.5)

    def stop(self) -> None:
        from kivy.core.window import Window

        Window.funbind("on_touch_down", self._on_input)
        Window.funbind("on_key_down", self._on_input)
        if self._event is not None:
            self._event.cancel()
            self._event = None

    def _on_input(self, *_args) -> None:
        from kivy.clock import Clock

        self.timer.activity(Clock.get_time())
        # returning None lets the touch go on to the widgets

    def _check(self, _dt: float) -> None:
        from kivy.clock import Clock

        action = self.timer.poll(Clock.get_time())
        if action == RESET:
            self.on_reset()
        elif action == ATTRACT:
            self.on_attract()
