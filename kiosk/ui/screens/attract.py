"""The attract loop: after a long pause the kiosk calmly shows today's
offers, one big card every few seconds, until someone touches the screen.

Any touch goes home and is swallowed (it must not also press whatever lies
under the finger on the home screen).  With nothing on today it shows the
next days' offers, and with nothing at all it shows the greeting.
The change between cards is a short fade and slide (theme.MOTION).
"""

from __future__ import annotations

from kivy.animation import Animation
from kivy.clock import Clock
from kivy.properties import BooleanProperty, ListProperty, NumericProperty, StringProperty

from kiosk.schedule import today_and_upcoming
from kiosk.ui import theme
from kiosk.ui.offer_texts import OfferCardInfo, card_info
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets import bidi_label, labels  # noqa: F401 - kv classes
from kiosk.ui.widgets import offer_card  # noqa: F401 - kv classes
from kiosk.ui.widgets._kv import load_kv

#: How long each card stays (seconds): long enough to read, short enough to
#: show a whole afternoon in a minute.
CARD_SECONDS = 6.0
#: At most this many cards in one round (a calm loop, not a catalogue).
MAX_CARDS = 8
#: How far a card slides while it fades (px).
SLIDE_PX = 40
#: The smallest type factor a card is shrunk to so that it fits.
MIN_FIT = 0.6


def attract_cards(service, lang: str) -> list[OfferCardInfo]:
    """Today's offers that are still to come (or running), not cancelled;
    if there are none, the next days' offers; may be empty."""
    now = service.clock.now()
    todays, upcoming = today_and_upcoming(service.config, now.date())
    infos = [card_info(service, occ, lang, now) for occ in todays if occ.end > now]
    infos = [i for i in infos if not i.cancelled]
    if not infos:
        infos = [card_info(service, occ, lang, now) for occ in upcoming]
        infos = [i for i in infos if not i.cancelled]
    return infos[:MAX_CARDS]


class AttractScreen(KioskScreen):
    cards = ListProperty([])
    """The OfferCardInfos of this round."""

    index = NumericProperty(0)
    """Which card is on show."""

    has_cards = BooleanProperty(False)

    slide = NumericProperty(0)
    """Horizontal offset of the card while it changes (px)."""

    office_name = StringProperty("")
    tagline = StringProperty("")

    def __init__(self, **kwargs):
        self._trigger_fit = Clock.create_trigger(self._fit, -1)
        super().__init__(**kwargs)
        self._cycle = None

    def on_kv_post(self, _base) -> None:
        self.app.fbind("on_stop", self._stop)
        self.ids.card.fbind("content_height", self._trigger_fit)
        self.ids.stage.fbind("height", self._trigger_fit)

    def _fit(self, *_):
        """Shrink the card's type a little when a long title or a wordy
        language would not fit the screen (never below 60 %)."""
        card, room = self.ids.card, self.ids.stage.height
        if room <= 0 or card.content_height <= room + 1 or card.font_scale <= MIN_FIT:
            return
        card.font_scale = max(MIN_FIT, card.font_scale * max(0.85, room / card.content_height))

    # -- KioskScreen -------------------------------------------------------------

    def show(self, **_params) -> None:
        config = self.service.config
        self.office_name = config.office_name
        self.tagline = config.tagline.get(self.app.lang)
        self.cards = attract_cards(self.service, self.app.lang)
        self.has_cards = bool(self.cards)
        self.index = 0
        self._show_current()
        self._stop()
        if len(self.cards) > 1:
            self._cycle = Clock.schedule_interval(self._next, CARD_SECONDS)

    def reset(self) -> None:
        self._stop()

    def on_leave(self, *_args) -> None:
        self._stop()

    def _stop(self, *_args) -> None:
        if self._cycle is not None:
            self._cycle.cancel()
            self._cycle = None
        card = self.ids.card
        Animation.cancel_all(card)
        Animation.cancel_all(self, "slide")
        card.opacity = 1
        self.slide = 0

    # -- the loop -------------------------------------------------------------------

    def _show_current(self) -> None:
        if self.cards:
            card = self.ids.card
            card.font_scale = 1.0  # each card gets its own fit
            card.show_info(self.cards[self.index], with_day=True)

    def _next(self, _dt) -> None:
        if not self.cards:
            return
        half = theme.MOTION.transition / 2
        card = self.ids.card

        def swap(*_):
            self.index = (self.index + 1) % len(self.cards)
            self._show_current()
            self.slide = SLIDE_PX
            Animation(opacity=1, d=half, t="out_quad").start(card)
            Animation(slide=0, d=half, t="out_quad").start(self)

        fade_out = Animation(opacity=0, d=half, t="in_quad")
        fade_out.bind(on_complete=swap)
        fade_out.start(card)
        Animation(slide=-SLIDE_PX, d=half, t="in_quad").start(self)

    # -- touches: any touch goes home and is swallowed ---------------------------

    def on_touch_down(self, touch):
        if not self.collide_point(*touch.pos):
            return False
        touch.ud["attract_swallowed"] = True
        self.app.go_home()
        return True

    def on_touch_move(self, touch):
        return bool(touch.ud.get("attract_swallowed")) or super().on_touch_move(touch)

    def on_touch_up(self, touch):
        return bool(touch.ud.get("attract_swallowed")) or super().on_touch_up(touch)


load_kv(__file__)
