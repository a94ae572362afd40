"""Staff section "Voll / fällt aus": mark a day's offers full or cancelled.

The marks are stored at once (``service.set_flag``) and visitors see them on
the next screen they open: a full offer takes new sign-ups only onto the
waiting list, a cancelled one takes none and says so.
"""

from __future__ import annotations

from datetime import date

from kivy.properties import BooleanProperty, ObjectProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.i18n import _
from kiosk.locale_format import format_time_range
from kiosk.schedule import occurrences
from kiosk.ui.screens.staff_base import StaffDaySection
from kiosk.ui.widgets import day_chooser as _day_chooser  # noqa: F401  (registers DayChooser)
from kiosk.ui.widgets._kv import load_kv


class StaffFlagRow(BoxLayout):
    """One occurrence and its two switches."""

    offer_id = StringProperty("")
    pictogram = StringProperty("")
    title = StringProperty("")
    when = StringProperty("")
    full = BooleanProperty(False)
    cancelled = BooleanProperty(False)
    is_today = BooleanProperty(True)
    landscape = BooleanProperty(True)
    day = ObjectProperty(None, allownone=True)
    test_name = StringProperty("")

    def set_full(self, active: bool) -> None:
        from kivy.app import App

        App.get_running_app().service.set_flag(self.offer_id, self.day, full=active)
        self.full = active

    def set_cancelled(self, active: bool) -> None:
        from kivy.app import App

        App.get_running_app().service.set_flag(self.offer_id, self.day, cancelled=active)
        self.cancelled = active


class StaffOffers(StaffDaySection):
    items_id = "rows"

    def _fill_day(self, day: date, today: date) -> None:
        self._fill(day, today)

    def _fill(self, day: date, today: date) -> None:
        service = self.service
        config = service.config
        lang = self.app.lang
        rows = self.ids.rows
        rows.clear_widgets()
        for occ in occurrences(config, day, day):
            offer = config.offer(occ.offer_id)
            if offer is None:
                continue
            flags = service.flags(offer.id, day)
            rows.add_widget(StaffFlagRow(
                test_name=f"flags.{offer.id}",
                offer_id=offer.id, pictogram=offer.pictogram, title=offer.title.get(lang),
                when=format_time_range(occ.start, occ.end, lang), day=day,
                full=bool(flags.get("full")), cancelled=bool(flags.get("cancelled")),
                is_today=day == today, landscape=self.landscape,
            ))
        self.ids.nothing.text = "" if rows.children else _("An diesem Tag finden keine Angebote statt.")


load_kv(__file__)
