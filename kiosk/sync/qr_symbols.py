"""QR symbols for chunk strings: the version/error-correction choice and rendering.

The constants below were chosen by measurement (tests/bench/bench_sync.py,
figures in docs/benchmarks.md): symbols up to ``MAX_VERSION`` at level
``ECC`` drawn with ``MODULE_PX`` screen pixels per module still decode after
the blur, downscaling, rotation and perspective of a phone photo, and fit
the ~720 px tall code area of the 1280×800 screen with the 4-module quiet
zone.  Each chunk uses the smallest version that holds it, so a small batch
gives a small, easy symbol.

Chunk strings use only QR alphanumeric characters (Base45), so ``qrcode``
encodes them in alphanumeric mode (11 bits per 2 characters).
"""

from __future__ import annotations

import qrcode
import qrcode.constants
from qrcode.util import BIT_LIMIT_TABLE

MAX_VERSION = 25
ECC = "M"
MODULE_PX = 5
QUIET_ZONE = 4

ECC_LEVELS = {
    "L": qrcode.constants.ERROR_CORRECT_L,
    "M": qrcode.constants.ERROR_CORRECT_M,
    "Q": qrcode.constants.ERROR_CORRECT_Q,
    "H": qrcode.constants.ERROR_CORRECT_H,
}


def _count_bits(mode: str, version: int) -> int:
    if mode == "alnum":
        return 9 if version < 10 else 11 if version < 27 else 13
    if mode == "byte":
        return 8 if version < 10 else 16
    raise ValueError(mode)


def capacity(version: int = MAX_VERSION, ecc: str = ECC, mode: str = "alnum") -> int:
    """Characters (alnum) or bytes (byte) one symbol holds in a single segment."""
    bits = BIT_LIMIT_TABLE[ECC_LEVELS[ecc]][version] - 4 - _count_bits(mode, version)
    if mode == "alnum":
        return bits // 11 * 2 + (1 if bits % 11 >= 6 else 0)
    return bits // 8


def modules(version: int) -> int:
    """Modules per side, without the quiet zone."""
    return 17 + 4 * version


def side_px(version: int = MAX_VERSION, module_px: int = MODULE_PX) -> int:
    """Pixels per side including the quiet zone."""
    return (modules(version) + 2 * QUIET_ZONE) * module_px


def make_qr(text: str, *, max_version: int = MAX_VERSION, ecc: str = ECC, data: bytes | None = None) -> qrcode.QRCode:
    """The smallest symbol (≤ ``max_version``) holding ``text`` (or raw ``data`` in byte mode)."""
    qr = qrcode.QRCode(version=None, error_correction=ECC_LEVELS[ecc], box_size=1, border=QUIET_ZONE)
    qr.add_data(data if data is not None else text, optimize=0)
    qr.make(fit=True)
    if qr.version > max_version:
        raise ValueError(f"needs QR version {qr.version} > {max_version}")
    return qr


def symbol_matrix(text: str, *, max_version: int = MAX_VERSION, ecc: str = ECC) -> list[list[bool]]:
    """Dark modules as booleans, quiet zone included: for drawing straight into a texture."""
    return make_qr(text, max_version=max_version, ecc=ecc).get_matrix()


def render_symbol(text: str, *, module_px: int = MODULE_PX, max_version: int = MAX_VERSION, ecc: str = ECC,
                  data: bytes | None = None):
    """A crisp black-on-white PIL image (mode "L"), ``module_px`` pixels per module."""
    from PIL import Image

    matrix = make_qr(text, max_version=max_version, ecc=ecc, data=data).get_matrix()
    size = len(matrix)
    img = Image.new("L", (size, size), 255)
    img.putdata([0 if dark else 255 for row in matrix for dark in row])
    return img.resize((size * module_px, size * module_px), Image.NEAREST)
