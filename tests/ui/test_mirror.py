"""Mirroring for right-to-left languages: a MirrorBox and the widgets that
mix MirrorMixin in are the exact mirror image of their left-to-right
layout, and arrows point the other way."""

from __future__ import annotations

import pytest
from kivy.uix.widget import Widget

from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.mirror import MirrorBox, mirrored_icon
from kiosk.ui.widgets.stepper import Stepper
from kiosk.ui.widgets.tile_grid import TileGrid


def _row(rtl: bool) -> MirrorBox:
    box = MirrorBox(orientation="horizontal", padding=(10, 0, 30, 0), spacing=5)
    for width in (100, 200, 50):
        box.add_widget(Widget(size_hint_x=None, width=width))
    box.rtl = rtl
    return box


@pytest.mark.parametrize("rtl", [False, True])
def test_mirror_box_places_children_as_the_mirror_image(render, rtl):
    ltr_box, box = _row(False), _row(rtl)
    render(ltr_box, (600, 100))
    ltr = [(w.x, w.right) for w in reversed(ltr_box.children)]
    render(box, (600, 100))
    got = [(w.x, w.right) for w in reversed(box.children)]
    if not rtl:
        assert got == ltr
    else:
        # each child sits where its mirror image would: x ↔ width - right
        assert got == [(600 - right, 600 - x) for x, right in ltr]
        assert got[0][0] > got[1][0] > got[2][0]        # first child rightmost


def test_switching_direction_relayouts_at_once(render, advance):
    box = _row(False)
    render(box, (600, 100))
    first = box.children[-1]
    assert first.x == 10
    box.rtl = True
    advance(0.05)
    assert first.right == 600 - 10
    box.rtl = False
    advance(0.05)
    assert first.x == 10


def test_stepper_puts_minus_on_the_reading_side(render):
    stepper = Stepper(value=2, min=0, max=5)
    stepper.rtl = True
    render(stepper, (400, 80))
    minus = next(w for w in stepper.walk() if getattr(w, "name", "") == "minus")
    plus = next(w for w in stepper.walk() if getattr(w, "name", "") == "plus")
    assert minus.x > plus.x


def test_button_arrows_point_along_the_reading_direction(render):
    button = KioskButton(text="Zurück", icon="back", size_hint=(None, None), size=(300, 80))
    render(button, (300, 80))
    picture = next(w for w in button.children if hasattr(w, "name"))
    assert picture.name == "back"
    button.rtl = True
    render(button, (300, 80))
    label = next(w for w in button.children if hasattr(w, "texture_size") and not hasattr(w, "name"))
    assert picture.name == "next"
    assert picture.x > label.x                      # the pictogram first, from the right
    assert mirrored_icon("check", True) == "check"  # only pictograms that point flip


def test_tile_grid_starts_its_rows_at_the_right(render):
    grid = TileGrid(cols=3, row_height=80, size_hint_y=None)
    tiles = [Widget() for _ in range(4)]
    for tile in tiles:
        grid.add_widget(tile)
    grid.rtl = True
    render(grid, (600, 400))
    assert tiles[0].x > tiles[1].x > tiles[2].x
    assert tiles[3].center_x == pytest.approx(grid.center_x)   # the short last row stays centred
