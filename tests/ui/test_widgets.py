"""The UI foundation: theme, keyboard layouts, and every shared widget,
rendered in a real (offscreen) window and driven with real touches.

The gallery tests write screenshots (see ``conftest.py``) that the lead
copies to ``docs/screenshots/``; they also assert on the pixels so a blank
or black picture fails.
"""

from __future__ import annotations

import json
import os

import pytest
import zxingcpp
from kivy.core.window import Keyboard
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.floatlayout import FloatLayout
from kivy.uix.gridlayout import GridLayout
from kivy.uix.label import Label
from kivy.uix.widget import Widget

from kiosk.ui import bootstrap, theme
from kiosk.ui.widgets.buttons import IconButton, KioskButton
from kiosk.ui.widgets.card import Card
from kiosk.ui.widgets.labels import ThemedLabel
from kiosk.ui.widgets.pictogram import Pictogram, pictogram_names
from kiosk.ui.widgets.pinpad import PinPad
from kiosk.ui.widgets.qrview import QRView, qr_matrix
from kiosk.ui.widgets.smiley import Smiley, expression_level
from kiosk.ui.widgets.stepper import Stepper
from kiosk.ui.widgets.tile import Tile

P = theme.PALETTE

REQUIRED_PICTOGRAMS = (
    # home tiles
    "today", "feedback", "wishes", "signup", "about",
    # offers
    "cafe", "breakfast", "counsel", "bus", "chameleon", "sun", "group", "party", "bridge",
    # wish topics
    "playground", "youth", "sport", "culture", "trip", "clean", "homework", "seniors",
    "language", "festival",
    # general
    "house", "back", "next", "check", "lock", "globe", "clock", "room", "people", "euro",
)

HOME_TILE_TEXT = {
    "today": "Heute bei uns",
    "feedback": "Deine Meinung",
    "wishes": "Wünsche",
    "signup": "Anmelden",
    "about": "Das sind wir",
}


def caption(text: str) -> Label:
    return ThemedLabel(text=text, role="caption", halign="center", wrap=True)


def distinct_colours(image, step: int = 7) -> int:
    """How many different colours a coarse sample of the image has."""
    small = image.resize((image.width // step, image.height // step))
    return len(set(small.getdata()))


# --------------------------------------------------------------------------- #
# Theme
# --------------------------------------------------------------------------- #

def test_every_text_pair_meets_wcag_aa():
    failing = [(name, round(theme.contrast_ratio(fg, bg), 2))
               for name, fg, bg in theme.TEXT_PAIRS
               if theme.contrast_ratio(fg, bg) < theme.MIN_CONTRAST]
    assert not failing, f"below {theme.MIN_CONTRAST}:1: {failing}"
    # The five home tiles are all covered, with the label colour tiles use.
    names = " ".join(name for name, _fg, _bg in theme.TEXT_PAIRS)
    for label in HOME_TILE_TEXT.values():
        assert f"tile label: {label}" in names


def test_contrast_ratio_matches_wcag_reference_values():
    assert theme.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert theme.contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    # WCAG's own example: #777777 on white is just under AA.
    assert theme.contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_theme_sizes_follow_the_product_brief():
    t = theme.TYPE
    assert min(t.caption, t.body) >= 24
    assert t.title >= 40 and t.headline >= 40
    assert t.time >= t.title and t.date >= t.title        # times and dates large
    assert theme.scaled_type(theme.LARGE_TYPE_FACTOR).body == pytest.approx(t.body * 1.25)
    assert max(theme.MOTION.transition, theme.MOTION.press, theme.MOTION.feedback) <= 0.25
    assert theme.TOUCH.minimum >= 55
    assert theme.TOUCH.child > theme.TOUCH.comfortable > theme.TOUCH.minimum
    tiles = [colour for colour, _pic in theme.HOME_TILES.values()]
    assert len(set(tiles)) == 5                              # each tile its own colour
    assert len({pic for _c, pic in theme.HOME_TILES.values()}) == 5


# --------------------------------------------------------------------------- #
# Keyboard layouts
# --------------------------------------------------------------------------- #

def _layout(name: str) -> dict:
    return json.loads((bootstrap.KEYBOARD_DIR / f"{name}.json").read_text(encoding="utf-8"))


def _keys(layout: dict):
    for mode in ("normal", "shift"):
        for row in range(1, layout["rows"] + 1):
            for key in layout[f"{mode}_{row}"]:
                yield mode, row, key


@pytest.mark.parametrize("name", ["de", "numeric"])
def test_keyboard_layout_is_valid_for_kivy(name):
    layout = _layout(name)
    assert layout["rows"] >= 1 and layout["cols"] >= 1
    for mode, row, key in _keys(layout):
        where = f"{name} {mode}_{row} {key!r}"
        assert len(key) == 4, where
        label, text, keycode, width = key
        assert isinstance(label, str) and isinstance(width, (int, float)) and width > 0, where
        assert isinstance(keycode, str) and keycode, f"null/empty keycode: {where}"
        if text is None:
            # A special key: Kivy turns its keycode into a number and widgets
            # act on that number (backspace = 8, enter = 13 …).
            assert keycode in Keyboard.keycodes, where
        else:
            # A text key: the keycode is the key's unshifted name, lower case,
            # never a special key's name (which would e.g. erase text).
            assert keycode == keycode.lower(), where
            assert keycode not in {"backspace", "enter", "tab", "escape", "shift", "capslock"}, where
            if len(text) == 1 and text.isascii() and text.isalnum():
                assert Keyboard.keycodes.get(keycode) == ord(text.lower()), where
        # Rows fill the keyboard width (no ragged right edge).
    for mode in ("normal", "shift"):
        for row in range(1, layout["rows"] + 1):
            assert sum(k[3] for k in layout[f"{mode}_{row}"]) == layout["cols"], (mode, row)


def test_german_layout_has_the_letters_names_need():
    texts = {key[1] for _m, _r, key in _keys(_layout("de")) if key[1]}
    for ch in ("ä", "ö", "ü", "ß", "Ä", "Ö", "Ü", "-", "'", " ", "@", "."):
        assert ch in texts, ch
    specials = {key[2] for _m, _r, key in _keys(_layout("de")) if key[1] is None}
    assert {"backspace", "shift"} <= specials
    # QWERTZ: z next to t, y bottom left.
    de = _layout("de")
    assert [k[1] for k in de["normal_2"][:6]] == list("qwertz")
    assert de["normal_4"][1][1] == "y"


def test_numeric_layout_is_a_phone_pad():
    texts = {key[1] for _m, _r, key in _keys(_layout("numeric")) if key[1]}
    assert set("0123456789") <= texts
    assert {"+", " ", "/"} <= texts
    specials = {key[2] for _m, _r, key in _keys(_layout("numeric")) if key[1] is None}
    assert "backspace" in specials


def test_bootstrap_points_kivy_at_our_keyboard():
    from kivy.config import Config

    assert Config.get("kivy", "keyboard_mode") == "systemanddock"
    assert Config.get("kivy", "keyboard_layout") == str(bootstrap.GERMAN_KEYBOARD)
    assert bootstrap.keyboard_layout_path("numeric").endswith("numeric.json")
    assert Config.get("kivy", "exit_on_escape") == "0"
    assert Config.get("kivy", "desktop") == "1"             # no bubbles/handles
    assert Config.items("input") == []                       # tests bring their own touches
    with pytest.raises(RuntimeError):                        # too late to change now
        bootstrap.configure_kivy(fullscreen=True, kivy_home=bootstrap.PROJECT_ROOT / "x")


_PRODUCTION_PROBE = r"""
import json, os, sys
from pathlib import Path
from kiosk.ui.bootstrap import configure_kivy
home = Path(sys.argv[1])
configure_kivy(fullscreen=True, kivy_home=home)
configure_kivy(fullscreen=True, kivy_home=home)      # same again: harmless
from kivy.config import Config
print(json.dumps({
    "input": Config.items("input"),
    "fullscreen": Config.get("graphics", "fullscreen"),
    "show_cursor": Config.get("graphics", "show_cursor"),
    "maxfiles": Config.get("kivy", "log_maxfiles"),
    "home": os.environ["KIVY_HOME"],
    "no_args": os.environ["KIVY_NO_ARGS"],
    "modules": Config.items("modules"),
}))
"""

_TOO_LATE_PROBE = r"""
import sys
from pathlib import Path
import kivy
from kiosk.ui.bootstrap import configure_kivy
try:
    configure_kivy(fullscreen=True, kivy_home=Path(sys.argv[1]))
except RuntimeError as error:
    print("refused:", error)
"""


def _probe(script: str, home) -> str:
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("KIVY", "KCFG"))}
    env["SDL_VIDEODRIVER"] = "offscreen"
    result = subprocess.run([sys.executable, "-c", script, str(home)], env=env, text=True,
                            capture_output=True, timeout=60, cwd=bootstrap.PROJECT_ROOT)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_production_configuration_in_a_fresh_process(tmp_path):
    """What the tablet gets: one input provider, fullscreen without cursor,
    few log files, Kivy's home in our own directory (no stale config.ini)."""
    (tmp_path / "config.ini").write_text("[graphics]\nfullscreen = 0\n[input]\nx = probesysfs\n")
    seen = json.loads(_probe(_PRODUCTION_PROBE, tmp_path))
    assert seen["input"] == [["mouse", "mouse,disable_multitouch"]]
    assert seen["fullscreen"] == "auto" and seen["show_cursor"] == "0"
    assert int(seen["maxfiles"]) <= 10
    assert seen["home"] == str(tmp_path.resolve()) and seen["no_args"] == "1"
    assert seen["modules"] == []


def test_configure_kivy_refuses_to_run_after_kivy_was_imported(tmp_path):
    assert _probe(_TOO_LATE_PROBE, tmp_path).startswith("refused:")


def test_docked_keyboard_uses_our_german_layout(render, advance, screenshot, tap):
    from kivy.core.window import Window
    from kivy.uix.textinput import TextInput

    from kiosk.ui.widgets.keyboard import KioskKeyboard, install_keyboard

    install_keyboard()

    field = TextInput(size_hint=(None, None), size=(600, 80), pos=(40, 600))
    box = FloatLayout()
    box.add_widget(field)
    render(box)
    keyboard = Window.request_keyboard(lambda: None, field)
    try:
        assert keyboard.widget is not None, "no virtual keyboard (keyboard_mode?)"
        vk = keyboard.widget
        advance(0.1)                                        # layouts load on a trigger
        assert vk.docked
        assert vk.layout == str(bootstrap.GERMAN_KEYBOARD)
        assert vk.available_layouts[vk.layout]["normal_3"][10][1] == "ä"
        assert isinstance(vk, KioskKeyboard)
        screenshot("gallery-keyboard-de.png")
        vk.layout = bootstrap.keyboard_layout_path("numeric")
        advance(0.1)
        assert vk.available_layouts[vk.layout]["normal_1"][0][1] == "1"
        screenshot("gallery-keyboard-numeric.png")
    finally:
        Window.release_keyboard(field)


def test_typing_umlauts_and_backspace_on_the_docked_keyboard(render, tap, advance):
    """Real touches on our German layout reach a TextInput: ä, ß, ', -,
    shift for capitals, and backspace (keycode 'backspace' → 8)."""
    from kivy.core.window import Window
    from kivy.uix.textinput import TextInput

    from kiosk.ui.widgets.keyboard import KioskKeyboard, install_keyboard

    install_keyboard()
    field = TextInput(size_hint=(None, None), size=(600, 80), pos=(40, 600), multiline=False)
    box = FloatLayout()
    box.add_widget(field)
    render(box)
    field.focus = True
    advance(0.1)
    vk = next(w for w in Window.children if isinstance(w, KioskKeyboard))
    # The window keeps ONE docked keyboard for every field: the layout is
    # whatever the last field asked for, so set it on every focus.
    vk.layout = bootstrap.keyboard_layout_path("de")
    advance(0.05)
    try:
        def press(label: str) -> None:
            layout = vk.available_layouts[vk.layout]
            for line in range(1, layout["rows"] + 1):
                keys = layout[f"{vk.layout_mode}_{line}"]
                for index, key in enumerate(keys):
                    if key[0] == label or (key[2] == label and key[1] is None):
                        pos, size = vk.layout_geometry[f"LINE_{line}"][index]
                        centre = vk.to_parent(pos[0] + size[0] / 2, pos[1] + size[1] / 2)
                        tap(vk, pos=centre)
                        return
            raise AssertionError(f"no key {label!r} in {vk.layout_mode}")

        press("m")
        press("ä")
        press("ß")
        press("'")
        press("-")
        press("backspace")
        assert field.text == "mäß'"
        # Capitals: hold shift (one finger) while tapping a letter (another).
        from kivy.tests.common import UnitTestTouch

        layout = vk.available_layouts[vk.layout]
        index = [k[2] for k in layout["normal_4"]].index("shift")
        pos, size = vk.layout_geometry["LINE_4"][index]
        shift = UnitTestTouch(*vk.to_parent(pos[0] + size[0] / 2, pos[1] + size[1] / 2))
        shift.touch_down()
        advance(0.05)
        assert vk.layout_mode == "shift"
        press("Ö")
        shift.touch_up()
        advance(0.05)
        assert vk.layout_mode == "normal"
        assert field.text == "mäß'Ö"
        press("backspace")
        press("backspace")
        press("ö")
        assert field.text == "mäßö"
    finally:
        field.focus = False
        advance(0.1)


# --------------------------------------------------------------------------- #
# Pictograms
# --------------------------------------------------------------------------- #

def test_every_required_pictogram_is_registered():
    missing = set(REQUIRED_PICTOGRAMS) - set(pictogram_names())
    assert not missing


def test_unknown_pictogram_draws_fallback(render, grab):
    pic = Pictogram(name="does-not-exist", size_hint=(None, None), size=(200, 200), pos=(100, 100))
    root = FloatLayout()
    root.add_widget(pic)
    render(root)
    assert pic.known is False
    image = grab(pic)
    assert distinct_colours(image) > 2                      # something is drawn
    pic.name = "cafe"
    render(root)
    assert pic.known is True


def test_pictograms_differ_from_each_other(render, grab):
    """Each pictogram draws its own picture (no copy-paste duplicates)."""
    grid = GridLayout(cols=10)
    pics = {name: Pictogram(name=name) for name in REQUIRED_PICTOGRAMS}
    for pic in pics.values():
        grid.add_widget(pic)
    render(grid)
    images = {name: grab(pic).resize((24, 24)).tobytes() for name, pic in pics.items()}
    assert len(set(images.values())) == len(images)


def test_gallery_pictograms(render, screenshot, grab):
    grid = GridLayout(cols=9, padding=theme.SPACING.s, spacing=(theme.SPACING.xs, theme.SPACING.xs))
    for name in REQUIRED_PICTOGRAMS + ("unknown-name",):
        cell = BoxLayout(orientation="vertical", spacing=2)
        cell.add_widget(Pictogram(name=name))
        label = ThemedLabel(text=name, role="caption", halign="center", wrap=False,
                            size_hint_y=None, height=28, font_size=18)
        cell.add_widget(label)
        grid.add_widget(cell)
    render(grid)
    path = screenshot("gallery-pictograms.png")
    assert path.is_file()
    assert distinct_colours(grab()) > 40


def test_pictogram_scales_to_any_size(render, screenshot, grab):
    row = BoxLayout(spacing=theme.SPACING.m, padding=theme.SPACING.m)
    for size in (48, 96, 192, 384):
        holder = FloatLayout(size_hint_x=None, width=size)
        pic = Pictogram(name="chameleon", size_hint=(None, None), size=(size, size),
                        pos_hint={"x": 0, "center_y": .5})
        holder.add_widget(pic)
        row.add_widget(holder)
    render(row)
    screenshot("gallery-pictogram-sizes.png")
    pics = [holder.children[0] for holder in row.children]
    assert all(pic.known for pic in pics)
    # Side by side, each drawn at its own size (the disc's colour fills its middle).
    disc = tuple(round(c * 255) for c in P.mint[:3])
    for pic in pics:
        image = grab(pic)
        assert image.size == (pic.width, pic.height)
        assert image.getpixel((pic.width // 2, round(pic.height * 0.1))) == disc


# --------------------------------------------------------------------------- #
# Smiley
# --------------------------------------------------------------------------- #

def test_smiley_levels_map_both_scales():
    assert [expression_level(m, 5) for m in range(1, 6)] == [1, 2, 3, 4, 5]
    assert [expression_level(m, 3) for m in range(1, 4)] == [1, 3, 5]
    assert expression_level(9, 5) == 5 and expression_level(-1, 3) == 1


def test_gallery_smileys(render, screenshot, grab):
    root = BoxLayout(orientation="vertical", padding=theme.SPACING.l, spacing=theme.SPACING.m)
    for scale in (5, 3):
        root.add_widget(ThemedLabel(text=f"Skala {scale}", role="title"))
        row = BoxLayout(spacing=theme.SPACING.m)
        for mood in range(1, scale + 1):
            row.add_widget(Smiley(mood=mood, scale=scale, selected=(scale == 3 and mood == 3)))
        root.add_widget(row)
    render(root)
    screenshot("gallery-smileys.png")
    # Every face of the 5-scale looks different, even in grey (not colour alone).
    faces = root.children[2].children
    grey = [grab(face).convert("L").resize((40, 40)) for face in faces]
    # Normalise brightness so only shapes count.
    shapes = {bytes(0 if v < 90 else 255 for v in g.getdata()) for g in grey}
    assert len(shapes) == 5


def test_smiley_release_event_and_press_feedback(render, tap, advance, find):
    from kivy.tests.common import UnitTestTouch

    row = BoxLayout(padding=100, spacing=50)
    for mood in (1, 2, 3):
        row.add_widget(Smiley(mood=mood, scale=3, test_name=f"smiley.{mood}"))
    render(row)
    released = []
    for face in row.children:
        face.bind(on_release=lambda w: released.append(w.mood))
    tap(find(row, "smiley.3"))
    assert released == [3]
    tap(find(row, "smiley.1"))
    assert released == [3, 1]

    face = find(row, "smiley.2")
    x, y = face.to_window(*face.center)
    touch = UnitTestTouch(x, y)
    touch.touch_down()
    advance(0.2)
    assert face.zoom == pytest.approx(1.08)                  # grew while pressed
    touch.touch_up()
    advance(0.2)
    assert face.zoom == pytest.approx(1.0)
    assert released == [3, 1, 2]


# --------------------------------------------------------------------------- #
# Tiles, buttons, stepper, pinpad
# --------------------------------------------------------------------------- #

def home_like(orientation: str = "landscape") -> BoxLayout:
    """A home-screen-like arrangement of the five tiles (for the look)."""
    root = BoxLayout(orientation="vertical", padding=theme.SPACING.screen, spacing=theme.SPACING.m)
    header = BoxLayout(size_hint_y=None, height=120, spacing=theme.SPACING.m)
    header.add_widget(Pictogram(name="chameleon", size_hint_x=None, width=120))
    titles = BoxLayout(orientation="vertical")
    titles.add_widget(ThemedLabel(text="Hallo! Schön, dass du da bist.", wrap=False,
                                  role="headline" if orientation == "landscape" else "title"))
    titles.add_widget(ThemedLabel(text="Dienstag, 24. November · heute offen 9–18 Uhr",
                                  role="body", wrap=False, color=P.ink_muted))
    header.add_widget(titles)
    root.add_widget(header)
    cols = 3 if orientation == "landscape" else 2
    grid = GridLayout(cols=cols, spacing=theme.SPACING.m)
    for tile_id, (colour, pic) in theme.HOME_TILES.items():
        grid.add_widget(Tile(text=HOME_TILE_TEXT[tile_id], pictogram=pic, color=colour,
                             test_name=f"tile.{tile_id}"))
    root.add_widget(grid)
    return root


def test_gallery_home_tiles_landscape_and_portrait(render, screenshot, grab):
    render(home_like("landscape"))
    screenshot("gallery-home-tiles-landscape.png")
    image = grab()
    assert image.getpixel((5, 5)) == tuple(round(c * 255) for c in P.background[:3])
    render(home_like("portrait"), size=(800, 1280))
    screenshot("gallery-home-tiles-portrait.png")
    assert grab().size == (800, 1280)


def test_tile_release_is_a_real_touch(render, tap, find):
    root = home_like()
    render(root)
    released = []
    for tile_id in HOME_TILE_TEXT:
        find(root, f"tile.{tile_id}").bind(on_release=lambda w: released.append(w.test_name))
    tap(find(root, "tile.wishes"))
    tap(find(root, "tile.about"))
    assert released == ["tile.wishes", "tile.about"]
    # A touch beside every tile (on the header) releases nothing.
    tap(root.children[1], pos=(root.x + 10, root.top - 10))
    assert released == ["tile.wishes", "tile.about"]


def test_stepper_steps_within_bounds_by_touch(render, tap, find):
    root = FloatLayout()
    stepper = Stepper(min=0, max=2, value=1, test_name="adults",
                      size_hint=(None, None), width=400, pos=(100, 300))
    root.add_widget(stepper)
    render(root)
    minus, plus = find(root, "adults.minus"), find(root, "adults.plus")
    seen = []
    stepper.bind(value=lambda _w, v: seen.append(v))
    tap(plus)
    assert stepper.value == 2 and plus.disabled and not minus.disabled
    tap(plus)                                               # at max: nothing happens
    assert stepper.value == 2
    tap(minus)
    tap(minus)
    assert stepper.value == 0 and minus.disabled
    tap(minus)                                              # at min: nothing happens
    assert stepper.value == 0
    assert seen == [2, 1, 0]
    stepper.max = 5
    stepper.value = 99
    assert stepper.value == 5                               # clamped


def test_pinpad_digits_erase_submit_and_clear(render, tap, find, advance):
    root = FloatLayout()
    pad = PinPad(test_name="pin", min_length=4, max_length=6, pos=(400, 90))
    root.add_widget(pad)
    render(root)
    submitted, cleared = [], []
    pad.bind(on_submit=lambda _w, pin: submitted.append(pin), on_clear=lambda _w: cleared.append(1))
    ok = find(root, "pin.ok")
    assert ok.disabled
    for digit in "1397":
        tap(find(root, f"pin.key.{digit}"))
    assert pad.pin == "1397"
    assert find(root, "pin.dots").filled == 4              # shown as dots only
    assert not ok.disabled
    tap(find(root, "pin.erase"))
    assert pad.pin == "139"
    assert ok.disabled
    tap(ok)                                                 # disabled: no submit
    assert submitted == []
    for digit in "0555":
        tap(find(root, f"pin.key.{digit}"))
    assert pad.pin == "139055"                              # max_length 6: last 5 ignored
    tap(ok)
    assert submitted == ["139055"]
    pad.reject()
    advance(0.6)
    assert pad.pin == "" and cleared == [1] and pad.shake_offset == 0


def test_gallery_controls(render, screenshot, grab):
    root = BoxLayout(padding=theme.SPACING.screen, spacing=theme.SPACING.l)
    left = BoxLayout(orientation="vertical", spacing=theme.SPACING.m)
    left.add_widget(ThemedLabel(text="Wie viele kommen mit?", role="title"))
    card = Card(size_hint_y=None, height=260)
    for label, value in (("Erwachsene", 2), ("Kinder", 0)):
        line = BoxLayout(size_hint_y=None, height=theme.TOUCH.comfortable, spacing=theme.SPACING.m)
        line.add_widget(ThemedLabel(text=label, role="body", wrap=False))
        line.add_widget(Stepper(value=value, min=0, max=6, size_hint_x=None, width=340))
        card.add_widget(line)
    card.add_widget(ThemedLabel(text="Plätze frei: 7", role="body", color=P.ink_muted))
    left.add_widget(card)
    buttons = BoxLayout(size_hint_y=None, height=theme.TOUCH.comfortable, spacing=theme.SPACING.m)
    buttons.add_widget(KioskButton(text="Zurück", icon="back", variant="secondary"))
    buttons.add_widget(KioskButton(text="Anmelden", icon="check", variant="primary"))
    left.add_widget(buttons)
    quiet = BoxLayout(size_hint_y=None, height=theme.TOUCH.comfortable, spacing=theme.SPACING.m)
    quiet.add_widget(KioskButton(text="Leiser Knopf", variant="quiet"))
    quiet.add_widget(KioskButton(text="Gesperrt", variant="primary", disabled=True))
    quiet.add_widget(IconButton(name="next"))
    left.add_widget(quiet)
    offer = Tile(text="Sozialraum-Café", subtitle="15:00–17:00 · Raum 1 · für alle",
                 pictogram="cafe", color=P.surface, orientation="horizontal",
                 pictogram_color=P.peach, size_hint_y=None, height=120)
    left.add_widget(offer)
    left.add_widget(Widget())
    root.add_widget(left)
    right = BoxLayout(orientation="vertical", size_hint_x=None, width=430, spacing=theme.SPACING.m)
    right.add_widget(ThemedLabel(text="PIN fürs Team", role="title"))
    pad = PinPad(pin="12")
    right.add_widget(pad)
    root.add_widget(right)
    render(root)
    screenshot("gallery-controls.png")
    assert distinct_colours(grab()) > 20


# --------------------------------------------------------------------------- #
# QR
# --------------------------------------------------------------------------- #

def test_qrview_decodes_back_to_the_same_text(render, grab, screenshot):
    text = "HUELS-SUED|kiosk-1|2025-11-24|Grüße aus Marl! 0123456789"
    root = BoxLayout(padding=theme.SPACING.screen, spacing=theme.SPACING.l)
    card = Card(size_hint_x=None, width=560)
    qr = QRView(data=text, test_name="qr")
    card.add_widget(qr)
    root.add_widget(card)
    side = BoxLayout(orientation="vertical", spacing=theme.SPACING.m)
    side.add_widget(ThemedLabel(text="Mit dem Handy scannen: so kommt der Termin in deinen Kalender.",
                                role="title"))
    side.add_widget(ThemedLabel(text="Halte die Kamera ruhig vor den Code.", role="body",
                                color=P.ink_muted))
    side.add_widget(Widget())
    root.add_widget(side)
    render(root)
    screenshot("gallery-qr.png")
    assert tuple(qr.texture.size) == (qr.module_count, qr.module_count)   # one texel per module
    assert qr.module_count == len(qr_matrix(text)) + 2 * 4                  # 4-module quiet zone
    assert qr.module_px >= 4                                # crisp: whole pixels per module
    results = zxingcpp.read_barcodes(grab(qr))
    assert [r.text for r in results] == [text]
    # The quiet zone is there: the outer 4 modules of the symbol are white.
    image = grab(qr)
    side = qr.module_count * qr.module_px
    x0 = (image.width - side) // 2
    y0 = (image.height - side) // 2
    border = qr.quiet_zone * qr.module_px
    for dx in range(0, border, 2):
        assert image.getpixel((x0 + dx, y0 + side // 2)) == (255, 255, 255)
    # A new text re-renders (no stale cached image).
    qr.data = "zweiter Code"
    render(root)
    assert [r.text for r in zxingcpp.read_barcodes(grab(qr))] == ["zweiter Code"]


# --------------------------------------------------------------------------- #
# Leaks
# --------------------------------------------------------------------------- #

def test_widgets_are_freed_after_leaving_the_screen(render, tap, find, advance):
    """Shown, tapped and removed many times, no widget stays alive (no
    binding, Clock event or animation keeps a reference)."""
    import gc
    import weakref

    refs = []
    for round_ in range(8):
        root = BoxLayout(spacing=10)
        root.add_widget(Smiley(mood=3, test_name="s"))
        root.add_widget(Stepper(test_name="st", size_hint_x=None, width=360))
        root.add_widget(PinPad(test_name="p"))
        root.add_widget(QRView(data=f"runde {round_}"))
        root.add_widget(Tile(text="Wünsche", pictogram="wishes", test_name="t"))
        render(root)
        for name in ("s", "st.plus", "p.key.1", "t"):
            tap(find(root, name))
        refs += [weakref.ref(w) for w in root.walk()]
        del root
    render(Widget())
    advance(0.5)                                            # animations finish
    gc.collect()
    alive = {type(r()).__name__ for r in refs if r() is not None}
    assert not alive, f"still alive: {alive}"
