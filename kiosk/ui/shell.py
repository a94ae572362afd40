"""The frame around every screen: top bar (logo = hidden staff door, office
name, home button), the ScreenManager, and the bottom bar with the language
buttons and the "große Schrift" switch.  Layout is in ``shell.kv``."""

from __future__ import annotations

from kivy.app import App
from kivy.properties import StringProperty
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.behaviors import ButtonBehavior

from kiosk.ui.widgets import buttons, hold_logo, labels, mirror  # noqa: F401 - kv classes
from kiosk.ui.widgets._kv import load_kv
from kiosk.ui.widgets.bidi_label import BidiLabel

VISITOR_BARS_HIDDEN = ("attract",)
STAFF_SCREENS = ("staff_pin", "staff", "handover")


class LanguageButton(ButtonBehavior, BidiLabel):
    """One language, labelled in its own language and script."""

    lang = StringProperty("")
    test_name = StringProperty("")


class KioskShell(BoxLayout):
    def on_kv_post(self, _base_widget) -> None:
        app = App.get_running_app()
        for lang in app.service.config.languages:
            button = LanguageButton(text=app.language_name(lang), lang=lang, test_name=f"lang_{lang}")
            button.bind(on_release=lambda b: App.get_running_app().set_language(b.lang))
            self.ids.languages.add_widget(button)

    def bars_visible(self, current: str) -> bool:
        return current not in VISITOR_BARS_HIDDEN

    def languages_visible(self, current: str) -> bool:
        return current not in VISITOR_BARS_HIDDEN + STAFF_SCREENS

    def on_logo_hold(self) -> None:
        App.get_running_app().open_staff()


load_kv(__file__)
