"""What every section of the staff area shares.

A section is a widget the staff screen shows to the right of (landscape)
or below (portrait) its navigation.  It reads through the service when
:meth:`StaffSection.refresh` is called (on showing it, and after staff
changed something) and forgets typed input in :meth:`StaffSection.reset`
(idle time and locking call it, so the next person sees no half-filled
form).  Shared kv rules for the section's parts live in ``staff_base.kv``.
"""

from __future__ import annotations

from kivy.app import App
from kivy.clock import Clock
from kivy.core.window import Window
from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.ui import theme

from kiosk.ui.widgets import buttons as _buttons  # noqa: F401  (registers KioskButton)
from kiosk.ui.widgets import card as _card  # noqa: F401  (registers Card)
from kiosk.ui.widgets import chips as _chips  # noqa: F401  (registers ChoiceChip, CheckChip)
from kiosk.ui.widgets import labels as _labels  # noqa: F401  (registers ThemedLabel)
from kiosk.ui.widgets import pictogram as _pictogram  # noqa: F401  (registers Pictogram)
from kiosk.ui.widgets._kv import load_kv


def keyboard_top() -> float:
    """Window y of the docked on-screen keyboard's top edge (0 without one)."""
    from kivy.uix.vkeyboard import VKeyboard

    tops = [w.y + w.height * getattr(w, "scale", 1.0) for w in Window.children if isinstance(w, VKeyboard)]
    return max(tops, default=0.0)


class StaffSection(BoxLayout):
    """Base of the staff sections (vertical box)."""

    test_name = StringProperty("")
    """Name for tests to find this widget by.
    :class:`~kivy.properties.StringProperty`."""

    landscape = BooleanProperty(True)
    """Set by the staff screen: wide (True) or tall (False) layout."""

    @property
    def app(self):
        return App.get_running_app()

    @property
    def service(self):
        return self.app.service

    typing = BooleanProperty(False)
    """A text field of the section has the focus: the docked on-screen
    keyboard covers the lower part of the window, so the section adds room
    below its content (:meth:`keyboard_room`) and scrolls the field into view."""

    def watch_fields(self, *fields) -> None:
        """Keep ``fields`` (TextInputs inside ``ids.scroll``) visible above the keyboard."""
        self._fields = fields
        for field in fields:
            field.bind(focus=self._on_field_focus)

    def _on_field_focus(self, field, focused: bool) -> None:
        self.typing = any(f.focus for f in getattr(self, "_fields", ()))
        if focused:
            # After the room for the keyboard is laid out, bring the field into view.
            Clock.schedule_once(lambda _dt: self.scroll_into_view(field), 0.05)

    def scroll_into_view(self, widget) -> None:
        """Scroll ``widget`` (inside ``ids.scroll``) into the part of the
        scroll view that is visible, i.e. above the docked keyboard if one
        is showing."""
        scroll = self.ids.get("scroll")
        if scroll is None:
            return
        scroll = scroll.__self__  # ids hold weak proxies; compare the widget itself
        parent = widget.parent
        while parent is not None and parent is not scroll and parent.parent is not parent:  # the Window is its own parent
            parent = parent.parent
        if parent is not scroll or scroll._viewport is None:
            return
        pad = theme.SPACING.l
        bottom = max(scroll.to_window(scroll.x, scroll.y)[1], keyboard_top())
        top = scroll.to_window(scroll.x, scroll.top)[1]
        low = widget.to_window(widget.x, widget.y)[1]
        high = widget.to_window(widget.x, widget.top)[1]
        if low - pad < bottom:
            dy = bottom - (low - pad)          # content must move up
        elif high + pad > top:
            dy = top - (high + pad)            # content must move down
        else:
            return
        _dx, dsy = scroll.convert_distance_to_scroll(0, dy)
        scroll.scroll_y = min(1.0, max(0.0, scroll.scroll_y - dsy))

    def unfocus_fields(self) -> None:
        for field in getattr(self, "_fields", ()):
            field.focus = False

    def keyboard_room(self, typing: bool, *_deps) -> float:
        return Window.height * 0.45 if typing else 0

    def refresh(self) -> None:
        """Read the current numbers/lists again."""

    def reset(self) -> None:
        """Forget anything typed or chosen (idle time, locking)."""


class StaffShow(BoxLayout):
    """A vertical box whose children are in the widget tree only while
    :attr:`shown` is True.

    Why not just height 0 and ``disabled``: the children of a squeezed box
    still have their own sizes and overflow onto their neighbours, and a
    disabled widget swallows every touch that lands on it, so hidden
    controls would eat the taps meant for visible ones.  Detached children
    take no touches, no space and no spacing.
    """

    shown = BooleanProperty(True)
    """Children attached (True) or kept aside (False).
    :class:`~kivy.properties.BooleanProperty`."""

    def __init__(self, **kwargs) -> None:
        self._kept: list = []
        super().__init__(**kwargs)

    def add_widget(self, widget, *args, **kwargs):
        if not self.shown:
            self._kept.append(widget)
            return None
        return super().add_widget(widget, *args, **kwargs)

    def on_shown(self, _box, shown: bool) -> None:
        if shown:
            kept, self._kept = self._kept, []
            for widget in kept:
                super().add_widget(widget)
        else:
            self._kept = list(reversed(self.children)) + self._kept
            self.clear_widgets()


class StaffPeriodChooser(BoxLayout):
    """Three chips: today, the last 7 days, the last 30 days
    (ids of :data:`kiosk.staff_stats.PERIODS`).  Parts are named
    ``'<test_name>.<period>'``."""

    period = StringProperty("today")
    """The chosen period id. :class:`~kivy.properties.StringProperty`."""

    test_name = StringProperty("")
    """Name for tests to find this widget by.
    :class:`~kivy.properties.StringProperty`."""


load_kv(__file__)


class StaffDaySection(StaffSection):
    """A staff section that shows one chosen day (``ids.chooser``, a
    DayChooser) and rebuilds its items (``ids[items_id]``) when the day
    changes.  Subclasses implement ``_fill_day(day, today)``."""

    items_id = "rows"

    def on_kv_post(self, _base_widget) -> None:
        self.ids.chooser.bind(day=lambda *_: self.refresh())

    def on_landscape(self, *_args) -> None:
        for item in self.ids[self.items_id].children:
            item.landscape = self.landscape

    def preset(self, day=None, **_params) -> None:
        if day is not None:
            self.ids.chooser.day = day

    def reset(self) -> None:
        self.ids.chooser.day = None

    def refresh(self) -> None:
        chooser = self.ids.chooser
        today = self.service.clock.today()
        chooser.today = today
        if chooser.day is None:
            chooser.day = today  # the binding refreshes
            return
        self._fill_day(chooser.day, today)

    def _fill_day(self, day, today) -> None:
        """Build the items for ``day`` (each subclass lays out its own)."""
