"""The docked on-screen keyboard in the kiosk's look.

Kivy's ``VKeyboard`` draws dark grey keys from its image atlas with white
labels: the default look we want to avoid.  :class:`KioskKeyboard` draws the
same layout (our ``assets/keyboards/de.json`` / ``numeric.json``) as white
rounded keys with dark labels on a beige tray.  Install it once, after the
window exists, with :func:`install_keyboard`; Kivy then creates it itself in
``Window.request_keyboard`` (building a docked ``VKeyboard`` by hand crashes).
"""

from __future__ import annotations

from kivy.graphics import Color, SmoothRoundedRectangle
from kivy.properties import StringProperty
from kivy.uix.label import Label
from kivy.uix.vkeyboard import VKeyboard

from kiosk.ui import theme

__all__ = ("KioskKeyboard", "install_keyboard")


class KioskKeyboard(VKeyboard):
    """A themed ``VKeyboard`` (same layouts, events and behaviour)."""

    test_name = StringProperty("keyboard")
    """Name for tests to find this widget by.
    :class:`~kivy.properties.StringProperty`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("font_size", theme.TYPE.button)
        kwargs.setdefault("font_name", theme.SYMBOL_FONT_NAME)   # has ⌫ ⏎ ⇧
        kwargs.setdefault("key_margin", [5, 5, 5, 5])
        kwargs.setdefault("margin_hint", [.03, .02, .03, .02])
        super().__init__(**kwargs)

    # Docked: full window width at scale 1 and a height that keeps every key
    # a comfortable touch target (Kivy's default scales a fixed 700×200
    # keyboard, which leaves ~45 px keys in portrait).
    def setup_mode_dock(self, *largs):
        super().setup_mode_dock(*largs)
        self._fit_dock(self.get_parent_window())

    def _update_dock_mode(self, win, *largs):
        self._fit_dock(win)

    def _fit_dock(self, win) -> None:
        if win is None:
            return
        self.scale = 1.0
        height = min(max(win.height * 0.42, 5 * theme.TOUCH.minimum * 1.15), 520)
        size = (win.width, height)
        if tuple(self.size) != size:
            self.size = size
            # VKeyboard lays its keys out only when the layout changes, not on
            # a new size: without this, a keyboard first shown in landscape
            # keeps its landscape keys after the screen turns to portrait.
            if "U_HINT" in self.layout_geometry:
                self.refresh(False)
        self.pos = (0, 0)

    def draw_keys(self):
        layout = self.available_layouts[self.layout]
        geometry = self.layout_geometry
        mode = self.layout_mode
        p = theme.PALETTE
        self.background_key_layer.clear()
        with self.background_key_layer:
            Color(*p.surface_alt)
            SmoothRoundedRectangle(pos=(0, 0), size=self.size, radius=[0])
            Color(*p.surface)
            for line in range(1, layout["rows"] + 1):
                for pos, size in geometry[f"LINE_{line}"]:
                    SmoothRoundedRectangle(pos=pos, size=size, radius=[theme.RADII.small])
        for line in range(1, layout["rows"] + 1):
            for index, (pos, size) in enumerate(geometry[f"LINE_{line}"]):
                label = layout[f"{mode}_{line}"][index][0]
                self.add_widget(Label(text=label, font_size=self.font_size, pos=pos, size=size,
                                      font_name=self.font_name, color=p.ink))

    def refresh_active_keys_layer(self):
        self.active_keys_layer.clear()
        geometry = self.layout_geometry
        with self.active_keys_layer:
            Color(*theme.PALETTE.primary_soft[:3], 0.9)
            for line, index in self.active_keys.values():
                pos, size = geometry[f"LINE_{line}"][index]
                SmoothRoundedRectangle(pos=pos, size=size, radius=[theme.RADII.small])


def install_keyboard() -> None:
    """Make the window create :class:`KioskKeyboard` for text fields."""
    from kivy.core.window import Window  # noqa: PLC0415 - window after bootstrap

    Window.set_vkeyboard_class(KioskKeyboard)
