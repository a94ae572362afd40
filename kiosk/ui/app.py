"""The kiosk's Kivy application: one ScreenManager, screens built lazily.

Shared state lives as Kivy properties on the App (``app.lang``,
``app.today``, ``app.font_scale`` …) that kv reads and screens react to.
The App holds the ``KioskService``; screens call it and never touch files.

Import this module only after ``kiosk.ui.bootstrap.configure_kivy`` ran.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path

from kivy.app import App
from kivy.clock import Clock
from kivy.core.window import Window
from kivy.properties import (
    BooleanProperty,
    ListProperty,
    NumericProperty,
    ObjectProperty,
    StringProperty,
)
from kivy.uix.screenmanager import NoTransition, SlideTransition

from kiosk import i18n
from kiosk.config import ConfigProblem, load_config_keeping_last_good
from kiosk.service import KioskService
from kiosk.ui import theme
from kiosk.ui.idle import IdleTimer, IdleWatcher
from kiosk.ui.lockdown import Lockdown

log = logging.getLogger(__name__)

#: screen name → "module:Class"; a screen's module is imported on first visit.
SCREENS: dict[str, str] = {
    "home": "kiosk.ui.screens.home:HomeScreen",
    "attract": "kiosk.ui.screens.attract:AttractScreen",
    "offers": "kiosk.ui.screens.offers:OffersScreen",
    "offer_detail": "kiosk.ui.screens.offer_detail:OfferDetailScreen",
    "feedback": "kiosk.ui.screens.feedback:FeedbackScreen",
    "wishes": "kiosk.ui.screens.wishes:WishesScreen",
    "signup": "kiosk.ui.screens.signup:SignupScreen",
    "about": "kiosk.ui.screens.about:AboutScreen",
    "staff_pin": "kiosk.ui.screens.staff_pin:StaffPinScreen",
    "staff": "kiosk.ui.screens.staff:StaffScreen",
    "handover": "kiosk.ui.screens.handover:HandoverScreen",
}

#: language code → its own name, shown on the language buttons.
LANGUAGE_NAMES = {
    "de": "Deutsch",
    "en": "English",
    "tr": "Türkçe",
    "uk": "Українська",
    "ar": "العربية",
    "ru": "Русский",
    "pl": "Polski",
}

class KioskApp(App):
    """The touchscreen kiosk.  Build it with a ready ``KioskService``."""

    lang = StringProperty("de")
    """Current language code; kv passes it to ``_()`` so texts rebind."""

    font_scale = NumericProperty(1.0)
    """1.0, or ``theme.LARGE_TYPE_FACTOR`` with the "große Schrift" switch on."""

    today = ObjectProperty(None)
    """Today's date (kiosk clock, staff correction applied); refreshed each minute."""

    current_screen = StringProperty("home")
    """Name of the screen on show (the bars read it)."""

    staff_unlocked = BooleanProperty(False)
    """True between a right PIN and leaving the staff area (or idle time)."""

    config_problems = ListProperty([])
    """Problems of the config on disk while the last good copy is in use."""

    unsaved_count = NumericProperty(0)
    """Entries the disk refused that wait in memory (staff see a warning)."""

    service = ObjectProperty(None)

    def __init__(
        self,
        service: KioskService,
        *,
        config_dir: Path,
        data_dir: Path,
        config_problems: list[ConfigProblem] | None = None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.title = service.config.office_name
        self.service = service
        self.config_dir = Path(config_dir)
        self.data_dir = Path(data_dir)
        self.config_problems = [str(p) for p in (config_problems or [])]
        self.lang = service.config.default_language
        i18n.set_language(self.lang)  # the catalog is global: start from the default
        self.today = service.clock.today()
        self.exit_allowed = False
        self._exit_hook = self.stop
        self._screens: dict[str, object] = {}
        self.lockdown = Lockdown(lambda: self.exit_allowed)
        self.idle = IdleWatcher(
            IdleTimer(service.config.idle_reset_seconds, service.config.attract_seconds),
            on_reset=self.reset_visitor,
            on_attract=self.start_attract,
        )
        self._minute_event = None

    # -- Kivy life cycle -----------------------------------------------------

    def build(self):
        Window.clearcolor = theme.PALETTE.background
        from kiosk.ui.shell import KioskShell  # loads the shell's kv

        root = KioskShell()
        self.manager = root.ids.manager
        self._slide = SlideTransition(duration=theme.MOTION.transition)
        self.go("home", animate=False)
        return root

    def on_start(self) -> None:
        from kiosk.ui.widgets.keyboard import install_keyboard

        install_keyboard()
        self.lockdown.install()
        self._stop_on_sigterm()
        self.idle.start()
        self._minute_event = Clock.schedule_interval(self._tick_minute, 30)

    def _stop_on_sigterm(self) -> None:
        """A system shutdown (systemd stop, ``kill``) ends the kiosk cleanly.

        SDL turns SIGTERM into a window close request, which the lock-down
        swallows so that visitors cannot leave; so the kiosk takes SIGTERM
        itself (after the window exists, replacing SDL's handler)."""
        import signal
        import threading

        if threading.current_thread() is not threading.main_thread():
            return

        def on_sigterm(_signum, _frame) -> None:
            self.exit_allowed = True
            Clock.schedule_once(lambda _dt: self._exit_hook(), 0)

        signal.signal(signal.SIGTERM, on_sigterm)

    def on_stop(self) -> None:
        self.lockdown.remove()
        self.idle.stop()
        if self._minute_event is not None:
            self._minute_event.cancel()

    def on_lang(self, _app, lang: str) -> None:
        i18n.set_language(lang)

    def _tick_minute(self, _dt: float) -> None:
        today = self.service.clock.today()
        if today != self.today:
            self.today = today
        self.unsaved_count = self.service.retry_unsaved()

    # -- navigation ------------------------------------------------------------

    def screen(self, name: str):
        """The screen called ``name``, created (and its kv loaded) on first use."""
        if name not in self._screens:
            module_name, class_name = SCREENS[name].split(":")
            cls = getattr(importlib.import_module(module_name), class_name)
            widget = cls(name=name)
            self._screens[name] = widget
            self.manager.add_widget(widget)
        return self._screens[name]

    def built_screens(self) -> list:
        return list(self._screens.values())

    def go(self, name: str, *, animate: bool = True, direction: str = "left", **params) -> None:
        """Show screen ``name``; ``params`` go to its ``show()`` before it appears."""
        if name in ("staff", "handover") and not self.staff_unlocked:
            name = "staff_pin"
        screen = self.screen(name)
        screen.show(**params)
        if self.lang == "ar" and direction in ("left", "right"):
            direction = "right" if direction == "left" else "left"  # mirrored for RTL
        if animate:
            self._slide.direction = direction
            self.manager.transition = self._slide
        else:
            self.manager.transition = NoTransition()
        self.manager.current = name
        self.current_screen = name
        if name not in ("staff", "handover", "staff_pin"):
            self.staff_unlocked = False

    def go_home(self) -> None:
        self.go("home", direction="right")

    # -- idle, visitors, staff ---------------------------------------------------

    def reset_visitor(self) -> None:
        """Forget the visitor: every screen clears its fields, language and
        text size return to the defaults, staff area locks, home is shown."""
        for screen in self._screens.values():
            screen.reset()
        self.staff_unlocked = False
        self.font_scale = 1.0
        self.lang = self.service.config.default_language
        self.go("home", animate=False)

    def start_attract(self) -> None:
        self.reset_visitor()
        self.go("attract", animate=False)

    def set_language(self, lang: str) -> None:
        if lang in self.service.config.languages:
            self.lang = lang

    def toggle_large_text(self) -> None:
        self.font_scale = 1.0 if self.font_scale != 1.0 else theme.LARGE_TYPE_FACTOR

    def open_staff(self) -> None:
        """The hidden gesture (logo held for 3 s) ends up here.  Staff work
        in the kiosk's default language at normal size: the staff area has
        no language bar, so the last visitor's choice would be an accident
        (and its layouts are not mirrored for right-to-left)."""
        self.lang = self.service.config.default_language
        self.font_scale = 1.0
        self.go("staff_pin")

    def unlock_staff(self) -> None:
        self.staff_unlocked = True
        self.go("staff")

    def lock_staff(self) -> None:
        self.staff_unlocked = False
        self.reset_visitor()

    def reload_config(self) -> list[str]:
        """Staff reload: use the new config if it is valid, else keep the last
        good one and return the problems in plain words."""
        config, problems = load_config_keeping_last_good(self.config_dir, self.data_dir)
        self.service.replace_config(config)
        self.config_problems = [str(p) for p in problems]
        self.idle.timer.reset_after = config.idle_reset_seconds
        self.idle.timer.attract_after = config.attract_seconds
        for screen in self._screens.values():
            screen.config_changed()
        return list(self.config_problems)

    def exit_kiosk(self) -> None:
        """Only the unlocked staff area may end the kiosk."""
        if not self.staff_unlocked:
            return
        self.exit_allowed = True
        self._exit_hook()

    def language_name(self, lang: str) -> str:
        return LANGUAGE_NAMES.get(lang, lang)

