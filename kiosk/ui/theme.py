"""The one place that says how the kiosk looks.

Palette, type sizes, spacing, corner radii, motion and touch-target sizes all
live here, as plain Python values (no Kivy import), so that kv files read them
with ``#:import theme kiosk.ui.theme`` and a test can check them without a
window.  Nothing on a screen should be styled ad hoc: if a screen needs a new
colour or size, it is added here, and every text colour it puts on a
background is listed in :data:`TEXT_PAIRS`, which a test holds to WCAG AA.

The look is a friendly poster: a warm cream background, dark warm-brown text,
and five clear, bright colours for the five home tiles, each paired with its
own pictogram so the colour is never the only cue.

Sizes are pixels at the reference screen of 1280×800 (a 10" tablet, Kivy
density 1).  :func:`scaled_type` gives the larger type for the later
"große Schrift" switch.
"""

from __future__ import annotations

from typing import Mapping

RGBA = tuple[float, float, float, float]


def rgba(hex_code: str, alpha: float = 1.0) -> RGBA:
    """``'#RRGGBB'`` → Kivy's ``(r, g, b, a)`` floats in 0..1."""
    h = hex_code.lstrip("#")
    if len(h) != 6:
        raise ValueError(f"expected #RRGGBB, got {hex_code!r}")
    r, g, b = (int(h[i : i + 2], 16) / 255.0 for i in (0, 2, 4))
    return (r, g, b, alpha)


def mix(a: RGBA, b: RGBA, t: float) -> RGBA:
    """Blend colour ``a`` towards ``b`` by ``t`` (0 = a, 1 = b); used for
    pressed/disabled shades so they follow the palette instead of being
    invented per widget."""
    return tuple(x + (y - x) * t for x, y in zip(a, b))  # type: ignore[return-value]


def darker(c: RGBA, t: float = 0.12) -> RGBA:
    """A pressed shade of ``c``: mixed towards the ink colour, alpha kept."""
    r, g, b, _ = mix(c, PALETTE.ink, t)
    return (r, g, b, c[3])


# --------------------------------------------------------------------------- #
# Contrast (WCAG 2.x)
# --------------------------------------------------------------------------- #

def _channel(c: float) -> float:
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(color: RGBA | str) -> float:
    """WCAG relative luminance of an opaque colour (hex or RGBA floats)."""
    r, g, b, *_ = rgba(color) if isinstance(color, str) else color
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(fg: RGBA | str, bg: RGBA | str) -> float:
    """WCAG contrast ratio between two opaque colours (1.0 … 21.0).

    AA asks for at least 4.5 for normal text; the kiosk holds every pair
    in :data:`TEXT_PAIRS` to that, large text included.
    """
    la, lb = relative_luminance(fg), relative_luminance(bg)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


class _Constants:
    """Base of the theme's namespaces below: values are class attributes,
    read through one instance (``PALETTE.ink``) that cannot be changed
    (``__slots__ = ()`` leaves it no place to store anything).  Plain
    classes rather than frozen dataclasses, which cost ~1 ms each to create
    on the kiosk's start-up path (docs/benchmarks.md)."""

    __slots__ = ()


# --------------------------------------------------------------------------- #
# Palette
# --------------------------------------------------------------------------- #

class Palette(_Constants):
    """All colours, as Kivy RGBA floats.  Read in kv as ``theme.PALETTE.ink``."""

    __slots__ = ()

    background: RGBA = rgba("#FFF7EA")   # warm cream: the poster's paper
    surface: RGBA = rgba("#FFFFFF")      # cards and dialogs on the cream
    surface_alt: RGBA = rgba("#F6EBDA")  # keys, quiet buttons, input fields
    line: RGBA = rgba("#E6D6BF")         # hairlines, empty dots, card borders
    shadow: RGBA = rgba("#6B4F2E", 0.14)  # soft drop shadow under cards/tiles

    ink: RGBA = rgba("#2B2118")          # body text and pictogram outlines
    ink_muted: RGBA = rgba("#6B5B4E")    # secondary text (still AA on cream)
    on_primary: RGBA = rgba("#FFFFFF")   # text on the primary (action) colour

    primary: RGBA = rgba("#A63E16")      # the main action: deep terracotta
    primary_soft: RGBA = rgba("#FFD9C2")  # selected state, focus ring fill
    success: RGBA = rgba("#1E6B3A")      # "Angemeldet!" text
    success_soft: RGBA = rgba("#D7F0D9")
    warning: RGBA = rgba("#8A4B00")      # "Warteliste" text
    warning_soft: RGBA = rgba("#FFE7BF")
    danger: RGBA = rgba("#A1262B")       # friendly error text
    danger_soft: RGBA = rgba("#FCDADB")
    disabled: RGBA = rgba("#E9DFD2")     # disabled button face
    disabled_ink: RGBA = rgba("#62564C")  # disabled button text, still AA

    # The five home tiles: each its own clear, bright colour (dark text on it).
    today: RGBA = rgba("#FFC94D")        # Heute bei uns — sunny yellow
    feedback: RGBA = rgba("#FF9B85")     # Deine Meinung — coral
    wishes: RGBA = rgba("#C9B3F5")       # Wünsche — lilac
    signup: RGBA = rgba("#9BD88A")       # Anmelden — leaf green
    about: RGBA = rgba("#8ECDF5")        # Das sind wir — sky blue

    # Smiley faces, sad → happy.  Mood is also carried by the mouth, brows and
    # cheeks; colour only helps.
    mood_1: RGBA = rgba("#F6A29A")
    mood_2: RGBA = rgba("#F9C08A")
    mood_3: RGBA = rgba("#FBDD7A")
    mood_4: RGBA = rgba("#C4E38A")
    mood_5: RGBA = rgba("#8FD6A0")

    # Pictogram accents (one fill per pictogram, on its coloured disc).
    accent_light: RGBA = rgba("#FFFFFF")
    accent_warm: RGBA = rgba("#FFE08A")
    accent_red: RGBA = rgba("#F2735A")
    accent_green: RGBA = rgba("#7CCB7A")
    accent_blue: RGBA = rgba("#7EC3EE")

    # Extra disc colours so offer and topic pictograms are told apart.
    peach: RGBA = rgba("#FFC3A0")
    mint: RGBA = rgba("#A8E6CF")
    rose: RGBA = rgba("#F7B2C4")
    sand: RGBA = rgba("#F3D9A4")
    teal_light: RGBA = rgba("#9FDCD6")
    neutral: RGBA = rgba("#E4D8C8")

    def mood(self, level: int) -> RGBA:
        """Face colour for a 5-step expression level (1 sad … 5 happy)."""
        return getattr(self, f"mood_{min(5, max(1, int(level)))}")


PALETTE = Palette()

#: Home tile id → (tile colour, pictogram name).  The screen builds its tiles
#: from this so colour and pictogram always travel together.
HOME_TILES: Mapping[str, tuple[RGBA, str]] = {
    "today": (PALETTE.today, "today"),
    "feedback": (PALETTE.feedback, "feedback"),
    "wishes": (PALETTE.wishes, "wishes"),
    "signup": (PALETTE.signup, "signup"),
    "about": (PALETTE.about, "about"),
}


# --------------------------------------------------------------------------- #
# Type
# --------------------------------------------------------------------------- #

#: Noto Sans, registered by ``kiosk.ui.fonts.register_fonts`` (from
#: ``configure_kivy``); Arabic and missing glyphs fall back per run in
#: ``BidiLabel`` to Noto Sans Arabic and DejaVu Sans.
FONT_NAME = "KioskSans"
#: A bundled font that has the arrows and symbols Roboto lacks (⌫ ✓ ⇧).
SYMBOL_FONT_NAME = "DejaVuSans"


class TypeScale:
    """Font sizes in px at 1280×800.  Nothing visible is below ``body``
    except ``caption``, which is kept for staff-only lists and still ≥ 24.
    Read-only, like the namespaces above; :meth:`scaled` makes a larger
    copy for "große Schrift"."""

    SIZES: Mapping[str, float] = {
        "caption": 24,
        "body": 26,
        "button": 30,
        "tile": 34,
        "title": 44,
        "headline": 56,
        "time": 60,      # times of day, e.g. "15:00"
        "date": 48,      # dates on the home screen and offer cards
        "huge": 96,      # thank-you screens, PIN dots area
    }

    caption: float
    body: float
    button: float
    tile: float
    title: float
    headline: float
    time: float
    date: float
    huge: float

    def __init__(self, factor: float = 1.0) -> None:
        object.__setattr__(self, "factor", factor)
        for role, px in self.SIZES.items():
            object.__setattr__(self, role, px * factor)

    def __setattr__(self, name: str, value) -> None:
        raise AttributeError(f"theme sizes are read-only ({name})")

    def scaled(self, factor: float) -> "TypeScale":
        """Every size multiplied by ``factor`` (the "große Schrift" switch)."""
        return TypeScale(self.factor * factor)


TYPE = TypeScale()
#: Type roles set in bold (the rest are regular).
BOLD_ROLES = frozenset({"button", "tile", "title", "headline", "time", "date", "huge"})
#: Factor of the later "große Schrift" switch.
LARGE_TYPE_FACTOR = 1.25


def scaled_type(factor: float = 1.0) -> TypeScale:
    """The type scale for a font-size factor (1.0 = normal)."""
    return TYPE if factor == 1.0 else TYPE.scaled(factor)


# --------------------------------------------------------------------------- #
# Space, shape, motion, touch
# --------------------------------------------------------------------------- #

class Spacing(_Constants):
    """Gaps and paddings in px: generous, so the screen breathes."""

    __slots__ = ()

    xs: float = 8
    s: float = 14
    m: float = 24
    l: float = 36
    xl: float = 56
    screen: float = 40   # outer padding of every screen


SPACING = Spacing()


class Radii(_Constants):
    """Corner radii in px."""

    __slots__ = ()

    small: float = 14    # keys, chips
    button: float = 22
    card: float = 28
    tile: float = 36


RADII = Radii()


class Motion(_Constants):
    """Durations in seconds.  Everything is short and purposeful (≤ 0.25 s)."""

    __slots__ = ()

    transition: float = 0.22   # slide between screens
    press: float = 0.12        # press feedback (grow/darken)
    feedback: float = 0.25     # cheerful thank-you pop


MOTION = Motion()


class Touch(_Constants):
    """Minimum touch target sizes in px."""

    __slots__ = ()

    minimum: float = 64        # anything tappable (≥ 55 asked for)
    comfortable: float = 88    # normal buttons
    child: float = 120         # children's paths (smileys, wish topics)


TOUCH = Touch()


# --------------------------------------------------------------------------- #
# Every text colour on every background the UI uses.
# --------------------------------------------------------------------------- #

#: (where it is used, text colour, background colour).  Add a row whenever a
#: screen puts text of a new colour on a new background; a test holds every
#: row to WCAG AA (≥ 4.5:1).
TEXT_PAIRS: tuple[tuple[str, RGBA, RGBA], ...] = (
    ("body text on the page", PALETTE.ink, PALETTE.background),
    ("body text on a card", PALETTE.ink, PALETTE.surface),
    ("body text on a key / quiet button", PALETTE.ink, PALETTE.surface_alt),
    ("body text on a pressed quiet button", PALETTE.ink, darker(PALETTE.surface_alt)),
    ("secondary text on the page", PALETTE.ink_muted, PALETTE.background),
    ("secondary text on a card", PALETTE.ink_muted, PALETTE.surface),
    ("secondary text on a key", PALETTE.ink_muted, PALETTE.surface_alt),
    ("primary button label", PALETTE.on_primary, PALETTE.primary),
    ("pressed primary button label", PALETTE.on_primary, darker(PALETTE.primary)),
    ("primary-coloured text on the page", PALETTE.primary, PALETTE.background),
    ("primary-coloured text on a card", PALETTE.primary, PALETTE.surface),
    ("text on a selected chip", PALETTE.ink, PALETTE.primary_soft),
    ("success message", PALETTE.success, PALETTE.success_soft),
    ("success text on the page", PALETTE.success, PALETTE.background),
    ("waiting-list message", PALETTE.warning, PALETTE.warning_soft),
    ("waiting-list text on the page", PALETTE.warning, PALETTE.background),
    ("error message", PALETTE.danger, PALETTE.danger_soft),
    ("error text on the page", PALETTE.danger, PALETTE.background),
    ("disabled button label", PALETTE.disabled_ink, PALETTE.disabled),
    ("tile label: Heute bei uns", PALETTE.ink, PALETTE.today),
    ("tile label: Deine Meinung", PALETTE.ink, PALETTE.feedback),
    ("tile label: Wünsche", PALETTE.ink, PALETTE.wishes),
    ("tile label: Anmelden", PALETTE.ink, PALETTE.signup),
    ("tile label: Das sind wir", PALETTE.ink, PALETTE.about),
    ("pressed tile: Heute bei uns", PALETTE.ink, darker(PALETTE.today)),
    ("pressed tile: Deine Meinung", PALETTE.ink, darker(PALETTE.feedback)),
    ("pressed tile: Wünsche", PALETTE.ink, darker(PALETTE.wishes)),
    ("pressed tile: Anmelden", PALETTE.ink, darker(PALETTE.signup)),
    ("pressed tile: Das sind wir", PALETTE.ink, darker(PALETTE.about)),
    ("stepper value on a card", PALETTE.ink, PALETTE.surface),
    ("staff area: problem text on a card", PALETTE.danger, PALETTE.surface),
    ("staff area: 'done' text on a card", PALETTE.success, PALETTE.surface),
    ("sign-up confirmation text on its green card", PALETTE.ink, PALETTE.success_soft),
    ("sign-up waiting-list text on its amber card", PALETTE.ink, PALETTE.warning_soft),
    ("pressed sign-up date card", PALETTE.ink, darker(PALETTE.surface, 0.06)),
)

#: The WCAG AA threshold every pair above is held to.
MIN_CONTRAST = 4.5
