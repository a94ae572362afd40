"""Visitors cannot leave the kiosk: the window's close request, Escape and
the Android back key (both key 27) are swallowed.  Only the staff area's
"Kiosk beenden" sets ``allow_exit`` and stops the app.
"""

from __future__ import annotations

from typing import Callable

ESCAPE_KEYS = (27,)  # Escape on a keyboard, "back" on Android


class Lockdown:
    def __init__(self, exit_allowed: Callable[[], bool]) -> None:
        self.exit_allowed = exit_allowed

    def install(self) -> None:
        from kivy.core.window import Window

        Window.fbind("on_request_close", self._on_request_close)
        Window.fbind("on_keyboard", self._on_keyboard)

    def remove(self) -> None:
        from kivy.core.window import Window

        Window.funbind("on_request_close", self._on_request_close)
        Window.funbind("on_keyboard", self._on_keyboard)

    def _on_request_close(self, *_args, **_kwargs) -> bool:
        # True means "handled": the window stays open.
        return not self.exit_allowed()

    def _on_keyboard(self, _window, key, *_args) -> bool | None:
        if key in ESCAPE_KEYS:
            return True
        return None
