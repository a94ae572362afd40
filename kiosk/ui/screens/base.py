"""What every kiosk screen has in common.

Screens are thin: they show what ``app.service`` answers and call it for
every action.  Each screen clears itself in ``reset()`` (idle time: the next
visitor never sees the last one's name) and takes its parameters in
``show()`` right before it appears.
"""

from __future__ import annotations

from kivy.animation import Animation
from kivy.app import App
from kivy.properties import StringProperty
from kivy.uix.screenmanager import Screen

from kiosk.ui import theme


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


class SteppedScreen(KioskScreen):
    """A screen whose steps (choose → … → thanks) swap inside ``ids.stage``.

    Subclasses fill ``self._steps`` (step name → widget) and have a
    ``ThankYou`` widget as ``ids.thanks``; the thank-you animation runs only
    while its step is on show.
    """

    def _show_step(self, step: str, animate: bool = True) -> None:
        stage = self.ids.stage
        widget = self._steps[step]
        if widget.parent is not stage:
            stage.clear_widgets()
            stage.add_widget(widget)
        self.step = step
        Animation.cancel_all(widget, "opacity")
        if animate:
            widget.opacity = 0
            Animation(opacity=1, d=theme.MOTION.press, t="out_quad").start(widget)
        else:
            widget.opacity = 1
        if step == "thanks":
            self.ids.thanks.play()
        else:
            self.ids.thanks.stop()
