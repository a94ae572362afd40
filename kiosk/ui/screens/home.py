"""The home screen: a friendly poster with the greeting, the office's motto,
today's date and opening hours, and five big tiles (Heute bei uns, Deine
Meinung, Wünsche, Anmelden, Das sind wir).

It holds nothing a visitor typed, so ``reset()`` has nothing to forget.
Texts are computed by small methods that kv calls with ``app.lang`` and
``app.today`` as arguments, so a language switch or midnight redraws them.
"""

from __future__ import annotations

from datetime import date

from kivy.clock import Clock
from kivy.properties import NumericProperty

from kiosk.i18n import _
from kiosk.locale_format import format_day, format_time_range
from kiosk.schedule import next_open_day, opening_hours_on
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets import buttons, labels, tile  # noqa: F401 - kv classes
from kiosk.ui.widgets import centered_grid  # noqa: F401 - kv classes
from kiosk.ui.widgets._kv import load_kv

#: Home tile id → screen it opens; colours and pictograms: theme.HOME_TILES.
TILE_TARGETS: dict[str, str] = {
    "today": "offers",
    "feedback": "feedback",
    "wishes": "wishes",
    "signup": "signup",
    "about": "about",
}


def _text_box(tile):
    """The box holding a Tile's label(s): its last child in tile.kv, after
    the pictogram (kv adds children in order, Kivy lists them newest first)."""
    return tile.children[0]


def opening_hours_text(config, day: date, lang: str) -> str:
    """ "Heute geöffnet: 09:00–18:00 Uhr", or "Heute geschlossen – wieder
    offen am Mittwoch, 25. November" (plain "Heute geschlossen" when no open
    day is in sight)."""
    spans = opening_hours_on(config, day)
    if spans:
        hours = ", ".join(format_time_range(start, end, lang) for start, end in spans)
        return _("Heute geöffnet: {hours}").format(hours=hours)
    reopen = next_open_day(config, day)
    if reopen is None:
        return _("Heute geschlossen")
    return _("Heute geschlossen – wieder offen am {day}").format(day=format_day(reopen, lang))


class HomeScreen(KioskScreen):
    config_stamp = NumericProperty(0)
    """Bumped when staff reload the config, so kv re-reads config texts."""

    def __init__(self, **kwargs):
        self._trigger_level = Clock.create_trigger(self._level_pictograms, -1)
        super().__init__(**kwargs)

    def on_kv_post(self, _base) -> None:
        tiles = self.ids.tiles
        tiles.fbind("cols", self._trigger_level)
        for tile in tiles.children:
            _text_box(tile).fbind("minimum_height", self._trigger_level)
        self._trigger_level()

    def _level_pictograms(self, *_):
        """Tiles in one row reserve the same room for their label (the
        tallest one's), so their pictograms line up whether "Wünsche" fits
        on one line and "Deine Meinung" needs two or not."""
        tiles = self.ids.tiles.children
        needed = max(_text_box(t).minimum_height for t in tiles)
        one_row = self.ids.tiles.cols >= len(tiles)
        for tile in tiles:
            tile.label_min_height = needed if one_row else 0

    # -- texts for kv (arguments are there so kv rebinds) -----------------------

    def date_text(self, today: date | None, lang: str) -> str:
        return format_day(today, lang) if today else ""

    def hours_text(self, today: date | None, lang: str, _stamp: int = 0) -> str:
        return opening_hours_text(self.service.config, today, lang) if today else ""

    def tagline_text(self, lang: str, _stamp: int = 0) -> str:
        return self.service.config.tagline.get(lang)

    # -- actions ------------------------------------------------------------

    def open_tile(self, tile_id: str) -> None:
        self.app.go(TILE_TARGETS[tile_id])

    def config_changed(self) -> None:
        self.config_stamp += 1


load_kv(__file__)
