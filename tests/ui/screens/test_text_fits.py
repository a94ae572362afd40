"""No visitor text is cut off, in any language, in either orientation.

A label of fixed height (``text_size`` with a height) cuts off lines that do
not fit; a label of free height pushes into its neighbours.  Line heights
differ a lot between the kiosk's fonts (Noto Sans Arabic's lines are 1.5×
as tall as Noto Sans's), so this walks every label of every visitor screen
in every shipped language, at normal and large text size.  Text shortened
with "…" counts as cut off.  A single line taller than its box is allowed:
the box then only cuts the font's empty line space, not the letters
(e.g. the 72 px header rows)."""

from __future__ import annotations

import pytest

from kiosk.ui.widgets.bidi_label import BidiLabel
from kiosk.ui.widgets.tile_grid import wrapped_text_height
from tests.ui.screens.conftest import VISITOR_SCREENS


def _shown_labels(widget) -> list[BidiLabel]:
    return [w for w in widget.walk() if isinstance(w, BidiLabel) and w.text and w.opacity > 0]


def _problem(label: BidiLabel) -> str | None:
    if label.width < 5:
        return None
    if label.shorten and label.is_shortened:
        return "shortened with …"
    if label.text_size[1] is not None:
        width = (label.text_size[0] or label.width) - label.padding[0] - label.padding[2]
        needed = wrapped_text_height(label.text, width, label.font_size,
                                     font_name=label.font_name, bold=label.bold)
        one_line = wrapped_text_height(label.text, 100_000, label.font_size,
                                       font_name=label.font_name, bold=label.bold)
        if needed > one_line and needed > label.height + 2:
            return f"cut off: needs {needed} px, has {round(label.height)}"
    elif label.size_hint_y is None and label.texture_size[1] > label.height + 2:
        return f"runs over: needs {label.texture_size[1]} px, has {round(label.height)}"
    return None


@pytest.mark.parametrize(("orientation", "large_text"),
                         [("landscape", False), ("portrait", False), ("landscape", True), ("portrait", True)])
def test_no_visitor_text_is_cut_off(request, orientation, large_text, advance):
    app = request.getfixturevalue("kiosk_app" if orientation == "landscape" else "kiosk_app_portrait")
    problems = []
    for lang in app.service.config.languages:
        app.set_language(lang)
        if large_text and app.font_scale == 1.0:
            app.toggle_large_text()
        for name, params in VISITOR_SCREENS:
            app.go(name, animate=False, **params)
            advance(0.3, fps=10)
            for label in _shown_labels(app.screen(name)):
                problem = _problem(label)
                if problem:
                    problems.append(f"{lang} {name}: {label.text[:40]!r} {problem}")
    assert not problems, "\n".join(problems)
