"""Staff section "Wünsche": what neighbours wish for, ranked.

Each topic with its pictogram, its label and a bar for how often it was
tapped, most wished first; then the free texts.  Wishes are anonymous (a
topic list, a text, a day), so the texts may be shown here as they are.
"""

from __future__ import annotations

from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.ui.widgets.bidi_label import BidiLabel  # noqa: F401  (the .kv uses it)
from kiosk.i18n import _
from kiosk.staff_stats import period_range, wish_summary
from kiosk.ui.screens.staff_base import StaffSection
from kiosk.ui.widgets import bar_chart as _bar_chart  # noqa: F401  (registers CountBar)
from kiosk.ui.widgets._kv import load_kv


class StaffWishRow(BoxLayout):
    landscape = BooleanProperty(True)
    pictogram = StringProperty("")
    label = StringProperty("")
    count = NumericProperty(0)
    maximum = NumericProperty(1)
    test_name = StringProperty("")


class StaffWishText(BoxLayout):
    text = StringProperty("")
    when = StringProperty("")
    test_name = StringProperty("")


class StaffWishes(StaffSection):
    summary_text = StringProperty("")
    texts_heading = StringProperty("")

    def on_kv_post(self, _base_widget) -> None:
        self.ids.period.bind(period=lambda *_: self.refresh())

    def on_landscape(self, *_args) -> None:
        for row in self.ids.rows.children:
            row.landscape = self.landscape

    def reset(self) -> None:
        self.ids.period.period = "today"

    def refresh(self) -> None:
        service = self.service
        config = service.config
        lang = self.app.lang
        first, last = period_range(service.clock.today(), self.ids.period.period)
        summary = wish_summary(service, first, last)
        ranked = summary.ranked([t.id for t in config.wish_topics])
        highest = max((n for _t, n in ranked), default=0) or 1
        rows = self.ids.rows
        rows.clear_widgets()
        for topic_id, count in ranked:
            topic = config.topic(topic_id)
            rows.add_widget(StaffWishRow(
                test_name=f"wishes.topic.{topic_id}",
                pictogram=topic.pictogram if topic else "",
                label=topic.label.get(lang) if topic else topic_id,
                count=count, maximum=highest, landscape=self.landscape,
            ))
        if summary.entries == 0:
            self.summary_text = _("In diesem Zeitraum wurden noch keine Wünsche abgegeben.")
        elif summary.entries == 1:
            self.summary_text = _("1 Person hat Wünsche abgegeben.")
        else:
            self.summary_text = _("{n}-mal wurden Wünsche abgegeben.").format(n=summary.entries)
        texts = self.ids.texts
        texts.clear_widgets()
        n = len(summary.texts)
        self.texts_heading = _("Freie Texte: keine") if n == 0 else _("Freie Texte ({n})").format(n=n)
        for i, entry in enumerate(summary.texts):
            texts.add_widget(StaffWishText(
                test_name=f"wishes.text.{i}", text=entry.text, when=entry.day.strftime("%d.%m.%Y"),
            ))


load_kv(__file__)
