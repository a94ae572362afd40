"""Smiley feedback, driven like a child would: real touches on pictogram
tiles and smileys, then a look into the store.

The app runs on the shipped config with the kiosk clock on Tuesday
24.11.2026, 10:15 (``tests/ui/screens/conftest.py``): today's offers are
"Fall im Feld" (10:00), Brücke zwischen Jung und Alt (14:00), Sozialraum-Café
(14:30) and Gruppenangebote (16:00).  The service's debounce clock is the
fake wall clock ``app_time``, which only moves when a test moves it.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from kiosk.config import load_config
from tests.conftest import SAMPLE_DAY, SHIPPED_CONFIG
from tests.ui.screens.conftest import build_app

TODAYS_OFFERS = ["fall-im-feld", "jung-und-alt", "cafe", "gruppen"]


@pytest.fixture
def app5(tmp_path, app_time, render, advance):
    """The app on a config with five smileys."""
    config = dataclasses.replace(load_config(SHIPPED_CONFIG), feedback_scale=5)
    app = build_app(render, advance, tmp_path / "data5", app_time, config=config)
    yield app
    app.dispatch("on_stop")


def open_feedback(app, advance, animate=True):
    app.go("feedback", animate=animate)
    advance(0.4 if animate else 0.05, fps=15)
    screen = app.screen("feedback")
    assert app.current_screen == "feedback" and screen.step == "choose"
    return screen


def press(tap, advance, widget):
    """A real tap, plus the frames a ScrollView needs to pass the release on."""
    tap(widget)
    advance(0.25, fps=12)


def vote(app, tap, find, advance, offer_key: str, score: int):
    screen = app.screen("feedback")
    press(tap, advance, find(app.root, f"feedback.offer.{offer_key}"))
    assert screen.step == "smileys"
    tap(find(app.root, f"feedback.smiley.{score}"))           # no ScrollView: at once
    assert screen.step == "thanks"
    return screen


def feedback_records(app, day: date = SAMPLE_DAY) -> list[dict]:
    return app.service.store.records("feedback", day, day)


# --------------------------------------------------------------------------- #
# Step 1: the tiles
# --------------------------------------------------------------------------- #

def test_choose_shows_todays_offers_in_order_and_the_house_below(kiosk_app, find, find_all, advance, screenshot):
    screen = open_feedback(kiosk_app, advance)
    tiles = find(kiosk_app.root, "feedback.tiles")
    keys = [t.test_name.removeprefix("feedback.offer.") for t in reversed(tiles.children)]
    assert keys == TODAYS_OFFERS
    assert find(kiosk_app.root, "feedback.offer.cafe").text == "Sozialraum-Café"
    assert find(kiosk_app.root, "feedback.offer.cafe").subtitle == "14:30"
    house = find(kiosk_app.root, "feedback.offer.house")
    assert house.text == "Das Haus allgemein" and house.pictogram == "house"
    assert find(kiosk_app.root, "feedback.title").text == "Wo warst du heute?"
    # Every tile is a real, known pictogram and a big child-sized target.
    for tile in [*tiles.children, house]:
        assert find(tile, tile.test_name + ".pictogram").known, tile.test_name
        assert min(tile.size) >= 120, tile.test_name
    assert not screen.earlier
    screenshot("feedback-choose-landscape.png")


def test_every_pictogram_the_config_names_is_drawn(shipped_config):
    from kiosk.ui.widgets.pictogram import pictogram_names

    config = shipped_config
    named = {o.pictogram for o in config.offers} | {t.pictogram for t in config.wish_topics} | {"house", "back"}
    assert named - set(pictogram_names()) == set()


def test_an_offer_page_can_open_the_smileys_directly(kiosk_app, find, advance):
    kiosk_app.go("feedback", offer_id="jung-und-alt")
    advance(0.4, fps=15)
    screen = kiosk_app.screen("feedback")
    assert screen.step == "smileys"
    assert find(kiosk_app.root, "feedback.chosen_title").text == "Brücke zwischen Jung und Alt"


def test_choose_falls_back_to_the_last_days_offers_when_nothing_is_on_today(kiosk_app, find, advance, screenshot):
    sunday = date(2026, 11, 29)
    kiosk_app.today = sunday
    screen = open_feedback(kiosk_app, advance)
    assert screen.earlier
    tiles = find(kiosk_app.root, "feedback.tiles")
    keys = [t.test_name.removeprefix("feedback.offer.") for t in reversed(tiles.children)]
    # Most recent first (Friday's Stadtteilfest at 15:00 … Wednesday's
    # Chamäleon), each offer once, the house last.
    assert keys == ["stadtteilfest", "jung-und-alt", "fall-im-feld", "fruehstueck",
                    "gruppen", "cafe", "chamaeleon"]
    assert find(kiosk_app.root, "feedback.offer.house")
    assert find(kiosk_app.root, "feedback.offer.cafe").subtitle == "Donnerstag"
    assert find(kiosk_app.root, "feedback.title").text == "Wo warst du?"
    screenshot("feedback-choose-earlier-landscape.png")


def test_a_cancelled_offer_is_not_offered(kiosk_app, find_all, advance):
    kiosk_app.service.set_flag("cafe", SAMPLE_DAY, cancelled=True)
    open_feedback(kiosk_app, advance)
    assert not find_all(kiosk_app.root, "feedback.offer.cafe")
    assert find_all(kiosk_app.root, "feedback.offer.gruppen")


# --------------------------------------------------------------------------- #
# Step 2 and 3: smileys, thank-you, home
# --------------------------------------------------------------------------- #

def test_a_smiley_vote_is_stored_with_the_hour_slot_only(kiosk_app, tap, find, advance, screenshot):
    screen = open_feedback(kiosk_app, advance)
    press(tap, advance, find(kiosk_app.root, "feedback.offer.cafe"))
    assert screen.step == "smileys"
    assert find(kiosk_app.root, "feedback.chosen_title").text == "Sozialraum-Café"
    assert find(kiosk_app.root, "feedback.chosen_pictogram").name == "cafe"
    smileys = [find(kiosk_app.root, f"feedback.smiley.{m}") for m in (1, 2, 3)]
    assert [s.level for s in smileys] == [1, 3, 5]          # different faces, not colours
    assert all(min(s.size) >= 120 for s in smileys)
    screenshot("feedback-smileys-3-landscape.png")

    press(tap, advance, smileys[2])
    assert screen.step == "thanks"
    advance(0.6, fps=10)
    assert find(kiosk_app.root, "feedback.thanks.text").text == "Danke!"
    screenshot("feedback-thanks-landscape.png")

    records = feedback_records(kiosk_app)
    assert len(records) == 1
    record = records[0]
    assert record["offer_id"] == "cafe" and record["score"] == 3
    assert record["day"] == SAMPLE_DAY.isoformat() and record["hour"] == 10
    # Anonymous: no exact time stamp anywhere in the record.
    assert not {"created", "time", "timestamp", "minute", "second"} & set(record)
    assert not any(":" in str(v) for v in record.values())


def test_thank_you_goes_home_by_itself_after_about_three_seconds(kiosk_app, tap, find, advance):
    open_feedback(kiosk_app, advance)
    vote(kiosk_app, tap, find, advance, "gruppen", 1)
    advance(2.0, fps=10)
    assert kiosk_app.current_screen == "feedback"            # still celebrating
    advance(1.5, fps=10)
    assert kiosk_app.current_screen == "home"
    # The next visit starts afresh at step 1.
    screen = open_feedback(kiosk_app, advance)
    assert screen.chosen is None


def test_hammering_the_same_smiley_counts_once(kiosk_app, app_time, tap, find, advance):
    for _ in range(5):
        open_feedback(kiosk_app, advance, animate=False)
        vote(kiosk_app, tap, find, advance, "fall-im-feld", 3)
        app_time.advance(1)                                   # 5 votes within 5 s
    assert [r["offer_id"] for r in feedback_records(kiosk_app)] == ["fall-im-feld"]
    assert kiosk_app.screen("feedback").last_result is None   # the 5th was debounced …
    assert find(kiosk_app.root, "feedback.thanks")             # … and still thanked
    # Once the debounce time is over, the same offer counts again.
    app_time.advance(kiosk_app.service.config.feedback_debounce_seconds)
    open_feedback(kiosk_app, advance)
    vote(kiosk_app, tap, find, advance, "fall-im-feld", 1)
    assert [r["score"] for r in feedback_records(kiosk_app)] == [3, 1]


def test_the_house_in_general_stores_no_offer(kiosk_app, tap, find, advance):
    screen = open_feedback(kiosk_app, advance)
    press(tap, advance, find(kiosk_app.root, "feedback.offer.house"))
    assert find(kiosk_app.root, "feedback.chosen_pictogram").name == "house"
    assert find(kiosk_app.root, "feedback.chosen_title").text == "Das Haus allgemein"
    press(tap, advance, find(kiosk_app.root, "feedback.smiley.2"))
    assert screen.step == "thanks"
    records = feedback_records(kiosk_app)
    assert len(records) == 1
    assert records[0]["offer_id"] is None and records[0]["score"] == 2


def test_back_arrow_returns_to_the_tiles_without_storing(kiosk_app, tap, find, advance):
    screen = open_feedback(kiosk_app, advance)
    press(tap, advance, find(kiosk_app.root, "feedback.offer.jung-und-alt"))
    assert screen.step == "smileys"
    press(tap, advance, find(kiosk_app.root, "feedback.back"))
    assert screen.step == "choose" and screen.chosen is None
    assert find(kiosk_app.root, "feedback.offer.jung-und-alt")
    assert feedback_records(kiosk_app) == []


def test_a_refused_disk_still_says_thank_you(kiosk_app, tap, find, advance, monkeypatch):
    def refuse(*_args, **_kw):
        raise OSError(28, "Kein Platz mehr")

    screen = open_feedback(kiosk_app, advance)
    monkeypatch.setattr(kiosk_app.service.store, "add", refuse)
    vote(kiosk_app, tap, find, advance, "cafe", 3)
    assert screen.last_result is not None and screen.last_result.saved is False
    assert find(kiosk_app.root, "feedback.thanks.text").text == "Danke!"
    assert len(kiosk_app.service.unsaved) == 1                 # kept for the retry
    assert kiosk_app.unsaved_count == 1                        # staff will see it


def test_five_smileys_from_the_config(app5, tap, find, find_all, advance, screenshot):
    screen = open_feedback(app5, advance)
    press(tap, advance, find(app5.root, "feedback.offer.house"))
    faces = [find(app5.root, f"feedback.smiley.{m}") for m in range(1, 6)]
    assert [f.level for f in faces] == [1, 2, 3, 4, 5]
    assert all(min(f.size) >= 120 for f in faces)
    screenshot("feedback-smileys-5-landscape.png")
    press(tap, advance, faces[3])
    assert [r["score"] for r in feedback_records(app5)] == [4]
    assert screen.step == "thanks"


def test_config_changed_switches_between_three_and_five_smileys(kiosk_app, tap, find, find_all, advance):
    screen = open_feedback(kiosk_app, advance)
    kiosk_app.service.replace_config(dataclasses.replace(kiosk_app.service.config, feedback_scale=5))
    screen.config_changed()
    advance(0.1)
    press(tap, advance, find(kiosk_app.root, "feedback.offer.cafe"))
    assert [len(find_all(kiosk_app.root, f"feedback.smiley.{m}")) for m in range(1, 7)] == [1, 1, 1, 1, 1, 0]


def test_idle_reset_forgets_the_chosen_offer(kiosk_app, tap, find, advance):
    screen = open_feedback(kiosk_app, advance)
    press(tap, advance, find(kiosk_app.root, "feedback.offer.cafe"))
    assert screen.step == "smileys"
    advance(kiosk_app.service.config.idle_reset_seconds + 1, fps=0.2)   # big steps: no need to draw every frame
    assert kiosk_app.current_screen == "home"
    assert screen.step == "choose" and screen.chosen is None
    assert feedback_records(kiosk_app) == []


def test_leaving_during_the_thank_you_does_not_pull_the_visitor_home_later(kiosk_app, tap, find, advance):
    open_feedback(kiosk_app, advance)
    vote(kiosk_app, tap, find, advance, "cafe", 2)
    tap(find(kiosk_app.root, "home_button"))                  # "Start" during the thank-you
    advance(0.5)
    assert kiosk_app.current_screen == "home"
    kiosk_app.go("wishes")                                    # … and on to the wishes
    advance(4, fps=4)
    assert kiosk_app.current_screen == "wishes"


# --------------------------------------------------------------------------- #
# Portrait
# --------------------------------------------------------------------------- #

def test_portrait_screens(kiosk_app_portrait, tap, find, advance, screenshot):
    app = kiosk_app_portrait
    screen = open_feedback(app, advance)
    tiles = find(app.root, "feedback.tiles")
    assert tiles.cols == 2
    screenshot("feedback-choose-portrait.png")
    press(tap, advance, find(app.root, "feedback.offer.fall-im-feld"))
    faces = [find(app.root, f"feedback.smiley.{m}") for m in (1, 2, 3)]
    assert all(min(f.size) >= 120 for f in faces)
    # A column with the happiest face on top.
    assert faces[2].y > faces[1].y > faces[0].y
    screenshot("feedback-smileys-3-portrait.png")
    app.service.replace_config(dataclasses.replace(app.service.config, feedback_scale=5))
    screen.config_changed()
    advance(0.1)
    press(tap, advance, find(app.root, "feedback.offer.fall-im-feld"))
    faces = [find(app.root, f"feedback.smiley.{m}") for m in range(1, 6)]
    assert all(min(f.size) >= 160 for f in faces)
    # Happy on top, sad at the bottom (2-1-2, so every face stays big).
    assert faces[4].y == faces[3].y > faces[2].y > faces[1].y == faces[0].y
    screenshot("feedback-smileys-5-portrait.png")
    press(tap, advance, faces[4])
    advance(0.6, fps=10)
    screenshot("feedback-thanks-portrait.png")
    assert [r["score"] for r in feedback_records(app)] == [5]
