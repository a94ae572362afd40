""""Das sind wir": who the office is, in friendly words: the motto, the
introduction from the config, the five principles of its work, what it is
for the neighbourhood (Netzwerker, Offenes Haus, …) with pictograms, and
address, phone and "seit …" — each only when the config fills it in, so a
draft's "???" never reaches the screen.

Config texts are written as "Name – explanation"; the screen splits them at
the dash so the name can be set large and the explanation as a sentence.
"""

from __future__ import annotations

import re

from kivy.clock import Clock
from kivy.properties import ListProperty, NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.i18n import _
from kiosk.ui.offer_texts import first_letter_upper
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets import bidi_label, labels, offer_card  # noqa: F401 - kv classes
from kiosk.ui.widgets import mirror as _mirror  # noqa: F401  (MirrorBox in the .kv)
from kiosk.ui.widgets._kv import load_kv
from kiosk.ui.widgets.offer_card import FactLine

#: Words in a role's name → its pictogram (German and English config texts);
#: roles nobody foresaw get the house pictogram.
ROLE_PICTOGRAMS: tuple[tuple[str, str], ...] = (
    ("netzwerk", "group"),
    ("network", "group"),
    ("haus", "house"),
    ("house", "house"),
    ("menschen", "people"),
    ("people", "people"),
    ("brücke", "bridge"),
    ("bridge", "bridge"),
    ("jung", "bridge"),
)
DEFAULT_ROLE_PICTOGRAM = "about"

#: "Name – explanation" (en dash, em dash or a spaced hyphen).
_DASH = re.compile(r"\s+[–—-]\s+")


def split_named(text: str, lang: str) -> tuple[str, str]:
    """ "Netzwerker – wir bringen … zusammen." → ("Netzwerker", "Wir bringen … zusammen.").
    Text without a dash is all explanation: ("", text)."""
    text = " ".join(text.split())
    parts = _DASH.split(text, maxsplit=1)
    if len(parts) == 2 and parts[0] and parts[1]:
        return parts[0], first_letter_upper(parts[1], lang)
    return "", text


def role_pictogram(german_text: str) -> str:
    """The pictogram for a role, found by a word in its (German) text."""
    lowered = german_text.casefold()
    for word, name in ROLE_PICTOGRAMS:
        if word in lowered:
            return name
    return DEFAULT_ROLE_PICTOGRAM


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, each on one line."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


class PrincipleRow(BoxLayout):
    """One principle: a number on a coloured disc, its name and what it means."""

    number = StringProperty("")
    name = StringProperty("")
    text = StringProperty("")
    font_scale = NumericProperty(1.0)
    test_name = StringProperty("")


class RoleCard(BoxLayout):
    """One thing the office is for the neighbourhood, with a pictogram."""

    pictogram = StringProperty("")
    name = StringProperty("")
    text = StringProperty("")
    font_scale = NumericProperty(1.0)
    test_name = StringProperty("")


class AboutScreen(KioskScreen):
    intro = StringProperty("")
    """The introduction, paragraphs separated by a blank line."""

    principles = ListProperty([])
    """[(number, name, explanation)] for the five principles."""

    roles = ListProperty([])
    """[(pictogram, name, explanation)]."""

    contact = ListProperty([])
    """[(pictogram, text)]: address, phone, "seit …" — only the filled ones."""

    tagline = StringProperty("")
    font_scale = NumericProperty(1.0)

    def __init__(self, **kwargs):
        self._trigger_equal_roles = Clock.create_trigger(self._equal_roles, -1)
        super().__init__(**kwargs)

    def on_kv_post(self, _base) -> None:
        self.app.fbind("lang", self._language_changed)

    def _equal_roles(self, *_):
        """All role cards as tall as the tallest, so the grid stays even."""
        cards = self.ids.roles_box.children
        tallest = max((c.minimum_height for c in cards), default=0)
        for c in cards:
            c.height = tallest

    def show(self, **_params) -> None:
        self.refresh()
        self.ids.scroll.scroll_y = 1

    def reset(self) -> None:
        self.ids.scroll.scroll_y = 1

    def config_changed(self) -> None:
        self.refresh()

    def _language_changed(self, *_):
        if self.app.current_screen == self.name:
            self.refresh()

    def refresh(self) -> None:
        config, lang = self.service.config, self.app.lang
        self.tagline = config.tagline.get(lang)
        self.intro = "\n\n".join(paragraphs(config.about_intro.get(lang)))
        self.principles = [
            (str(number), *split_named(text.get(lang), lang))
            for number, text in enumerate((p for p in config.about_principles if p), start=1)
        ]
        self.roles = [
            (role_pictogram(role.get("de")), *split_named(role.get(lang), lang))
            for role in config.about_roles
            if role
        ]
        contact = []
        if config.address.strip():
            contact.append(("house", config.address.strip()))
        if config.phone.strip():
            contact.append(("counsel", _("Telefon: {phone}").format(phone=config.phone.strip())))
        if config.founded.strip():
            contact.append(("clock", _("Uns gibt es seit {year}.").format(year=config.founded.strip())))
        self.contact = contact
        self._fill_lists()

    def _fill_lists(self) -> None:
        """Rebuild the principle, role and contact rows (few, small widgets)."""
        box = self.ids.principles_box
        box.clear_widgets()
        for number, name, text in self.principles:
            box.add_widget(PrincipleRow(number=number, name=name, text=text,
                                                font_scale=self.font_scale,
                                                test_name=f"about.principle.{number}"))
        box = self.ids.roles_box
        box.clear_widgets()
        for index, (pictogram, name, text) in enumerate(self.roles, start=1):
            role_card = RoleCard(pictogram=pictogram, name=name, text=text,
                                 font_scale=self.font_scale, test_name=f"about.role.{index}")
            role_card.fbind("minimum_height", self._trigger_equal_roles)
            box.add_widget(role_card)
        self._trigger_equal_roles()
        box = self.ids.contact_box
        box.clear_widgets()
        for index, (pictogram, text) in enumerate(self.contact, start=1):
            box.add_widget(FactLine(icon=pictogram, text=text, role="body",
                                            font_scale=self.font_scale,
                                            test_name=f"about.contact.{index}"))

    def on_font_scale(self, _screen, value: float) -> None:
        for box in ("principles_box", "roles_box", "contact_box"):
            if box in self.ids:
                for child in self.ids[box].children:
                    child.font_scale = value


load_kv(__file__)
