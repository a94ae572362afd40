"""Where the kiosk finds its configuration and keeps its data.

Order of precedence for both: the ``--config``/``--data`` option, then the
``KIOSK_CONFIG_DIR``/``KIOSK_DATA_DIR`` environment variable, then a default.
The config default is ``./config`` when it exists (staff run the kiosk from
its checkout and edit that folder), else the example files shipped inside the
package.  The data default is a per-user directory (XDG on Linux), never the
current directory, so a demo run cannot mix with the real data by accident.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DEFAULTS = Path(__file__).resolve().parent / "defaults"
APP_DIR_NAME = "huels-sued-kiosk"


def config_dir(option: str | os.PathLike[str] | None = None) -> Path:
    """The configuration directory to load, by the precedence above."""
    if option:
        return Path(option)
    env = os.environ.get("KIOSK_CONFIG_DIR")
    if env:
        return Path(env)
    local = Path.cwd() / "config"
    if (local / "kiosk.toml").is_file():
        return local
    return PACKAGE_DEFAULTS


def default_data_dir() -> Path:
    """The per-user data directory (``$XDG_DATA_HOME/huels-sued-kiosk``)."""
    if os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_DIR_NAME


def data_dir(option: str | os.PathLike[str] | None = None, configured: str | None = None) -> Path:
    """The data directory: option, environment, ``data_dir`` from config, default."""
    if option:
        return Path(option)
    env = os.environ.get("KIOSK_DATA_DIR")
    if env:
        return Path(env)
    if configured:
        return Path(configured).expanduser()
    return default_data_dir()
