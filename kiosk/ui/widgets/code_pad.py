"""Typing a short code with big keys that offer only the characters it can hold.

The receipt code from the office PC uses an alphabet without look-alikes
(no I/1, no O/0: ``kiosk.sync.ids.CODE_ALPHABET``).  A normal keyboard
would let staff type an O for a 0 that does not exist; this pad simply has
no such keys.  :class:`CodeSlots` shows the code so far in big letters, one
box per character, the next box outlined.

Keys carry ``test_name`` ``'<test_name>.key.<char>'``, ``'<test_name>.erase'``
and ``'<test_name>.ok'``.
"""

from __future__ import annotations

from kivy.clock import Clock
from kivy.properties import (
    AliasProperty,
    BooleanProperty,
    NumericProperty,
    StringProperty,
)
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.label import Label

from kiosk.sync.ids import CODE_ALPHABET
from kiosk.ui.widgets import buttons as _buttons  # noqa: F401  (registers KioskButton)
from kiosk.ui.widgets import pinpad as _pinpad  # noqa: F401  (registers PinKey)
from kiosk.ui.widgets._kv import load_kv
from kiosk.ui.widgets.pinpad import PinKey

__all__ = ("CodePad", "CodeSlots", "CodeSlot", "CodeKey")


class CodeKey(PinKey):
    """A character key: a PIN pad key whose letter follows the key's height."""


class CodeSlot(Label):
    """One character box of :class:`CodeSlots`."""

    current = BooleanProperty(False)
    """The next character goes here (outlined).
    :class:`~kivy.properties.BooleanProperty`."""

    test_name = StringProperty("")
    """Name for tests to find this widget by.
    :class:`~kivy.properties.StringProperty`."""


class CodeSlots(BoxLayout):
    """:attr:`length` boxes showing :attr:`code`, one big character each."""

    code = StringProperty("")
    """The characters typed so far. :class:`~kivy.properties.StringProperty`."""

    length = NumericProperty(6)
    """Number of boxes. :class:`~kivy.properties.NumericProperty`."""

    active = BooleanProperty(True)
    """Outline the next free box (False while a result is shown).
    :class:`~kivy.properties.BooleanProperty`."""

    test_name = StringProperty("")
    """Name for tests to find this widget by; slots are ``'<name>.<i>'``.
    :class:`~kivy.properties.StringProperty`."""

    def __init__(self, **kwargs):
        self._trigger_build = Clock.create_trigger(self._build, -1)
        super().__init__(**kwargs)
        for prop in ("length", "test_name"):
            self.fbind(prop, self._trigger_build)
        for prop in ("code", "active"):
            self.fbind(prop, self._fill)
        self._build()

    def _build(self, *_args) -> None:
        self.clear_widgets()
        for i in range(int(self.length)):
            self.add_widget(CodeSlot(test_name=f"{self.test_name}.{i}" if self.test_name else ""))
        self._fill()

    def _fill(self, *_args) -> None:
        code = self.code
        for i, slot in enumerate(self.children[::-1]):
            slot.text = code[i] if i < len(code) else ""
            slot.current = self.active and i == len(code)


class CodePad(BoxLayout):
    """Keys for every character of :attr:`alphabet`, then "erase" and "OK".

    Events:
        `on_submit(code)`: OK was tapped with :attr:`length` characters.
    """

    __events__ = ("on_submit",)

    code = StringProperty("")
    """The characters typed so far. :class:`~kivy.properties.StringProperty`."""

    length = NumericProperty(6)
    """Characters of a complete code; more are ignored.
    :class:`~kivy.properties.NumericProperty`."""

    alphabet = StringProperty(CODE_ALPHABET)
    """The characters there are keys for, in key order.
    :class:`~kivy.properties.StringProperty`."""

    cols = NumericProperty(8)
    """Keys per row. :class:`~kivy.properties.NumericProperty`."""

    ok_text = StringProperty("OK")
    """Label of the OK key (pass it through ``_()``).
    :class:`~kivy.properties.StringProperty`."""

    erase_text = StringProperty("")
    """Label of the erase key (pass it through ``_()``).
    :class:`~kivy.properties.StringProperty`."""

    test_name = StringProperty("")
    """Name for tests to find this widget by; also prefixes the keys'.
    :class:`~kivy.properties.StringProperty`."""

    def _get_can_submit(self) -> bool:
        return len(self.code) >= self.length

    can_submit = AliasProperty(_get_can_submit, None, bind=("code", "length"), cache=True)
    """Read-only: OK is active. :class:`~kivy.properties.AliasProperty`."""

    def __init__(self, **kwargs):
        self._trigger_keys = Clock.create_trigger(self._build_keys, -1)
        super().__init__(**kwargs)
        for prop in ("alphabet", "test_name"):
            self.fbind(prop, self._trigger_keys)

    def on_kv_post(self, _base_widget) -> None:
        self._build_keys()

    def _name(self, part: str) -> str:
        return f"{self.test_name}.{part}" if self.test_name else part

    def _build_keys(self, *_args) -> None:
        grid = self.ids.get("keys")
        if grid is None:
            return
        grid.clear_widgets()
        for ch in self.alphabet:
            key = CodeKey(key=ch, text=ch, test_name=self._name(f"key.{ch}"))
            key.bind(on_release=lambda k: self.press_key(k.key))
            grid.add_widget(key)

    def press_key(self, key: str) -> None:
        """Handle one key (a character, ``'erase'`` or ``'ok'``) as a tap does."""
        if key == "erase":
            self.code = self.code[:-1]
        elif key == "ok":
            if self.can_submit:
                self.dispatch("on_submit", self.code)
        elif len(key) == 1 and key in self.alphabet:
            if len(self.code) < self.length:
                self.code += key

    def clear(self) -> None:
        """Forget the characters typed."""
        self.code = ""

    def on_submit(self, code: str) -> None:
        pass


load_kv(__file__)
