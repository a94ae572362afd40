"""Each language, screen by screen: the main visitor screens (home, offers,
sign-up, the thank-you) are written as screenshots per language and checked
for what a visitor of that language sees — translated words, and in Arabic
a mirrored layout (rows of tiles, arrows and steppers run from the right).

Screenshots: ``lang-<lang>-<screen>-<orientation>.png`` under
``KIOSK_SCREENSHOT_DIR``; the Arabic and Turkish home screens are copied
to ``docs/screenshots/``.
"""

from __future__ import annotations

import pytest

from kiosk import i18n
from kiosk.config import load_config
from tests.conftest import SHIPPED_CONFIG

LANGUAGES = load_config(SHIPPED_CONFIG).languages



def switch_language(app, tap, find, advance, lang: str) -> None:
    tap(find(app.root, f"lang_{lang}"), hold=0.02)
    advance(0.2)
    assert app.lang == lang


def settle(advance) -> None:
    advance(0.6, fps=10)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_main_screens_in_every_language(kiosk_app, tap, find, advance, screenshot, lang):
    app = kiosk_app
    switch_language(app, tap, find, advance, lang)
    i18n.set_language(lang)
    expected = i18n._("Heute bei uns")
    assert (lang == "de") == (expected == "Heute bei uns")
    assert find(app.root, "tile.today").text == expected
    rtl = lang == "ar"
    # the row of tiles starts at the reading side
    first, last = find(app.root, "tile.today"), find(app.root, "tile.about")
    assert (first.x > last.x) == rtl
    screenshot(f"lang-{lang}-home-landscape.png")

    tap(find(app.root, "tile.today"), hold=0.02)
    settle(advance)
    assert app.current_screen == "offers"
    title = find(app.root, "offers.title")
    picture = next(w for w in title.parent.children if w is not title and w.width > 0)
    assert (picture.x > title.x) == rtl          # the pictogram comes before the title
    assert (find(app.root, "logo").x > find(app.root, "home_button").x) == rtl   # the top bar too
    screenshot(f"lang-{lang}-offers-landscape.png")

    app.go("signup", animate=False)
    settle(advance)
    cards = [c for c in reversed(app.screen("signup").ids.cards.children)][:2]   # in reading order
    assert (cards[0].x > cards[1].x) == rtl
    back = find(app.root, "signup.back")
    assert (back.center_x > app.root.center_x) == rtl  # "back" on the side reading comes from
    screenshot(f"lang-{lang}-signup-landscape.png")

    app.go("feedback", animate=False)
    settle(advance)
    tap(find(app.root, "feedback.offer.cafe"), hold=0.02)
    advance(0.3)
    tap(find(app.root, "feedback.smiley.3"))
    advance(0.6)
    assert app.screen("feedback").step == "thanks"
    screenshot(f"lang-{lang}-thanks-landscape.png")
    assert app.lang == lang      # nothing on the way fell back to German


def test_a_field_hint_is_drawn_by_a_shaping_label_not_by_the_text_input(kiosk_app, tap, find, advance):
    """TextInput cannot shape Arabic and its font has no Arabic letters: its
    own hint would be a row of boxes.  The hint is a label on top instead."""
    app = kiosk_app
    switch_language(app, tap, find, advance, "ar")
    app.go("wishes", animate=False)
    advance(0.5)
    field = find(app.root, "wishes.text.input")
    hint = find(app.root, "wishes.text.hint")
    assert field.hint_text_color[3] == 0                  # TextInput draws no hint
    assert hint.text == field.hint_text and hint.text != "Noch etwas? Schreib es hier hin (freiwillig)"
    assert hint.uses_runs and hint.direction == "rtl"     # shaped, right to left
    assert hint.texture_size[0] > 0 and (hint.x, hint.width) == (field.x, field.width)
    field.text = "Ball"
    advance(0.1)
    assert hint.text == ""                                # gone as soon as there is text
