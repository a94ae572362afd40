"""Wishes ("Was wünschst du dir für Hüls-Süd?"): tap topics, maybe write a line.

The topics come from ``config.wish_topics`` as big pictogram tiles; any
number can be chosen (a chosen tile gets a check-mark badge, a thick border
and a soft fill, so colour is never the only cue).  Below them, in a panel
that stays on screen, an optional short text field and the big
"Abschicken" button, enabled once a topic is chosen.  Then the same
cheerful thank-you as the smileys, and home.

The docked on-screen keyboard would cover that panel, so while the text
field has focus the panel grows by the keyboard's height (the topics above
shrink and scroll): the field and the button stay visible right above the
keys.  (``Window.softinput_mode`` stays ``''``: it is global for every
screen, and its ``'below_target'`` mode places the keyboard by the field's
``y`` in its parent's coordinates, which is wrong for a field inside a
layout.)

``service.add_wish`` checks everything; a ``ValidationError`` (e.g. a text
longer than 200 characters) shows its German message next to the field and
keeps what was typed.  A disk that refuses still ends in the thank-you (the
service keeps the wish in memory and retries).
"""

from __future__ import annotations

from kivy.clock import Clock
from kivy.core.window import Window
from kivy.graphics import Canvas, Color, SmoothLine
from kivy.properties import (
    BooleanProperty,
    ColorProperty,
    ListProperty,
    NumericProperty,
    ObjectProperty,
    OptionProperty,
    StringProperty,
)
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.vkeyboard import VKeyboard

from kiosk.ui.widgets.bidi_label import BidiLabel  # noqa: F401  (the .kv uses it)
from kiosk.records import TEXT_LIMIT, ValidationError
from kiosk.ui import theme
from kiosk.ui.screens.base import SteppedScreen
from kiosk.ui.widgets import buttons as _buttons  # noqa: F401  (KioskButton)
from kiosk.ui.widgets import labels as _labels  # noqa: F401  (ThemedLabel)
from kiosk.ui.widgets import text_field as _text_field  # noqa: F401  (TextField)
from kiosk.ui.widgets import thanks as _thanks  # noqa: F401  (ThankYou)
from kiosk.ui.widgets import tile_grid as _tile_grid  # noqa: F401  (TileGrid)
from kiosk.ui.widgets._kv import load_kv
from kiosk.ui.widgets.mirror import MirrorMixin
from kiosk.ui.widgets.drawing import Pen
from kiosk.ui.widgets.pictogram import pictogram_spec
from kiosk.ui.widgets.tile_grid import columns_for, fit_font_size, wrapped_text_height

#: Smallest side of the check-mark badge on a chosen topic, in px.
BADGE_MIN = 40
#: Border of a chosen topic in px (unchosen: a hairline).
SELECTED_BORDER = 4


class WishTopicTile(MirrorMixin, ButtonBehavior, BoxLayout):
    """A wish topic: pictogram and label on a white card; tapping toggles
    :attr:`selected` (the screen does that in ``on_release``).

    Chosen: a green check-mark badge on the pictogram, a thick terracotta
    border and a soft fill — three cues besides colour.  ``orientation``
    ``'vertical'`` (pictogram above the label, landscape) or
    ``'horizontal'`` (pictogram left, portrait).
    """

    __events__ = ("on_press", "on_release")

    topic_id = StringProperty("")
    """The topic's id from the config. :class:`~kivy.properties.StringProperty`."""

    text = StringProperty("")
    """The topic's label. :class:`~kivy.properties.StringProperty`."""

    pictogram = StringProperty("")
    """Pictogram name. :class:`~kivy.properties.StringProperty`."""

    pictogram_color = ColorProperty(theme.PALETTE.neutral)
    """Disc colour behind the pictogram (the pictogram's own).
    :class:`~kivy.properties.ColorProperty`."""

    selected = BooleanProperty(False)
    """Whether the topic is chosen. :class:`~kivy.properties.BooleanProperty`."""

    font_size = NumericProperty(theme.TYPE.body)
    """Label size in px (the screen shrinks it a little for a long word).
    :class:`~kivy.properties.NumericProperty`."""

    label_height = NumericProperty(0)
    """Vertical tile: height kept for the label, the same in every tile so
    the pictograms line up (0 = two lines).
    :class:`~kivy.properties.NumericProperty`."""

    picture_size = NumericProperty(0)
    """Horizontal tile: width of the pictogram (0 = as wide as the tile is
    high); fixed by the screen so a row grown for a long label does not
    widen the pictogram and narrow the label again.
    :class:`~kivy.properties.NumericProperty`."""

    test_name = StringProperty("")
    """Name for tests to find this widget by. :class:`~kivy.properties.StringProperty`."""

    def __init__(self, **kwargs):
        self._trigger_mark = Clock.create_trigger(self._draw_mark, -1)
        super().__init__(**kwargs)
        self._mark = Canvas()
        self.canvas.after.add(self._mark)
        for prop in ("selected", "pos", "size", "state"):
            self.fbind(prop, self._trigger_mark)
        self.picture.fbind("pos", self._trigger_mark)
        self.picture.fbind("size", self._trigger_mark)
        self._trigger_mark()

    @staticmethod
    def face_color(selected: bool):
        """Card colour: a soft terracotta when chosen, else white."""
        return theme.PALETTE.primary_soft if selected else theme.PALETTE.surface

    @property
    def picture(self):
        """The tile's :class:`Pictogram`."""
        return self.ids.picture

    def badge_center(self) -> tuple[float, float]:
        """Where the check-mark badge sits: on the pictogram's upper right edge."""
        pic = self.picture
        side = min(pic.width, pic.height)
        return pic.center_x + side * 0.36, pic.center_y + side * 0.36

    def badge_size(self) -> float:
        return max(BADGE_MIN, min(self.picture.width, self.picture.height) * 0.46)

    def _draw_mark(self, *_):
        p = theme.PALETTE
        self._mark.clear()
        if not self.selected:
            return
        with self._mark:
            Color(*p.primary)
            inset = SELECTED_BORDER / 2
            SmoothLine(rounded_rectangle=(self.x + inset, self.y + inset, self.width - 2 * inset,
                                          self.height - 2 * inset, theme.RADII.card - inset),
                       width=SELECTED_BORDER / 2)
            cx, cy = self.badge_center()
            size = self.badge_size()
            pen = Pen(cx - size / 2, cy - size / 2, size, p.on_primary, stroke=11)
            pen.dot(50, 50, 50, p.surface)
            pen.dot(50, 50, 42, p.success)
            pen.stroke([(28, 51), (44, 35), (72, 65)])


class WishesScreen(SteppedScreen):
    """Topics → optional text → "Abschicken" → thank-you → home."""

    step = OptionProperty("form", options=("form", "thanks"))
    """Which step is on show. :class:`~kivy.properties.OptionProperty`."""

    selected = ListProperty([])
    """Chosen topic ids, in the config's order."""

    topics_error = StringProperty("")
    """A problem with the topics (e.g. one vanished in a config reload)."""

    landscape = BooleanProperty(True)
    """True while the screen is wider than high."""

    keyboard_overlap = NumericProperty(0)
    """Px of this screen covered by the docked keyboard; the writing panel
    grows by this much so the field stays above the keys."""

    last_result = ObjectProperty(None, allownone=True)
    """What the last "Abschicken" stored (a ``Saved``); for tests and staff."""

    def __init__(self, **kwargs):
        self._keyboard_trigger = Clock.create_trigger(self._update_keyboard_room, -1)
        super().__init__(**kwargs)
        ids = self.ids
        # ``ids`` holds weak proxies: keep the real widgets (``__self__``).
        self._steps = {"form": ids.form.__self__, "thanks": ids.thanks.__self__}
        ids.stage.remove_widget(self._steps["thanks"])
        self._tiles: dict[str, WishTopicTile] = {}
        self._min_row = theme.TOUCH.child
        self._label_font = theme.TYPE.body
        self._trigger_tiles = Clock.create_trigger(self._rebuild_tiles, -1)
        self.fbind("size", self._on_size)
        self.fbind("landscape", self._trigger_tiles)
        ids.topics.fbind("width", self._fit_tiles)
        ids.topics.fbind("row_width", self._fit_tiles)
        ids.scroller.fbind("height", self._fit_tiles)
        ids.header.fbind("height", self._fit_tiles)
        ids.text_field.fbind("focus", self._keyboard_trigger)
        ids.text_field.fbind("text", self._on_text)
        ids.thanks.bind(on_done=self._thanks_done)
        Window.fbind("on_resize", self._keyboard_trigger)
        app = self.app
        if app is not None:
            app.fbind("lang", self._trigger_tiles)
            app.fbind("font_scale", self._trigger_tiles)
        self._rebuild_tiles()

    # -- KioskScreen ---------------------------------------------------------

    def show(self, **params) -> None:
        """Every visit starts with nothing chosen."""
        self.reset()

    def reset(self) -> None:
        self.ids.thanks.stop()
        self.ids.text_field.clear()
        self.keyboard_overlap = 0
        self.selected = []
        self.topics_error = ""
        for tile in self._tiles.values():
            tile.selected = False
        self._show_step("form", animate=False)
        self.ids.scroller.scroll_y = 1

    def config_changed(self) -> None:
        self.reset()
        self._rebuild_tiles()

    def on_pre_leave(self, *args) -> None:
        # Leaving during the thank-you: no late "go home"; keyboard away.
        self.ids.thanks.stop()
        self.ids.text_field.unfocus()

    # -- what the visitor does ---------------------------------------------------

    def toggle(self, topic_id: str) -> None:
        """A topic tile was tapped: choose it, or un-choose it."""
        if self.step != "form" or topic_id not in self._tiles:
            return
        chosen = set(self.selected)
        chosen.symmetric_difference_update({topic_id})
        order = [t.id for t in self.service.config.wish_topics]
        self.selected = [t for t in order if t in chosen]
        self._tiles[topic_id].selected = topic_id in chosen
        self.topics_error = ""

    def submit(self) -> None:
        """"Abschicken": store the wish, or show what is wrong in plain words."""
        if self.step != "form" or not self.selected:
            return
        field = self.ids.text_field
        field.unfocus()
        try:
            result = self.service.add_wish(list(self.selected), field.text)
        except ValidationError as exc:
            errors = dict(exc.errors)
            field.error = errors.pop("text", "")
            self.topics_error = " ".join(dict.fromkeys(errors.values()))
            return
        self.last_result = result
        if not result.saved:
            self.app.unsaved_count = len(self.service.unsaved)
        self._show_step("thanks")

    # -- steps -----------------------------------------------------------------


    def _thanks_done(self, *_):
        app = self.app
        if (self.step == "thanks" and app is not None and app.current_screen == self.name
                and any(screen is self for screen in app.built_screens())):
            app.go_home()

    def _on_text(self, field, text: str) -> None:
        # The "too long" message goes away as soon as the text fits again.
        if field.error and len(text.strip()) <= TEXT_LIMIT:
            field.error = ""

    # -- tiles from the config -------------------------------------------------

    def _on_size(self, *_):
        self.landscape = self.width >= self.height

    def _rebuild_tiles(self, *_):
        lang = self.app.lang if self.app is not None else "de"
        grid = self.ids.topics
        grid.clear_widgets()
        self._tiles = {}
        vertical = self.landscape
        for topic in self.service.config.wish_topics:
            spec = pictogram_spec(topic.pictogram)
            tile = WishTopicTile(
                topic_id=topic.id,
                text=topic.label.get(lang),
                pictogram=topic.pictogram,
                orientation="vertical" if vertical else "horizontal",
                pictogram_color=spec.disc if spec is not None else theme.PALETTE.neutral,
                selected=topic.id in self.selected,
                test_name=f"wishes.topic.{topic.id}",
            )
            tile.bind(on_release=lambda t: self.toggle(t.topic_id))
            self._tiles[topic.id] = tile
            grid.add_widget(tile)
        count = len(self._tiles)
        scale = self.app.font_scale if self.app is not None else 1.0
        # Large text needs wider tiles, so fewer of them in a row.
        grid.cols = columns_for(count, True, most_in_a_row=5 if scale == 1 else 4) if vertical else 2
        self._label_font = theme.TYPE.body * scale
        label = theme.TYPE.body * scale * 1.2
        if vertical:   # padding, a pictogram of at least 72 px, two lines
            self._min_row = 2 * theme.SPACING.s + 72 + theme.SPACING.xs + 2 * label
        else:          # a child's touch target, or three lines of large text
            self._min_row = max(theme.TOUCH.child, 2 * theme.SPACING.s + 3 * label if scale != 1 else 0)
        self._fit_tiles()

    def _fit_tiles(self, *_):
        """Rows as tall as the space allows, never below a child's touch
        target, and taller where a label needs it (then the topics scroll)."""
        grid = self.ids.topics
        rows = max(1, grid.rows())
        page = grid.parent
        # Sized for the screen without the keyboard: tiles keep their size while typing.
        room = (self.ids.scroller.height + self.keyboard_overlap - self.ids.header.height - page.spacing
                - page.padding[1] - page.padding[3] - (rows - 1) * grid.spacing - grid.bottom_gap)
        cell_w = grid.cell_width() or 1
        # Never so low that pictogram or label get squeezed: then the topics scroll.
        row = max(self._min_row, min(room / rows, cell_w * 1.1))
        grid.row_height = row + self._fit_labels(row, cell_w)

    def _fit_labels(self, row: float, cell_w: float) -> float:
        """Long words and long topics shrink a little (not below the caption
        size) rather than break in a word or run out of the tile; returns
        how much taller the rows must be for a label that still does not fit.

        A vertical tile keeps two lines for its label; a horizontal one the
        tile's height beside its pictogram, which keeps its size when the
        row grows for the text."""
        pad = theme.SPACING.s
        width = cell_w - 2 * pad - theme.SPACING.xs
        picture = max(0.0, row - 2 * pad)
        if self.landscape:
            text_room = 2.4 * self._label_font
        else:
            width -= picture + theme.SPACING.m
            text_room = picture
        if width < 2 * self._label_font:
            return 0.0   # the grid is not sized yet: measuring now wastes time
        extra = 0.0
        for tile in self._tiles.values():
            size = fit_font_size(tile.text, width, self._label_font,
                                 smallest=theme.TYPE.caption, font_name=theme.FONT_NAME)
            needed = wrapped_text_height(tile.text, width, size, font_name=theme.FONT_NAME)
            while needed > text_room and size > theme.TYPE.caption:
                size = max(theme.TYPE.caption, size - 1)
                needed = wrapped_text_height(tile.text, width, size, font_name=theme.FONT_NAME)
            tile.font_size = size
            tile.picture_size = 0 if self.landscape else picture
            extra = max(extra, needed - text_room)
        for tile in self._tiles.values():
            tile.label_height = text_room + extra if self.landscape else 0
        return extra

    # -- the docked keyboard ---------------------------------------------------

    def _update_keyboard_room(self, *_):
        """Grow the writing panel by the part of the screen the keyboard covers."""
        field = self.ids.text_field
        keyboard = next((w for w in Window.children if isinstance(w, VKeyboard)), None)
        if not field.focus or keyboard is None or self.get_root_window() is None:
            self.keyboard_overlap = 0
            return
        keyboard_top = keyboard.y + keyboard.height * keyboard.scale
        bottom = self.to_window(self.x, self.y)[1]
        self.keyboard_overlap = max(0.0, keyboard_top - bottom)


load_kv(__file__)
