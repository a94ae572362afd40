"""Screens must not pile up widgets: visiting every screen again and again
(with the idle reset in between, as a day in the lobby does) leaves the
number of live widgets per class unchanged after the first round."""

from __future__ import annotations

from collections import Counter

from kivy.uix.widget import Widget

from tests.ui.screens.conftest import count_live, show_screen

VISITS = ("home", "offers", "offer_detail", "feedback", "wishes", "signup", "about", "attract", "staff_pin")


def _widget_class(obj) -> str | None:
    if isinstance(obj, Widget) and type(obj).__module__.startswith(("kivy.uix", "kiosk")):
        return type(obj).__name__
    return None


def _live_widgets() -> Counter:
    return count_live(_widget_class)


def _round(app, advance) -> None:
    for name in VISITS:
        show_screen(app, name, advance, 0.2, fps=10)
        app.set_language("tr")
        advance(0.1, fps=10)
        app.reset_visitor()
        advance(0.1, fps=10)


def test_repeated_visits_do_not_leave_widgets_behind(kiosk_app, advance):
    _round(kiosk_app, advance)  # first visits build the screens
    after_first = _live_widgets()
    _round(kiosk_app, advance)
    assert _live_widgets() == after_first
