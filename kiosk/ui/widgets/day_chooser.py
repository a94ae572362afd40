"""``◀  Heute, Dienstag, 24. November  ▶  [Heute]``: step through days.

Staff look at sign-ups and flags for "a chosen day"; stepping one day at a
time with two big arrows is quicker and safer on a touchscreen than a
calendar grid, and the "Heute" button jumps back.  A ``step`` function can
replace the plain ±1 day (e.g. "the previous/next date this offer runs").
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Callable

from kivy.properties import AliasProperty, ObjectProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.i18n import _
from kiosk.locale_format import format_day
from kiosk.ui.offer_texts import day_with_relative
from kiosk.ui.widgets import buttons as _buttons  # noqa: F401  (registers IconButton, KioskButton)
from kiosk.ui.widgets import labels as _labels  # noqa: F401  (registers ThemedLabel)
from kiosk.ui.widgets._kv import load_kv

__all__ = ("DayChooser", "day_caption")


def day_caption(day: date, today: date | None, lang: str = "de") -> str:
    """"Heute, Dienstag, 24. November" (with the year when it is not this year)."""
    if today is not None and day.year != today.year:
        # TRANSLATORS: {date} e.g. "Dienstag, 24. November", {year} e.g. 2027
        return _("{date} {year}").format(date=format_day(day, lang), year=day.year)
    return day_with_relative(day, today, lang)


class DayChooser(BoxLayout):
    """Two arrows around the chosen day, and a button back to today.

    Its parts carry ``test_name`` ``'<test_name>.prev'``, ``'.next'``,
    ``'.today'`` and ``'.label'``.  :attr:`day` is the change event
    (``bind(day=…)``).
    """

    day = ObjectProperty(None, allownone=True)
    """The chosen day (a ``date``). :class:`~kivy.properties.ObjectProperty`."""

    today = ObjectProperty(None, allownone=True)
    """Today (the kiosk clock's); the "Heute" button goes there.
    :class:`~kivy.properties.ObjectProperty`."""

    lang = StringProperty("de")
    """Language of the day's name. :class:`~kivy.properties.StringProperty`."""

    step = ObjectProperty(None, allownone=True)
    """``step(day, direction) -> date | None`` (direction ±1) for other steps
    than one day; ``None`` means no further day that way.
    :class:`~kivy.properties.ObjectProperty`."""

    test_name = StringProperty("")
    """Name for tests to find this widget by; also prefixes its parts'.
    :class:`~kivy.properties.StringProperty`."""

    def _get_caption(self) -> str:
        if self.day is None:
            return ""
        return day_caption(self.day, self.today, self.lang)

    caption = AliasProperty(_get_caption, None, bind=("day", "today", "lang"), cache=True)
    """Read-only: the text between the arrows. :class:`~kivy.properties.AliasProperty`."""

    def _target(self, direction: int) -> date | None:
        if self.day is None:
            return None
        step: Callable[[date, int], date | None] | None = self.step
        if step is None:
            return self.day + timedelta(days=direction)
        return step(self.day, direction)

    def can_go(self, direction: int, *_deps) -> bool:
        return self._target(direction) is not None

    def go(self, direction: int) -> None:
        target = self._target(direction)
        if target is not None:
            self.day = target

    def go_today(self) -> None:
        if self.today is not None:
            self.day = self.today


load_kv(__file__)
