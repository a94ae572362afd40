"""Redraw a vector widget once per frame, after the layout has settled.

A Clock trigger (``Clock.create_trigger(self._redraw, -1)``) runs before
the next frame, but also before the layouts that are still settling in the
same frame: a new widget's size goes through several values while the labels
around it get their heights (a home tile's pictogram: 52×38, 173×202,
173×300, then 173×206).  A pictogram drawn at each of them throws away all
but the last drawing, a third of the pictogram work of the kiosk's cold
start (docs/benchmarks.md).

:class:`RedrawBeforeFrame` waits instead for the window's ``on_draw``: its
handlers run after every Clock event of the frame and before anything is
drawn, so each widget that asked is drawn exactly once, at its final size.
"""

from __future__ import annotations

import weakref

__all__ = ("RedrawBeforeFrame",)

_pending: "weakref.WeakSet[RedrawBeforeFrame]" = weakref.WeakSet()
_window_hooked = False


def _redraw_pending(*_) -> None:
    """Window ``on_draw`` handler (runs before the window draws)."""
    while _pending:
        _pending.pop()._redraw()


def _hook_window() -> None:
    global _window_hooked
    from kivy.core.window import Window  # noqa: PLC0415 - the window exists by now

    Window.fbind("on_draw", _redraw_pending)
    _window_hooked = True


class RedrawBeforeFrame:
    """Mixin for a widget that draws its canvas in its own ``_redraw()``
    method: bind property changes to ``self._trigger_redraw``."""

    def _trigger_redraw(self, *_) -> None:
        if not _window_hooked:
            _hook_window()
        _pending.add(self)
        # Without a change of its own the window would skip the next frame.
        self.canvas.ask_update()
