"""Start the touchscreen kiosk: configure Kivy first, then build the app.

Kivy reads parts of its configuration at import time, so nothing from
``kivy.uix`` or ``kivy.core.window`` may be imported before
``configure_kivy`` ran; that is why the imports below are inside ``launch``.
"""

from __future__ import annotations

import logging
import sys

from kiosk import paths
from kiosk.clock import KioskClock
from kiosk.config import ConfigError, load_config_keeping_last_good

log = logging.getLogger(__name__)


def build_service(config_option: str | None, data_option: str | None):
    """Config (last good copy if the files are broken), store and clock."""
    from kiosk.service import KioskService
    from kiosk.store import KioskStore

    config_dir = paths.config_dir(config_option)
    # The data dir may be named in the config, so read that first from the files.
    provisional_data = paths.data_dir(data_option)
    config, problems = load_config_keeping_last_good(config_dir, provisional_data)
    data_dir = paths.data_dir(data_option, config.data_dir)
    if data_dir != provisional_data:
        config, problems = load_config_keeping_last_good(config_dir, data_dir)
    store = KioskStore(data_dir)
    clock = KioskClock(offset_seconds=float(store.state.get("clock_offset_seconds", 0.0) or 0.0))
    return KioskService(config, store, clock), config_dir, data_dir, problems


def launch(*, config_option=None, data_option=None, windowed: bool = False, portrait: bool = False) -> int:
    try:
        service, config_dir, data_dir, problems = build_service(config_option, data_option)
    except ConfigError as error:
        print("Der Kiosk kann nicht starten, die Konfiguration hat Fehler:", file=sys.stderr)
        for problem in error.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    from kiosk.ui.bootstrap import configure_kivy

    width, height = (800, 1280) if portrait else (1280, 800)
    configure_kivy(fullscreen=not windowed, width=width, height=height, kivy_home=data_dir / "kivy-home")
    from kiosk.ui.app import KioskApp

    KioskApp(service, config_dir=config_dir, data_dir=data_dir, config_problems=problems).run()
    return 0
