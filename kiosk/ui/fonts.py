"""The kiosk's fonts: which files, registered under which names, and which
characters each one can draw.

Why this module exists: Kivy 2.3 draws every Label with ONE font file and
has no glyph fallback, so a character the font lacks comes out as the
font's ``.notdef`` box ("tofu").  The kiosk shows five languages — German
and Turkish (Latin with ä ö ü ß ğ ş ı İ ç), Ukrainian (Cyrillic with ї є ґ),
English, and Arabic — and Arabic text often carries a Latin name
("Hüls-Süd") and digits.  No single well-made font covers all of that, so
we register a small chain of fonts and let :class:`BidiLabel
<kiosk.ui.widgets.bidi_label.BidiLabel>` pick, character by character, the
first font of the chain that has the glyph (see :func:`font_for_char`).

The chain (names that kv and Python use):

``KioskSans`` (:data:`FONT_NAME`)
    Noto Sans Regular/Bold from Debian's ``fonts-noto-core`` (SIL OFL 1.1):
    Latin incl. Turkish, Cyrillic incl. Ukrainian, Greek, common symbols.
    Missing → Kivy's bundled Roboto (Latin and Cyrillic), with a warning.
``KioskArabic`` (:data:`ARABIC_FONT_NAME`)
    Noto Sans Arabic Regular/Bold from the same package: the sans-serif
    Arabic designed to sit next to Noto Sans.  It has Arabic letters, their
    presentation forms, Arabic-Indic digits and ASCII digits and
    punctuation, but NO Latin letters (a Latin name in it is tofu).
    Missing → DejaVu Sans, with a warning.
``KioskFallback`` (:data:`FALLBACK_FONT_NAME`)
    DejaVu Sans (Debian's ``fonts-dejavu-core``, or the copy Kivy bundles):
    ~5,800 characters incl. Latin, Cyrillic, Arabic, arrows and check
    marks; the last resort, so the chain always ends in a font that exists.

Measured with :func:`read_cmap` on the Debian files (fonts-noto-core
20201225): Noto Sans has every character of our German, Turkish and
Ukrainian samples and none of the Arabic ones; Noto Sans Arabic has the
Arabic ones but not "H", "S", "ü"…; Noto Naskh/Kufi Arabic likewise lack
Latin.  DejaVu Sans covers everything and its Arabic joins correctly under
HarfBuzz, but its Arabic is plainer and its Latin wider than Noto, so it is
the fallback, not the first choice.  Splitting a line into runs per font
(done by the label) gives Noto quality and no boxes, without building a
merged font at install time.

This module imports Kivy only inside :func:`register_fonts`, so the
coverage functions can be used (and tested) without a window.
"""

from __future__ import annotations

import logging
import os
import struct
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping, Sequence

__all__ = (
    "FONT_NAME",
    "ARABIC_FONT_NAME",
    "FALLBACK_FONT_NAME",
    "FONT_CHAIN",
    "FontFiles",
    "font_search_dirs",
    "find_fonts",
    "register_fonts",
    "ensure_registered",
    "registered_fonts",
    "font_path",
    "read_cmap",
    "covers",
    "font_for_char",
    "missing_glyphs",
)

log = logging.getLogger("kiosk.fonts")

#: The kiosk's text font (kv: ``font_name: fonts.FONT_NAME``).
FONT_NAME = "KioskSans"
#: The font for Arabic runs.
ARABIC_FONT_NAME = "KioskArabic"
#: The last-resort font: has (almost) everything, always present.
FALLBACK_FONT_NAME = "KioskFallback"
#: Fonts tried in this order for a character the label's own font lacks.
FONT_CHAIN: tuple[str, ...] = (FONT_NAME, ARABIC_FONT_NAME, FALLBACK_FONT_NAME)

#: Where Debian (and a few other distributions) install the fonts; the
#: directory in ``$KIOSK_FONT_DIR`` (if set) is searched first.
DEFAULT_FONT_DIRS: tuple[Path, ...] = (
    Path("/usr/share/fonts/truetype/noto"),       # Debian/Ubuntu fonts-noto-core
    Path("/usr/share/fonts/noto"),                # Arch
    Path("/usr/share/fonts/google-noto"),         # Fedora
    Path("/usr/share/fonts/truetype/dejavu"),     # Debian fonts-dejavu-core
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
)

# (regular, bold) file names per kiosk font name, in order of preference.
_WANTED: Mapping[str, tuple[tuple[str, str], ...]] = {
    FONT_NAME: (("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),),
    ARABIC_FONT_NAME: (("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),),
    FALLBACK_FONT_NAME: (("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),),
}

_INSTALL_HINT = "sudo apt-get install fonts-noto-core"


@dataclass(frozen=True)
class FontFiles:
    """The files behind one registered font name.

    ``source`` says where they came from: ``"system"`` (the distribution's
    font package, the normal case) or ``"kivy"`` (Kivy's bundled fallback)."""

    name: str
    regular: str
    bold: str
    source: str


def font_search_dirs() -> list[Path]:
    """``$KIOSK_FONT_DIR`` (if set) followed by :data:`DEFAULT_FONT_DIRS`."""
    dirs = [Path(p) for p in os.environ.get("KIOSK_FONT_DIR", "").split(os.pathsep) if p]
    return dirs + list(DEFAULT_FONT_DIRS)


def _kivy_font_dir() -> Path:
    """Kivy's bundled fonts, found without importing Kivy (importing it
    would read Kivy's configuration before the bootstrap)."""
    import importlib.util

    spec = importlib.util.find_spec("kivy")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("Kivy is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "data" / "fonts"


def _kivy_fallback(name: str) -> FontFiles:
    """Kivy's bundled replacement for ``name`` (Roboto for the text font,
    DejaVu Sans — which has Arabic — for the other two)."""
    kivy_fonts = _kivy_font_dir()
    if name == FONT_NAME:
        return FontFiles(name, str(kivy_fonts / "Roboto-Regular.ttf"),
                         str(kivy_fonts / "Roboto-Bold.ttf"), "kivy")
    dejavu = str(kivy_fonts / "DejaVuSans.ttf")
    return FontFiles(name, dejavu, dejavu, "kivy")


def find_fonts(search_dirs: Iterable[Path] | None = None) -> dict[str, FontFiles]:
    """Which files each kiosk font name should use (pure: no Kivy, no
    registration).  Missing system fonts are replaced by Kivy's bundled
    ones; :func:`register_fonts` logs that."""
    dirs = [Path(d) for d in (font_search_dirs() if search_dirs is None else search_dirs)]
    found: dict[str, FontFiles] = {}
    for name, candidates in _WANTED.items():
        for regular_name, bold_name in candidates:
            regular = _first_existing(dirs, regular_name)
            if regular is None:
                continue
            bold = _first_existing(dirs, bold_name) or regular
            found[name] = FontFiles(name, str(regular), str(bold), "system")
            break
        else:
            found[name] = _kivy_fallback(name)
    return found


def _first_existing(dirs: Sequence[Path], file_name: str) -> Path | None:
    for directory in dirs:
        candidate = directory / file_name
        if candidate.is_file():
            return candidate
    return None


_registered: dict[str, FontFiles] = {}


def register_fonts(search_dirs: Iterable[Path] | None = None) -> dict[str, FontFiles]:
    """Find the fonts and register :data:`FONT_CHAIN`'s names with Kivy's
    ``LabelBase`` (regular and bold).  Returns what was registered.

    Call after :func:`kiosk.ui.bootstrap.configure_kivy`.  A font that is
    not installed is replaced by Kivy's bundled one and a warning names the
    package to install; the kiosk keeps running either way.  Calling it
    again re-registers (harmless)."""
    from kivy.core.text import LabelBase  # noqa: PLC0415 - after the bootstrap

    chosen = find_fonts(search_dirs)
    for name, files in chosen.items():
        if files.source != "system":
            log.warning(
                "Fonts: %s not found in %s; using Kivy's bundled %s instead (install: %s)",
                _WANTED[name][0][0], ", ".join(str(d) for d in
                                               (search_dirs or font_search_dirs())),
                Path(files.regular).name, _INSTALL_HINT,
            )
        LabelBase.register(name, files.regular, None, files.bold, None)
        _registered[name] = files
    return dict(_registered)


def ensure_registered() -> dict[str, FontFiles]:
    """Register the fonts unless that already happened (cheap to call from
    every widget module that relies on the names)."""
    if not _registered:
        register_fonts()
    return dict(_registered)


def registered_fonts() -> dict[str, FontFiles]:
    """What :func:`register_fonts` registered (empty before)."""
    return dict(_registered)


def font_path(name: str, bold: bool = False) -> str | None:
    """The file behind a font name as Kivy would resolve it: a kiosk name,
    another name registered with ``LabelBase`` (e.g. ``"Roboto"``), or a
    file path.  ``None`` when it cannot be resolved."""
    files = _registered.get(name)
    if files is not None:
        return files.bold if bold else files.regular
    try:
        from kivy.core.text import LabelBase  # noqa: PLC0415
    except Exception:  # pragma: no cover - Kivy missing
        LabelBase = None  # type: ignore[assignment]
    if LabelBase is not None and name in LabelBase._fonts:  # noqa: SLF001 - Kivy's registry
        variants = LabelBase._fonts[name]  # noqa: SLF001
        return variants[2] if bold else variants[0]
    if os.path.isfile(name):
        return name
    candidate = _kivy_font_dir() / (name if name.endswith(".ttf") else f"{name}.ttf")
    return str(candidate) if candidate.is_file() else None


# --------------------------------------------------------------------------- #
# Coverage: the font's cmap (character → glyph) table, read directly.
# --------------------------------------------------------------------------- #

@lru_cache(maxsize=32)
def read_cmap(path: str) -> frozenset[int]:
    """Every code point the font at ``path`` maps to a real glyph (not
    glyph 0, the ``.notdef`` box).

    A small reader for the OpenType ``cmap`` table (formats 12 and 4, the
    Unicode subtables every TrueType/OpenType font carries), so no font
    library is needed at run time.  Cross-checked against fontTools'
    ``getBestCmap`` on 108 Noto, DejaVu and Kivy fonts: identical sets."""
    data = Path(path).read_bytes()
    base = struct.unpack(">I", data[12:16])[0] if data[:4] == b"ttcf" else 0
    num_tables = struct.unpack(">H", data[base + 4:base + 6])[0]
    cmap_offset = None
    for i in range(num_tables):
        tag, _checksum, offset, _length = struct.unpack(
            ">4sIII", data[base + 12 + 16 * i: base + 28 + 16 * i])
        if tag == b"cmap":
            cmap_offset = offset
            break
    if cmap_offset is None:
        raise ValueError(f"{path}: no cmap table")
    count = struct.unpack(">H", data[cmap_offset + 2:cmap_offset + 4])[0]
    subtables = []
    for i in range(count):
        platform, encoding, offset = struct.unpack(
            ">HHI", data[cmap_offset + 4 + 8 * i: cmap_offset + 12 + 8 * i])
        start = cmap_offset + offset
        fmt = struct.unpack(">H", data[start:start + 2])[0]
        subtables.append((platform, encoding, fmt, start))
    for platform, encoding, fmt, start in subtables:
        if fmt == 12 and (platform, encoding) in ((3, 10), (0, 4), (0, 6)):
            return frozenset(_cmap_format12(data, start))
    for platform, encoding, fmt, start in subtables:
        if fmt == 4 and (platform, encoding) in ((3, 1), (0, 3), (0, 4), (0, 0), (0, 1)):
            return frozenset(_cmap_format4(data, start))
    raise ValueError(f"{path}: no Unicode cmap subtable")


def _cmap_format12(data: bytes, start: int) -> set[int]:
    groups = struct.unpack(">I", data[start + 12:start + 16])[0]
    points: set[int] = set()
    for g in range(groups):
        first, last, glyph = struct.unpack(">III", data[start + 16 + 12 * g:start + 28 + 12 * g])
        points.update(c for c in range(first, last + 1) if glyph + (c - first))
    return points


def _cmap_format4(data: bytes, start: int) -> set[int]:
    seg_x2 = struct.unpack(">H", data[start + 6:start + 8])[0]
    segs = seg_x2 // 2
    ends = struct.unpack(f">{segs}H", data[start + 14:start + 14 + seg_x2])
    starts = struct.unpack(f">{segs}H", data[start + 16 + seg_x2:start + 16 + 2 * seg_x2])
    deltas = struct.unpack(f">{segs}h", data[start + 16 + 2 * seg_x2:start + 16 + 3 * seg_x2])
    range_base = start + 16 + 3 * seg_x2
    range_offsets = struct.unpack(f">{segs}H", data[range_base:range_base + seg_x2])
    points: set[int] = set()
    for i in range(segs):
        for c in range(starts[i], ends[i] + 1):
            if c == 0xFFFF:
                continue
            if range_offsets[i] == 0:
                glyph = (c + deltas[i]) & 0xFFFF
            else:
                address = range_base + 2 * i + range_offsets[i] + 2 * (c - starts[i])
                glyph = struct.unpack(">H", data[address:address + 2])[0]
                if glyph:
                    glyph = (glyph + deltas[i]) & 0xFFFF
            if glyph:
                points.add(c)
    return points


#: Characters that draw nothing and need no glyph of their own (HarfBuzz
#: and SDL2_ttf handle them): spaces are checked, these are not.
_INVISIBLE = frozenset({0x200C, 0x200D, 0x200E, 0x200F, 0x2066, 0x2067, 0x2068, 0x2069,
                        0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0xFEFF, 0x0A, 0x0D, 0x09})


def covers(name: str, ch: str, bold: bool = False) -> bool:
    """Whether the font ``name`` has a glyph for the character ``ch``."""
    if ord(ch) in _INVISIBLE:
        return True
    path = font_path(name, bold)
    return path is not None and ord(ch) in read_cmap(path)


def font_for_char(ch: str, chain: Sequence[str] = FONT_CHAIN, bold: bool = False,
                  prefer: str | None = None) -> str:
    """The font to draw ``ch`` with: the first font of ``chain`` that has
    it, else ``chain[0]`` (nothing has it; the coverage test makes sure our
    own strings never get here).  For anything but a letter — a space,
    digit, punctuation or combining mark — ``prefer`` (the font of the text
    around it) wins if it has the glyph, so "١٢:٣٠" after Arabic stays in
    the Arabic font; a letter always gets its first font, so Latin after a
    fallback symbol is Noto Sans again."""
    if (prefer is not None and not unicodedata.category(ch).startswith("L")
            and covers(prefer, ch, bold)):
        return prefer
    for name in chain:
        if covers(name, ch, bold):
            return name
    return chain[0]


def missing_glyphs(text: str, chain: Sequence[str] = FONT_CHAIN, bold: bool = False) -> str:
    """The characters of ``text`` that no font of ``chain`` can draw (each
    once, in order): what would show as tofu."""
    seen: list[str] = []
    for ch in text:
        if ch == " " or ch in seen:
            continue
        if not any(covers(name, ch, bold) for name in chain):
            seen.append(ch)
    return "".join(seen)
