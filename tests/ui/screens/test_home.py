"""The home screen: greeting, motto, date and opening hours, and the five
tiles (each its own colour and pictogram) that lead to the visitor screens.
Clock: Tuesday 24.11.2026, 10:15 (tests/ui/screens/conftest.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from kiosk.config import load_config
from kiosk.locale_format import format_time_range
from kiosk.ui import theme
from kiosk.ui.screens.home import TILE_TARGETS, opening_hours_text
from tests.conftest import SHIPPED_CONFIG
from tests.ui.screens.conftest import build_app

TILE_TEXTS = {
    "today": "Heute bei uns",
    "feedback": "Deine Meinung",
    "wishes": "Wünsche",
    "signup": "Anmelden",
    "about": "Das sind wir",
}



def settle(advance) -> None:
    advance(0.5, fps=10)  # the slide (theme.MOTION.transition) has ended


def test_home_greets_with_motto_date_hours_and_five_tiles(kiosk_app, find, screenshot):
    root = kiosk_app.root
    assert kiosk_app.current_screen == "home"
    assert find(root, "home.greeting").text == "Hallo! Schön, dass du da bist."
    assert find(root, "home.tagline").text == "Wo Nachbarschaft noch zählt."
    assert find(root, "home.date").text == "Dienstag, 24. November"
    assert find(root, "home.hours").text == "Heute geöffnet: 09:00–18:00 Uhr"
    assert find(root, "home.date").font_size >= 40  # the date is large

    tiles = find(root, "home.tiles")
    assert tiles.cols == 5  # landscape: five in a row
    seen_colours = set()
    for tile_id, text in TILE_TEXTS.items():
        tile = find(root, f"tile.{tile_id}")
        picto = find(root, f"tile.{tile_id}.pictogram")
        assert tile.text == text
        assert tuple(tile.color) == theme.HOME_TILES[tile_id][0]
        assert picto.name == theme.HOME_TILES[tile_id][1] and picto.known
        seen_colours.add(tuple(tile.color))
        assert tile.width >= theme.TOUCH.child and tile.height >= theme.TOUCH.child
    assert len(seen_colours) == 5
    # one row, left to right in the order of the issue, pictograms level
    ordered = sorted(tiles.children, key=lambda t: t.x)
    assert [t.tile_id for t in ordered] == list(TILE_TEXTS)
    assert len({round(t.y) for t in ordered}) == 1
    assert len({round(find(t, f"tile.{t.tile_id}.pictogram").center_y) for t in ordered}) == 1
    # the header sits above the tiles, nothing overlaps
    assert kiosk_app.screen("home").ids.header.y >= tiles.top
    screenshot("home-default-landscape.png")


def test_every_tile_opens_its_screen(kiosk_app, tap, find, advance, monkeypatch):
    from kiosk.ui import app as app_module

    # Other helpers' screens are tested in their own files; plain stand-ins
    # keep this navigation test quick.
    for name in ("feedback", "wishes", "signup"):
        monkeypatch.setitem(app_module.SCREENS, name, "kiosk.ui.screens.base:KioskScreen")
    for tile_id, target in TILE_TARGETS.items():
        tap(find(kiosk_app.root, f"tile.{tile_id}"), hold=0.02)
        assert kiosk_app.current_screen == target, tile_id
        settle(advance)
        kiosk_app.go("home", animate=False)  # the way back is the shell's (tested there)
        advance(0.05, fps=20)


def test_switching_the_language_rewrites_motto_and_date(kiosk_app, tap, find):
    tap(find(kiosk_app.root, "lang_en"), hold=0.02)
    assert find(kiosk_app.root, "home.tagline").text == "Where neighbourhood still counts."
    assert find(kiosk_app.root, "home.date").text == "Tuesday, November 24"
    assert find(kiosk_app.root, "home.hours").text.endswith(format_time_range(time(9), time(18), "en"))


def test_a_closing_day_says_when_the_office_is_open_again(tmp_path, app_time, render, advance, find, screenshot):
    today = date(2026, 11, 24)
    config = replace(load_config(SHIPPED_CONFIG), closing_days=((today, today),))
    app = build_app(render, advance, tmp_path / "data", app_time, config=config)
    try:
        assert find(app.root, "home.hours").text == "Heute geschlossen – wieder offen am Mittwoch, 25. November"
        screenshot("home-closed-landscape.png")
    finally:
        app.dispatch("on_stop")


def test_opening_hours_text_for_weekend_and_split_days():
    config = load_config(SHIPPED_CONFIG)
    saturday = date(2026, 11, 28)
    assert opening_hours_text(config, saturday, "de") == "Heute geschlossen – wieder offen am Montag, 30. November"
    tuesday_with_lunch_break = ((time(9), time(12)), (time(13), time(18)))
    split = replace(config, opening_hours={**config.opening_hours, 1: tuesday_with_lunch_break})
    assert opening_hours_text(split, date(2026, 11, 24), "de") == \
        "Heute geöffnet: 09:00–12:00 Uhr, 13:00–18:00 Uhr"
    nothing = replace(config, opening_hours={})
    assert opening_hours_text(nothing, saturday, "de") == "Heute geschlossen"
