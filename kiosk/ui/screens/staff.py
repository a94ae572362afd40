"""The staff area: the day at a glance, lists, charts, flags and the device.

Behind the PIN (``staff_pin``).  A navigation column (a grid on top in
portrait) chooses a section; each section is its own module
(``staff_today``, ``staff_signups`` …), built on first use.  Above the
section, a warning banner says what needs attention: a clock that looks
wrong, damaged files set aside, entries waiting for a full card, config
errors, data not handed over for a long time.

Leaving the area (the "Start" button, "Sperren", idle time) locks it again:
the shell does that (``app.lock_staff`` / ``app.reset_visitor``).
"""

from __future__ import annotations

import importlib
import importlib.util
from datetime import date
from pathlib import Path

from kivy.properties import BooleanProperty, ListProperty, StringProperty

from kiosk.clock_check import check_kiosk_clock
from kiosk.i18n import _
from kiosk.ui.screens import staff_base as _staff_base  # noqa: F401  (kv rules)
from kiosk.ui import theme
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.labels import ThemedLabel
from kiosk.ui.widgets._kv import load_kv

#: section id → "module:Class", in the order of the navigation (labels are in staff.kv).
SECTIONS: dict[str, str] = {
    "today": "kiosk.ui.screens.staff_today:StaffToday",
    "signups": "kiosk.ui.screens.staff_signups:StaffSignups",
    "add": "kiosk.ui.screens.staff_add_signup:StaffAddSignup",
    "offers": "kiosk.ui.screens.staff_offers:StaffOffers",
    "feedback": "kiosk.ui.screens.staff_feedback:StaffFeedback",
    "wishes": "kiosk.ui.screens.staff_wishes:StaffWishes",
    "settings": "kiosk.ui.screens.staff_settings:StaffSettings",
}
SECTION_IDS = tuple(SECTIONS)


def handover_available() -> bool:
    """The hand-over screen is built by another part of the project; until
    its module exists the button stays hidden instead of leading nowhere."""
    try:
        return importlib.util.find_spec("kiosk.ui.screens.handover") is not None
    except (ImportError, ValueError):
        return False


def collect_warnings(
    service,
    *,
    config_dir: Path | None,
    unsaved: int,
    config_problems: list[str],
    today: date | None = None,
) -> list[str]:
    """Everything staff should notice, as short German sentences (no Kivy)."""
    warnings: list[str] = []
    verdict = check_kiosk_clock(service, config_dir)
    if not verdict.plausible:
        warnings.append(verdict.warning + " " + _("Bitte unter „Einstellungen“ Datum und Uhrzeit stellen."))
    if unsaved > 0:
        warnings.append(
            _("{n} Einträge warten aufs Speichern – ist die Speicherkarte voll?").format(n=unsaved)
            if unsaved != 1 else _("1 Eintrag wartet aufs Speichern – ist die Speicherkarte voll?")
        )
    if config_problems:
        warnings.append(_("Die Einstellungsdateien haben Fehler. Der Kiosk nutzt weiter die letzte "
                          "funktionierende Fassung. Mehr unter „Einstellungen“."))
    problems = list(getattr(service.store, "problems", []) or [])
    if problems:
        warnings.append(
            _("{n} beschädigte Dateien wurden beiseitegelegt. Mehr unter „Einstellungen“.").format(n=len(problems))
            if len(problems) != 1 else
            _("Eine beschädigte Datei wurde beiseitegelegt. Mehr unter „Einstellungen“.")
        )
    today = today or service.clock.today()
    pending = [d for d in service.store.pending_days() if d <= today]
    warn_days = int(getattr(service.config, "handover_warn_days", 0) or 0)
    if pending and warn_days and (today - pending[0]).days >= warn_days:
        warnings.append(
            _("Einträge seit dem {day} sind noch nicht ins Büro übertragen. Bitte bald „Daten übertragen“.")
            .format(day=pending[0].strftime("%d.%m.%Y"))
        )
    return warnings


class StaffScreen(KioskScreen):
    """Navigation + warning banner + the chosen section."""

    section = StringProperty("today")
    """Id of the section on show (see :data:`SECTIONS`)."""

    warnings = ListProperty([])
    """Current warnings (German sentences) for the banner."""

    landscape = BooleanProperty(True)

    can_handover = BooleanProperty(False)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._sections: dict[str, object] = {}
        self.can_handover = handover_available()
        self.fbind("size", self._update_orientation)

    def _update_orientation(self, *_args) -> None:
        self.landscape = self.width >= self.height
        for section in self._sections.values():
            section.landscape = self.landscape

    def on_kv_post(self, _base_widget) -> None:
        app = self.app
        app.fbind("unsaved_count", self.refresh_warnings)
        app.fbind("config_problems", self.refresh_warnings)

    # -- life cycle ---------------------------------------------------------------

    def show(self, section: str | None = None, **params) -> None:
        self.can_handover = handover_available()
        self.open_section(section or self.section or "today", **params)

    def reset(self) -> None:
        for section in self._sections.values():
            section.reset()
        self.section = "today"

    def config_changed(self) -> None:
        for section in self._sections.values():
            section.refresh()
        self.refresh_warnings()

    # -- sections -------------------------------------------------------------------

    def section_widget(self, section_id: str):
        if section_id not in self._sections:
            module_name, class_name = SECTIONS[section_id].split(":")
            cls = getattr(importlib.import_module(module_name), class_name)
            widget = cls(test_name=f"staff.section.{section_id}")
            widget.landscape = self.landscape
            self._sections[section_id] = widget
        return self._sections[section_id]

    def open_section(self, section_id: str, **params) -> None:
        if section_id not in SECTION_IDS:
            section_id = "today"
        widget = self.section_widget(section_id)
        holder = self.ids.holder.__self__   # ids hold weak proxies
        if widget.parent is not holder:
            holder.clear_widgets()
            if widget.parent is not None:
                widget.parent.remove_widget(widget)
            holder.add_widget(widget)
        self.section = section_id
        if params and hasattr(widget, "preset"):
            widget.preset(**params)
        widget.refresh()
        self.refresh_warnings()

    def refresh(self) -> None:
        """Re-read the section on show and the banner (after staff changed something)."""
        self.section_widget(self.section).refresh()
        self.refresh_warnings()

    def refresh_warnings(self, *_args) -> None:
        app = self.app
        self.warnings = collect_warnings(
            self.service,
            config_dir=getattr(app, "config_dir", None),
            unsaved=int(app.unsaved_count or 0),
            config_problems=list(app.config_problems or []),
        )

    # -- actions ------------------------------------------------------------------

    def on_warnings(self, _screen, warnings: list[str]) -> None:
        banner = self.ids.banner
        banner.clear_widgets()
        for text in warnings:
            banner.add_widget(ThemedLabel(text=text, role="body", bold=True,
                                          color=theme.PALETTE.warning, test_name="staff.warning"))

    def open_handover(self) -> None:
        if self.can_handover:
            self.app.go("handover")

    def lock(self) -> None:
        self.app.lock_staff()


load_kv(__file__)
