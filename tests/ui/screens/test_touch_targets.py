"""Every visible thing a visitor can tap is at least 9 mm (theme.TOUCH.minimum,
55 px on the 10" 1280×800 screen) in both directions, and the children's
choices (smileys, offer tiles of the feedback, wish topics) are far larger
(theme.TOUCH.child).  Checked on the real screens, in both orientations, so a
layout change that squeezes a button fails here."""

from __future__ import annotations

import pytest
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.textinput import TextInput

from kiosk.ui import theme
from tests.ui.screens.conftest import PORTRAIT, VISITOR_SCREENS, ancestors, build_app

SCREENS = VISITOR_SCREENS
#: test_name prefixes of the children's choices
CHILD_TARGETS = ("feedback.offer.", "feedback.smiley.", "wishes.topic.")



def tappable(root):
    for widget in root.walk(restrict=True):
        if not isinstance(widget, (ButtonBehavior, TextInput)) or widget.disabled:
            continue
        if any(n.opacity == 0 for n in ancestors(widget)) or widget.width <= 0 or widget.height <= 0:
            continue
        yield widget


def _check(app, name):
    small = []
    for widget in tappable(app.root):
        label = getattr(widget, "test_name", "") or type(widget).__name__
        need = theme.TOUCH.child if label.startswith(CHILD_TARGETS) else theme.TOUCH.minimum
        if min(widget.width, widget.height) < need - 0.5:
            small.append((label, round(widget.width), round(widget.height), need))
    return small


@pytest.mark.parametrize("name, params", SCREENS, ids=[s for s, _ in SCREENS])
@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_every_tap_target_is_big_enough(tmp_path, app_time, render, advance, name, params, orientation):
    size = PORTRAIT if orientation == "portrait" else (1280, 800)
    app = build_app(render, advance, tmp_path / "data", app_time, size=size)
    try:
        app.go(name, animate=False, **params)
        advance(0.3)
        count = sum(1 for _ in tappable(app.root))
        assert count >= 3, f"{name}: only {count} tap targets found"
        if name in ("feedback", "wishes"):
            children = [w for w in tappable(app.root) if (getattr(w, "test_name", "") or "").startswith(CHILD_TARGETS)]
            assert len(children) >= 4, f"{name}: the children's tiles were not found"
        small = _check(app, name)
        assert not small, f"{name} ({orientation}): too small to tap: {small}"
    finally:
        app.dispatch("on_stop")


def test_the_check_finds_a_squeezed_button(kiosk_app, find, advance):
    """The check above could pass by finding nothing: prove it bites."""
    kiosk_app.go("offers", animate=False)
    advance(0.3)
    button = find(kiosk_app.root, "home_button")
    assert ("home_button" not in [s[0] for s in _check(kiosk_app, "offers")])
    button.size_hint = (None, None)
    button.size = (200, 40)
    advance(0.1)
    assert "home_button" in [s[0] for s in _check(kiosk_app, "offers")]
