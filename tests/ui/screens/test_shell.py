"""The shell around the visitor screens, driven like a visitor would: no way
out (Escape, window close), the hidden staff door on the logo, the idle
reset that forgets everything, the calm attract loop and its way back,
language and "Große Schrift" buttons, and the bottom bar's alignment.

Idle tests build the app on the shipped config with shorter idle times
(20 s / 40 s) so the virtual clock has fewer frames to run; the behaviour
does not depend on the numbers.
"""

from __future__ import annotations

import importlib.util
from dataclasses import replace

import pytest
from kivy.base import EventLoop
from kivy.core.window import Window
from kivy.tests.common import UnitTestTouch

from kiosk.config import load_config
from kiosk.ui import theme
from tests.conftest import SHIPPED_CONFIG
from tests.ui.screens.conftest import build_app

IDLE_RESET = 20
ATTRACT = 40



@pytest.fixture
def quick_app(tmp_path, app_time, render, advance):
    config = replace(load_config(SHIPPED_CONFIG), idle_reset_seconds=IDLE_RESET, attract_seconds=ATTRACT)
    app = build_app(render, advance, tmp_path / "data", app_time, config=config)
    yield app
    app.dispatch("on_stop")


def settle(advance) -> None:
    """Let a slide between screens finish (theme.MOTION.transition)."""
    advance(0.5, fps=10)  # the slide (theme.MOTION.transition) has ended


def idle(advance, seconds: float) -> None:
    """Nobody touches the kiosk for ``seconds`` (the idle check runs every 0.5 s)."""
    advance(seconds, fps=2)


# --------------------------------------------------------------------------- #
# Lock-down
# --------------------------------------------------------------------------- #

def test_escape_back_key_and_window_close_do_not_leave_the_kiosk(kiosk_app, tap, find, advance):
    tap(find(kiosk_app.root, "tile.about"), hold=0.02)
    settle(advance)
    assert Window.dispatch("on_keyboard", 27, 0, "", []) is True  # Escape / Android back
    advance(0.1)
    assert Window.dispatch("on_request_close") is True  # the window's close button
    advance(0.1)
    assert kiosk_app.exited is False
    assert EventLoop.status == "started"
    assert kiosk_app.current_screen == "about"
    assert kiosk_app.manager.current == "about"


# --------------------------------------------------------------------------- #
# The hidden staff door
# --------------------------------------------------------------------------- #

@pytest.fixture
def staff_pin_screen(monkeypatch):
    """The PIN pad is another helper's screen; if it is not there, a plain
    screen stands in (this test only checks that the door opens)."""
    from kiosk.ui import app as app_module

    if importlib.util.find_spec("kiosk.ui.screens.staff_pin") is None:
        monkeypatch.setitem(app_module.SCREENS, "staff_pin", "kiosk.ui.screens.base:KioskScreen")


def test_only_holding_the_logo_three_seconds_opens_the_staff_pin(kiosk_app, staff_pin_screen, tap, find, advance):
    logo = find(kiosk_app.root, "logo")
    tap(logo, hold=0.3)  # a short tap
    advance(3.5, fps=10)  # the hold timer must have been cancelled by the lift
    assert kiosk_app.current_screen == "home"

    x, y = logo.to_window(*logo.center)
    touch = UnitTestTouch(x, y)
    touch.touch_down()
    advance(2.5, fps=10)
    assert kiosk_app.current_screen == "home"  # not yet
    advance(0.6, fps=10)
    touch.touch_up()
    settle(advance)
    assert kiosk_app.current_screen == "staff_pin"


# --------------------------------------------------------------------------- #
# Idle reset and the attract loop
# --------------------------------------------------------------------------- #

def test_idle_reset_goes_home_in_german_with_normal_text(quick_app, tap, find, advance):
    app = quick_app
    tap(find(app.root, "lang_en"), hold=0.02)
    tap(find(app.root, "large_text"), hold=0.02)
    assert (app.lang, app.font_scale) == ("en", theme.LARGE_TYPE_FACTOR)
    tap(find(app.root, "tile.today"), hold=0.02)
    settle(advance)
    offers = app.screen("offers")
    advance(0.5, fps=10)  # the later days are built frame by frame
    offers.ids.scroll.scroll_y = 0.3  # the visitor scrolled down a bit
    assert app.current_screen == "offers"

    idle(advance, IDLE_RESET - 5)
    tap(find(app.root, "offers.title"), hold=0.02)  # still reading: a touch restarts the idle time
    idle(advance, IDLE_RESET - 2)
    assert app.current_screen == "offers"  # not yet
    idle(advance, 3)
    assert app.current_screen == "home"
    assert app.lang == "de"
    assert app.font_scale == 1.0
    assert offers.ids.scroll.scroll_y == 1  # the list forgot where it was
    assert find(app.root, "home.tagline").text == "Wo Nachbarschaft noch zählt."


def test_attract_loop_starts_cycles_and_a_touch_goes_home_swallowed(quick_app, tap, find, advance, screenshot):
    from kiosk.ui.screens.attract import CARD_SECONDS

    app = quick_app
    idle(advance, IDLE_RESET + 1)
    assert app.current_screen == "home"
    idle(advance, ATTRACT - IDLE_RESET)
    assert app.current_screen == "attract"
    card = find(app.root, "attract.card")
    first = find(card, "attract.card.title").text
    # today (Tue 24.11., 10:15+): the 10:00 counselling is still running, then three more
    assert first == "„Fall im Feld“ – Beratung"
    assert find(card, "attract.card.day").text == "Heute, Dienstag, 24. November"
    assert find(app.root, "attract.tap").text == "Tipp mich an!"
    # the bars (and their language buttons) are hidden in the loop
    assert app.root.ids.top_bar.height == 0 and app.root.ids.bottom_bar.height == 0
    screenshot("attract-loop-landscape.png")

    advance(CARD_SECONDS + theme.MOTION.transition + 0.1, fps=10)
    second = find(card, "attract.card.title").text
    assert second == "Brücke zwischen Jung und Alt"
    assert card.opacity == pytest.approx(1.0)  # the fade has finished

    # A touch where the "Heute bei uns" tile will be: goes home, and the tile
    # must NOT also be pressed by that same touch.
    tile = find(app.screen("home"), "tile.today")  # home is not on show: its last place
    x, y = tile.to_window(*tile.center)
    assert 0 < x < Window.width and 0 < y < Window.height
    touch = UnitTestTouch(x, y)
    touch.touch_down()
    advance(0.05)
    touch.touch_up()
    settle(advance)
    assert app.current_screen == "home"
    advance(CARD_SECONDS + 1, fps=4)
    assert app.current_screen == "home"  # the cycle stopped with the loop


def test_attract_cards_fall_back_to_the_next_days_then_to_nothing(service, fake_time):
    from kiosk.ui.screens.attract import attract_cards

    assert [c.offer_id for c in attract_cards(service, "de")] == [
        "fall-im-feld", "jung-und-alt", "cafe", "gruppen"]
    service.set_flag("cafe", service.clock.today(), cancelled=True)
    assert "cafe" not in [c.offer_id for c in attract_cards(service, "de")]
    fake_time.advance(9 * 3600)  # 19:15: today's offers are over
    cards = attract_cards(service, "de")
    assert (cards[0].day_label, cards[0].title) == ("Morgen, Mittwoch, 25. November", "Frühstückstreff")
    service.replace_config(replace(service.config, offers=()))
    assert attract_cards(service, "de") == []


def test_attract_loop_portrait(kiosk_app_portrait, tap, advance, find, screenshot):
    app = kiosk_app_portrait
    app.start_attract()
    advance(0.2, fps=20)
    card = find(app.root, "attract.card")
    stage = app.screen("attract").ids.stage
    assert card.orientation == "vertical"  # pictogram above the text on a tall screen
    assert stage.y - 1 <= card.y and card.top <= stage.top + 1
    assert card.height == pytest.approx(card.content_height)  # nothing cut off
    screenshot("attract-loop-portrait.png")

    # without any offers the loop shows the greeting instead of an empty card
    tap(find(app.root, "attract.card"), hold=0.02)
    settle(advance)
    app.service.replace_config(replace(app.service.config, offers=()))
    app.start_attract()
    advance(0.1)
    assert app.screen("attract").has_cards is False
    assert find(app.root, "attract.greeting").opacity == 1
    screenshot("attract-greeting-portrait.png")


# --------------------------------------------------------------------------- #
# Bottom bar
# --------------------------------------------------------------------------- #

def test_large_text_switch_toggles_the_font_scale(kiosk_app, tap, find, advance, screenshot):
    date_label = find(kiosk_app.root, "home.date")
    normal = date_label.font_size
    tap(find(kiosk_app.root, "large_text"), hold=0.02)
    assert kiosk_app.font_scale == theme.LARGE_TYPE_FACTOR
    assert date_label.font_size == pytest.approx(normal * theme.LARGE_TYPE_FACTOR)
    advance(0.1)
    # bigger text still leaves the five tiles inside the screen, below the header
    tiles = find(kiosk_app.root, "home.tiles")
    header_bottom = kiosk_app.screen("home").ids.header.y
    for tile in tiles.children:
        assert tile.top <= header_bottom + 1
        assert tile.y >= tiles.y - 1
    screenshot("home-large-text-landscape.png")
    tap(find(kiosk_app.root, "large_text"), hold=0.02)
    assert kiosk_app.font_scale == 1.0
    assert date_label.font_size == pytest.approx(normal)


def test_language_buttons_and_the_large_text_chip(kiosk_app, tap, find):
    tap(find(kiosk_app.root, "lang_tr"), hold=0.02)
    assert kiosk_app.lang == "tr"
    assert find(kiosk_app.root, "home.date").text == "24 Kasım Salı"
    tap(find(kiosk_app.root, "lang_de"), hold=0.02)
    assert kiosk_app.lang == "de"
    assert find(kiosk_app.root, "home.date").text == "Dienstag, 24. November"

    chip = find(kiosk_app.root, "large_text")
    languages = [find(kiosk_app.root, f"lang_{lang}") for lang in kiosk_app.service.config.languages]
    assert {b.y for b in languages} == {chip.y}  # one row, the chip on it
    assert chip.height == pytest.approx(languages[0].height)
    bar = kiosk_app.root.ids.bottom_bar
    # equal breathing room above the buttons and below them
    assert bar.top - chip.top == pytest.approx(chip.y - bar.y, abs=0.5)


def test_home_in_portrait(kiosk_app_portrait, find, screenshot):
    app = kiosk_app_portrait
    home = app.screen("home")
    tiles = find(app.root, "home.tiles")
    assert tiles.cols == 2
    assert home.ids.header.orientation == "vertical"
    assert home.ids.header.y >= tiles.top  # header above the tiles, no overlap
    for tile in tiles.children:
        assert 0 <= tile.x and tile.right <= home.width and tile.y >= 0
        assert tile.height >= theme.TOUCH.child
    by_name = {t.tile_id: t for t in tiles.children}
    # 2 + 2 + 1, the last tile centred under the others
    assert by_name["today"].y == pytest.approx(by_name["feedback"].y)
    assert by_name["wishes"].y == pytest.approx(by_name["signup"].y)
    assert by_name["about"].center_x == pytest.approx(tiles.center_x, abs=1)
    assert by_name["about"].y < by_name["wishes"].y
    # the bottom bar wraps to two rows; the chip sits on the lower one
    chip = find(app.root, "large_text")
    lowest = min(find(app.root, f"lang_{lang}").y for lang in app.service.config.languages)
    assert chip.y == pytest.approx(lowest, abs=0.5)
    screenshot("home-default-portrait.png")
