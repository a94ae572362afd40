"""Reading QR symbols from photos and screenshots with zxing-cpp.

Phone photos are large, slightly blurred, rotated and seen at an angle;
zxing-cpp copes with that by itself in most cases.  When it finds nothing,
we retry on a downscaled grey copy (large photos with fine moiré often read
better smaller).  Several symbols in one image are all returned.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.i18n import _
from kiosk.sync.errors import SyncError

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif", ".tif", ".tiff")


def _zxing():
    try:
        import zxingcpp
    except ImportError:  # pragma: no cover - dependency is declared
        raise SyncError(_("Zum Lesen von Fotos fehlt das Paket zxing-cpp. Installieren mit: "
                          "pip install zxing-cpp")) from None
    return zxingcpp


def read_image(image) -> list[str]:
    """Texts of all QR symbols found in a PIL image (maybe none)."""
    from PIL import Image, ImageOps

    zxingcpp = _zxing()
    image = ImageOps.exif_transpose(image)
    grey = image.convert("L")
    attempts = [grey]
    longest = max(grey.size)
    for target in (1600, 1000):
        if longest > target * 1.2:
            scale = target / longest
            attempts.append(grey.resize((max(1, int(grey.width * scale)), max(1, int(grey.height * scale))),
                                        Image.LANCZOS))
    found: list[str] = []
    for attempt in attempts:
        for result in zxingcpp.read_barcodes(attempt, formats=zxingcpp.BarcodeFormat.QRCode):
            if result.valid and result.text not in found:
                found.append(result.text)
        if found:
            break
    return found


def read_image_file(path: Path) -> list[str]:
    """Texts of all QR symbols in an image file; SyncError when it is not a readable image."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            image.load()
            return read_image(image)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise SyncError(_("{name}: das ist kein lesbares Bild ({why}).").format(
            name=Path(path).name, why=type(exc).__name__)) from None
