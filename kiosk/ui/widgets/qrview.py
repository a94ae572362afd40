"""A QR code drawn straight from ``qrcode``'s module matrix.

The matrix becomes a tiny texture (one texel per module, quiet zone
included) shown with ``mag_filter = 'nearest'``, at a whole number of screen
pixels per module and on whole-pixel coordinates, so every module edge is
crisp at any size.  No PNG round trip, no image cache (a regenerated PNG
with the same name would show the old one).
"""

from __future__ import annotations

from typing import Sequence

import qrcode
from kivy.clock import Clock
from kivy.graphics import Color, Rectangle
from kivy.graphics.texture import Texture
from kivy.logger import Logger
from kivy.properties import (
    ColorProperty,
    NumericProperty,
    ObjectProperty,
    OptionProperty,
    StringProperty,
)
from kivy.uix.widget import Widget
from qrcode.constants import (
    ERROR_CORRECT_H,
    ERROR_CORRECT_L,
    ERROR_CORRECT_M,
    ERROR_CORRECT_Q,
)

__all__ = ("QRView", "qr_matrix", "matrix_to_rgba")

_LEVELS = {"L": ERROR_CORRECT_L, "M": ERROR_CORRECT_M, "Q": ERROR_CORRECT_Q, "H": ERROR_CORRECT_H}

#: Modules of white border the QR standard asks for around the symbol.
QUIET_ZONE = 4


def qr_matrix(data: str | bytes, error_correction: str = "M") -> list[list[bool]]:
    """The module matrix of ``data`` (smallest version that fits), without
    quiet zone; ``True`` = dark module."""
    qr = qrcode.QRCode(version=None, error_correction=_LEVELS[error_correction],
                       box_size=1, border=0)
    qr.add_data(data)
    qr.make(fit=True)
    return [list(row) for row in qr.get_matrix()]


def matrix_to_rgba(matrix: Sequence[Sequence[bool]], quiet_zone: int,
                   fg: Sequence[float], bg: Sequence[float]) -> tuple[int, bytes]:
    """RGBA bytes of the matrix plus quiet zone, bottom row first (OpenGL's
    order).  Returns (side in modules, pixels)."""
    n = len(matrix) + 2 * quiet_zone
    dark = bytes(int(round(c * 255)) for c in (*fg[:3], 1.0))
    light = bytes(int(round(c * 255)) for c in (*bg[:3], 1.0))
    blank_row = light * n
    rows: list[bytes] = [blank_row] * quiet_zone
    pad = light * quiet_zone
    for row in matrix:
        rows.append(pad + b"".join(dark if m else light for m in row) + pad)
    rows += [blank_row] * quiet_zone
    rows.reverse()   # texture rows go bottom-up
    return n, b"".join(rows)


class QRView(Widget):
    """Shows :attr:`data` as a QR code, square and centred, as large as
    fits with a whole number of pixels per module.

    :attr:`module_count` and :attr:`module_px` tell tests and screens how it
    came out; ``on_matrix`` fires when a new code was made.
    """

    __events__ = ("on_matrix",)

    data = ObjectProperty("", allownone=True)
    """Text or bytes to encode; ``''``/``None`` shows nothing.
    :class:`~kivy.properties.ObjectProperty`."""

    error_correction = OptionProperty("M", options=("L", "M", "Q", "H"))
    """QR error correction level. :class:`~kivy.properties.OptionProperty`,
    default ``'M'``."""

    quiet_zone = NumericProperty(QUIET_ZONE)
    """Light border in modules (the standard asks for 4).
    :class:`~kivy.properties.NumericProperty`."""

    fg = ColorProperty((0, 0, 0, 1))
    """Module colour (keep it dark: scanners need contrast).
    :class:`~kivy.properties.ColorProperty`."""

    bg = ColorProperty((1, 1, 1, 1))
    """Background and quiet-zone colour.
    :class:`~kivy.properties.ColorProperty`."""

    module_count = NumericProperty(0)
    """Read-only: modules per side including the quiet zone (0 = empty).
    :class:`~kivy.properties.NumericProperty`."""

    module_px = NumericProperty(0)
    """Read-only: screen pixels per module as drawn.
    :class:`~kivy.properties.NumericProperty`."""

    texture = ObjectProperty(None, allownone=True)
    """Read-only: the module texture (one texel per module).
    :class:`~kivy.properties.ObjectProperty`."""

    test_name = StringProperty("")
    """Name for tests to find this widget by.
    :class:`~kivy.properties.StringProperty`."""

    def __init__(self, **kwargs):
        self._trigger_make = Clock.create_trigger(self._make, -1)
        self._trigger_place = Clock.create_trigger(self._place, -1)
        super().__init__(**kwargs)
        with self.canvas:
            self._color = Color(1, 1, 1, 1)
            self._rect = Rectangle(pos=self.pos, size=(0, 0))
        for prop in ("data", "error_correction", "quiet_zone", "fg", "bg"):
            self.fbind(prop, self._trigger_make)
        self.fbind("pos", self._trigger_place)
        self.fbind("size", self._trigger_place)
        self._trigger_make()

    def _make(self, *_):
        if self.data in ("", b"", None):
            self.texture = None
            self.module_count = 0
            self._place()
            return
        matrix = qr_matrix(self.data, self.error_correction)
        n, pixels = matrix_to_rgba(matrix, int(self.quiet_zone), self.fg, self.bg)
        texture = Texture.create(size=(n, n), colorfmt="rgba", bufferfmt="ubyte")
        texture.mag_filter = "nearest"
        texture.min_filter = "nearest"
        texture.blit_buffer(pixels, colorfmt="rgba", bufferfmt="ubyte")
        self.texture = texture
        self.module_count = n
        self._place()
        self.dispatch("on_matrix", matrix)

    def _place(self, *_):
        n = self.module_count
        if not n or self.texture is None:
            self._rect.size = (0, 0)
            self.module_px = 0
            return
        side = min(self.width, self.height)
        px = int(side // n)
        if px < 1:
            Logger.warning("QRView: %dx%d px is too small for %d modules", self.width, self.height, n)
            px = 1
        size = px * n
        self.module_px = px
        self._rect.texture = self.texture
        self._rect.size = (size, size)
        self._rect.pos = (round(self.center_x - size / 2), round(self.center_y - size / 2))

    def on_matrix(self, matrix) -> None:
        pass
