"""A big labelled text field with its validation message right below it.

Visitors type with a finger on the docked on-screen keyboard, so the field
is large (``theme.TOUCH.comfortable`` high, button-sized text), says in
plain words what goes in (:attr:`TextField.label`), and shows what is wrong
with it directly underneath (:attr:`TextField.error`), in the friendly
danger colour, with the field's border turning the same colour.

Kivy keeps ONE docked keyboard for all fields and shows whatever layout the
last field asked for; ``TextInput.input_type`` does not switch it (that
is only honoured on Android).  So a field sets the keyboard's layout itself
each time it gains focus: :attr:`TextField.keyboard` ``'de'`` (letters with
ä ö ü ß - ') or ``'numeric'`` (a phone pad), our own layouts from
``assets/keyboards/`` via ``kiosk.ui.bootstrap.keyboard_layout_path``.
"""

from __future__ import annotations

from kivy.properties import (
    BooleanProperty,
    NumericProperty,
    ObjectProperty,
    OptionProperty,
    StringProperty,
)
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.textinput import TextInput

from kiosk.ui import theme
from kiosk.ui.bootstrap import keyboard_layout_path
from kiosk.ui.widgets.tile_grid import fit_line_font_size
from kiosk.ui.widgets import labels as _labels  # noqa: F401  (registers ThemedLabel)
from kiosk.ui.widgets import mirror as _mirror  # noqa: F401  (MirrorBox in the .kv)
from kiosk.ui.widgets._kv import load_kv

__all__ = ("TextField", "FieldInput", "KEYBOARDS")

#: Keyboard layouts a field can ask for (file names in assets/keyboards/).
KEYBOARDS = ("de", "numeric")


class FieldInput(TextInput):
    """The TextInput inside a :class:`TextField` (one line, themed)."""

    test_name = StringProperty("")
    """Name for tests to find this widget by.
    :class:`~kivy.properties.StringProperty`."""

    keyboard_layout = OptionProperty("de", options=KEYBOARDS)
    """On-screen keyboard layout to show while this field has focus.
    :class:`~kivy.properties.OptionProperty`, default ``'de'``."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Bound after FocusBehavior's own focus handler, so the keyboard has
        # been requested by the time this runs.
        self.fbind("focus", self._apply_keyboard_layout)
        self.fbind("keyboard_layout", self._apply_keyboard_layout)

    def virtual_keyboard(self):
        """The docked on-screen keyboard serving this field, or None
        (no focus, or a hardware-only keyboard mode)."""
        keyboard = getattr(self, "_keyboard", None)
        return getattr(keyboard, "widget", None) if keyboard is not None else None

    def _apply_keyboard_layout(self, *_):
        if not self.focus:
            return
        vkeyboard = self.virtual_keyboard()
        if vkeyboard is None:
            return
        path = keyboard_layout_path(self.keyboard_layout)
        if vkeyboard.layout != path:
            vkeyboard.layout = path
        # Start every field in lower case, whatever the last one left behind.
        vkeyboard.have_shift = False
        vkeyboard.have_capslock = False


class TextField(BoxLayout):
    """``label`` above a big one-line input, ``error`` below it.

    Its input carries ``test_name`` ``'<test_name>.input'``, the message
    ``'<test_name>.error'``.  Event ``on_text_validate``: the keyboard's
    Enter key was pressed (the keyboard closes).
    """

    __events__ = ("on_text_validate",)

    label = StringProperty("")
    """What goes in, in plain words ("Dein Vor- und Nachname").
    :class:`~kivy.properties.StringProperty`."""

    text = StringProperty("")
    """The typed text (two-way with the input).
    :class:`~kivy.properties.StringProperty`."""

    hint = StringProperty("")
    """Greyed example shown while the field is empty.
    :class:`~kivy.properties.StringProperty`."""

    error = StringProperty("")
    """Validation message shown below the field; ``''`` = none.
    :class:`~kivy.properties.StringProperty`."""

    keyboard = OptionProperty("de", options=KEYBOARDS)
    """On-screen keyboard layout for this field (``'de'`` or ``'numeric'``).
    :class:`~kivy.properties.OptionProperty`."""

    focus = BooleanProperty(False)
    """Read-only mirror of the input's focus (set :meth:`focus_input` /
    :meth:`unfocus` to change it). :class:`~kivy.properties.BooleanProperty`."""

    font_scale = NumericProperty(1.0)
    """Extra size factor for label, text and message ("große Schrift").
    :class:`~kivy.properties.NumericProperty`, default 1.0."""

    input = ObjectProperty(None, rebind=True)
    """Read-only: the :class:`FieldInput`. :class:`~kivy.properties.ObjectProperty`."""

    test_name = StringProperty("")
    """Name for tests to find this widget by; also prefixes its parts'.
    :class:`~kivy.properties.StringProperty`."""

    hint_font_size = NumericProperty(theme.TYPE.button)
    """Read-only: size of the hint, the text's size or smaller, so the hint
    stays on one line inside the field. :class:`~kivy.properties.NumericProperty`."""

    def on_kv_post(self, _base_widget):
        self.input = self.ids.input
        self.ids.input.fbind("focus", self._mirror_focus)
        for prop in ("width", "hint", "font_scale"):
            self.fbind(prop, self._fit_hint)
        self._fit_hint()

    def _fit_hint(self, *_):
        self.hint_font_size = fit_line_font_size(
            self.hint, self.width - 2 * theme.SPACING.m - theme.SPACING.xs,
            theme.TYPE.button * self.font_scale, smallest=theme.TYPE.caption,
            font_name=theme.FONT_NAME)

    def _mirror_focus(self, _input, value):
        self.focus = value

    def focus_input(self) -> None:
        self.ids.input.focus = True

    def unfocus(self) -> None:
        self.ids.input.focus = False

    def clear(self) -> None:
        """Empty the field and its message, and let go of the keyboard."""
        self.unfocus()
        self.text = ""
        self.ids.input.text = ""
        self.error = ""

    def on_text_validate(self, *_):
        pass


load_kv(__file__)
