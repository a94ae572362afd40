"""Staff section "Einstellungen": config reload, the clock, problems, exit.

* "Konfiguration neu laden": after editing ``kiosk.toml`` / ``offers.toml``.
  A broken file never stops the kiosk: it keeps the last good version and
  the problems are listed here, each naming file and line.
* "Datum und Uhrzeit": the tablet has no network time.  When the clock looks
  wrong (see :mod:`kiosk.clock_check`) staff type the right date and time;
  the kiosk keeps that as its own correction (state key
  ``clock_offset_seconds``, read again at start by ``launch.py``).
* Files set aside during recovery, entries waiting for the card.
* "Kiosk beenden", only after a confirmation.
"""

from __future__ import annotations

from datetime import datetime

from kivy.clock import Clock
from kivy.properties import BooleanProperty, ListProperty, StringProperty

from kiosk.clock_check import ClockInputError, check_kiosk_clock, parse_local
from kiosk.i18n import _
from kiosk.locale_format import format_day, format_time
from kiosk.ui.screens.staff_base import StaffSection
from kiosk.ui.widgets._kv import load_kv

#: State key of the kiosk's own clock correction (seconds added to the system clock).
CLOCK_OFFSET_KEY = "clock_offset_seconds"


def moment_text(moment: datetime, lang: str = "de") -> str:
    """"Dienstag, 24. November 2026, 10:15 Uhr"."""
    clock = format_time(moment, lang)
    return _("{day} {year}, {time} Uhr").format(day=format_day(moment.date(), lang), year=moment.year, time=clock)


def correction_text(seconds: float) -> str:
    """How far the kiosk's clock is set from the system clock, in plain words."""
    total = int(round(abs(seconds) / 60))  # minutes
    days, rest = divmod(total, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        parts.append(_("1 Tag") if days == 1 else _("{n} Tage").format(n=days))
    if hours:
        parts.append(_("1 Stunde") if hours == 1 else _("{n} Stunden").format(n=hours))
    if minutes or not parts:
        parts.append(_("1 Minute") if minutes == 1 else _("{n} Minuten").format(n=minutes))
    amount = ", ".join(parts)
    if seconds >= 0:
        return _("Die Uhr des Kiosks geht {amount} vor gegenüber der Uhr des Geräts.").format(amount=amount)
    return _("Die Uhr des Kiosks geht {amount} nach gegenüber der Uhr des Geräts.").format(amount=amount)


class StaffSettings(StaffSection):
    reload_message = StringProperty("")
    reload_ok = BooleanProperty(True)
    config_problems = ListProperty([])
    clock_now = StringProperty("")
    clock_warning = StringProperty("")
    clock_message = StringProperty("")
    clock_error_field = StringProperty("")
    corrected = BooleanProperty(False)
    correction = StringProperty("")
    store_problems = ListProperty([])
    unsaved = StringProperty("")
    confirm_exit = BooleanProperty(False)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._tick = None

    def on_kv_post(self, _base_widget) -> None:
        self.watch_fields(self.ids.date_input, self.ids.time_input)

    def on_parent(self, _widget, parent) -> None:
        # The "now" line ticks only while the section is on show.
        if parent is not None and self._tick is None:
            self._tick = Clock.schedule_interval(lambda _dt: self._update_now(), 15)
        elif parent is None and self._tick is not None:
            self._tick.cancel()
            self._tick = None

    # -- life cycle ------------------------------------------------------------------------

    def readable_problems(self, problems: list[str], *_deps) -> str:
        """One line per problem, the config folder left out (it is said once above)."""
        folder = str(getattr(self.app, "config_dir", "") or "")
        lines = []
        for problem in problems:
            if folder and problem.startswith(folder):
                problem = problem[len(folder):].lstrip("/\\")
            lines.append("• " + problem)
        return "\n".join(lines)

    def config_folder_text(self, *_deps) -> str:
        return _("Ordner: {folder}").format(folder=getattr(self.app, "config_dir", ""))

    def refresh(self) -> None:
        app = self.app
        self.config_problems = list(app.config_problems or [])
        self._update_clock(fill_inputs=True)
        self.store_problems = list(getattr(self.service.store, "problems", []) or [])
        n = int(app.unsaved_count or 0)
        self.unsaved = "" if n == 0 else (
            _("1 Eintrag wartet aufs Speichern – ist die Speicherkarte voll?") if n == 1 else
            _("{n} Einträge warten aufs Speichern – ist die Speicherkarte voll?").format(n=n))

    def reset(self) -> None:
        self.confirm_exit = False
        self.reload_message = ""
        self.clock_message = ""
        self.clock_error_field = ""
        self.unfocus_fields()

    # -- config ------------------------------------------------------------------------------

    def reload_config(self) -> None:
        problems = self.app.reload_config()
        self.config_problems = list(problems)
        self.reload_ok = not problems
        if problems:
            self.reload_message = _("Die Einstellungsdateien haben Fehler. Der Kiosk nutzt weiter die letzte "
                                    "funktionierende Fassung. Bitte an diesen Stellen nachsehen:")
        else:
            self.reload_message = _("Konfiguration neu geladen.")
        self.app.screen("staff").refresh_warnings()

    # -- clock -------------------------------------------------------------------------------

    def _update_now(self) -> None:
        self.clock_now = moment_text(self.service.clock.now(), self.app.lang)

    def _update_clock(self, fill_inputs: bool = False) -> None:
        service = self.service
        self._update_now()
        verdict = check_kiosk_clock(service, getattr(self.app, "config_dir", None))
        self.clock_warning = "" if verdict.plausible else _(
            "Die Uhr geht wohl falsch (mehr dazu oben). Bitte hier das richtige Datum und die Uhrzeit eintragen.")
        offset = float(service.clock.offset_seconds or 0.0)
        self.corrected = abs(offset) >= 60
        self.correction = correction_text(offset) if self.corrected else ""
        if fill_inputs:
            now = service.clock.now()
            suggested = verdict.not_before if not verdict.plausible else now.date()
            self.ids.date_input.text = suggested.strftime("%d.%m.%Y")
            self.ids.time_input.text = now.strftime("%H:%M")

    def set_clock(self) -> None:
        self.clock_error_field = ""
        try:
            wanted = parse_local(self.ids.date_input.text, self.ids.time_input.text)
        except ClockInputError as error:
            self.clock_message = error.message
            self.clock_error_field = error.field
            return
        self._apply_clock(lambda clock: clock.correct_to(wanted))
        self.clock_message = _("Die Uhr ist gestellt: {moment}.").format(
            moment=moment_text(self.service.clock.now(), self.app.lang))

    def clear_correction(self) -> None:
        def clear(clock) -> None:
            clock.offset_seconds = 0.0

        self._apply_clock(clear)
        self.clock_error_field = ""
        self.clock_message = _("Der Kiosk nutzt wieder die Uhr des Geräts: {moment}.").format(
            moment=moment_text(self.service.clock.now(), self.app.lang))

    def _apply_clock(self, change) -> None:
        service = self.service
        change(service.clock)
        service.store.state.set(CLOCK_OFFSET_KEY, float(service.clock.offset_seconds))
        self.app.today = service.clock.today()
        self.unfocus_fields()
        self._update_clock(fill_inputs=True)
        self.app.screen("staff").refresh_warnings()

    # -- exit ---------------------------------------------------------------------------------

    def ask_exit(self) -> None:
        self.confirm_exit = True

    def cancel_exit(self) -> None:
        self.confirm_exit = False

    def exit_kiosk(self) -> None:
        self.confirm_exit = False
        self.app.exit_kiosk()


load_kv(__file__)
