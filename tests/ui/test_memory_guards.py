"""Memory guards: a day of visitors must not leave graphics, bindings or
scheduled events behind.

``tests/ui/screens/test_no_widget_leak.py`` counts widgets.  Memory can also
pile up outside the widget tree: GL textures and vertex buffers (on the
tablet that is graphics memory), property bindings a screen makes on
long-lived objects (the app, the window) and Clock events a screen schedules
but never cancels.  This test repeats the same "day" — every visitor screen,
every language, large text, the idle reset, a wrong and a right staff PIN
(each a 16 MiB scrypt), the hand-over with its QR codes — and checks that the
number of live objects of those kinds is exactly the same after the third
day as after the second (the first builds the screens).

``tests/bench/bench_ui_memory.py`` measures resident memory over 2,000
random taps; this is its deterministic, threshold-free counterpart.
"""

from __future__ import annotations

import sys
import threading
from collections import Counter
from datetime import datetime, time
from typing import Iterator

import pytest
from kivy._clock import ClockEvent
from kivy.graphics.instructions import Canvas
from kivy.graphics.texture import Texture
from kivy.graphics.vbo import VertexBatch

from kiosk.staff_pin import PinGuard
from kiosk.timezone import BERLIN
from tests.conftest import SAMPLE_DAY, FakeTime
from tests.ui.screens.conftest import build_app, count_live, show_screen

VISITOR_SCREENS = ("home", "offers", "offer_detail", "feedback", "wishes", "signup", "about", "attract")
STAFF_PIN = "2580"
#: The kinds of objects counted; each stands for memory outside the widget tree.
GUARDED = {
    "Texture": Texture,            # label and QR textures (GL memory)
    "VertexBatch": VertexBatch,    # vertex buffers of every drawn shape
    "Canvas": Canvas,
    "ClockEvent": ClockEvent,      # scheduled and trigger events
}


@pytest.fixture
def staffed_app(tmp_path, render, advance) -> Iterator:
    app_time = FakeTime(datetime.combine(SAMPLE_DAY, time(10, 15), BERLIN))
    app = build_app(render, advance, tmp_path / "data", app_time)
    PinGuard(app.service.store.state).set_pin(STAFF_PIN)
    yield app
    app.dispatch("on_stop")


def _bindings_on_long_lived(app) -> int:
    """Callbacks bound to the app's and the window's properties and events:
    a screen or widget that binds there on every visit and never unbinds
    keeps itself (and its whole tree) alive.  (All of Kivy's bindings are
    not counted: Kivy drops some of dead widgets only lazily, so their total
    goes up and down by thousands from one day to the next.)"""
    from kivy.core.window import Window

    total = 0
    for owner in (app, Window):
        names = list(owner.properties()) + list(owner.events())
        total += sum(len(owner.get_property_observers(name)) for name in names)
    return total


def _guarded_kind(obj) -> str | None:
    return next((name for name, kind in GUARDED.items() if isinstance(obj, kind)), None)


def _live_counts(app) -> Counter:
    for thread in threading.enumerate():
        if thread.name == "handover-symbols":
            thread.join(timeout=30)
    counts = count_live(_guarded_kind)
    counts["bindings on app and window"] = _bindings_on_long_lived(app)
    return counts


def _day(app, advance) -> None:
    for name in VISITOR_SCREENS:
        show_screen(app, name, advance, 0.25, fps=8)
    for lang in app.service.config.languages:
        app.set_language(lang)
        advance(0.25, fps=8)
    app.toggle_large_text()
    advance(0.25, fps=8)
    app.reset_visitor()
    advance(0.25, fps=8)
    app.go("staff_pin", animate=False)
    advance(0.25, fps=8)
    pin_screen = app.screen("staff_pin")
    pin_screen.submit("1111")
    advance(0.25, fps=8)
    pin_screen.submit(STAFF_PIN)
    advance(0.25, fps=8)
    assert app.staff_unlocked, "the right PIN must open the staff area"
    app.go("handover", animate=False)
    advance(1.0, fps=8)
    app.reset_visitor()
    advance(0.5, fps=8)


def test_a_repeated_day_leaves_no_graphics_bindings_or_events_behind(staffed_app, advance):
    _day(staffed_app, advance)           # builds every screen once
    _day(staffed_app, advance)
    after_second = _live_counts(staffed_app)
    _day(staffed_app, advance)
    after_third = _live_counts(staffed_app)
    grown = {name: after_third[name] - after_second[name]
             for name in after_third if after_third[name] > after_second[name]}
    assert not grown, f"live objects grew from one day to the next: {grown} (after day 2: {dict(after_second)})"
    assert after_third["Texture"] > 0 and after_third["ClockEvent"] > 0  # the counting sees them


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="mallopt is glibc's (the tablet runs Linux)")
def test_glibc_mmap_threshold_is_held_fixed():
    """Big freed buffers (scrypt's 16 MiB, label textures) go back to the
    system instead of raising glibc's threshold and piling up in the heap."""
    from kiosk.ui.bootstrap import keep_malloc_threshold_fixed

    assert keep_malloc_threshold_fixed() is True
