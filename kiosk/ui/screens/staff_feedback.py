"""Staff section "Meinungen": the smiley votes per offer as bar charts.

One card per offer that got votes in the chosen period (and one for votes
about the house in general), each a bar chart with the very smiley faces
the children tapped as axis labels.  Votes are anonymous counts.
"""

from __future__ import annotations

from collections import Counter

from kivy.properties import ListProperty, NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.i18n import _
from kiosk.staff_stats import feedback_by_offer, period_range
from kiosk.ui.screens.staff_base import StaffSection
from kiosk.ui.widgets import bar_chart as _bar_chart  # noqa: F401  (registers BarChart)
from kiosk.ui.widgets._kv import load_kv


def votes_text(n: int) -> str:
    return _("1 Stimme") if n == 1 else _("{n} Stimmen").format(n=n)


class StaffFeedbackCard(BoxLayout):
    pictogram = StringProperty("")
    title = StringProperty("")
    total = StringProperty("")
    values = ListProperty([])
    scale = NumericProperty(3)
    test_name = StringProperty("")


class StaffFeedback(StaffSection):
    def on_kv_post(self, _base_widget) -> None:
        self.ids.period.bind(period=lambda *_: self.refresh())

    def reset(self) -> None:
        self.ids.period.period = "today"

    def refresh(self) -> None:
        service = self.service
        config = service.config
        lang = self.app.lang
        first, last = period_range(service.clock.today(), self.ids.period.period)
        votes = feedback_by_offer(service, first, last)
        grid = self.ids.cards
        grid.clear_widgets()
        order = [o.id for o in config.offers]
        keys = sorted(votes, key=lambda k: (k == "", order.index(k) if k in order else len(order), k))
        for offer_id in keys:
            counter: Counter = votes[offer_id]
            scale = 5 if max(counter, default=0) > 3 else int(config.feedback_scale)
            offer = config.offer(offer_id) if offer_id else None
            if offer_id == "":
                title, pictogram = _("Allgemein (ohne Angebot)"), "house"
            else:
                title = offer.title.get(lang) if offer else offer_id
                pictogram = offer.pictogram if offer else ""
            grid.add_widget(StaffFeedbackCard(
                test_name=f"feedback.offer.{offer_id or 'house'}",
                pictogram=pictogram, title=title,
                total=votes_text(sum(counter.values())),
                values=[counter.get(score, 0) for score in range(1, scale + 1)],
                scale=scale,
            ))
        self.ids.nothing.text = "" if keys else _("In diesem Zeitraum gab es noch keine Smiley-Stimmen.")


load_kv(__file__)
