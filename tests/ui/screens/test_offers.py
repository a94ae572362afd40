""""Heute bei uns" and the offer detail, driven with real touches on the
shipped config.  Clock: Tuesday 24.11.2026, 10:15; today there are the
counselling (10–12, 4 places), the bridge meeting, the café and the groups.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from kivy.tests.common import UnitTestTouch

from kiosk.config import Localized, load_config
from kiosk.service import Availability
from kiosk.ui import theme
from kiosk.ui.offer_texts import (
    audience_text,
    availability_status,
    cost_text,
    day_heading,
    first_letter_upper,
)
from kiosk.ui.screens.base import KioskScreen
from tests.conftest import SHIPPED_CONFIG
from tests.ui.screens.conftest import build_app

TODAY = date(2026, 11, 24)
TOMORROW = date(2026, 11, 25)
THURSDAY = date(2026, 11, 26)


class RecordingScreen(KioskScreen):
    """Stands in for the sign-up screen (another helper's): remembers what
    ``show()`` was given."""

    def show(self, **params) -> None:
        self.params = params



def settle(advance) -> None:
    advance(0.5, fps=10)  # the slide (theme.MOTION.transition) has ended


def open_offers(app, tap, find, advance):
    tap(find(app.root, "tile.today"), hold=0.02)
    settle(advance)
    screen = app.screen("offers")
    wait_until_complete(screen, advance)
    assert app.current_screen == "offers"
    return screen


def wait_until_complete(screen, advance) -> None:
    for _ in range(20):  # later days are added one per frame
        if screen.complete:
            return
        advance(0.05, fps=20)
    assert screen.complete


def card(app, offer_id: str, day: date):
    from kiosk.ui.widgets.offer_card import OfferCard

    hits = [w for w in app.screen("offers").walk(restrict=True)
            if isinstance(w, OfferCard) and w.test_name == f"offer.{offer_id}.{day.isoformat()}"]
    assert len(hits) == 1, (offer_id, day)
    return hits[0]


def text(widget, part: str) -> str:
    return [w for w in widget.walk(restrict=True) if getattr(w, "test_name", "") == f"{widget.test_name}.{part}"][0].text


def bring_into_view(app, widget, advance) -> None:
    app.screen("offers").ids.scroll.scroll_to(widget, padding=40, animate=False)
    advance(0.1, fps=20)


# --------------------------------------------------------------------------- #
# The list
# --------------------------------------------------------------------------- #

def test_today_first_then_the_next_days_by_day(kiosk_app, tap, find, advance, screenshot):
    app = kiosk_app
    screen = open_offers(app, tap, find, advance)
    sections = list(reversed(screen.ids.sections.children))  # top to bottom
    assert [(s.heading, s.date_line) for s in sections] == [
        ("Heute", "Dienstag, 24. November"),
        ("Morgen", "Mittwoch, 25. November"),
        ("Donnerstag, 26. November", ""),
        ("Freitag, 27. November", ""),
        ("Montag, 30. November", ""),  # the weekend has no offers: no empty days
        ("Dienstag, 1. Dezember", ""),
    ]
    assert all(a.top > b.top for a, b in zip(sections, sections[1:]))  # really in that order
    assert [c.offer_id for c in sections[0].cards] == ["fall-im-feld", "jung-und-alt", "cafe", "gruppen"]

    counselling = card(app, "fall-im-feld", TODAY)
    assert text(counselling, "time") == "10:00–12:00 Uhr"
    assert text(counselling, "title") == "„Fall im Feld“ – Beratung"
    assert text(counselling, "room") == "Beratungsraum, 1. Stock"
    assert text(counselling, "audience") == "für Familien und Jugendliche"
    assert (counselling.status, counselling.status_kind) == ("noch 4 Plätze", "free")
    assert counselling.pictogram == "counsel"
    bridge = card(app, "jung-und-alt", TODAY)
    assert bridge.audience == "für Ältere, Jugendliche und Kinder"
    cafe = card(app, "cafe", TODAY)
    assert (cafe.status, cafe.status_kind) == ("ohne Anmeldung", "open")  # a drop-in offer
    assert card(app, "stadtteilfest", date(2026, 11, 27)).audience == "für alle"
    # two columns on the wide screen, cards of one row equally tall
    assert sections[0].ids.grid.cols == 2
    assert counselling.y == bridge.y and counselling.height == bridge.height
    assert counselling.height >= counselling.content_height
    screenshot("offers-today-landscape.png")


def test_staff_flags_and_new_sign_ups_show_when_the_list_comes_back(kiosk_app, tap, find, advance, screenshot):
    app = kiosk_app
    open_offers(app, tap, find, advance)
    before = card(app, "fall-im-feld", TODAY)

    service = app.service
    service.set_flag("fall-im-feld", TODAY, cancelled=True)
    service.set_flag("chamaeleon", TOMORROW, full=True)
    service.sign_up(offer_id="fall-im-feld", day=THURSDAY, name="Erika Beispiel", phone="0171 1234567",
                    adults=1, consent_given=True)

    tap(find(app.root, "home_button"), hold=0.02)
    settle(advance)
    open_offers(app, tap, find, advance)
    after = card(app, "fall-im-feld", TODAY)
    assert after is before  # refreshed in place, not rebuilt
    assert (after.status, after.status_kind) == ("fällt heute aus", "cancelled")
    assert (card(app, "chamaeleon", TOMORROW).status, card(app, "chamaeleon", TOMORROW).status_kind) == (
        "ausgebucht – Warteliste", "full")
    assert card(app, "fall-im-feld", THURSDAY).status == "noch 3 Plätze"
    screenshot("offers-flags-landscape.png")


def test_the_list_scrolls_by_dragging_without_opening_a_card(kiosk_app, tap, find, advance):
    app = kiosk_app
    screen = open_offers(app, tap, find, advance)
    scroll = screen.ids.scroll
    assert scroll.scroll_y == 1
    x, y = scroll.to_window(scroll.center_x, scroll.y + 60)
    touch = UnitTestTouch(x, y)
    touch.touch_down()
    for step in range(1, 6):  # a finger moving 400 px up within 0.2 s
        advance(0.04, fps=25)
        touch.touch_move(x, y + 80 * step)
    touch.touch_up()
    advance(0.3, fps=10)
    assert scroll.scroll_y < 0.95
    assert app.current_screen == "offers"


def test_switching_the_language_on_the_list(kiosk_app, tap, find, advance):
    app = kiosk_app
    open_offers(app, tap, find, advance)
    tap(find(app.root, "lang_en"), hold=0.02)
    screen = app.screen("offers")
    wait_until_complete(screen, advance)
    assert card(app, "fall-im-feld", TODAY).title == "Early family advice"
    assert card(app, "fall-im-feld", TODAY).time_text.startswith("10:00")
    sections = list(reversed(screen.ids.sections.children))
    assert sections[2].heading == "Thursday, November 26"


def test_a_closing_day_says_when_the_office_is_open_again(tmp_path, app_time, render, advance, tap, find):
    config = replace(load_config(SHIPPED_CONFIG), closing_days=((TODAY, TODAY),))
    app = build_app(render, advance, tmp_path / "data", app_time, config=config)
    try:
        screen = open_offers(app, tap, find, advance)
        first = list(reversed(screen.ids.sections.children))[0]
        assert first.heading == "Heute" and first.cards == []
        assert first.message == "Heute ist bei uns geschlossen. Wir sind wieder da am Mittwoch, 25. November."
        assert find(first, "day.2026-11-24.message").opacity == 1
    finally:
        app.dispatch("on_stop")


# --------------------------------------------------------------------------- #
# The detail view
# --------------------------------------------------------------------------- #

def test_a_card_opens_its_detail_and_the_big_button_the_sign_up(kiosk_app, tap, find, advance, screenshot,
                                                                  monkeypatch):
    from kiosk.ui import app as app_module

    monkeypatch.setitem(app_module.SCREENS, "signup", f"{__name__}:RecordingScreen")
    app = kiosk_app
    open_offers(app, tap, find, advance)
    chameleon = card(app, "chamaeleon", TOMORROW)
    bring_into_view(app, chameleon, advance)
    tap(chameleon, hold=0.02)
    settle(advance)
    assert app.current_screen == "offer_detail"
    root = app.root
    assert find(root, "detail.title").text == "Kunterbuntes Chamäleon"
    assert find(root, "detail.day").text == "Morgen, Mittwoch, 25. November"
    assert find(root, "detail.time").text == "15:00–17:00 Uhr"
    assert find(root, "detail.room.text").text == "Kinderraum"
    assert find(root, "detail.audience.text").text == "für Kinder"
    assert find(root, "detail.cost.text").text == "kostenlos"
    assert find(root, "detail.status").text == "noch 15 Plätze"
    assert find(root, "detail.description").text.startswith("Unsere bunte Gruppe für Kinder")
    signup_button = find(root, "detail.signup")
    assert signup_button.text == "Anmelden" and not signup_button.disabled and signup_button.opacity == 1
    assert signup_button.height >= theme.TOUCH.comfortable
    screenshot("offer_detail-signup-landscape.png")

    tap(signup_button, hold=0.02)
    settle(advance)
    assert app.current_screen == "signup"
    assert app.screen("signup").params == {"offer_id": "chamaeleon", "day": TOMORROW}

    # idle reset forgets the detail
    app.reset_visitor()
    assert app.screen("offer_detail").title == "" and app.screen("offer_detail").offer_id == ""


def test_detail_of_a_full_a_cancelled_and_a_drop_in_offer(kiosk_app, tap, find, advance, screenshot):
    app = kiosk_app
    root = app.root
    app.service.set_flag("chamaeleon", TOMORROW, full=True)
    app.go("offer_detail", offer_id="chamaeleon", day=TOMORROW)
    settle(advance)
    assert find(root, "detail.status").text == "ausgebucht – Warteliste"
    assert find(root, "detail.status").kind == "full"
    assert not find(root, "detail.signup").disabled  # the waiting list is still open
    screenshot("offer_detail-full-landscape.png")

    app.service.set_flag("fall-im-feld", THURSDAY, cancelled=True)
    app.go("offer_detail", offer_id="fall-im-feld", day=THURSDAY)
    settle(advance)
    assert find(root, "detail.status").text == "fällt leider aus"
    assert find(root, "detail.signup").disabled and find(root, "detail.signup").opacity == 0

    app.go("offer_detail", offer_id="fruehstueck", day=TOMORROW)
    settle(advance)
    assert find(root, "detail.status").text == "ohne Anmeldung"
    assert find(root, "detail.cost.text").text == "1 € Spende"
    assert find(root, "detail.signup").disabled
    screenshot("offer_detail-dropin-landscape.png")

    tap(find(root, "detail.back"), hold=0.02)
    settle(advance)
    assert app.current_screen == "offers"


def test_offers_and_details_in_portrait(kiosk_app_portrait, tap, find, advance, screenshot):
    app = kiosk_app_portrait
    screen = open_offers(app, tap, find, advance)
    today = list(reversed(screen.ids.sections.children))[0]
    assert today.ids.grid.cols == 1
    screenshot("offers-today-portrait.png")

    app.go("offer_detail", offer_id="chamaeleon", day=TOMORROW)
    settle(advance)
    detail = app.screen("offer_detail")
    assert detail.ids.content.orientation == "vertical"
    assert find(app.root, "detail.signup").opacity == 1
    screenshot("offer_detail-signup-portrait.png")

    app.service.set_flag("chamaeleon", TOMORROW, full=True)
    app.go("offer_detail", offer_id="chamaeleon", day=TOMORROW)
    settle(advance)
    assert find(app.root, "detail.status").text == "ausgebucht – Warteliste"
    screenshot("offer_detail-full-portrait.png")


def test_a_detail_for_an_offer_that_no_longer_exists(kiosk_app, find, advance):
    kiosk_app.go("offer_detail", offer_id="weg", day=TOMORROW)
    settle(advance)
    assert find(kiosk_app.root, "detail.title").text == "Dieses Angebot gibt es so nicht mehr."
    assert find(kiosk_app.root, "detail.signup").disabled


# --------------------------------------------------------------------------- #
# The words (no window needed)
# --------------------------------------------------------------------------- #

def test_audience_words():
    assert audience_text(("kinder",)) == "für Kinder"
    assert audience_text(("familien", "jugendliche")) == "für Familien und Jugendliche"
    assert audience_text(("senioren", "jugendliche", "kinder")) == "für Ältere, Jugendliche und Kinder"
    assert audience_text(("kinder", "alle")) == "für alle"
    assert audience_text(()) == ""


@pytest.mark.parametrize(
    ("signup", "availability", "today", "expected"),
    [
        (True, Availability(capacity=4, booked=1, waiting=0), True, ("noch 3 Plätze", "free")),
        (True, Availability(capacity=4, booked=3, waiting=0), True, ("noch 1 Platz", "free")),
        (True, Availability(capacity=4, booked=4, waiting=2), True, ("ausgebucht – Warteliste", "full")),
        (True, Availability(capacity=30, booked=0, waiting=0, full_flag=True), False,
         ("ausgebucht – Warteliste", "full")),
        (True, Availability(capacity=None, booked=9, waiting=0), True, ("Plätze frei", "free")),
        (True, Availability(capacity=4, booked=0, waiting=0, cancelled=True), True, ("fällt heute aus", "cancelled")),
        (False, Availability(capacity=None, booked=0, waiting=0, cancelled=True), False,
         ("fällt leider aus", "cancelled")),
        (False, Availability(capacity=None, booked=0, waiting=0), True, ("ohne Anmeldung", "open")),
        (False, Availability(capacity=None, booked=0, waiting=0, full_flag=True), True,
         ("heute leider voll", "full")),
    ],
)
def test_availability_words(signup, availability, today, expected):
    offer = replace(load_config(SHIPPED_CONFIG).offer("fall-im-feld"), signup=signup)
    assert availability_status(offer, availability, is_today=today) == expected


def test_cost_day_headings_and_sentence_starts():
    config = load_config(SHIPPED_CONFIG)
    assert cost_text(config.offer("cafe"), "de") == "kostenlos"
    assert cost_text(config.offer("familienausflug"), "en") == "5 € per adult, children free"
    assert cost_text(replace(config.offer("cafe"), cost=Localized.of("  ")), "de") == "kostenlos"
    assert day_heading(TODAY, TODAY, "de") == ("Heute", "Dienstag, 24. November")
    assert day_heading(TOMORROW, TODAY, "de") == ("Morgen", "Mittwoch, 25. November")
    assert day_heading(THURSDAY, TODAY, "de") == ("Donnerstag, 26. November", "")
    assert first_letter_upper("wir fragen nach.", "de") == "Wir fragen nach."
    assert first_letter_upper("istiyoruz", "tr") == "İstiyoruz"
    assert first_letter_upper("ßtraße", "de") == "ßtraße"
