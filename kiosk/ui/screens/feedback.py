"""Smiley feedback ("Deine Meinung"): a path children can walk without reading.

Step 1 ``choose``: big pictogram tiles for today's offers (or, when nothing
took place today, the offers of the last seven days) plus "Das Haus
allgemein".  Step 2 ``smileys``: 3 or 5 large faces (``config.feedback_scale``)
with the chosen offer's pictogram small at the top and a big back arrow.
Step 3 ``thanks``: a cheerful animated thank-you, then home by itself.

The vote goes to ``service.give_feedback``.  Whatever it answers — stored,
debounced (``None``: the same offer was just rated, so hammering counts
once) or kept in memory because the disk refused (``saved=False``) — the
child sees the same thank-you: anonymous feedback never shows an error.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from kivy.animation import Animation
from kivy.clock import Clock
from kivy.properties import (
    BooleanProperty,
    ColorProperty,
    NumericProperty,
    ObjectProperty,
    OptionProperty,
    StringProperty,
)
from kivy.uix.anchorlayout import AnchorLayout
from kivy.uix.boxlayout import BoxLayout

from kiosk.config import KioskConfig
from kiosk.i18n import _
from kiosk.locale_format import format_time, format_weekday
from kiosk.records import ValidationError
from kiosk.schedule import occurrences
from kiosk.ui import theme
from kiosk.ui.screens.base import SteppedScreen
from kiosk.ui.widgets import buttons as _buttons  # noqa: F401  (IconButton)
from kiosk.ui.widgets import labels as _labels  # noqa: F401  (ThemedLabel)
from kiosk.ui.widgets import thanks as _thanks  # noqa: F401  (ThankYou)
from kiosk.ui.widgets import tile_grid as _tile_grid  # noqa: F401  (TileGrid)
from kiosk.ui.widgets import mirror as _mirror  # noqa: F401  (MirrorBox in the .kv)
from kiosk.ui.widgets._kv import load_kv
from kiosk.ui.widgets.smiley import Smiley
from kiosk.ui.widgets.tile import Tile
from kiosk.ui.widgets.tile_grid import columns_for, fit_font_size

log = logging.getLogger(__name__)

#: How many days back the offers are offered when nothing took place today.
LOOK_BACK_DAYS = 7
#: Pictogram of the "Das Haus allgemein" tile (offer_id None).
HOUSE_PICTOGRAM = "house"
#: test_name suffix of the house tile.
HOUSE_KEY = "house"


@dataclass(frozen=True)
class FeedbackChoice:
    """One tile of step 1: an offer (or the house: ``offer_id`` None)."""

    offer_id: str | None
    title: str
    pictogram: str
    subtitle: str = ""
    today: bool = False     # an occurrence of today (not of the last days)

    @property
    def key(self) -> str:
        return self.offer_id or HOUSE_KEY


def feedback_choices(config: KioskConfig, today: date, lang: str,
                     is_cancelled=lambda offer_id, day: False) -> list[FeedbackChoice]:
    """The tiles of step 1, in order: today's offers by start time (their
    time below the title); if none took place today, the offers of the last
    :data:`LOOK_BACK_DAYS` days, most recent first (their weekday below);
    always "Das Haus allgemein" last.  Cancelled occurrences are left out."""
    chosen: list[FeedbackChoice] = []
    seen: set[str] = set()

    def add(occ, subtitle: str) -> None:
        offer = config.offer(occ.offer_id)
        if offer is None or occ.offer_id in seen or is_cancelled(occ.offer_id, occ.day):
            return
        seen.add(occ.offer_id)
        chosen.append(FeedbackChoice(offer.id, offer.title.get(lang), offer.pictogram, subtitle,
                                     today=occ.day == today))

    for occ in occurrences(config, today, today):
        add(occ, format_time(occ.start, lang))
    if not chosen:
        earlier = occurrences(config, today - timedelta(days=LOOK_BACK_DAYS), today - timedelta(days=1))
        for occ in sorted(earlier, key=lambda o: o.start, reverse=True):
            add(occ, format_weekday(occ.day, lang))
    chosen.append(FeedbackChoice(None, _("Das Haus allgemein"), HOUSE_PICTOGRAM))
    return chosen


class SmileyCell(AnchorLayout):
    """Centres one square smiley in its share of the row (or column), so
    only the face itself is the touch target, not the empty space beside it."""

    smiley = ObjectProperty(None)
    most = NumericProperty(0)

    def __init__(self, smiley: Smiley, most: float, **kwargs):
        super().__init__(**kwargs)
        self.smiley = smiley
        self.most = most
        smiley.size_hint = (None, None)
        self.add_widget(smiley)
        self.fbind("size", self._fit)
        self._fit()

    def _fit(self, *_):
        side = max(0.0, min(self.width, self.height, self.most))
        self.smiley.size = (side, side)


class FeedbackScreen(SteppedScreen):
    """Step 1 choose → step 2 smileys → step 3 thanks → home."""

    step = OptionProperty("choose", options=("choose", "smileys", "thanks"))
    """Which step is on show. :class:`~kivy.properties.OptionProperty`."""

    chosen = ObjectProperty(None, allownone=True)
    """The :class:`FeedbackChoice` being rated (step 2), else None."""

    chosen_title = StringProperty("")
    """Title of the offer being rated, shown above the smileys."""

    chosen_pictogram = StringProperty("")
    """Its pictogram, shown small above the smileys."""

    house_pictogram = StringProperty(HOUSE_PICTOGRAM)
    """Pictogram of the "Das Haus allgemein" bar."""

    house_disc = ColorProperty(theme.PALETTE.sand)
    """Disc colour of the house pictogram (its own, like the offer tiles')."""

    scale = NumericProperty(3)
    """Number of smileys (``config.feedback_scale``: 3 or 5)."""

    landscape = BooleanProperty(True)
    """True while the screen is wider than high (tiles and smileys follow)."""

    earlier = BooleanProperty(False)
    """True when step 1 shows the last days' offers (nothing today)."""

    last_result = ObjectProperty(None, allownone=True)
    """What the last vote returned: a ``Saved``, or None (debounced/refused).
    For tests and staff diagnostics; never shown to the visitor."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        ids = self.ids
        # The three steps live in the kv; only the one on show is in the tree
        # (hidden widgets must not catch touches).
        # ``ids`` holds weak proxies: keep the real widgets (``__self__``).
        self._steps = {"choose": ids.step_choose.__self__, "smileys": ids.step_smileys.__self__,
                       "thanks": ids.thanks.__self__}
        for widget in self._steps.values():
            ids.stage.remove_widget(widget)
        self._choices: list[FeedbackChoice] = []
        self._min_row = theme.TOUCH.child * 1.5
        self._tiles_lang = None
        self._tiles_day = None
        self._trigger_tiles = Clock.create_trigger(self._rebuild_tiles, -1)
        self._trigger_smileys = Clock.create_trigger(self._rebuild_smileys, -1)
        self.fbind("size", self._on_size)
        self.fbind("scale", self._trigger_smileys)
        self.fbind("landscape", self._trigger_smileys)
        self.fbind("landscape", self._trigger_tiles)
        ids.tiles.fbind("width", self._fit_tiles)
        ids.tiles.fbind("row_width", self._fit_labels)
        ids.tiles_scroller.fbind("height", self._fit_tiles)
        ids.thanks.bind(on_done=self._thanks_done)
        app = self.app
        if app is not None:
            app.fbind("lang", self._on_lang)
            app.fbind("today", self._trigger_tiles)
            app.fbind("font_scale", self._trigger_tiles)
        self.scale = self.service.config.feedback_scale
        self._show_step("choose", animate=False)
        self._rebuild_tiles()
        self._rebuild_smileys()

    # -- KioskScreen ---------------------------------------------------------

    def show(self, offer_id: str | None = None, **params) -> None:
        """Fresh start on every visit; ``offer_id`` jumps straight to the
        smileys for that offer (e.g. from an offer's detail page)."""
        self.reset()
        if offer_id is not None:
            for choice in self._choices:
                if choice.offer_id == offer_id:
                    self.choose(choice)
                    break

    def reset(self) -> None:
        self.ids.thanks.stop()
        self.chosen = None
        self.chosen_title = ""
        self.chosen_pictogram = ""
        self._refresh_tiles_if_stale()
        self._show_step("choose", animate=False)

    def config_changed(self) -> None:
        self.scale = self.service.config.feedback_scale
        self.ids.thanks.stop()
        self.chosen = None
        self._rebuild_tiles()
        self._rebuild_smileys()
        self._show_step("choose", animate=False)

    def on_pre_leave(self, *args) -> None:
        # Leaving during the thank-you (Start button, idle): no late "go home".
        self.ids.thanks.stop()

    # -- steps -----------------------------------------------------------------

    def choose(self, choice: FeedbackChoice) -> None:
        """Step 1 → 2: the child tapped an offer (or the house)."""
        if self.step != "choose":
            return
        self.chosen = choice
        self.chosen_title = choice.title
        self.chosen_pictogram = choice.pictogram
        self._show_step("smileys")

    def choose_house(self) -> None:
        """The "Das Haus allgemein" bar below the offers."""
        house = next((c for c in self._choices if c.offer_id is None), None)
        if house is not None:
            self.choose(house)

    def back(self) -> None:
        """The big back arrow: step 2 → 1."""
        if self.step == "smileys":
            self.chosen = None
            self._show_step("choose")

    def vote(self, score: int) -> None:
        """Step 2 → 3: store the vote (or not) and say thank you either way."""
        if self.step != "smileys" or self.chosen is None:
            return
        try:
            result = self.service.give_feedback(self.chosen.offer_id, int(score))
        except ValidationError as exc:
            # E.g. the offer vanished in a config reload a moment ago: the
            # child still gets the thank-you; staff find it in the log.
            log.warning("Smiley nicht gespeichert: %s", exc)
            result = None
        self.last_result = result
        if result is not None and not result.saved:
            self.app.unsaved_count = len(self.service.unsaved)
        self._show_step("thanks")

    def _thanks_done(self, *_):
        # Only while this very screen is on show in the running app's shell.
        app = self.app
        if (self.step == "thanks" and app is not None and app.current_screen == self.name
                and any(screen is self for screen in app.built_screens())):
            app.go_home()

    def _show_step(self, step: str, animate: bool = True) -> None:
        super()._show_step(step, animate)
        if step == "choose":
            self.ids.tiles_scroller.scroll_y = 1

    # -- building from the config -----------------------------------------------

    def _on_size(self, *_):
        self.landscape = self.width >= self.height

    def _on_lang(self, *_):
        self._trigger_tiles()

    def _refresh_tiles_if_stale(self) -> None:
        if self._tiles_day != self.app.today or self._tiles_lang != self.app.lang:
            self._rebuild_tiles()

    def _is_cancelled(self, offer_id: str, day: date) -> bool:
        return bool(self.service.flags(offer_id, day).get("cancelled"))

    def _rebuild_tiles(self, *_):
        app = self.app
        today = app.today or self.service.clock.today()
        self._tiles_day, self._tiles_lang = app.today, app.lang
        config = self.service.config
        self._choices = feedback_choices(config, today, app.lang, self._is_cancelled)
        if self.chosen is not None:   # e.g. the language changed while rating
            same = next((c for c in self._choices if c.offer_id == self.chosen.offer_id), None)
            if same is not None:
                self.chosen = same
                self.chosen_title = same.title
        self.earlier = not any(c.today for c in self._choices)
        grid = self.ids.tiles
        grid.clear_widgets()
        offers = [c for c in self._choices if c.offer_id is not None]
        font = theme.TYPE.body * app.font_scale
        line = 1.25   # a label line is about 1.2 × the font size; a little spare
        # two lines of title and the time; large text wraps a title to three
        lines = 3 if app.font_scale == 1 else 4
        for choice in offers:
            tile = Tile(
                text=choice.title,
                subtitle=choice.subtitle,
                pictogram=choice.pictogram,
                color=theme.PALETTE.surface,
                pictogram_color=_disc_colour(choice.pictogram),
                font_size=font,
                subtitle_font_size=font,
                padding=theme.SPACING.s,
                # room for the title and the time (plus the tile's own
                # gaps), so the pictograms in a row line up
                label_min_height=font * line * lines + 3 * theme.SPACING.xs,
                test_name=f"feedback.offer.{choice.key}",
            )
            tile.bind(on_release=lambda _t, c=choice: self.choose(c))
            grid.add_widget(tile)
        grid.cols = columns_for(len(offers), self.landscape)
        self._min_row = 2 * theme.SPACING.s + theme.TOUCH.comfortable + theme.SPACING.s \
            + font * line * lines + 3 * theme.SPACING.xs
        self.house_disc = _disc_colour(HOUSE_PICTOGRAM)
        self._fit_tiles()
        self._fit_labels()

    def _fit_tiles(self, *_):
        """Rows as tall as the space allows (tile-shaped, never tiny)."""
        grid = self.ids.tiles
        rows = max(1, grid.rows())
        house = self.ids.house_tile
        room = (self.ids.tiles_scroller.height - house.height - theme.SPACING.m - theme.SPACING.s
                - (rows - 1) * grid.spacing)
        cell_w = grid.cell_width() or 1
        # Never so low that the pictogram gets small: then the page scrolls.
        grid.row_height = max(self._min_row, min(room / rows, cell_w * 1.35))

    def _fit_labels(self, *_):
        """Long words shrink a little rather than break in the middle."""
        grid = self.ids.tiles
        base = theme.TYPE.body * self.app.font_scale
        room = grid.cell_width() - 2 * theme.SPACING.s - theme.SPACING.xs
        for tile in grid.children:
            tile.font_size = fit_font_size(tile.text, room, base, smallest=theme.TYPE.caption,
                                           font_name=theme.FONT_NAME)

    def _rebuild_smileys(self, *_):
        box = self.ids.smileys
        box.clear_widgets()
        scale = 5 if int(self.scale) == 5 else 3
        for moods in smiley_rows(scale, self.landscape):
            row = BoxLayout(spacing=theme.SPACING.l)
            for mood in moods:
                smiley = Smiley(mood=mood, scale=scale, test_name=f"feedback.smiley.{mood}")
                smiley.bind(on_release=lambda s: self.vote(int(s.mood)))
                row.add_widget(SmileyCell(smiley, most=SMILEY_MAX))
            box.add_widget(row)


def smiley_rows(scale: int, landscape: bool) -> tuple[tuple[int, ...], ...]:
    """How the faces are arranged: landscape one row, sad → happy from left
    to right; portrait happy on top down to sad, five faces as 2-1-2 so each
    stays big."""
    if landscape:
        return (tuple(range(1, scale + 1)),)
    if scale == 5:
        return ((5, 4), (3,), (2, 1))
    return tuple((mood,) for mood in range(scale, 0, -1))


#: Largest smiley side in px (three faces on a landscape screen).
SMILEY_MAX = 380


def _disc_colour(pictogram: str):
    """The pictogram's own disc colour (white tiles show it like a sticker)."""
    from kiosk.ui.widgets.pictogram import pictogram_spec

    spec = pictogram_spec(pictogram)
    return spec.disc if spec is not None else theme.PALETTE.neutral


load_kv(__file__)
