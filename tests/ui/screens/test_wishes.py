"""Wishes, driven with real touches: topic tiles, the text field with the
docked on-screen keyboard, "Abschicken", the thank-you; then a look into
the store.  Shipped config, kiosk clock on Tuesday 24.11.2026, 10:15.
"""

from __future__ import annotations

import dataclasses

import pytest

from kivy.core.window import Window
from kivy.uix.vkeyboard import VKeyboard

from kiosk.config import Localized, WishTopic
from kiosk.ui.widgets.tile_grid import wrapped_text_height
from tests.conftest import SAMPLE_DAY

TOPICS = ["playground", "youth", "sport", "culture", "trips", "clean", "homework",
          "seniors", "language", "parties"]


def open_wishes(app, advance):
    app.go("wishes")
    advance(0.4, fps=15)
    screen = app.screen("wishes")
    assert app.current_screen == "wishes" and screen.step == "form"
    return screen


def press(tap, advance, widget):
    """A real tap, plus the frames a ScrollView needs to pass the release on."""
    tap(widget)
    advance(0.25, fps=12)


def wish_records(app) -> list[dict]:
    return app.service.store.records("wish", SAMPLE_DAY, SAMPLE_DAY)


def topic_ids(app) -> list[str]:
    return [t.id for t in app.service.config.wish_topics]


def keyboard():
    return next((w for w in Window.children if isinstance(w, VKeyboard)), None)


def type_on_keyboard(vk, text: str, tap, advance) -> None:
    """Press the on-screen keys for ``text`` (lower-case letters and space)."""
    layout = vk.available_layouts[vk.layout]
    geometry = vk.layout_geometry
    for char in text:
        found = None
        for line in range(1, layout["rows"] + 1):
            for index, key in enumerate(layout[f"normal_{line}"]):
                if key[1] == char:
                    found = geometry[f"LINE_{line}"][index]
            if found:
                break
        assert found, f"no key for {char!r}"
        (x, y), (w, h) = found
        tap(vk, pos=(vk.x + x + w / 2, vk.y + y + h / 2), hold=0.02)


def test_shipped_topics_all_have_real_pictograms(kiosk_app, tap, find, advance, screenshot):
    open_wishes(kiosk_app, advance)
    ids = topic_ids(kiosk_app)
    assert len(ids) == 10
    for topic_id in ids:
        tile = find(kiosk_app.root, f"wishes.topic.{topic_id}")
        assert find(tile, f"wishes.topic.{topic_id}.pictogram").known, topic_id
        assert min(tile.size) >= 120, topic_id
    assert find(kiosk_app.root, "wishes.title").text == "Was wünschst du dir für Hüls-Süd?"
    assert find(kiosk_app.root, "wishes.text.input").hint_text == "Noch etwas? Schreib es hier hin (freiwillig)"
    screenshot("wishes-landscape.png")
    # The button is on screen from the start, but needs a topic first.
    submit = find(kiosk_app.root, "wishes.submit")
    assert submit.disabled
    press(tap, advance, submit)
    assert kiosk_app.screen("wishes").step == "form"
    assert wish_records(kiosk_app) == []


def test_a_wish_with_two_topics_and_text_is_stored(kiosk_app, tap, find, advance, screenshot):
    screen = open_wishes(kiosk_app, advance)
    ids = topic_ids(kiosk_app)
    sport, homework = find(kiosk_app.root, f"wishes.topic.{ids[2]}"), find(kiosk_app.root, f"wishes.topic.{ids[6]}")
    press(tap, advance, homework)
    press(tap, advance, sport)
    assert sport.selected and homework.selected
    assert screen.selected == [ids[2], ids[6]]                 # config order
    submit = find(kiosk_app.root, "wishes.submit")
    assert not submit.disabled
    screenshot("wishes-selected-landscape.png")

    field = find(kiosk_app.root, "wishes.text.input")
    press(tap, advance, field)
    assert field.focus
    field.insert_text("Ein Bolzplatz mit Toren")
    press(tap, advance, submit)
    assert screen.step == "thanks"
    advance(0.6, fps=10)
    assert find(kiosk_app.root, "wishes.thanks.text").text == "Danke!"
    screenshot("wishes-thanks-landscape.png")

    records = wish_records(kiosk_app)
    assert len(records) == 1
    assert records[0]["topics"] == [ids[2], ids[6]]
    assert records[0]["text"] == "Ein Bolzplatz mit Toren"
    assert records[0]["hour"] == 10 and not {"created", "time"} & set(records[0])
    # … and home by itself.
    advance(3.5, fps=10)
    assert kiosk_app.current_screen == "home"


def test_a_chosen_tile_shows_a_check_mark_badge_and_a_second_tap_unchooses(kiosk_app, tap, find, advance, grab):
    screen = open_wishes(kiosk_app, advance)
    topic = topic_ids(kiosk_app)[3]
    tile = find(kiosk_app.root, f"wishes.topic.{topic}")

    def badge_pixel():
        cx, cy = tile.badge_center()
        # Just inside the badge disc, left of the white tick.
        x, y = tile.to_window(cx - tile.badge_size() * 0.3, cy)
        return grab().getpixel((round(x), round(Window.height - y)))

    before = badge_pixel()
    press(tap, advance, tile)
    after = badge_pixel()
    green = tuple(round(c * 255) for c in (0.118, 0.42, 0.227))   # theme success #1E6B3A
    assert all(abs(a - b) <= 12 for a, b in zip(after, green)), after
    assert before != after
    assert tile.selected and screen.selected == [topic]
    assert not find(kiosk_app.root, "wishes.submit").disabled
    # Tapped again: un-chosen, badge gone, and "Abschicken" waits again.
    press(tap, advance, tile)
    assert not tile.selected and screen.selected == []
    assert badge_pixel() == before
    assert find(kiosk_app.root, "wishes.submit").disabled


def test_too_long_text_shows_the_message_and_keeps_it(kiosk_app, tap, find, advance, screenshot):
    screen = open_wishes(kiosk_app, advance)
    ids = topic_ids(kiosk_app)
    press(tap, advance, find(kiosk_app.root, f"wishes.topic.{ids[1]}"))
    field = find(kiosk_app.root, "wishes.text.input")
    press(tap, advance, field)
    long_text = "Mehr Bänke im Park " * 12                     # 228 characters
    field.insert_text(long_text)
    press(tap, advance, find(kiosk_app.root, "wishes.submit"))
    assert screen.step == "form"
    message = find(kiosk_app.root, "wishes.text.error").text
    assert message == "Der Text ist zu lang. Bitte schreib höchstens 200 Zeichen."
    assert field.text == long_text                               # nothing lost
    assert screen.selected == [ids[1]]
    assert wish_records(kiosk_app) == []
    screenshot("wishes-error-landscape.png")
    # Shortened, it goes through.
    field.text = "Mehr Bänke im Park"
    advance(0.1)
    assert find(kiosk_app.root, "wishes.text.error").text == ""
    press(tap, advance, find(kiosk_app.root, "wishes.submit"))
    assert [r["text"] for r in wish_records(kiosk_app)] == ["Mehr Bänke im Park"]


def test_the_keyboard_never_covers_the_field_or_the_button(kiosk_app, tap, find, advance, screenshot):
    screen = open_wishes(kiosk_app, advance)
    ids = topic_ids(kiosk_app)
    press(tap, advance, find(kiosk_app.root, f"wishes.topic.{ids[0]}"))
    field = find(kiosk_app.root, "wishes.text.input")
    press(tap, advance, field)
    advance(0.1)
    vk = keyboard()
    assert field.focus and vk is not None and vk.docked
    keyboard_top = vk.top
    assert keyboard_top > 300                                   # a real, big keyboard
    submit = find(kiosk_app.root, "wishes.submit")
    for widget in (field, submit):
        bottom = widget.to_window(widget.x, widget.y)[1]
        top = widget.to_window(widget.x, widget.top)[1]
        assert bottom >= keyboard_top, widget
        assert top <= find(kiosk_app.root, "screen_wishes").to_window(0, screen.top)[1]
    screenshot("wishes-keyboard-landscape.png")
    # Typing on the on-screen keys goes into the field, which keeps its focus.
    type_on_keyboard(vk, "bank", tap, advance)
    assert field.text == "bank" and field.focus
    press(tap, advance, submit)                                 # straight from the keyboard
    assert screen.step == "thanks"
    assert keyboard() is None and screen.keyboard_overlap == 0
    assert [r["text"] for r in wish_records(kiosk_app)] == ["bank"]


def test_idle_reset_forgets_a_half_made_wish(kiosk_app, tap, find, advance):
    screen = open_wishes(kiosk_app, advance)
    ids = topic_ids(kiosk_app)
    tile = find(kiosk_app.root, f"wishes.topic.{ids[4]}")
    press(tap, advance, tile)
    field = find(kiosk_app.root, "wishes.text.input")
    press(tap, advance, field)
    field.insert_text("Halb fertig")
    advance(kiosk_app.service.config.idle_reset_seconds + 1, fps=0.2)   # big steps: no need to draw every frame
    assert kiosk_app.current_screen == "home"
    assert screen.selected == [] and not tile.selected
    assert field.text == "" and not field.focus
    assert keyboard() is None
    assert wish_records(kiosk_app) == []


def test_config_changed_rebuilds_the_tiles(kiosk_app, find, find_all, advance):
    screen = open_wishes(kiosk_app, advance)
    config = kiosk_app.service.config
    new_topic = WishTopic(id="garden", label=Localized.of("Gemeinschaftsgarten"), pictogram="star")
    kiosk_app.service.replace_config(dataclasses.replace(config, wish_topics=config.wish_topics[:3] + (new_topic,)))
    screen.config_changed()
    advance(0.1)
    assert len(find(kiosk_app.root, "wishes.topics").children) == 4
    garden = find(kiosk_app.root, "wishes.topic.garden")
    assert garden.text == "Gemeinschaftsgarten"
    assert find(garden, "wishes.topic.garden.pictogram").known


def test_portrait_screens(kiosk_app_portrait, tap, find, advance, screenshot):
    app = kiosk_app_portrait
    screen = open_wishes(app, advance)
    ids = topic_ids(app)
    for topic_id in ids:
        assert min(find(app.root, f"wishes.topic.{topic_id}").size) >= 120
    screenshot("wishes-portrait.png")
    press(tap, advance, find(app.root, f"wishes.topic.{ids[0]}"))
    press(tap, advance, find(app.root, f"wishes.topic.{ids[7]}"))
    screenshot("wishes-selected-portrait.png")
    field = find(app.root, "wishes.text.input")
    press(tap, advance, field)
    advance(0.1)
    vk = keyboard()
    assert vk is not None and vk.width == Window.width
    # Its keys are laid out for this width (a keyboard first shown in
    # landscape must not keep its landscape keys).
    assert max(x + w for (x, _y), (w, _h) in vk.layout_geometry["LINE_1"]) <= vk.width
    submit = find(app.root, "wishes.submit")
    for widget in (field, submit):
        assert widget.to_window(widget.x, widget.y)[1] >= vk.top
    field.insert_text("Ein Treffpunkt am Abend")
    screenshot("wishes-keyboard-portrait.png")
    press(tap, advance, submit)
    advance(0.6, fps=10)
    screenshot("wishes-thanks-portrait.png")
    assert [r["topics"] for r in wish_records(app)] == [[ids[0], ids[7]]]


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_every_topic_label_fits_its_tile_in_every_language(request, orientation, find, advance, screenshot):
    """Long topics ("المساعدة في الواجبات" in portrait) get smaller type
    rather than lines cut off at the tile's edge."""
    app = request.getfixturevalue("kiosk_app" if orientation == "landscape" else "kiosk_app_portrait")
    for lang in app.service.config.languages:
        app.set_language(lang)
        open_wishes(app, advance)
        if lang in ("uk", "ar"):
            screenshot(f"wishes-{lang}-{orientation}.png")
        for topic_id in topic_ids(app):
            tile = find(app.root, f"wishes.topic.{topic_id}")
            label = find(app.root, f"wishes.topic.{topic_id}.label")
            needed = wrapped_text_height(label.text, label.width, label.font_size, font_name=label.font_name)
            assert needed <= label.height + 1, (lang, topic_id, label.text, needed, label.height)
            assert label.y >= tile.y - 1 and label.top <= tile.top + 1, (lang, topic_id)
