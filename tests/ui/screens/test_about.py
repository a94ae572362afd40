""""Das sind wir": the motto, the introduction, the five principles, the
roles with pictograms, and only those contact details the config fills in
(never a draft's "???")."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk.config import load_config
from kiosk.ui.screens.about import paragraphs, role_pictogram, split_named
from tests.conftest import SHIPPED_CONFIG
from tests.ui.screens.conftest import build_app



def settle(advance) -> None:
    advance(0.5, fps=10)  # the slide (theme.MOTION.transition) has ended


def visible_texts(widget) -> list[str]:
    return [w.text for w in widget.walk(restrict=True)
            if isinstance(getattr(w, "text", None), str) and w.text and w.opacity > 0]


def test_about_tells_who_we_are(kiosk_app, tap, find, find_all, advance, screenshot):
    app = kiosk_app
    tap(find(app.root, "tile.about"), hold=0.02)
    settle(advance)
    assert app.current_screen == "about"
    screen = app.screen("about")
    assert find(screen, "about.title").text == "Das sind wir"
    assert find(screen, "about.tagline").text == "Wo Nachbarschaft noch zählt."
    intro = find(screen, "about.intro").text
    assert intro.startswith("Das Stadtteilbüro Hüls-Süd ist eines von vier Stadtteilbüros in Marl.")
    assert "\n\n" in intro  # paragraphs kept
    screenshot("about-top-landscape.png")

    # five principles, numbered, the friendly sentence first
    assert [find(screen, f"about.principle.{n}.number").text for n in range(1, 6)] == list("12345")
    assert find(screen, "about.principle.1.text").text == "Wir fragen nach, bevor wir planen."
    assert find(screen, "about.principle.1.name").text == \
        "Orientierung an den geäußerten Interessen und am Willen der Menschen"
    assert find_all(screen, "about.principle.6.number") == []

    # the roles, each with its own pictogram
    roles = [(find(screen, f"about.role.{n}.name").text, find(screen, f"about.role.{n}.pictogram"))
             for n in range(1, 5)]
    assert [name for name, _ in roles] == [
        "Netzwerker", "Offenes Haus", "Bei den Menschen", "Brücke zwischen Jung und Alt"]
    assert [p.name for _, p in roles] == ["group", "house", "people", "bridge"]
    assert all(p.known for _, p in roles)
    role_cards = screen.ids.roles_box.children
    assert len({round(c.height) for c in role_cards}) == 1  # an even row
    assert len({round(c.y) for c in role_cards}) == 1  # four in a row on a wide screen

    # the address is configured; phone and "seit …" are empty and left out
    assert find(screen, "about.contact.1.text").text == \
        "Nachbarschaftszentrum im ehemaligen Einkaufszentrum, Marl-Hüls"
    assert find_all(screen, "about.contact.2.text") == []
    assert not any("???" in t or "seit" in t for t in visible_texts(screen))

    screen.ids.scroll.scroll_y = 0.55
    advance(0.1, fps=20)
    screenshot("about-principles-landscape.png")
    screen.ids.scroll.scroll_y = 0
    advance(0.1, fps=20)
    screenshot("about-roles-landscape.png")

    app.reset_visitor()  # idle: back to the top next time
    assert screen.ids.scroll.scroll_y == 1


def test_contact_details_appear_only_when_filled_in(tmp_path, app_time, render, advance, find, find_all):
    config = replace(load_config(SHIPPED_CONFIG), phone="02365 123456", founded="2015", address="")
    app = build_app(render, advance, tmp_path / "data", app_time, config=config)
    try:
        app.go("about")
        settle(advance)
        screen = app.screen("about")
        texts = [find(screen, f"about.contact.{n}.text").text for n in (1, 2)]
        assert texts == ["Telefon: 02365 123456", "Uns gibt es seit 2015."]
        assert find_all(screen, "about.contact.3.text") == []

        app.service.replace_config(replace(config, phone="", founded=""))
        screen.config_changed()  # what app.reload_config() calls on every screen
        advance(0.1)
        assert find_all(screen, "about.contact.1.text") == []
        assert find(screen, "about.contact_heading").opacity == 0
    finally:
        app.dispatch("on_stop")


def test_about_in_portrait(kiosk_app_portrait, find, advance, screenshot):
    app = kiosk_app_portrait
    app.go("about")
    settle(advance)
    screen = app.screen("about")
    assert screen.ids.roles_box.cols == 2
    screenshot("about-top-portrait.png")
    screen.ids.scroll.scroll_y = 0
    advance(0.1, fps=20)
    screenshot("about-roles-portrait.png")


def test_names_split_at_the_dash_and_roles_find_their_pictogram():
    assert split_named("Netzwerker – wir bringen Nachbarn zusammen.", "de") == (
        "Netzwerker", "Wir bringen Nachbarn zusammen.")
    assert split_named("Ohne Strich bleibt alles Text.", "de") == ("", "Ohne Strich bleibt alles Text.")
    assert split_named("Bir – iki", "tr") == ("Bir", "İki")
    assert role_pictogram("Offenes Haus – hier ist jede und jeder willkommen.") == "house"
    assert role_pictogram("Brücke zwischen Jung und Alt – …") == "bridge"
    assert role_pictogram("Etwas ganz Neues") == "about"
    assert paragraphs("Eins\nzwei.\n\n  Drei.\n") == ["Eins zwei.", "Drei."]
