"""Screens must not pile up widgets: visiting every screen again and again
(with the idle reset in between, as a day in the lobby does) leaves the
number of live widgets per class unchanged after the first round."""

from __future__ import annotations

import gc
from collections import Counter

from kivy.uix.widget import Widget

from tests.conftest import SAMPLE_DAY

VISITS = ("home", "offers", "offer_detail", "feedback", "wishes", "signup", "about", "attract", "staff_pin")


def _live_widgets() -> Counter:
    gc.collect()
    counts: Counter = Counter()
    for obj in gc.get_objects():
        try:
            if isinstance(obj, Widget) and type(obj).__module__.startswith(("kivy.uix", "kiosk")):
                counts[type(obj).__name__] += 1
        except ReferenceError:  # a dead weak proxy in gc's list
            pass
    return counts


def _round(app, advance) -> None:
    for name in VISITS:
        params = {"offer_id": "cafe", "day": SAMPLE_DAY} if name == "offer_detail" else {}
        app.go(name, animate=False, **params)
        advance(0.2, fps=10)
        app.set_language("tr")
        advance(0.1, fps=10)
        app.reset_visitor()
        advance(0.1, fps=10)


def test_repeated_visits_do_not_leave_widgets_behind(kiosk_app, advance):
    _round(kiosk_app, advance)  # first visits build the screens
    after_first = _live_widgets()
    _round(kiosk_app, advance)
    assert _live_widgets() == after_first
