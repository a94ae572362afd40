"""Helpers for the hand-over tests and benchmark: phone-photo simulation, busy days.

``phone_photo`` turns a crisp screen image into what a phone camera delivers:
the symbol shown on a 1280×800 screen, photographed at an angle (perspective),
slightly rotated, downscaled to camera resolution, blurred, with reduced
contrast (screen glare), sensor noise and JPEG compression.  Only Pillow.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageEnhance, ImageFilter

SCREEN = (1280, 800)


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (8×8, no numpy needed)."""
    n = len(vector)
    a = [row[:] + [vector[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(n):
            if r != col:
                factor = a[r][col] / a[col][col]
                for c in range(col, n + 1):
                    a[r][c] -= factor * a[col][c]
    return [a[i][n] / a[i][i] for i in range(n)]


def perspective_coeffs(src: list[tuple[float, float]], dst: list[tuple[float, float]]) -> list[float]:
    """PIL PERSPECTIVE coefficients mapping output points ``dst`` back to input points ``src``."""
    matrix, vector = [], []
    for (x, y), (u, v) in zip(dst, src):
        matrix.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        matrix.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        vector += [u, v]
    return _solve(matrix, vector)


@dataclass(frozen=True)
class PhotoParams:
    scale: float = 0.75        # camera pixels per screen pixel
    blur: float = 0.8          # Gaussian radius in camera pixels
    angle: float = 6.0         # degrees
    keystone: float = 0.08     # perspective: fraction of the side that shrinks
    contrast: float = 0.7      # 1 = full contrast; glare lowers it
    noise: int = 12            # ± grey levels
    jpeg: int = 75
    glare: float = 0.0         # strength of a bright reflection spot (0 = none)
    glare_at: tuple[float, float] = (0.6, 0.35)   # its centre, as fractions of width/height

    @classmethod
    def random(cls, rng: random.Random, severity: float = 1.0) -> "PhotoParams":
        return cls(
            scale=rng.uniform(0.85, 1.0) - 0.3 * severity * rng.random(),
            blur=rng.uniform(0.3, 1.2) * severity,
            angle=rng.uniform(-12, 12) * severity,
            keystone=rng.uniform(0.0, 0.12) * severity,
            contrast=1.0 - rng.uniform(0.1, 0.45) * severity,
            noise=int(rng.uniform(4, 18) * severity),
            jpeg=int(90 - 25 * severity * rng.random()),
            glare=rng.uniform(0.0, 0.6) * severity,
            glare_at=(rng.uniform(0.35, 0.65), rng.uniform(0.3, 0.7)),
        )


def on_screen(symbol: Image.Image) -> Image.Image:
    """The symbol centred on a light screen of 1280×800 (a pale theme background)."""
    screen = Image.new("L", SCREEN, 240)
    x = (SCREEN[0] - symbol.width) // 2
    y = (SCREEN[1] - symbol.height) // 2
    screen.paste(symbol.convert("L"), (x, y))
    return screen


def phone_photo(image: Image.Image, params: PhotoParams, rng: random.Random | None = None) -> Image.Image:
    """Simulate photographing ``image`` (a screen) with a phone; returns a JPEG-decoded image."""
    rng = rng or random.Random(0)
    img = image.convert("L")
    w, h = img.size
    k = params.keystone
    # Seen from lower left: the right edge looks shorter, the top a bit narrower.
    dst = [(0, 0), (w, k * h), (w, h * (1 - k)), (0, h)]
    src = [(0, 0), (w, 0), (w, h), (0, h)]
    img = img.transform((w, h), Image.PERSPECTIVE, perspective_coeffs(src, dst), Image.BICUBIC, fillcolor=60)
    img = img.rotate(params.angle, resample=Image.BICUBIC, expand=True, fillcolor=60)
    img = img.resize((max(1, int(img.width * params.scale)), max(1, int(img.height * params.scale))), Image.LANCZOS)
    if params.glare:
        # A soft bright spot, as a window or ceiling lamp reflected in the screen.
        spot = Image.new("L", img.size, 0)
        cx, cy = params.glare_at[0] * img.width, params.glare_at[1] * img.height
        r = 0.12 * min(img.size)
        ImageDraw.Draw(spot).ellipse((cx - r, cy - r * 0.6, cx + r, cy + r * 0.6), fill=255)
        spot = spot.filter(ImageFilter.GaussianBlur(r / 3))
        white = Image.new("L", img.size, 255)
        img = Image.composite(white, img, spot.point(lambda v: int(v * min(1.0, params.glare))))
    img = img.filter(ImageFilter.GaussianBlur(params.blur))
    img = ImageEnhance.Contrast(img).enhance(params.contrast)
    if params.noise:
        noise = Image.effect_noise(img.size, params.noise * 2).point(lambda v: v - 128 + 128)
        img = Image.blend(img, noise, 0.12)
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=params.jpeg)
    buffer.seek(0)
    return Image.open(buffer).convert("L")


# --------------------------------------------------------------------------- kiosks with data


SAMPLE_NOW = (2026, 11, 24, 10, 15)  # = tests.conftest.SAMPLE_DAY, 10:15 in Marl


def make_service(data_dir, config, kiosk_id: str | None = None, public_key: str | None = None, now=None):
    """A KioskService on a fresh store; config copy with another kiosk id and/or staff key.

    Its clock stands still at ``now`` (default: the sample day, 10:15), so
    entries land on the same day whatever the date of the test run.
    """
    import dataclasses
    from datetime import datetime

    from kiosk.clock import KioskClock
    from kiosk.service import KioskService
    from kiosk.store import KioskStore
    from kiosk.timezone import BERLIN

    moment = (now or datetime(*SAMPLE_NOW, tzinfo=BERLIN)).timestamp()

    changes = {}
    if kiosk_id is not None:
        changes["kiosk_id"] = kiosk_id
    if public_key is not None:
        changes["sync_public_key"] = public_key
    config = dataclasses.replace(config, **changes) if changes else config
    clock = KioskClock(source=lambda: moment)
    store = KioskStore(data_dir, clock)
    return KioskService(config, store, clock)


def fill_days(service, first, days: int, rng: random.Random, *, busy_days: int = 1,
              light=(10, 60, 5)) -> None:
    """``busy_days`` busy days (60 sign-ups, 400 votes, 30 wishes) then lighter ones, ``days`` in all."""
    from datetime import timedelta

    from kiosk.demo import generate_busy_day

    for offset in range(days):
        day = first + timedelta(days=offset)
        if offset < busy_days:
            generate_busy_day(service, day, rng)
        else:
            signups, votes, wishes = light
            generate_busy_day(service, day, rng, signups=signups, votes=votes, wishes=wishes)


def kiosk_truth(store):
    """What a kiosk stored, in comparable form: sign-ups by id, vote and wish multisets."""
    from collections import Counter
    from datetime import date

    everything = (date(2000, 1, 1), date(2100, 1, 1))
    signups = {r["id"]: {k: v for k, v in r.items() if k not in ("received", "kind")}
               for r in store.records("signup", *everything)}
    votes = Counter((r["kiosk_id"], r["day"], r["hour"], r["offer_id"], r["score"])
                    for r in store.records("feedback", *everything))
    wishes = Counter((r["kiosk_id"], r["day"], r["hour"], tuple(r["topics"]), r["text"])
                     for r in store.records("wish", *everything))
    return signups, votes, wishes
