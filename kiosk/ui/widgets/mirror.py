"""Layouts that mirror themselves in a right-to-left language.

Kivy 2.3's BoxLayout only lays out left to right, and GridLayout/StackLayout
need their ``orientation`` flipped by hand.  Arabic readers start at the
right: the first tile, the pictogram before a title, the "back" button, the
minus of a stepper all belong on the right.  Rather than reversing children
(which would also reverse focus and test order, and must be undone on every
language switch), :class:`MirrorMixin` lets the layout place its children as
usual and then reflects their x positions inside the layout.  The result
is exactly the mirror image, padding included, and it follows a language
switch at the next layout pass.

``rtl`` is bound in ``mirror.kv`` to ``VIEW.rtl`` (:mod:`kiosk.ui.view_state`)
for every :class:`MirrorBox`; a widget class that mixes in
:class:`MirrorMixin` binds it in its own rule (``rtl: VIEW.rtl``).
"""

from __future__ import annotations

from kivy.properties import BooleanProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.ui.view_state import VIEW
from kiosk.ui.widgets._kv import load_kv

__all__ = ("MirrorBox", "MirrorMixin", "mirrored_icon")



#: Pictograms that point along the reading direction: drawn the other way
#: round in a right-to-left language.
_MIRRORED_ICONS = {"back": "next", "next": "back"}


def mirrored_icon(name: str, rtl: bool) -> str:
    """The pictogram to draw for ``name`` ("back" points right in Arabic)."""
    return _MIRRORED_ICONS.get(name, name) if rtl else name


class MirrorMixin:
    """Mix into a Layout (before it in the bases): with ``rtl`` set, the
    children's x positions are reflected inside the layout after each
    layout pass."""

    rtl = BooleanProperty(False)
    """Mirror the horizontal placement of the children.
    :class:`~kivy.properties.BooleanProperty`, default False."""

    def __init__(self, **kwargs) -> None:
        VIEW.follow_running_app()   # current before the kv rule reads it
        super().__init__(**kwargs)

    def on_rtl(self, *_args) -> None:
        self._trigger_layout()

    def do_layout(self, *args, **kwargs) -> None:
        super().do_layout(*args, **kwargs)
        self.mirror_children()

    def mirror_children(self) -> None:
        """Reflect the children's x inside the layout when ``rtl`` is set
        (a layout with its own ``do_layout`` calls this at its end)."""
        if self.rtl:
            left, right = self.x, self.right
            for child in self.children:
                child.x = left + right - child.right


class MirrorBox(MirrorMixin, BoxLayout):
    """A BoxLayout that runs from the right in a right-to-left language."""


load_kv(__file__)
