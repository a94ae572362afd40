"""A grid whose last, incomplete row is centred: five home tiles in two
columns become 2 + 2 + 1 with the single tile in the middle, not stuck to
the left as Kivy's GridLayout would put it.

Every cell has the same size (the grid's size split into ``cols`` columns
and as many rows as needed); children keep their order (first added = top
left, or top right when ``rtl`` is set).
"""

from __future__ import annotations

import math

from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.layout import Layout

__all__ = ("CenteredGrid",)


class CenteredGrid(Layout):
    """Equal cells in ``cols`` columns; a short last row is centred."""

    cols = NumericProperty(2)
    """Number of columns (at least 1). :class:`~kivy.properties.NumericProperty`."""

    spacing = NumericProperty(0)
    """Gap between cells in px. :class:`~kivy.properties.NumericProperty`."""

    rtl = BooleanProperty(False)
    """Fill rows from the right (right-to-left languages).
    :class:`~kivy.properties.BooleanProperty`."""

    test_name = StringProperty("")
    """Name for tests. :class:`~kivy.properties.StringProperty`."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for prop in ("cols", "spacing", "rtl", "size", "pos", "children"):
            self.fbind(prop, self._trigger_layout)

    @property
    def rows(self) -> int:
        return max(1, math.ceil(len(self.children) / max(1, int(self.cols))))

    def do_layout(self, *_args) -> None:
        items = list(reversed(self.children))  # in the order they were added
        if not items:
            return
        cols = max(1, int(self.cols))
        rows = math.ceil(len(items) / cols)
        gap = self.spacing
        cell_w = max(0.0, (self.width - gap * (cols - 1)) / cols)
        cell_h = max(0.0, (self.height - gap * (rows - 1)) / rows)
        for row in range(rows):
            in_row = items[row * cols:(row + 1) * cols]
            row_width = len(in_row) * cell_w + (len(in_row) - 1) * gap
            x0 = self.x + (self.width - row_width) / 2
            y = self.top - (row + 1) * cell_h - row * gap
            for i, child in enumerate(in_row):
                col = len(in_row) - 1 - i if self.rtl else i
                child.size = (cell_w, cell_h)
                child.pos = (x0 + col * (cell_w + gap), y)
