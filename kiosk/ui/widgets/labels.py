"""Themed text: the kiosk's one label, sized and coloured by role.

``ThemedLabel(role='title')`` picks its font size from ``theme.TYPE`` and is
dark ink on the light page by default; long text wraps to the widget width.
"""

from __future__ import annotations

from kivy.properties import BooleanProperty, NumericProperty, OptionProperty, StringProperty

from kiosk.ui.widgets._kv import load_kv
from kiosk.ui.widgets.bidi_label import BidiLabel

__all__ = ("ThemedLabel", "ROLES")

ROLES = ("caption", "body", "button", "tile", "title", "headline", "time", "date", "huge")


class ThemedLabel(BidiLabel):
    """A label in the kiosk's type scale and palette."""

    role = OptionProperty("body", options=ROLES)
    """Type role; sets size and weight (see ``theme.TypeScale``).
    :class:`~kivy.properties.OptionProperty`, default ``'body'``."""

    font_scale = NumericProperty(1.0)
    """Extra size factor (the "große Schrift" switch binds this).
    :class:`~kivy.properties.NumericProperty`, default 1.0."""

    wrap = BooleanProperty(True)
    """Wrap to the widget's width and take the text's height (default True;
    ``size_hint_y`` then defaults to None).  ``False``: one line, shortened
    with "…" if it does not fit.  :class:`~kivy.properties.BooleanProperty`."""

    test_name = StringProperty("")
    """Name for tests to find this widget by.
    :class:`~kivy.properties.StringProperty`."""

    def __init__(self, **kwargs):
        if kwargs.get("wrap", True) and "size_hint_y" not in kwargs and "size_hint" not in kwargs:
            kwargs["size_hint_y"] = None
        super().__init__(**kwargs)

    def on_texture_size(self, _instance, size):
        if self.wrap and self.size_hint_y is None:
            self.height = size[1]


load_kv(__file__)
