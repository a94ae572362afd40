"""The "große Schrift" switch enlarges ALL text on the visitor screens, not
just the labels that happen to be ThemedLabels: buttons, chips, steppers,
the office name in the top bar, the language buttons.

For each visitor screen, every visible label's font size is read with the
switch off and on.  Labels are matched by their text (a screen may rebuild
its cards when the size changes).  Exceptions are listed with their reason.
"""

from __future__ import annotations

from collections import defaultdict
import pytest
from kivy.uix.label import Label

from kiosk.ui import theme
from tests.ui.screens.conftest import VISITOR_SCREENS, ancestors

SCREENS = VISITOR_SCREENS


def visible_labels(root) -> dict[str, list[Label]]:
    """Visible labels with text, grouped by text, each group by font size."""
    found: dict[str, list[Label]] = defaultdict(list)
    for widget in root.walk(restrict=True):
        if isinstance(widget, Label) and widget.text.strip() and _shown(widget):
            found[widget.text].append(widget)
    return {text: sorted(labels, key=lambda w: w.font_size) for text, labels in found.items()}



def _shown(widget) -> bool:
    return widget.width > 0 and widget.height > 0 and all(n.opacity > 0 for n in ancestors(widget))


def _exempt(app, screen_name: str, label: Label) -> bool:
    """Labels that rightly keep their size:

    * the bottom bar (language buttons and the switch itself): the switch
      stays exactly under the finger that pressed it, so it can be pressed
      again to undo, and the five languages stay on one row;
    * home's five tiles in one landscape row keep their 34 px labels: the
      larger size would break "Wünsche" inside the word (see home.kv).
    """
    names = [getattr(n, "test_name", "") or "" for n in ancestors(label)]
    if any(name.startswith("lang_") or name == "large_text" for name in names):
        return True
    home_tiles = app.screen("home").ids.get("tiles")
    return (screen_name == "home" and home_tiles is not None and home_tiles.cols >= 4
            and any(tile.text == label.text for tile in home_tiles.children))


def _fills_its_room(label: Label) -> bool:
    """A long single word that shrank to fit its tile instead of breaking
    in the middle of the word (fit_font_size) grew as far as it could."""
    return label.texture_size[0] >= 0.85 * label.width


@pytest.mark.parametrize("name, params", SCREENS, ids=[s for s, _ in SCREENS])
def test_large_text_enlarges_every_label(kiosk_app, advance, name, params, screenshot):
    app = kiosk_app
    app.go(name, animate=False, **params)
    advance(0.3)
    normal = {text: [w.font_size for w in labels] for text, labels in visible_labels(app.root).items()}
    app.toggle_large_text()
    advance(0.3)
    large = visible_labels(app.root)
    screenshot(f"large-text-{name}-landscape.png")

    compared, too_small = 0, []
    for text, before in normal.items():
        after = large.get(text)
        if after is None or len(after) != len(before):
            continue
        for size, label in zip(before, after):
            if _exempt(app, name, label):
                continue
            compared += 1
            grew = label.font_size >= size * 1.15 or (label.font_size > size and _fills_its_room(label))
            if not grew:
                too_small.append((text[:40], round(size, 1), round(label.font_size, 1)))
    assert compared >= 3, f"only {compared} labels compared on {name}"
    assert not too_small, f"labels on {name} that do not grow with große Schrift: {too_small}"
    assert theme.LARGE_TYPE_FACTOR >= 1.2
