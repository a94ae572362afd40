"""A grid of equal tiles whose last, shorter row is centred.

Kivy's ``GridLayout`` leaves a lonely last tile hanging on the left (ten
wish topics in three columns end in 3-3-3-1).  :class:`TileGrid` lays out
equal cells in rows of ``cols`` and centres every row, so a short last row
sits in the middle like on a poster.  Its height follows the content
(``size_hint_y`` None by default) so it can live in a ScrollView.

:func:`columns_for` is the one rule the children's screens use to choose
how many tiles go in a row for the window's orientation.
"""

from __future__ import annotations

import math
from functools import lru_cache

from kivy.properties import BoundedNumericProperty, NumericProperty, StringProperty
from kivy.uix.layout import Layout

from kiosk.ui.widgets.mirror import MirrorMixin

__all__ = ("TileGrid", "columns_for", "fit_font_size", "fit_line_font_size", "wrapped_text_height")


def columns_for(count: int, landscape: bool, *, most_in_a_row: int = 4) -> int:
    """Tiles per row: landscape puts up to ``most_in_a_row`` in one row and
    spreads more over as few balanced rows as possible (5 → 3 + 2, 8 → 4 + 4,
    9 → 3 + 3 + 3); portrait uses two columns for a handful of tiles and
    three for more."""
    count = max(1, int(count))
    if landscape:
        if count <= most_in_a_row:
            return count
        rows = math.ceil(count / most_in_a_row)
        return math.ceil(count / rows)
    return 2 if count <= 6 else 3


@lru_cache(maxsize=512)
def _word_width(word: str, font_size: float, font_name: str, bold: bool) -> float:
    from kivy.core.text import Label as CoreLabel  # noqa: PLC0415 - needs the window's text provider

    return float(CoreLabel(font_size=font_size, font_name=font_name, bold=bold).get_extents(word)[0])


def fit_font_size(text: str, width: float, font_size: float, *, smallest: float,
                  font_name: str, bold: bool = True) -> float:
    """``font_size``, or smaller (not below ``smallest``) so that the text's
    longest word fits in ``width`` px.  Kivy breaks a word that is wider than
    its label in the middle ("Gruppenangebot-e"); German compound words on
    narrow tiles hit that, in large type above all."""
    words = text.split()
    if not words or width <= 0:
        return font_size
    longest = max(_word_width(w, round(font_size, 1), font_name, bold) for w in words)
    return _shrunk_to(width, longest, font_size, smallest)


def fit_line_font_size(text: str, width: float, font_size: float, *, smallest: float,
                       font_name: str, bold: bool = False) -> float:
    """``font_size``, or smaller (not below ``smallest``) so that ``text``
    fits on one line of ``width`` px (e.g. a field's hint, which a second
    line would push out of the field)."""
    if not text or width <= 0:
        return font_size
    needed = _drawn_size(text, None, round(font_size, 1), font_name, bold, _ui_language())[0]
    return _shrunk_to(width, needed, font_size, smallest)


def _shrunk_to(width: float, needed: float, font_size: float, smallest: float) -> float:
    """The font size at which text ``needed`` px wide at ``font_size`` takes
    ``width`` px (text width grows in proportion to the size)."""
    if needed <= width:
        return font_size
    return max(smallest, math.floor(font_size * width / needed))


def wrapped_text_height(text: str, width: float, font_size: float, *, font_name: str,
                        bold: bool = True) -> int:
    """Height in px that ``text`` needs when a :class:`BidiLabel` wraps it
    at ``width`` in the current UI language.  Measured by drawing it, since
    line heights differ a lot between fonts (Noto Sans Arabic's lines are
    1.5× as tall as Noto Sans's) and Arabic wraps in its own layout."""
    return _drawn_size(text, max(1, round(width)), round(font_size, 1), font_name, bold,
                       _ui_language())[1]


def _ui_language() -> str:
    from kiosk.i18n import current_language  # noqa: PLC0415 - UI language at call time

    return current_language()


@lru_cache(maxsize=1024)
def _drawn_size(text: str, width: int | None, font_size: float, font_name: str, bold: bool,
                lang: str) -> tuple[int, int]:
    """Texture size of ``text`` drawn by a :class:`BidiLabel` in ``lang``
    (shaped, with the fallback fonts), wrapped at ``width`` or on one line."""
    from kiosk.ui.widgets.bidi_label import BidiLabel  # noqa: PLC0415 - avoids an import cycle

    probe = BidiLabel(text=text, font_name=font_name, font_size=font_size, bold=bold,
                      lang=lang, text_size=(width, None))
    probe._trigger_texture.cancel()  # measured right here, never drawn
    probe.texture_update()
    return int(probe.texture_size[0]), int(probe.texture_size[1])


class TileGrid(MirrorMixin, Layout):
    """Equal cells in rows of :attr:`cols`, each row centred horizontally."""

    cols = BoundedNumericProperty(3, min=1)
    """Tiles per row. :class:`~kivy.properties.BoundedNumericProperty`, default 3."""

    row_height = NumericProperty(200)
    """Height of every row in px. :class:`~kivy.properties.NumericProperty`."""

    max_cell_width = NumericProperty(0)
    """Cells are never wider than this (0 = no limit), so two tiles on a wide
    screen stay tile-shaped. :class:`~kivy.properties.NumericProperty`."""

    spacing = NumericProperty(14)
    """Gap between cells and rows in px. :class:`~kivy.properties.NumericProperty`."""

    bottom_gap = NumericProperty(0)
    """Empty space below the last row (e.g. for the tiles' shadows), in px.
    :class:`~kivy.properties.NumericProperty`."""

    row_width = NumericProperty(0)
    """Read-only: width of the widest (first) row in px, e.g. to line up a
    bar below the grid. :class:`~kivy.properties.NumericProperty`."""

    minimum_height = NumericProperty(0)
    """Read-only: height the rows need. :class:`~kivy.properties.NumericProperty`."""

    test_name = StringProperty("")
    """Name for tests to find this widget by. :class:`~kivy.properties.StringProperty`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("size_hint_y", None)
        super().__init__(**kwargs)
        trigger = self._trigger_layout
        for prop in ("cols", "row_height", "max_cell_width", "spacing", "bottom_gap", "children", "size", "pos"):
            self.fbind(prop, trigger)
        self.fbind("minimum_height", self._follow_height)

    def _follow_height(self, *_):
        if self.size_hint_y is None:
            self.height = self.minimum_height

    def rows(self) -> int:
        return math.ceil(len(self.children) / int(self.cols)) if self.children else 0

    def cell_width(self) -> float:
        cols = int(self.cols)
        width = (self.width - (cols - 1) * self.spacing) / cols
        if self.max_cell_width > 0:
            width = min(width, self.max_cell_width)
        return max(0.0, width)

    def do_layout(self, *_):
        tiles = list(reversed(self.children))   # in the order they were added
        cols = int(self.cols)
        rows = self.rows()
        self.minimum_height = rows * self.row_height + max(0, rows - 1) * self.spacing + self.bottom_gap
        cell_w = self.cell_width()
        first = min(cols, len(tiles))
        self.row_width = first * cell_w + max(0, first - 1) * self.spacing
        for row in range(rows):
            chunk = tiles[row * cols:(row + 1) * cols]
            row_w = len(chunk) * cell_w + (len(chunk) - 1) * self.spacing
            x = self.x + (self.width - row_w) / 2
            y = self.top - (row + 1) * self.row_height - row * self.spacing
            for tile in chunk:
                tile.size_hint = (None, None)
                tile.size = (cell_w, self.row_height)
                tile.pos = (x, y)
                x += cell_w + self.spacing
        self.mirror_children()   # the first tile on the right in Arabic
