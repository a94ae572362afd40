"""Configure Kivy before any part of it that reads its configuration loads.

Kivy reads its settings at import time in several places (the keyboard mode
in ``kivy.uix.textinput`` and ``kivy.uix.behaviors.focus``, the window size
when ``kivy.core.window`` creates the window, the home directory and command
line in ``import kivy`` itself).  So the kiosk sets everything in ONE
function, :func:`configure_kivy`, that the app's entry point and the test
harness both call first, before any ``kivy.core.window`` or ``kivy.uix``
import.  This module itself imports nothing from Kivy at module level.

What it settles, and why:

* ``KIVY_NO_ARGS``: Kivy would otherwise parse ``sys.argv`` (pytest's or the
  kiosk CLI's) as its own options.
* ``KIVY_HOME`` → a directory we own, and ``KIVY_NO_CONFIG``: a stale
  ``~/.kivy/config.ini`` can never change the kiosk's behaviour; every
  setting comes from this function.
* Logging: no log files in tests; on the tablet a handful at most (Kivy's
  default keeps 100 files on the SD card).
* One input provider per device: the mouse provider (which on Linux also
  receives the touchscreen through the pointer emulation) with
  ``disable_multitouch`` (no red multitouch dots); Kivy's ``probesysfs``
  default would add a second provider for the same touchscreen and every tap
  would arrive twice.  A real touchscreen provider can be chosen instead.
* Keyboard: ``systemanddock`` — a hardware keyboard works, and a docked
  on-screen keyboard with our own German layout (``assets/keyboards/de.json``)
  appears for text fields.
* ``desktop = 1`` turns off TextInput's selection bubbles and drag handles;
  ``exit_on_escape = 0`` so Escape or the Android back key never closes the
  kiosk.
* Graphics: no multisampling (the shapes are anti-aliased by Kivy's Smooth*
  instructions already) and only the SDL2 image loader: both make the cold
  start and every frame cheaper.
* glibc's mmap threshold stays fixed (:func:`keep_malloc_threshold_fixed`),
  so big freed buffers go back to the system instead of piling up in the
  heap of a kiosk that runs all day.
"""

from __future__ import annotations

import ctypes
import os
import sys
from dataclasses import dataclass
from pathlib import Path

#: Project root (the checkout): ``kiosk/ui/bootstrap.py`` → ``../../..``.
PROJECT_ROOT = Path(__file__).resolve().parents[2]
#: Our own on-screen keyboard layouts (Kivy's shipped ``de.json`` is broken).
KEYBOARD_DIR = PROJECT_ROOT / "assets" / "keyboards"
GERMAN_KEYBOARD = KEYBOARD_DIR / "de.json"
NUMERIC_KEYBOARD = KEYBOARD_DIR / "numeric.json"

#: Log files kept on the tablet (Kivy's default is 100).
LOG_MAX_FILES = 5

#: glibc's own default: blocks from 128 KiB up get their own mapping.
MMAP_THRESHOLD_BYTES = 128 * 1024
_M_MMAP_THRESHOLD = -3  # mallopt() parameter number in glibc's malloc.h


@dataclass(frozen=True)
class KivySettings:
    """What :func:`configure_kivy` was called with (kept to make repeat calls
    harmless and to refuse conflicting ones)."""

    fullscreen: bool
    width: int
    height: int
    kivy_home: Path
    testing: bool
    touch_provider: str | None


_applied: KivySettings | None = None


def _kivy_already_loaded() -> list[str]:
    """Kivy modules that would already have read their configuration."""
    watched = ("kivy.core.window", "kivy.uix.textinput", "kivy.uix.behaviors.focus")
    return [name for name in watched if name in sys.modules]


def keep_malloc_threshold_fixed() -> bool:
    """Stop glibc from raising its mmap threshold; ``True`` if it was set.

    glibc serves blocks of 128 KiB and more from their own mappings, which go
    back to the system when freed, but every time such a block is freed it
    raises that threshold to the block's size (up to 32 MiB).  One PIN check
    frees scrypt's 16 MiB, label textures and Mesa's buffers free megabytes
    all the time: afterwards all of those come from the heap, which keeps
    what was freed (tens of MiB more each time a screen is rebuilt, measured
    with ``tests/bench/bench_ui_memory.py``).  Setting the threshold once
    turns that adjustment off.  Other C libraries (musl) lack ``mallopt``:
    then nothing happens."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES) == 1


def configure_kivy(
    *,
    fullscreen: bool,
    width: int = 1280,
    height: int = 800,
    kivy_home: Path,
    testing: bool = False,
    touch_provider: str | None = None,
) -> KivySettings:
    """Set Kivy's environment and ``Config`` for the kiosk.  Call it first.

    :param fullscreen: ``True`` on the tablet (``fullscreen = auto``, no mouse
        cursor, not resizable); ``False`` for a window of ``width``×``height``
        on a developer's screen.
    :param width, height: window size when not fullscreen (1280×800 landscape
        or 800×1280 portrait).
    :param kivy_home: a directory we own for Kivy's own files (created).
    :param testing: no log file, quieter console, no input providers at all
        (tests dispatch their own touches), no screensaver juggling.
    :param touch_provider: ``None`` (default) uses the mouse provider, which
        also receives a Linux touchscreen through pointer emulation.  A value
        such as ``"mtdev,/dev/input/event3"`` uses that provider for the
        touchscreen INSTEAD of the mouse, so that no device is read twice.

    Calling it again with the same arguments is harmless; calling it with
    different arguments after Kivy has loaded raises ``RuntimeError``, since
    those settings can no longer take effect.
    """
    global _applied
    settings = KivySettings(
        fullscreen=fullscreen,
        width=int(width),
        height=int(height),
        kivy_home=Path(kivy_home),
        testing=testing,
        touch_provider=touch_provider,
    )
    if _applied is not None:
        if _applied != settings:
            raise RuntimeError(
                f"configure_kivy() was already called with {_applied}; "
                f"cannot change to {settings} once Kivy is loaded"
            )
        return _applied
    loaded = _kivy_already_loaded()
    if loaded:
        raise RuntimeError(
            "configure_kivy() must run before Kivy's window or widgets are "
            f"imported, but these are loaded already: {', '.join(loaded)}"
        )
    if "kivy" in sys.modules:
        # `import kivy` read KIVY_HOME and friends already; we can still set
        # Config below, but say so loudly instead of pretending.
        raise RuntimeError("configure_kivy() must run before `import kivy`")

    keep_malloc_threshold_fixed()
    home = settings.kivy_home.expanduser().resolve()
    home.mkdir(parents=True, exist_ok=True)

    env = os.environ
    env["KIVY_NO_ARGS"] = "1"
    env["KIVY_HOME"] = str(home)
    env["KIVY_NO_CONFIG"] = "1"          # never read or write a config.ini
    env.setdefault("KIVY_LOG_MODE", "MIXED")
    # Read by `import kivy` itself, before our Config.set below can run.
    env["KCFG_KIVY_LOG_MAXFILES"] = str(LOG_MAX_FILES)
    if testing:
        env["KIVY_NO_FILELOG"] = "1"
        env.setdefault("KCFG_KIVY_LOG_LEVEL", "warning")
    # Image loaders: SDL2 reads the PNG atlases of Kivy's own widgets (the
    # on-screen keyboard); the kiosk loads no other images.  Kivy's default
    # list also imports Pillow and tries ffpyplayer at start-up (~11 ms of
    # the cold start); the hand-over still uses Pillow directly for QR codes.
    # A platform without SDL2_image can set KIVY_IMAGE itself.
    env.setdefault("KIVY_IMAGE", "tex,dds,sdl2")

    from kivy.config import Config  # noqa: PLC0415 - must follow the env setup

    # Logging: few, small files on the tablet.
    Config.set("kivy", "log_maxfiles", str(LOG_MAX_FILES))
    Config.set("kivy", "log_enable", "0" if testing else "1")
    Config.set("kivy", "log_dir", str(home / "logs"))
    if testing:
        Config.set("kivy", "log_level", env.get("KCFG_KIVY_LOG_LEVEL", "warning"))

    # Window.
    if fullscreen:
        Config.set("graphics", "fullscreen", "auto")
        Config.set("graphics", "show_cursor", "0")
        Config.set("graphics", "resizable", "0")
        Config.set("graphics", "borderless", "1")
    else:
        Config.set("graphics", "fullscreen", "0")
        Config.set("graphics", "show_cursor", "1")
        Config.set("graphics", "resizable", "1")
        Config.set("graphics", "borderless", "0")
    Config.set("graphics", "width", str(settings.width))
    Config.set("graphics", "height", str(settings.height))
    Config.set("graphics", "position", "auto")
    Config.set("graphics", "allow_screensaver", "0" if fullscreen else "1")
    # No multisampling: every curved or slanted shape is drawn with Kivy's
    # anti-aliased Smooth* instructions, so MSAA adds nothing visible, and it
    # doubles the cost of every frame in a software renderer (home screen:
    # ~45 → ~21 ms in Mesa llvmpipe; see docs/benchmarks.md).
    Config.set("graphics", "multisamples", "0")
    # Tests drive a virtual clock; a frame cap would make Kivy sleep in
    # real time waiting for it.
    Config.set("graphics", "maxfps", "0" if testing else "60")

    # Input: exactly one provider per device.
    for option, _value in list(Config.items("input")):
        Config.remove_option("input", option)
    if not testing:
        if touch_provider:
            Config.set("input", "touchscreen", touch_provider)
        else:
            Config.set("input", "mouse", "mouse,disable_multitouch")
    # No red dots from right/middle clicks; no 'touchring' or 'monitor' module.
    for option, _value in list(Config.items("modules")):
        Config.remove_option("modules", option)

    # Keyboard: hardware keys work, plus our docked German on-screen keyboard.
    Config.set("kivy", "keyboard_mode", "systemanddock")
    Config.set("kivy", "keyboard_layout", str(GERMAN_KEYBOARD))
    # Desktop mode: no TextInput bubbles/handles (no copy-paste popups,
    # no selection zoom) and no swipe-scrolling of single-line fields.
    Config.set("kivy", "desktop", "1")
    # Escape / Android back never leave the kiosk.
    Config.set("kivy", "exit_on_escape", "0")
    Config.set("kivy", "pause_on_minimize", "0")
    Config.set("kivy", "window_icon", "")

    # Fonts that cover German, Turkish, Ukrainian and Arabic (Noto from
    # fonts-noto-core, falling back to Kivy's bundled fonts with a warning).
    from kiosk.ui.fonts import register_fonts  # noqa: PLC0415 - needs Config set

    register_fonts()

    _applied = settings
    return settings


def keyboard_layout_path(name: str) -> str:
    """Absolute path of one of our keyboard layouts (``"de"`` or
    ``"numeric"``) to assign to ``VKeyboard.layout``: Kivy loads a layout
    given as a ``.json`` path directly (``vkeyboard.layout = path``)."""
    path = KEYBOARD_DIR / f"{name}.json"
    if not path.is_file():
        raise FileNotFoundError(path)
    return str(path)
