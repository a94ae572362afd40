"""The UI test harness: a real Kivy window (SDL offscreen, real OpenGL),
driven frame by frame, with real touches and real screenshots.

Kivy is configured here, at conftest import, by the same
``kiosk.ui.bootstrap.configure_kivy`` the kiosk uses, BEFORE anything imports
``kivy.core.window`` or ``kivy.uix``.

Fixtures (each returns a plain function):

* ``render(widget, size=(1280, 800), frames=3) -> widget``: put ``widget``
  alone into the window at that window size and draw a few frames.
* ``tap(widget, pos=None, hold=0.05)``: a real touch (``UnitTestTouch``
  touch_down → frames → touch_up) at the widget's centre (or at ``pos``,
  widget-local coordinates), dispatched through the window like a finger.
* ``find(root, test_name) -> widget`` and ``find_all(root, test_name)``.
* ``advance(seconds, fps=60)``: move the virtual clock forward in frames;
  scheduled events and animations run, no real sleeping.
* ``screenshot(path) -> Path``: a PNG of exactly what is drawn.  A relative
  path goes under the screenshot directory (``$KIOSK_SCREENSHOT_DIR`` if set,
  else a pytest temp dir).
* ``grab(widget=None) -> PIL.Image``: the drawn pixels of the window, or of
  one widget's rectangle.

Why screenshots are read the way they are: ``Window.screenshot()`` calls
``glReadPixels`` on the back buffer *after* the frame was flipped, when an
offscreen (or any double-buffered) context no longer holds the picture, so
it saved black images.  We read the back buffer inside the window's
``on_flip`` event instead: our handler runs before the window's own
``flip()``, while the freshly drawn frame is still there (Kivy's own
``GraphicUnitTest`` does the same).
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path
from typing import Callable, Iterator

import pytest

os.environ["SDL_VIDEODRIVER"] = os.environ.get("KIOSK_TEST_SDL_VIDEODRIVER", "offscreen")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from kiosk.ui.bootstrap import configure_kivy  # noqa: E402

_KIVY_HOME = Path(tempfile.mkdtemp(prefix="kiosk-test-kivy-home-"))
# SDL's offscreen driver keeps the GL surface it was created with: a later
# Window.size only changes Kivy's viewport.  So create it big enough for
# both orientations (1280×800 and 800×1280) and size the viewport per test.
configure_kivy(fullscreen=False, width=1280, height=1280, kivy_home=_KIVY_HOME, testing=True)

from kivy.base import EventLoop  # noqa: E402
from kivy.clock import Clock  # noqa: E402
from kivy.logger import Logger  # noqa: E402
from kivy.core.window import Window  # noqa: E402
from kivy.graphics.opengl import (  # noqa: E402
    GL_PACK_ALIGNMENT,
    glFinish,
    GL_RGBA,
    GL_UNSIGNED_BYTE,
    glPixelStorei,
    glReadPixels,
)
from kivy.tests.common import UnitTestTouch  # noqa: E402
from PIL import Image  # noqa: E402

from kiosk.ui import theme  # noqa: E402

LANDSCAPE = (1280, 800)
PORTRAIT = (800, 1280)


# --------------------------------------------------------------------------- #
# Virtual time: the Clock reads this instead of the wall clock, so tests can
# jump 5 s of idle time in a few milliseconds and never sleep.
# --------------------------------------------------------------------------- #

class VirtualTime:
    def __init__(self, start: float) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


_virtual_time = VirtualTime(Clock.get_time())
Clock.time = _virtual_time  # ClockBase.time is a staticmethod; the instance one wins


def _frame() -> None:
    EventLoop.idle()
    # Wait until the frame is drawn, as a real screen's buffer swap does:
    # the off-screen window swaps nothing, and Mesa's threaded software
    # renderer then keeps a "scene" (with all its drawing data) for every
    # frame still queued, up to 64, until the process ends (200 quick
    # redraws of the home screen: +2.1 GiB without this wait).
    glFinish()


def advance(seconds: float = 0.0, fps: int = 60) -> None:
    """Move virtual time forward by ``seconds`` in frames of ``1/fps`` s
    (at least one frame), running the Clock, input and drawing each frame."""
    step = 1.0 / fps
    frames = max(1, round(seconds * fps))
    for _ in range(frames):
        _virtual_time.now += step
        _frame()


def frames(count: int = 1) -> None:
    """Draw ``count`` frames without moving time (triggers still run)."""
    for _ in range(count):
        _frame()


# --------------------------------------------------------------------------- #
# Window handling
# --------------------------------------------------------------------------- #

def _clear_window() -> None:
    for child in Window.children[:]:
        Window.remove_widget(child)
    EventLoop.touches.clear()
    EventLoop.me_list.clear()


def set_window_size(size: tuple[int, int]) -> None:
    if tuple(Window.size) != tuple(size):
        Window.size = size
        frames(2)


def render(widget, size: tuple[int, int] = LANDSCAPE, frames_: int = 3):
    """Show ``widget`` alone in a window of ``size`` and draw ``frames_``
    frames.  The widget fills the window unless its size_hint is None."""
    _clear_window()
    set_window_size(size)
    Window.clearcolor = theme.PALETTE.background
    Window.add_widget(widget)
    frames(frames_)
    return widget


def _window_center_of(widget, pos: tuple[float, float] | None = None) -> tuple[float, float]:
    local = pos if pos is not None else widget.center
    return widget.to_window(*local)


def tap(widget, pos: tuple[float, float] | None = None, hold: float = 0.05) -> tuple[float, float]:
    """A real touch on ``widget``: down, ``hold`` seconds of frames, up.

    The touch goes through ``Window.on_motion`` and the whole widget tree,
    exactly like a finger, so a widget covered by another one does not
    receive it.  Returns the window coordinates that were touched."""
    if widget.get_root_window() is None:
        raise AssertionError(f"{widget!r} is not in the window; render() it first")
    x, y = _window_center_of(widget, pos)
    if not (0 <= x < Window.width and 0 <= y < Window.height):
        raise AssertionError(f"{widget!r} is off-screen at {(x, y)}")
    touch = UnitTestTouch(x, y)
    touch.touch_down()
    advance(hold)
    touch.touch_up()
    advance(0.05)
    return (x, y)


def find_all(root, test_name: str) -> list:
    """Every widget under ``root`` (inclusive) whose ``test_name`` matches."""
    return [w for w in root.walk(restrict=True) if getattr(w, "test_name", None) == test_name]


def find(root, test_name: str):
    """The one widget under ``root`` with this ``test_name`` (LookupError
    listing the names present otherwise)."""
    hits = find_all(root, test_name)
    if len(hits) == 1:
        return hits[0]
    if not hits:
        names = sorted({str(getattr(w, "test_name", "") or "") for w in root.walk(restrict=True)} - {""})
        raise LookupError(f"no widget with test_name={test_name!r}; present: {names}")
    raise LookupError(f"{len(hits)} widgets with test_name={test_name!r}")


def grab(widget=None) -> Image.Image:
    """Draw a fresh frame and return its pixels (RGB, top row first): the
    whole window, or the rectangle ``widget`` covers on screen."""
    captured: dict[str, bytes] = {}

    def on_flip(window, *_):
        glPixelStorei(GL_PACK_ALIGNMENT, 1)
        captured["rgba"] = glReadPixels(0, 0, window.width, window.height, GL_RGBA, GL_UNSIGNED_BYTE)

    Window.canvas.ask_update()
    Window.fbind("on_flip", on_flip)
    try:
        frames(1)
    finally:
        Window.funbind("on_flip", on_flip)
    if "rgba" not in captured:
        raise RuntimeError("no frame was drawn; is the event loop running?")
    w, h = Window.width, Window.height
    image = Image.frombytes("RGBA", (w, h), captured["rgba"]).transpose(Image.FLIP_TOP_BOTTOM)
    image = image.convert("RGB")
    if widget is not None:
        x0, y0 = widget.to_window(widget.x, widget.y)
        x1, y1 = widget.to_window(widget.right, widget.top)
        image = image.crop((round(x0), round(h - y1), round(x1), round(h - y0)))
    return image


# --------------------------------------------------------------------------- #
# Fixtures
# --------------------------------------------------------------------------- #

@pytest.fixture(scope="session", autouse=True)
def kivy_window() -> Iterator:
    """The one window of the test session, with the event loop started."""
    EventLoop.ensure_window()
    if EventLoop.status != "started":
        EventLoop.start()
    Window.clearcolor = theme.PALETTE.background
    frames(2)
    yield Window
    _clear_window()


class _ClockOverrun(logging.Handler):
    """Collects Kivy's "too much iteration done before the next frame": a
    frame whose layouts and redraws did not settle within
    ``Clock.max_iteration`` passes is drawn half laid out."""

    def __init__(self) -> None:
        super().__init__(logging.CRITICAL)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "too much iteration" in message:
            self.messages.append(message[:400])


@pytest.fixture(autouse=True)
def _fresh_window(kivy_window) -> Iterator[None]:
    """Every test starts with an empty landscape window and ends cleanly,
    and no frame of it ran out of Clock passes."""
    _clear_window()
    set_window_size(LANDSCAPE)
    overrun = _ClockOverrun()
    Logger.addHandler(overrun)
    try:
        yield
        _clear_window()
        frames(1)
    finally:
        Logger.removeHandler(overrun)
    assert not overrun.messages, overrun.messages[0]


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory) -> Path:
    """Where screenshots go: ``$KIOSK_SCREENSHOT_DIR`` or a pytest temp dir."""
    env = os.environ.get("KIOSK_SCREENSHOT_DIR")
    path = Path(env) if env else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def screenshot(screenshot_dir) -> Callable[..., Path]:
    def take(path: str | os.PathLike[str], widget=None) -> Path:
        """Save a PNG of the window (or of ``widget``'s rectangle)."""
        target = Path(path)
        if not target.is_absolute():
            target = screenshot_dir / target
        target.parent.mkdir(parents=True, exist_ok=True)
        grab(widget).save(target)
        return target

    return take


@pytest.fixture(name="render")
def render_fixture() -> Callable:
    return render


@pytest.fixture(name="tap")
def tap_fixture() -> Callable:
    return tap


@pytest.fixture(name="find")
def find_fixture() -> Callable:
    return find


@pytest.fixture(name="find_all")
def find_all_fixture() -> Callable:
    return find_all


@pytest.fixture(name="advance")
def advance_fixture() -> Callable:
    return advance


@pytest.fixture(name="grab")
def grab_fixture() -> Callable:
    return grab
