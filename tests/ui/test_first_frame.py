"""A new widget is complete in its first frame, and drawn once, at the size
the layout settles on (what makes the kiosk's cold start cheap; see
``kiosk.ui.widgets.before_frame`` and ``BidiLabel._scheduled_texture_update``).

A home tile settles in steps within one frame: its label gets its height
only after its text is drawn, which moves the pictogram.  Pictograms used to
be drawn at every step and labels once at a placeholder width, one letter
per line, before the layout gave them their real width."""

from __future__ import annotations

import functools

from kivy.uix.boxlayout import BoxLayout
from kivy.uix.floatlayout import FloatLayout

from kiosk.ui import theme
from kiosk.ui.widgets.bidi_label import BidiLabel
from kiosk.ui.widgets.pictogram import Pictogram
from kiosk.ui.widgets.tile import Tile

P = theme.PALETTE


def _descendants(widget, cls) -> list:
    return [w for w in widget.walk() if isinstance(w, cls)]


def _rgb(color) -> tuple[int, int, int]:
    return tuple(round(c * 255) for c in color[:3])


def _recording(monkeypatch, cls, method: str, record) -> None:
    original = getattr(cls, method)

    @functools.wraps(original)   # Kivy's Clock finds a method again by its name
    def wrapper(self, *args):
        record(self)
        return original(self, *args)

    monkeypatch.setattr(cls, method, wrapper)


def test_a_new_tile_is_complete_in_its_first_frame(render, grab, monkeypatch):
    pictogram_sizes: list[tuple[float, float]] = []
    label_widths: list[float] = []
    _recording(monkeypatch, Pictogram, "_redraw", lambda pic: pictogram_sizes.append(tuple(pic.size)))
    _recording(monkeypatch, BidiLabel, "texture_update",
               lambda label: label.text and label_widths.append(label.text_size[0]))
    holder = BoxLayout(padding=(100, 100, 960, 320))   # a 220×380 cell, as on the home screen
    render(holder)

    tile = Tile(text="Deine Meinung", pictogram="feedback", color=P.feedback)
    holder.add_widget(tile)
    image = grab(tile)  # exactly one frame: the tile's first
    assert tuple(tile.size) == (220, 380)

    (pictogram,) = _descendants(tile, Pictogram)
    label = next(lb for lb in _descendants(tile, BidiLabel) if lb.text)
    assert pictogram_sizes == [tuple(pictogram.size)]          # once, at the final size
    assert label_widths == [label.width]                        # once, at the real width
    assert label.texture is not None and label.texture_size[1] > 0
    # The disc is on screen in that first frame (white, on the coral tile).
    x = int(pictogram.center_x - tile.x)
    y = int(tile.top - pictogram.center_y)
    assert image.getpixel((x, y - int(pictogram.height * 0.4))) == _rgb(P.surface)


def test_a_narrow_label_is_drawn_in_its_first_frame(render, advance, monkeypatch):
    """Waiting for the layouts costs no frame, even for a label narrower than
    a word (it then wraps inside the word, as Kivy's Label does)."""
    widths: list[float] = []
    _recording(monkeypatch, BidiLabel, "texture_update", lambda label: widths.append(label.text_size[0]))
    holder = FloatLayout()
    render(holder)
    label = BidiLabel(text="Hallo", font_size=30, text_size=(20, None),
                      size_hint=(None, None), size=(20, 100), pos=(10, 10))
    holder.add_widget(label)
    advance(1 / 60)  # one frame
    assert widths == [20]
    assert label.texture is not None and label.texture_size[1] > 0


def test_a_label_outside_any_layout_is_drawn_at_once(advance):
    label = BidiLabel(text="Hallo", text_size=(300, None))
    advance(1 / 60)
    assert label.texture is not None and label.texture_size[0] > 0
