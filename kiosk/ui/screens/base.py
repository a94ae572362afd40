"""What every kiosk screen has in common.

Screens are thin: they show what ``app.service`` answers and call it for
every action.  Each screen clears itself in ``reset()`` (idle time: the next
visitor never sees the last one's name) and takes its parameters in
``show()`` right before it appears.
"""

from __future__ import annotations

from kivy.app import App
from kivy.properties import StringProperty
from kivy.uix.screenmanager import Screen


class KioskScreen(Screen):
    test_name = StringProperty("")
    """Name for tests to find the screen by (defaults to the screen name)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        if not self.test_name:
            self.test_name = f"screen_{self.name}"

    @property
    def app(self):
        return App.get_running_app()

    @property
    def service(self):
        return self.app.service

    def show(self, **params) -> None:
        """Called by ``app.go`` before the screen appears, with its parameters."""

    def reset(self) -> None:
        """Forget everything a visitor entered or chose on this screen."""

    def config_changed(self) -> None:
        """Staff reloaded the config: rebuild anything built from it."""
