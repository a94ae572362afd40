"""A QR symbol drawn from a module matrix that was made elsewhere.

The hand-over's symbols are made by ``kiosk.sync.qr_symbols`` (version,
error correction and mode are the sync format's decision, not the
widget's), so this widget takes the finished matrix — quiet zone included —
and only draws it: one texel per module, ``nearest`` filtering, a whole
number of screen pixels per module, placed on whole pixels, so every module
edge is crisp.  :class:`~kiosk.ui.widgets.qrview.QRView` is the sibling that
encodes text itself (for the visitor's calendar code).

Scanning needs enough pixels per module (docs/sync-format.md, section 7: at
least 5).  :attr:`MatrixView.module_px` says what was drawn and
:attr:`MatrixView.too_small` warns a screen whose layout gave too little
room.
"""

from __future__ import annotations

from typing import Sequence

from kivy.graphics import Color, Rectangle
from kivy.graphics.texture import Texture
from kivy.properties import (
    BooleanProperty,
    ColorProperty,
    NumericProperty,
    ObjectProperty,
    StringProperty,
)
from kivy.uix.widget import Widget

from kiosk.ui.widgets.qrview import matrix_to_rgba

__all__ = ("MatrixView", "MIN_MODULE_PX", "module_px_for")

#: The sync format's minimum (docs/sync-format.md, section 7).
MIN_MODULE_PX = 5


def module_px_for(side: float, modules: int) -> int:
    """The largest whole number of pixels per module that fits ``side`` px
    (0 when nothing is to be drawn)."""
    if modules <= 0 or side <= 0:
        return 0
    return int(side // modules)


class MatrixView(Widget):
    """Shows :attr:`matrix` square and centred, as large as fits with a whole
    number of pixels per module (never more than :attr:`max_module_px`)."""

    matrix = ObjectProperty(None, allownone=True)
    """Rows of booleans (``True`` = dark), quiet zone included, as
    ``kiosk.sync.qr_symbols.symbol_matrix`` returns them; ``None`` shows
    nothing. :class:`~kivy.properties.ObjectProperty`."""

    fg = ColorProperty((0, 0, 0, 1))
    """Dark module colour (black: scanners want full contrast).
    :class:`~kivy.properties.ColorProperty`."""

    bg = ColorProperty((1, 1, 1, 1))
    """Light module and quiet-zone colour (white).
    :class:`~kivy.properties.ColorProperty`."""

    min_module_px = NumericProperty(MIN_MODULE_PX)
    """Below this many pixels per module :attr:`too_small` turns True (the
    code is still drawn). :class:`~kivy.properties.NumericProperty`."""

    max_module_px = NumericProperty(0)
    """Upper limit of pixels per module, 0 = none (a tiny symbol would
    otherwise become one huge blocky square).
    :class:`~kivy.properties.NumericProperty`."""

    module_count = NumericProperty(0)
    """Read-only: modules per side, quiet zone included (0 = empty).
    :class:`~kivy.properties.NumericProperty`."""

    module_px = NumericProperty(0)
    """Read-only: screen pixels per module as drawn.
    :class:`~kivy.properties.NumericProperty`."""

    symbol_size = NumericProperty(0)
    """Read-only: side of the drawn symbol in px (``module_px × module_count``).
    :class:`~kivy.properties.NumericProperty`."""

    too_small = BooleanProperty(False)
    """Read-only: drawn with fewer than :attr:`min_module_px` pixels per module.
    :class:`~kivy.properties.BooleanProperty`."""

    texture = ObjectProperty(None, allownone=True)
    """Read-only: the module texture (one texel per module).
    :class:`~kivy.properties.ObjectProperty`."""

    test_name = StringProperty("")
    """Name for tests to find this widget by.
    :class:`~kivy.properties.StringProperty`."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        with self.canvas:
            Color(1, 1, 1, 1)
            self._rect = Rectangle(pos=self.pos, size=(0, 0))
        for prop in ("matrix", "fg", "bg"):
            self.fbind(prop, self._make)
        for prop in ("pos", "size", "min_module_px", "max_module_px"):
            self.fbind(prop, self._place)
        self._make()

    def _make(self, *_args) -> None:
        matrix: Sequence[Sequence[bool]] | None = self.matrix
        if not matrix:
            self.texture = None
            self.module_count = 0
            self._place()
            return
        n, pixels = matrix_to_rgba(matrix, 0, self.fg, self.bg)
        texture = Texture.create(size=(n, n), colorfmt="rgba", bufferfmt="ubyte")
        texture.mag_filter = "nearest"
        texture.min_filter = "nearest"
        texture.blit_buffer(pixels, colorfmt="rgba", bufferfmt="ubyte")
        self.texture = texture
        self.module_count = n
        self._place()

    def _place(self, *_args) -> None:
        n = int(self.module_count)
        px = module_px_for(min(self.width, self.height), n)
        if self.max_module_px:
            px = min(px, int(self.max_module_px))
        if not n or self.texture is None or px < 1:
            self._rect.size = (0, 0)
            self.module_px = 0
            self.symbol_size = 0
            self.too_small = bool(n)
            return
        side = px * n
        self.module_px = px
        self.symbol_size = side
        self.too_small = px < self.min_module_px
        self._rect.texture = self.texture
        self._rect.size = (side, side)
        self._rect.pos = (round(self.center_x - side / 2), round(self.center_y - side / 2))
