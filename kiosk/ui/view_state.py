"""``VIEW``: the running app's reading direction and text size, as one
observable object every kv rule can bind to (``rtl: VIEW.rtl``,
``font_scale: VIEW.font_scale``).

Why not ``app.lang`` / ``app.font_scale`` in the rules: widgets are also
built without a running app (widget tests, tools), and a kv rule that binds
``app.…`` then fails while the widget is built.  ``VIEW`` always exists; it
binds itself once to each app that runs (tests build many), so no widget
ever holds a binding on the app.  Registered in kv's global names, so a
.kv file needs no ``#:import`` for it.
"""

from __future__ import annotations

import weakref

from kivy.app import App
from kivy.event import EventDispatcher
from kivy.lang import global_idmap
from kivy.properties import BooleanProperty, NumericProperty

from kiosk.locale_format import is_rtl

__all__ = ("VIEW", "ViewState")


class ViewState(EventDispatcher):
    """Follows the running app's ``lang`` and ``font_scale``."""

    rtl = BooleanProperty(False)
    """True while the UI language is written right to left.
    :class:`~kivy.properties.BooleanProperty`."""

    font_scale = NumericProperty(1.0)
    """The "große Schrift" factor (1.0 when off).
    :class:`~kivy.properties.NumericProperty`."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._app: weakref.ref | None = None

    def follow_running_app(self) -> None:
        """Bind to the running app if it is a new one (cheap when not)."""
        app = App.get_running_app()
        if app is None or (self._app is not None and self._app() is app):
            return
        self._app = weakref.ref(app)
        if hasattr(app, "lang"):
            app.fbind("lang", self._language_changed)
            self._language_changed(app, app.lang)
        if hasattr(app, "font_scale"):
            app.fbind("font_scale", self._font_scale_changed)
            self._font_scale_changed(app, app.font_scale)

    def _language_changed(self, _app, lang: str) -> None:
        self.rtl = is_rtl(lang)

    def _font_scale_changed(self, _app, scale: float) -> None:
        self.font_scale = scale


VIEW = ViewState()
global_idmap["VIEW"] = VIEW
