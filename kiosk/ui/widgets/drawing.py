"""A tiny vector pen for pictograms and smileys, on Kivy 2.3's smooth shapes.

Every pictogram is drawn in a 100×100 box (origin bottom-left, y up) and the
pen scales it to the widget, so one drawing works at any size and stays
sharp: no bitmaps.  One style everywhere: a thick dark outline with round
ends and joints, one light or accent fill inside, on a coloured disc.

Why not ``Line(cap='round')``: Kivy's thick ``Line`` is not anti-aliased.
``SmoothLine`` is, but has no caps or joints, so the pen adds a
``SmoothEllipse`` dot (diameter = stroke) at the ends and at sharp corners,
which gives round caps and joints.  Fills are tesselated meshes whose
(aliased) edges the outline covers; fills without an outline get a thin
smooth rim of their own colour.
"""

from __future__ import annotations

import math
from typing import Iterable, Sequence

from contextlib import contextmanager

from kivy.graphics import (
    Color,
    Ellipse,
    Mesh,
    SmoothEllipse,
    SmoothLine,
    SmoothRoundedRectangle,
    StencilPop,
    StencilPush,
    StencilUnUse,
    StencilUse,
)
from kivy.graphics.tesselator import TYPE_POLYGONS, WINDING_ODD, Tesselator

Point = tuple[float, float]
RGBA = Sequence[float]

#: Default outline thickness in units of the 100-box.
STROKE = 5.0


def circle_segments(radius_px: float) -> int:
    """Sides of the polygon for a circle of this radius in pixels: it stays
    within 0.1 px of the true circle.  Kivy's default is 180 for every size,
    and the ~110 small dots of the home screen's pictograms are most of its
    draw time in a software renderer (benchmarks: cold start)."""
    if radius_px <= 0.1:
        return 180
    return min(180, max(8, math.ceil(math.pi / math.acos(1 - 0.1 / radius_px))))


# --------------------------------------------------------------------------- #
# Geometry helpers (all in 100-box units)
# --------------------------------------------------------------------------- #

def arc_points(cx: float, cy: float, r: float, a0: float, a1: float,
               ry: float | None = None, steps: int | None = None) -> list[Point]:
    """Points along an (elliptic) arc, angles in degrees, 0 = east,
    counter-clockwise (the maths convention, not Kivy's ``circle=``)."""
    ry = r if ry is None else ry
    span = a1 - a0
    n = steps or max(6, int(abs(span) / 6))
    return [
        (cx + r * math.cos(math.radians(a0 + span * i / n)),
         cy + ry * math.sin(math.radians(a0 + span * i / n)))
        for i in range(n + 1)
    ]


def star_points(cx: float, cy: float, r_out: float, r_in: float,
                tips: int = 5, rotation: float = 90.0) -> list[Point]:
    """A star's outline, first tip at ``rotation`` degrees."""
    pts = []
    for i in range(tips * 2):
        r = r_out if i % 2 == 0 else r_in
        a = math.radians(rotation + i * 180.0 / tips)
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts


def rotate(points: Iterable[Point], cx: float, cy: float, degrees: float) -> list[Point]:
    """Rotate points about (cx, cy) counter-clockwise."""
    a = math.radians(degrees)
    ca, sa = math.cos(a), math.sin(a)
    return [(cx + (x - cx) * ca - (y - cy) * sa, cy + (x - cx) * sa + (y - cy) * ca)
            for x, y in points]


def bezier(p0: Point, p1: Point, p2: Point, steps: int = 16) -> list[Point]:
    """Quadratic Bézier from p0 via control p1 to p2."""
    out = []
    for i in range(steps + 1):
        t = i / steps
        u = 1 - t
        out.append((u * u * p0[0] + 2 * u * t * p1[0] + t * t * p2[0],
                    u * u * p0[1] + 2 * u * t * p1[1] + t * t * p2[1]))
    return out


def _sharp_corners(points: Sequence[Point], closed: bool, min_turn: float = 25.0) -> list[Point]:
    """Vertices where the path turns by more than ``min_turn`` degrees; they
    get a round joint dot (smooth curves need none)."""
    n = len(points)
    out = []
    rng = range(n) if closed else range(1, n - 1)
    for i in rng:
        ax, ay = points[i - 1]
        bx, by = points[i]
        cx, cy = points[(i + 1) % n]
        v1 = (bx - ax, by - ay)
        v2 = (cx - bx, cy - by)
        l1 = math.hypot(*v1)
        l2 = math.hypot(*v2)
        if l1 == 0 or l2 == 0:
            continue
        cos = max(-1.0, min(1.0, (v1[0] * v2[0] + v1[1] * v2[1]) / (l1 * l2)))
        if math.degrees(math.acos(cos)) > min_turn:
            out.append((bx, by))
    return out


# --------------------------------------------------------------------------- #
# The pen
# --------------------------------------------------------------------------- #

class Pen:
    """Draws 100-box shapes into the current canvas (use inside
    ``with widget.canvas:``), scaled to ``size`` px from origin ``(x, y)``."""

    def __init__(self, x: float, y: float, size: float, ink: RGBA,
                 stroke: float = STROKE) -> None:
        self.x, self.y = x, y
        self.k = size / 100.0
        self.ink = tuple(ink)
        self.stroke_units = stroke

    # -- coordinate mapping ------------------------------------------------- #
    def pt(self, x: float, y: float) -> tuple[float, float]:
        return (self.x + x * self.k, self.y + y * self.k)

    def flat(self, points: Iterable[Point]) -> list[float]:
        out: list[float] = []
        for x, y in points:
            px, py = self.pt(x, y)
            out += (px, py)
        return out

    @property
    def half_width(self) -> float:
        """SmoothLine's ``width`` is half the drawn thickness."""
        return max(1.0, self.stroke_units * self.k / 2.0)

    # -- primitives --------------------------------------------------------- #
    def color(self, rgba: RGBA) -> None:
        Color(*rgba)

    def fill(self, points: Sequence[Point], color: RGBA, rim: bool = False) -> None:
        """Fill a polygon (any shape, concave allowed).  ``rim`` adds a thin
        smooth edge in the same colour when no outline will cover it."""
        if len(points) < 3:
            return
        Color(*color)
        tess = Tesselator()
        tess.add_contour(self.flat(points))
        if tess.tesselate(WINDING_ODD, TYPE_POLYGONS):
            for vertices, indices in tess.meshes:
                Mesh(vertices=vertices, indices=indices, mode="triangle_fan")
        if rim:
            SmoothLine(points=self.flat(points), width=1.0, close=True)

    def stroke(self, points: Sequence[Point], closed: bool = False,
               color: RGBA | None = None, width: float | None = None) -> None:
        """A thick outline with round ends and round sharp corners."""
        if len(points) < 2:
            return
        Color(*(color or self.ink))
        old = self.stroke_units
        if width is not None:
            self.stroke_units = width
        hw = self.half_width
        SmoothLine(points=self.flat(points), width=hw, close=closed)
        dots = _sharp_corners(points, closed)
        if not closed:
            dots = [points[0], *dots, points[-1]]
        # SmoothLine's solid core is about half a pixel narrower than 2*hw
        # (its anti-aliased fringe straddles the edge): match the dots to it.
        r = max(0.5, hw - 0.5)
        for x, y in dots:
            px, py = self.pt(x, y)
            SmoothEllipse(pos=(px - r, py - r), size=(2 * r, 2 * r), segments=circle_segments(r))
        self.stroke_units = old

    def shape(self, points: Sequence[Point], fill: RGBA | None = None,
              outline: bool = True, width: float | None = None) -> None:
        """A closed shape: fill, then outline on top."""
        if fill is not None:
            self.fill(points, fill, rim=not outline)
        if outline:
            self.stroke(points, closed=True, width=width)

    def line(self, x0: float, y0: float, x1: float, y1: float,
             color: RGBA | None = None, width: float | None = None) -> None:
        self.stroke([(x0, y0), (x1, y1)], color=color, width=width)

    def dot(self, cx: float, cy: float, r: float, color: RGBA | None = None) -> None:
        """A filled anti-aliased circle (no outline)."""
        Color(*(color or self.ink))
        px, py = self.pt(cx, cy)
        rr = r * self.k
        SmoothEllipse(pos=(px - rr, py - rr), size=(2 * rr, 2 * rr), segments=circle_segments(rr))

    def ellipse(self, cx: float, cy: float, rx: float, ry: float | None = None,
                fill: RGBA | None = None, outline: bool = True,
                width: float | None = None) -> None:
        """A filled and/or outlined ellipse."""
        ry = rx if ry is None else ry
        if fill is not None:
            Color(*fill)
            px, py = self.pt(cx - rx, cy - ry)
            SmoothEllipse(pos=(px, py), size=(2 * rx * self.k, 2 * ry * self.k),
                          segments=circle_segments(max(rx, ry) * self.k))
        if outline:
            self.stroke(arc_points(cx, cy, rx, 0, 360, ry=ry)[:-1], closed=True, width=width)

    def arc(self, cx: float, cy: float, r: float, a0: float, a1: float,
            ry: float | None = None, color: RGBA | None = None,
            width: float | None = None) -> None:
        """An open arc (maths angles) with round ends."""
        self.stroke(arc_points(cx, cy, r, a0, a1, ry=ry), color=color, width=width)

    def rrect(self, x: float, y: float, w: float, h: float, r: float,
              fill: RGBA | None = None, outline: bool = True,
              width: float | None = None) -> None:
        """A rounded rectangle, filled and/or outlined."""
        r = min(r, w / 2, h / 2)
        if fill is not None:
            Color(*fill)
            SmoothRoundedRectangle(pos=self.pt(x, y), size=(w * self.k, h * self.k),
                                   radius=[r * self.k])
        if outline:
            self.stroke(rrect_points(x, y, w, h, r), closed=True, width=width)

    @contextmanager
    def clip_circle(self, cx: float, cy: float, r: float):
        """Everything drawn inside the ``with`` block is clipped to a circle
        (a stencil mask); outline the circle afterwards to hide the cut."""
        px, py = self.pt(cx - r, cy - r)
        size = (2 * r * self.k, 2 * r * self.k)
        StencilPush()
        Ellipse(pos=(px, py), size=size)
        StencilUse()
        try:
            yield self
        finally:
            StencilUnUse()
            Ellipse(pos=(px, py), size=size)
            StencilPop()

    def disc(self, color: RGBA) -> None:
        """The coloured round background every pictogram sits on."""
        self.dot(50, 50, 50, color)


def rrect_points(x: float, y: float, w: float, h: float, r: float) -> list[Point]:
    """Outline of a rounded rectangle (counter-clockwise)."""
    r = max(0.0, min(r, w / 2, h / 2))
    if r == 0:
        return [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
    pts: list[Point] = []
    for cx, cy, a0 in ((x + w - r, y + r, -90), (x + w - r, y + h - r, 0),
                       (x + r, y + h - r, 90), (x + r, y + r, 180)):
        pts += arc_points(cx, cy, r, a0, a0 + 90, steps=8)
    return pts
