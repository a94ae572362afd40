"""Pictograms drawn on the canvas, for people who cannot (yet) read.

``Pictogram(name='today')`` draws one of the named symbols below on a
coloured disc, in one style (thick round dark outline, one light or accent
fill), at any size.  Offers and wish topics name their pictogram in the
config (``pictogram = "cafe"``); an unknown name draws a neutral fallback
and never raises, so a typo in a config file cannot stop the kiosk.

New symbols are added with :func:`register_pictogram`; each is a function
drawing into a :class:`~kiosk.ui.widgets.drawing.Pen` in a 100×100 box.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

from kivy.graphics import Canvas, InstructionGroup, PopMatrix, PushMatrix, Translate
from kivy.properties import (
    BooleanProperty,
    ColorProperty,
    NumericProperty,
    StringProperty,
)
from kivy.uix.widget import Widget

from kiosk.ui.theme import PALETTE as P
from kiosk.ui.widgets.before_frame import RedrawBeforeFrame
from kiosk.ui.widgets.drawing import (
    STROKE,
    Pen,
    arc_points,
    bezier,
    rotate,
    rrect_points,
    star_points,
)

__all__ = ("Pictogram", "register_pictogram", "pictogram_names", "draw_pictogram")

WHITE = P.accent_light


@dataclass(frozen=True)
class PictogramSpec:
    """A registered pictogram: its drawing function and default colours."""

    draw: Callable[[Pen, tuple], None]   # (pen, accent colour)
    disc: tuple                         # default disc colour
    accent: tuple                       # default accent fill


_REGISTRY: dict[str, PictogramSpec] = {}


def register_pictogram(name: str, disc=P.neutral, accent=P.accent_warm):
    """Decorator: register ``fn(pen, accent)`` as pictogram ``name``."""

    def deco(fn: Callable[[Pen, tuple], None]):
        _REGISTRY[name] = PictogramSpec(fn, tuple(disc), tuple(accent))
        return fn

    return deco


def pictogram_names() -> list[str]:
    """Every registered pictogram name, sorted (the internal fallback left out)."""
    return sorted(name for name in _REGISTRY if not name.startswith("_"))


def pictogram_spec(name: str) -> PictogramSpec | None:
    return _REGISTRY.get(name)


def draw_pictogram(pen: Pen, name: str, *, disc=None, accent=None,
                   background: bool = True) -> bool:
    """Draw ``name`` with ``pen`` into the current canvas.  Returns False
    (after drawing the neutral fallback) when the name is unknown."""
    spec = _REGISTRY.get(name)
    known = spec is not None
    if spec is None:
        spec = _REGISTRY["_fallback"]
    if background:
        pen.disc(disc or spec.disc)
    spec.draw(pen, accent or spec.accent)
    return known


# =========================================================================== #
# The drawings.  100×100 box, origin bottom-left; keep symbols inside the
# disc (roughly 18..82) and use pen.ink for outlines.
# =========================================================================== #

# ---- fallback and small UI symbols ---------------------------------------- #

@register_pictogram("_fallback", disc=P.neutral, accent=WHITE)
def _fallback(pen: Pen, accent) -> None:
    # A plain rounded card with three dots: clearly "something", never an error.
    pen.rrect(26, 30, 48, 40, 10, fill=accent)
    for x in (38, 50, 62):
        pen.dot(x, 50, 4.2)


@register_pictogram("back", disc=P.surface_alt, accent=WHITE)
def _back(pen: Pen, accent) -> None:
    pen.stroke([(72, 50), (30, 50)], width=7)
    pen.stroke([(48, 70), (28, 50), (48, 30)], width=7)


@register_pictogram("next", disc=P.surface_alt, accent=WHITE)
def _next(pen: Pen, accent) -> None:
    pen.stroke([(28, 50), (70, 50)], width=7)
    pen.stroke([(52, 70), (72, 50), (52, 30)], width=7)


@register_pictogram("check", disc=P.signup, accent=WHITE)
def _check(pen: Pen, accent) -> None:
    pen.stroke([(27, 51), (43, 35), (74, 68)], width=8)


@register_pictogram("close", disc=P.surface_alt, accent=WHITE)
def _close(pen: Pen, accent) -> None:
    pen.line(33, 33, 67, 67, width=7)
    pen.line(33, 67, 67, 33, width=7)


@register_pictogram("plus", disc=P.surface_alt, accent=WHITE)
def _plus(pen: Pen, accent) -> None:
    pen.line(50, 27, 50, 73, width=8)
    pen.line(27, 50, 73, 50, width=8)


@register_pictogram("minus", disc=P.surface_alt, accent=WHITE)
def _minus(pen: Pen, accent) -> None:
    pen.line(27, 50, 73, 50, width=8)


@register_pictogram("backspace", disc=P.surface_alt, accent=WHITE)
def _backspace(pen: Pen, accent) -> None:
    body = [(22, 50), (38, 68), (76, 68), (76, 32), (38, 32)]
    pen.shape(body, fill=accent)
    pen.line(48, 41, 64, 59)
    pen.line(48, 59, 64, 41)


# ---- home tiles ------------------------------------------------------------ #

@register_pictogram("today", disc=P.today, accent=P.accent_red)
def _today(pen: Pen, accent) -> None:
    # A wall calendar: red header, two rings, a grid of days, one circled.
    pen.rrect(22, 20, 56, 56, 8, fill=accent, outline=False)
    pen.rrect(22, 20, 56, 36, 8, fill=WHITE, outline=False)
    pen.fill([(22, 40), (78, 40), (78, 56), (22, 56)], WHITE)
    pen.rrect(22, 20, 56, 56, 8)
    pen.line(22, 56, 78, 56)
    pen.line(36, 70, 36, 82)
    pen.line(64, 70, 64, 82)
    for row, y in enumerate((45, 31)):
        for col, x in enumerate((34, 50, 66)):
            if (row, col) == (1, 2):
                continue
            pen.rrect(x - 4, y - 4, 8, 8, 2, fill=pen.ink, outline=False)
    pen.ellipse(66, 31, 7.5, fill=accent, width=3.5)

@register_pictogram("feedback", disc=P.feedback, accent=P.mood_5)
def _feedback(pen: Pen, accent) -> None:
    # A speech bubble holding a smiling face.
    bubble = rrect_points(18, 32, 64, 46, 20)
    pen.shape(bubble, fill=WHITE)
    pen.shape([(30, 36), (24, 18), (46, 33)], fill=WHITE, outline=False)
    pen.stroke([(30, 35), (24, 18), (44, 32.5)])
    pen.ellipse(50, 55, 17, fill=P.accent_warm, width=4)
    pen.dot(44, 59, 2.8)
    pen.dot(56, 59, 2.8)
    pen.arc(50, 56, 9, 200, 340, width=4)


@register_pictogram("wishes", disc=P.wishes, accent=P.accent_warm)
def _wishes(pen: Pen, accent) -> None:
    # A magic wand with a big star and two sparkles.
    pen.stroke([(22, 22), (50, 50)], width=8)
    pen.stroke([(22, 22), (30, 30)], width=8, color=WHITE)
    pen.shape(star_points(58, 58, 22, 10, rotation=80), fill=accent)
    for cx, cy, r in ((28, 70, 7), (78, 30, 6)):
        pen.line(cx - r, cy, cx + r, cy, width=3.5)
        pen.line(cx, cy - r, cx, cy + r, width=3.5)


@register_pictogram("signup", disc=P.signup, accent=P.accent_red)
def _signup(pen: Pen, accent) -> None:
    # A clipboard with lines and a pencil writing on it.
    pen.rrect(24, 18, 42, 58, 6, fill=WHITE)
    pen.rrect(35, 70, 20, 10, 4, fill=P.sand)
    for y in (58, 47, 36):
        pen.line(32, y, 54, y, width=4)
    body = rotate([(48, 44), (92, 44), (92, 56), (48, 56)], 48, 50, 45)
    tip = rotate([(48, 44), (38, 50), (48, 56)], 48, 50, 45)
    pen.shape(body, fill=P.accent_warm)
    pen.shape(tip, fill=P.sand)
    pen.shape(rotate([(84, 44), (92, 44), (92, 56), (84, 56)], 48, 50, 45), fill=accent)


def _house(pen: Pen, roof, body=WHITE, door=P.sand, heart: bool = False) -> None:
    roof_pts = [(16, 52), (50, 82), (84, 52)]
    pen.shape([(24, 18), (76, 18), (76, 56), (24, 56)], fill=body)
    pen.shape(roof_pts, fill=roof)
    pen.rrect(42, 18, 16, 24, 3, fill=door)
    pen.dot(54, 30, 1.8)
    if heart:
        h = [(34, 44), (28, 50), (28, 53), (31, 56), (34, 54), (37, 56),
             (40, 53), (40, 50)]
        pen.shape(h, fill=P.accent_red, width=3)
        pen.shape([(x + 32, y) for x, y in h], fill=P.accent_red, width=3)
    else:
        pen.rrect(27, 40, 11, 10, 2, fill=P.accent_blue, width=4)
        pen.rrect(62, 40, 11, 10, 2, fill=P.accent_blue, width=4)


@register_pictogram("about", disc=P.about, accent=P.accent_red)
def _about(pen: Pen, accent) -> None:
    # Our house, with hearts in the windows: "Das sind wir".
    _house(pen, roof=accent, heart=True)


@register_pictogram("house", disc=P.sand, accent=P.accent_red)
def _house_plain(pen: Pen, accent) -> None:
    _house(pen, roof=accent)


# ---- offers ---------------------------------------------------------------- #

@register_pictogram("cafe", disc=P.peach, accent=WHITE)
def _cafe(pen: Pen, accent) -> None:
    # A steaming cup on a saucer.
    pen.shape([(14, 22), (76, 22), (70, 16), (20, 16)], fill=P.sand)
    pen.arc(66, 44, 11, -70, 80, ry=10)
    cup = [(24, 58), (68, 58), (68, 44)] + bezier((68, 44), (68, 22), (46, 22), 8)[1:] \
        + bezier((46, 22), (24, 22), (24, 44), 8)[1:]
    pen.shape(cup, fill=accent)
    pen.fill([(26, 52), (66, 52), (66, 56), (26, 56)], P.sand)
    for x in (36, 50):
        pen.stroke(bezier((x, 64), (x + 7, 71), (x, 77), 10) +
                   bezier((x, 77), (x - 6, 82), (x + 1, 86), 8)[1:], width=4)


@register_pictogram("breakfast", disc=P.sand, accent=P.accent_warm)
def _breakfast(pen: Pen, accent) -> None:
    # A plate with a fried egg, fork left and knife right.
    pen.ellipse(50, 50, 25, fill=WHITE)
    egg = [(50 + (15 + 2.2 * math.sin(3 * t) + 1.2 * math.cos(5 * t)) * math.cos(t),
            50 + (15 + 2.2 * math.sin(3 * t) + 1.2 * math.cos(5 * t)) * math.sin(t))
           for t in (i * math.tau / 48 for i in range(48))]
    pen.fill(egg, P.surface_alt)
    pen.stroke(egg, closed=True, width=3)
    pen.ellipse(51, 51, 7.5, fill=accent, width=3.5)
    # fork
    pen.line(15, 20, 15, 64, width=4.5)
    for x in (11, 15, 19):
        pen.line(x, 66, x, 80, width=3.2)
    pen.stroke([(11, 66), (19, 66)], width=3.5)
    # knife
    pen.line(85, 20, 85, 56, width=4.5)
    pen.shape([(85, 50), (85, 82)] + bezier((85, 82), (91, 74), (90, 54), 6)[1:],
              fill=WHITE, width=3.5)

@register_pictogram("counsel", disc=P.teal_light, accent=P.accent_warm)
def _counsel(pen: Pen, accent) -> None:
    # Two speech bubbles: we talk it through together.
    left = rrect_points(14, 42, 44, 32, 14)
    pen.shape(left, fill=WHITE)
    pen.shape([(24, 46), (18, 32), (36, 43)], fill=WHITE, outline=False)
    pen.stroke([(24, 44.5), (18, 32), (34, 42)])
    right = rrect_points(42, 24, 44, 32, 14)
    pen.shape(right, fill=accent)
    pen.shape([(76, 28), (82, 14), (64, 26)], fill=accent, outline=False)
    pen.stroke([(76, 26.5), (82, 14), (66, 25)])
    for x in (27, 36, 45):
        pen.dot(x, 58, 3)
    for x in (55, 64, 73):
        pen.dot(x, 40, 3)


@register_pictogram("bus", disc=P.about, accent=P.accent_warm)
def _bus(pen: Pen, accent) -> None:
    # A bus from the side: windows, door, two wheels.
    pen.rrect(15, 30, 70, 38, 10, fill=accent)
    for x in (21, 36, 51):
        pen.rrect(x, 49, 11, 11, 3, fill=WHITE, width=3.5)
    pen.rrect(67, 37, 11, 23, 3, fill=WHITE, width=3.5)
    pen.line(17, 42, 61, 42, width=3.5)
    for cx in (30, 68):
        pen.ellipse(cx, 29, 7.5, fill=P.ink_muted, width=4)
        pen.dot(cx, 29, 2.8, WHITE)
    pen.dot(81, 36, 2.6, P.accent_red)


@register_pictogram("chameleon", disc=P.mint, accent=P.accent_green)
def _chameleon(pen: Pen, accent) -> None:
    # The "Kunterbuntes Chamäleon": curled tail, arched back, helmet head,
    # big round eye, gripping a twig.
    pen.stroke([(10, 26), (90, 26)], width=5, color=P.ink_muted)
    tail = [(22 + 12 * (1 - 0.7 * t) * math.cos(math.radians(60 - 400 * t)),
             44 + 12 * (1 - 0.7 * t) * math.sin(math.radians(60 - 400 * t)))
            for t in (i / 40 for i in range(41))]
    pen.stroke([(34, 48)] + bezier((34, 48), (30, 56), tail[0], 6)[1:] + tail[1:], width=6)
    body = (bezier((32, 46), (38, 70), (62, 66), 12)
            + [(70, 72), (82, 58), (90, 48), (80, 42)]
            + bezier((80, 42), (66, 36), (52, 38), 8)[1:]
            + bezier((52, 38), (40, 38), (32, 46), 8)[1:])
    pen.fill(body, accent)
    # colourful stripes on the back ("kunterbunt")
    for x, c in ((40, P.accent_warm), (48, P.accent_red), (56, P.accent_blue)):
        pen.stroke([(x - 1, 62 - abs(x - 50) * 0.25), (x + 2, 46)], width=5, color=c)
    pen.stroke(body, closed=True)
    # legs gripping the twig
    pen.stroke([(42, 40), (38, 28), (44, 26)], width=5)
    pen.stroke([(66, 39), (68, 28), (74, 26)], width=5)
    # big eye and smile
    pen.ellipse(72, 54, 7.5, fill=WHITE, width=4)
    pen.dot(74, 54, 3.4)
    pen.stroke(bezier((88, 47), (84, 44), (78, 46), 6), width=3)

@register_pictogram("sun", disc=P.peach, accent=P.accent_warm)
def _sun(pen: Pen, accent) -> None:
    for i in range(8):
        a = math.radians(i * 45 + 22.5)
        pen.line(50 + 25 * math.cos(a), 50 + 25 * math.sin(a),
                 50 + 36 * math.cos(a), 50 + 36 * math.sin(a), width=5.5)
    pen.ellipse(50, 50, 18, fill=accent)
    pen.dot(44, 53, 2.4)
    pen.dot(56, 53, 2.4)
    pen.arc(50, 50, 8, 210, 330, width=3.5)


def _person(pen: Pen, cx: float, base: float, scale: float, fill) -> None:
    head_r = 8 * scale
    body_w = 15 * scale
    body_h = 17 * scale
    shoulders = ([(cx - body_w, base)]
                 + arc_points(cx, base + body_h - body_w * 0.2, body_w, 180, 0, ry=body_w * 0.9)[0:]
                 + [(cx + body_w, base)])
    pen.shape(shoulders, fill=fill)
    pen.ellipse(cx, base + body_h + head_r + 3 * scale, head_r, fill=P.accent_light)


@register_pictogram("group", disc=P.rose, accent=P.accent_blue)
def _group(pen: Pen, accent) -> None:
    _person(pen, 28, 24, 0.85, P.accent_warm)
    _person(pen, 72, 24, 0.85, P.accent_green)
    _person(pen, 50, 20, 1.05, accent)


@register_pictogram("people", disc=P.surface_alt, accent=P.accent_blue)
def _people(pen: Pen, accent) -> None:
    _person(pen, 37, 22, 1.0, accent)
    _person(pen, 64, 22, 0.85, P.accent_warm)


@register_pictogram("party", disc=P.wishes, accent=P.accent_red)
def _party(pen: Pen, accent) -> None:
    # Two balloons on strings, plus confetti.
    pen.stroke(bezier((36, 40), (30, 28), (44, 14), 10), width=3)
    pen.stroke(bezier((62, 46), (68, 30), (54, 14), 10), width=3)
    pen.ellipse(62, 64, 15, 18, fill=P.accent_blue)
    pen.shape([(62, 46), (58, 42), (66, 42)], fill=P.accent_blue, width=3)
    pen.ellipse(36, 58, 15, 18, fill=accent)
    pen.shape([(36, 40), (32, 36), (40, 36)], fill=accent, width=3)
    pen.arc(31, 62, 7, 100, 170, ry=9, color=WHITE, width=3.5)
    for x, y, c in ((18, 82, P.accent_warm), (84, 84, P.accent_green),
                    (86, 30, P.accent_warm), (16, 34, P.accent_green)):
        pen.dot(x, y, 3.2, c)


@register_pictogram("bridge", disc=P.teal_light, accent=P.accent_red)
def _bridge(pen: Pen, accent) -> None:
    # A suspension bridge over water: young and old meet on it.
    pen.fill([(8, 40), (92, 40), (92, 47), (8, 47)], P.accent_warm)
    # hangers from the main cable to the deck
    def cable(x):
        # parabola between the towers (30, 76) .. (70, 76), lowest at 50 → y=52
        return 52 + 24 * ((x - 50) / 20) ** 2
    for x in (36, 43, 50, 57, 64):
        pen.line(x, 47, x, cable(x), width=3)
    pen.stroke([(30, 76)] + [(x, cable(x)) for x in range(31, 70)] + [(70, 76)], width=4)
    pen.stroke([(8, 50), (30, 76)], width=4)
    pen.stroke([(70, 76), (92, 50)], width=4)
    pen.stroke([(8, 40), (92, 40), (92, 47), (8, 47)], closed=True, width=4.5)
    for x in (30, 70):
        pen.rrect(x - 4, 22, 8, 58, 3, fill=accent, width=4.5)
    for y, c in ((28, P.accent_blue), (18, P.accent_blue)):
        pts = [(16 + i, y + 2.2 * math.sin(i / 68 * 5 * math.pi)) for i in range(0, 69)]
        pen.stroke(pts, width=3.5, color=c)

# ---- wish topics ------------------------------------------------------------ #

@register_pictogram("playground", disc=P.signup, accent=P.accent_red)
def _playground(pen: Pen, accent) -> None:
    # A slide: ladder on the left, platform, chute down to the right.
    pen.line(20, 16, 28, 72, width=4.5)
    pen.line(34, 16, 40, 72, width=4.5)
    for y in (28, 40, 52, 64):
        t = (y - 16) / 56
        pen.line(20 + 8 * t, y, 34 + 6 * t, y, width=3.5)
    pen.rrect(26, 70, 18, 6, 2, fill=P.accent_warm, width=3.5)
    chute = (bezier((44, 76), (56, 70), (62, 48), 10)
             + bezier((62, 48), (68, 26), (86, 22), 10)[1:]
             + [(86, 14)]
             + bezier((86, 14), (62, 16), (54, 42), 10)[1:]
             + bezier((54, 42), (50, 60), (44, 66), 10)[1:])
    pen.shape(chute, fill=accent)


@register_pictogram("youth", disc=P.about, accent=P.accent_red)
def _youth(pen: Pen, accent) -> None:
    # Headphones.
    pen.arc(50, 46, 28, 0, 180, ry=30, width=7)
    pen.rrect(16, 24, 16, 28, 7, fill=accent)
    pen.rrect(68, 24, 16, 28, 7, fill=accent)
    pen.rrect(12, 30, 6, 16, 3, fill=P.ink_muted, width=3)
    pen.rrect(82, 30, 6, 16, 3, fill=P.ink_muted, width=3)
    for x, y in ((42, 58), (56, 62)):
        pen.dot(x, y, 3.4)
        pen.line(x + 3, y, x + 3, y + 12, width=2.6)


@register_pictogram("sport", disc=P.signup, accent=WHITE)
def _sport(pen: Pen, accent) -> None:
    # A football: black pentagon in the middle, seams, pentagons at the rim.
    def pentagon(cx, cy, r, rot):
        return [(cx + r * math.cos(math.radians(rot + i * 72)),
                 cy + r * math.sin(math.radians(rot + i * 72))) for i in range(5)]

    pen.ellipse(50, 50, 30, fill=accent, outline=False)
    with pen.clip_circle(50, 50, 30):
        for i in range(5):
            b = 90 + 36 + i * 72
            cx = 50 + 31 * math.cos(math.radians(b))
            cy = 50 + 31 * math.sin(math.radians(b))
            pen.shape(pentagon(cx, cy, 8.5, b + 180), fill=pen.ink, width=3)
            a = 90 + i * 72
            pen.line(50 + 10 * math.cos(math.radians(a)), 50 + 10 * math.sin(math.radians(a)),
                     50 + 24 * math.cos(math.radians(a)), 50 + 24 * math.sin(math.radians(a)),
                     width=3)
            for side in (-1, 1):
                pen.line(50 + 24 * math.cos(math.radians(a)), 50 + 24 * math.sin(math.radians(a)),
                         50 + 25 * math.cos(math.radians(a + side * 22)),
                         50 + 25 * math.sin(math.radians(a + side * 22)), width=3)
    pen.shape(pentagon(50, 50, 10, 90), fill=pen.ink, width=3)
    pen.ellipse(50, 50, 30)


@register_pictogram("culture", disc=P.rose, accent=P.accent_blue)
def _culture(pen: Pen, accent) -> None:
    # Two beamed music notes.
    pen.shape([(38, 74), (72, 82), (72, 72), (38, 64)], fill=pen.ink, width=3)
    pen.line(38, 30, 38, 72, width=5)
    pen.line(72, 38, 72, 80, width=5)
    pen.ellipse(30, 28, 10, 8, fill=accent)
    pen.ellipse(64, 36, 10, 8, fill=accent)


@register_pictogram("trip", disc=P.sand, accent=P.accent_red)
def _trip(pen: Pen, accent) -> None:
    # A folded map with a location pin.
    panels = [(14, 22), (38, 30), (62, 22), (86, 30), (86, 70), (62, 62), (38, 70), (14, 62)]
    pen.fill(panels, WHITE)
    pen.fill([(38, 30), (62, 22), (62, 62), (38, 70)], P.mint)
    pen.stroke(panels, closed=True)
    pen.line(38, 30, 38, 70, width=3.5)
    pen.line(62, 22, 62, 62, width=3.5)
    pin = arc_points(56, 66, 13, -40, 220) + [(56, 40)]
    pen.shape(pin, fill=accent)
    pen.ellipse(56, 66, 5, fill=WHITE, width=3.5)


@register_pictogram("clean", disc=P.mint, accent=P.accent_warm)
def _clean(pen: Pen, accent) -> None:
    # A broom and sparkles.
    pen.stroke([(68, 86), (46, 40)], width=6, color=P.ink_muted)
    pen.stroke([(68, 86), (46, 40)], width=2, color=P.sand)
    bristles = [(36, 44), (56, 36), (58, 14), (44, 16), (18, 24)]
    pen.shape(bristles, fill=accent)
    for x0, y0, x1, y1 in ((44, 34, 36, 20), (50, 34, 48, 17), (40, 37, 28, 25)):
        pen.line(x0, y0, x1, y1, width=3)
    pen.shape([(34, 44), (56, 36), (54, 32), (33, 40)], fill=P.accent_red, width=3.5)
    for cx, cy, r in ((76, 50, 7), (26, 66, 6)):
        pen.line(cx - r, cy, cx + r, cy, width=3.5)
        pen.line(cx, cy - r, cx, cy + r, width=3.5)


@register_pictogram("homework", disc=P.wishes, accent=P.accent_blue)
def _homework(pen: Pen, accent) -> None:
    # An open book with a pencil.
    left = [(50, 28)] + bezier((50, 28), (34, 34), (14, 28), 8)[1:] + [(14, 68)] \
        + bezier((14, 68), (34, 74), (50, 68), 8)[1:]
    right = [(50, 28)] + bezier((50, 28), (66, 34), (86, 28), 8)[1:] + [(86, 68)] \
        + bezier((86, 68), (66, 74), (50, 68), 8)[1:]
    pen.shape(left, fill=WHITE)
    pen.shape(right, fill=WHITE)
    for y in (58, 48, 38):
        pen.stroke(bezier((20, y), (34, y + 4), (44, y + 1), 6), width=3)
    pen.stroke(bezier((56, 58), (66, 62), (80, 58), 6), width=3)
    body = rotate([(52, 40), (86, 40), (86, 50), (52, 50)], 52, 45, -35)
    pen.shape(body, fill=P.accent_warm)
    pen.shape(rotate([(52, 40), (44, 45), (52, 50)], 52, 45, -35), fill=P.sand)


@register_pictogram("seniors", disc=P.peach, accent=P.accent_blue)
def _seniors(pen: Pen, accent) -> None:
    # An older person, a little stooped, walking with a cane.
    pen.stroke([(42, 40), (37, 17)], width=6)
    pen.stroke([(51, 40), (55, 17)], width=6)
    coat = ([(34, 38)] + bezier((34, 38), (30, 58), (40, 66), 8)[1:]
            + bezier((40, 66), (52, 70), (58, 56), 8)[1:] + [(60, 38)])
    pen.shape(coat, fill=accent)
    pen.stroke([(54, 60), (64, 50)], width=5)
    pen.stroke([(66, 52), (68, 14)], width=4.5, color=P.ink_muted)
    pen.arc(71, 52, 5, 180, 0, width=4.5, color=P.ink_muted)
    pen.ellipse(50, 76, 10, fill=WHITE, width=4)
    pen.arc(50, 77, 10, 35, 175, color=P.ink_muted, width=5)    # grey hair

@register_pictogram("language", disc=P.about, accent=P.accent_warm)
def _language(pen: Pen, accent) -> None:
    # A speech bubble with an "A" and one with dots: learning a language.
    pen.shape(rrect_points(12, 38, 46, 40, 14), fill=WHITE)
    pen.shape([(22, 42), (18, 26), (36, 40)], fill=WHITE, outline=False)
    pen.stroke([(22, 40.5), (18, 26), (34, 39)])
    pen.stroke([(26, 46), (35, 70), (44, 46)], width=4.5)
    pen.line(29.5, 55, 40.5, 55, width=4)
    pen.shape(rrect_points(50, 20, 38, 32, 12), fill=accent)
    pen.shape([(78, 24), (84, 12), (68, 22)], fill=accent, outline=False)
    pen.stroke([(78, 22.5), (84, 12), (70, 21)])
    for x in (60, 69, 78):
        pen.dot(x, 36, 3)


@register_pictogram("festival", disc=P.today, accent=P.accent_red)
def _festival(pen: Pen, accent) -> None:
    # Bunting: a string of little flags across.
    rope = [(10, 70)] + bezier((10, 70), (50, 52), (90, 70), 20)[1:]
    colours = (accent, P.accent_blue, P.accent_green, P.accent_light, P.accent_red)
    for i in range(5):
        t0 = 0.12 + i * 0.17
        t1 = t0 + 0.12

        def at(t):
            u = 1 - t
            return (u * u * 10 + 2 * u * t * 50 + t * t * 90,
                    u * u * 70 + 2 * u * t * 52 + t * t * 70)

        a, b = at(t0), at(t1)
        mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2 - 20)
        pen.shape([a, b, mid], fill=colours[i], width=3.5)
    pen.stroke(rope, width=3.5)
    # a second, lower garland hint
    rope2 = bezier((18, 34), (50, 20), (82, 34), 16)
    pen.stroke(rope2, width=3, color=P.ink_muted)
    for i, t in enumerate((0.2, 0.5, 0.8)):
        u = 1 - t
        x = u * u * 18 + 2 * u * t * 50 + t * t * 82
        y = u * u * 34 + 2 * u * t * 20 + t * t * 34
        pen.dot(x, y - 5, 4.2, (P.accent_warm, accent, P.accent_blue)[i])


# ---- other symbols ----------------------------------------------------------- #

@register_pictogram("lock", disc=P.surface_alt, accent=P.accent_warm)
def _lock(pen: Pen, accent) -> None:
    pen.arc(50, 56, 15, 0, 180, width=7)
    pen.line(35, 56, 35, 46, width=7)
    pen.line(65, 56, 65, 46, width=7)
    pen.rrect(26, 18, 48, 36, 8, fill=accent)
    pen.dot(50, 38, 5)
    pen.line(50, 36, 50, 27, width=4.5)


@register_pictogram("globe", disc=P.about, accent=P.accent_green)
def _globe(pen: Pen, accent) -> None:
    pen.ellipse(50, 50, 30, fill=WHITE, outline=False)
    # continents as soft blobs in the accent colour
    pen.fill([(30, 62), (40, 74), (52, 70), (50, 58), (40, 50), (28, 52)], accent, rim=True)
    pen.fill([(56, 46), (70, 52), (76, 40), (64, 26), (54, 32)], accent, rim=True)
    pen.fill([(34, 36), (42, 38), (40, 28), (34, 26)], accent, rim=True)
    pen.ellipse(50, 50, 12, 30, width=3.5)
    pen.line(21, 50, 79, 50, width=3.5)
    pen.stroke(bezier((25, 65), (50, 71), (75, 65), 10), width=3)
    pen.stroke(bezier((25, 35), (50, 29), (75, 35), 10), width=3)
    pen.ellipse(50, 50, 30)

@register_pictogram("clock", disc=P.today, accent=WHITE)
def _clock(pen: Pen, accent) -> None:
    pen.ellipse(50, 50, 30, fill=accent)
    for i in range(12):
        a = math.radians(i * 30)
        r0 = 22 if i % 3 else 20
        pen.line(50 + r0 * math.cos(a), 50 + r0 * math.sin(a),
                 50 + 25 * math.cos(a), 50 + 25 * math.sin(a), width=3)
    pen.stroke([(50, 68), (50, 50), (63, 42)], width=5)
    pen.dot(50, 50, 4, P.accent_red)


@register_pictogram("room", disc=P.sand, accent=P.accent_blue)
def _room(pen: Pen, accent) -> None:
    # An open door in its frame.
    pen.rrect(26, 16, 40, 66, 3, fill=P.ink_muted)
    door = [(26, 16), (54, 10), (54, 88), (26, 82)]
    pen.shape(door, fill=accent)
    pen.dot(48, 48, 3.4, WHITE)
    pen.line(12, 16, 88, 16, width=5)
    pen.stroke([(66, 16), (78, 16)], width=5)


@register_pictogram("euro", disc=P.mint, accent=P.accent_warm)
def _euro(pen: Pen, accent) -> None:
    pen.ellipse(50, 50, 30, fill=accent)
    pen.arc(54, 50, 16, 50, 310, width=6)
    pen.line(30, 55, 56, 55, width=5)
    pen.line(30, 45, 54, 45, width=5)


# =========================================================================== #
# The widget
# =========================================================================== #

class Pictogram(RedrawBeforeFrame, Widget):
    """A named pictogram on a coloured disc, drawn square and centred in the
    widget, scaled to ``min(width, height)``.

    Redraws wait for the frame (:class:`RedrawBeforeFrame`), so changing
    several properties, or a size that settles in steps, redraws once;
    moving the widget only updates a translation.
    """

    name = StringProperty("")
    """Pictogram name (e.g. ``'today'``, ``'cafe'``); see
    :func:`pictogram_names`.  Unknown names draw a neutral fallback.
    :attr:`name` is a :class:`~kivy.properties.StringProperty`, default ``''``."""

    color = ColorProperty(None, allownone=True)
    """Disc colour; ``None`` (default) uses the pictogram's own colour.
    :class:`~kivy.properties.ColorProperty`."""

    accent = ColorProperty(None, allownone=True)
    """The one accent fill; ``None`` (default) uses the pictogram's own.
    :class:`~kivy.properties.ColorProperty`."""

    ink = ColorProperty(P.ink)
    """Outline colour, default the theme's ink.
    :class:`~kivy.properties.ColorProperty`."""

    background = BooleanProperty(True)
    """Draw the round disc behind the symbol (default ``True``).
    :class:`~kivy.properties.BooleanProperty`."""

    stroke = NumericProperty(STROKE)
    """Outline thickness in hundredths of the pictogram size (default 5).
    :class:`~kivy.properties.NumericProperty`."""

    known = BooleanProperty(False)
    """Read-only: ``True`` when :attr:`name` is a registered pictogram
    (``False`` while the fallback is shown).
    :class:`~kivy.properties.BooleanProperty`."""

    test_name = StringProperty("")
    """Name for tests to find this widget by (``find(root, test_name)``).
    :class:`~kivy.properties.StringProperty`."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._translate = Translate(0, 0)
        self._body = InstructionGroup()
        for instruction in (PushMatrix(), self._translate, self._body, PopMatrix()):
            self.canvas.add(instruction)
        fbind = self.fbind
        for prop in ("name", "color", "accent", "ink", "background", "stroke", "size"):
            fbind(prop, self._trigger_redraw)
        fbind("pos", self._move)
        fbind("name", self._update_known)
        self._update_known()
        self._trigger_redraw()

    def _update_known(self, *_):
        self.known = self.name in _REGISTRY

    def _side(self) -> float:
        return max(0.0, min(self.width, self.height))

    def _move(self, *_):
        side = self._side()
        self._translate.xy = (self.x + (self.width - side) / 2,
                              self.y + (self.height - side) / 2)

    def _redraw(self, *_):
        self._move()
        side = self._side()
        group = Canvas()
        if side > 0:
            with group:
                pen = Pen(0, 0, side, self.ink, stroke=self.stroke)
                draw_pictogram(pen, self.name, disc=self.color,
                               accent=self.accent, background=self.background)
        self._body.clear()
        self._body.add(group)


# =========================================================================== #
# Names the shipped config offers staff (config/kiosk.toml, config/offers.toml)
# that the drawings above do not register under that name.
# =========================================================================== #

# "broom" is the wish topic "Sauberer Stadtteil": the same broom as "clean".
register_pictogram("broom", disc=P.mint, accent=P.accent_warm)(_clean)


@register_pictogram("star", disc=P.today, accent=P.accent_warm)
def _star(pen: Pen, accent) -> None:
    # A big smiling star with two sparkles: "something special".
    pen.shape(star_points(50, 48, 33, 15, rotation=90), fill=accent)
    pen.dot(44, 50, 2.8)
    pen.dot(56, 50, 2.8)
    pen.arc(50, 47, 7, 210, 330, width=3.5)
    for cx, cy, r in ((20, 76, 6), (80, 24, 5)):
        pen.line(cx - r, cy, cx + r, cy, width=3.5)
        pen.line(cx, cy - r, cx, cy + r, width=3.5)
