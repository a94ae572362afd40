"""The PIN pad in front of the staff area.

Three situations, one screen:

* no PIN yet → "Neue PIN festlegen": type it, then once more to be sure;
* a PIN is set → type it; a wrong one shakes the dots and says how many
  tries are left;
* five wrong PINs → the pad is locked with a countdown ("Gesperrt – noch
  58 Sekunden"); each further lock lasts twice as long.

The hash, the counters and the lock live in the store's state file
(:class:`kiosk.staff_pin.PinGuard`), so pulling the plug neither reveals the
PIN nor resets the lock.  The guard's wall clock is the kiosk clock.
"""

from __future__ import annotations

from kivy.clock import Clock
from kivy.properties import BooleanProperty, OptionProperty, StringProperty

from kiosk.i18n import _
from kiosk.staff_pin import PinFormatError, PinGuard
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets import labels as _labels  # noqa: F401  (registers ThemedLabel)
from kiosk.ui.widgets import pinpad as _pinpad  # noqa: F401  (registers PinPad)
from kiosk.ui.widgets._kv import load_kv

MODES = ("enter", "set", "confirm", "locked")


def locked_text(seconds: int) -> str:
    """"Gesperrt – noch 58 Sekunden" / "… noch 3 Minuten und 58 Sekunden"."""
    seconds = max(0, int(seconds))
    if seconds < 120:
        unit = _("Sekunde") if seconds == 1 else _("Sekunden")
        return _("Gesperrt – noch {n} {unit}").format(n=seconds, unit=unit)
    minutes, rest = divmod(seconds, 60)
    if rest == 0:
        return _("Gesperrt – noch {m} Minuten").format(m=minutes)
    unit = _("Sekunde") if rest == 1 else _("Sekunden")
    return _("Gesperrt – noch {m} Minuten und {s} {unit}").format(m=minutes, s=rest, unit=unit)


def too_easy(pin: str) -> bool:
    """A PIN anyone would try first: one digit repeated, or a straight run
    up or down (1234, 9876, 012345)."""
    if len(set(pin)) == 1:
        return True
    steps = {int(b) - int(a) for a, b in zip(pin, pin[1:])}
    return steps in ({1}, {-1})


class StaffPinScreen(KioskScreen):
    """PIN entry, first-time PIN setting and the lock countdown."""

    mode = OptionProperty("enter", options=MODES)
    """What the pad is for now. :class:`~kivy.properties.OptionProperty`."""

    message = StringProperty("")
    """Feedback under the explanation (wrong PIN, PINs differ …)."""

    message_is_error = BooleanProperty(False)

    countdown = StringProperty("")
    """"Gesperrt – noch 58 Sekunden" while locked."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._first_pin = ""
        self._tick = None

    # -- the guard, on the kiosk clock ----------------------------------------

    @property
    def guard(self) -> PinGuard:
        service = self.service
        return PinGuard(service.store.state, wall_clock=lambda: service.clock.now().timestamp())

    # -- screen life cycle ------------------------------------------------------

    def show(self, **params) -> None:
        # The staff area speaks German only (its words are for the office's
        # social workers); idle time and locking bring the visitor default back.
        self.app.set_language("de")
        self._first_pin = ""
        self.message = ""
        self.message_is_error = False
        self.ids.pad.clear()
        self._update_mode()
        self._start_ticking()

    def on_leave(self, *_args) -> None:
        self._stop_ticking()
        self.ids.pad.clear()

    def reset(self) -> None:
        self._first_pin = ""
        self.message = ""
        self.message_is_error = False
        self.ids.pad.clear()
        self._stop_ticking()

    def _start_ticking(self) -> None:
        if self._tick is None:
            self._tick = Clock.schedule_interval(lambda _dt: self._update_mode(), 0.5)

    def _stop_ticking(self) -> None:
        if self._tick is not None:
            self._tick.cancel()
            self._tick = None

    def _update_mode(self) -> None:
        guard = self.guard
        locked = guard.locked_seconds()
        if locked:
            if self.mode != "locked":
                self._first_pin = ""
                self.ids.pad.clear()
            self.mode = "locked"
            self.countdown = locked_text(locked)
            return
        self.countdown = ""
        if self.mode == "locked":
            self.message = _("Du kannst es jetzt wieder versuchen.")
            self.message_is_error = False
            self.mode = "enter" if guard.has_pin() else "set"
        elif not guard.has_pin():
            if self.mode not in ("set", "confirm"):
                self.mode = "set"
        elif self.mode in ("set", "confirm"):
            self.mode = "enter"

    # -- the pad ------------------------------------------------------------------

    def submit(self, pin: str) -> None:
        pad = self.ids.pad
        if self.mode == "locked":
            pad.clear()
            return
        if self.mode == "set":
            self._choose(pin)
        elif self.mode == "confirm":
            self._confirm(pin)
        else:
            self._check(pin)

    def _choose(self, pin: str) -> None:
        pad = self.ids.pad
        if too_easy(pin):
            pad.reject()
            self._say(_("Diese PIN ist zu leicht zu erraten. Bitte eine andere wählen."), error=True)
            return
        self._first_pin = pin
        pad.clear()
        self.mode = "confirm"
        self._say("")

    def _confirm(self, pin: str) -> None:
        pad = self.ids.pad
        if pin != self._first_pin:
            self._first_pin = ""
            pad.reject()
            self.mode = "set"
            self._say(_("Die beiden PINs sind verschieden. Bitte noch einmal von vorn."), error=True)
            return
        try:
            self.guard.set_pin(pin)
        except PinFormatError as error:
            pad.reject()
            self.mode = "set"
            self._say(str(error), error=True)
            return
        self._first_pin = ""
        pad.clear()
        self.app.unlock_staff()

    def _check(self, pin: str) -> None:
        pad = self.ids.pad
        result = self.guard.check(pin)
        if result.ok:
            pad.clear()
            self._say("")
            self.app.unlock_staff()
            return
        pad.reject()
        if result.locked_seconds:
            self._say("")               # the countdown says it all
            self._update_mode()
        elif result.tries_left == 1:
            self._say(_("Falsche PIN. Noch 1 Versuch, dann wird gesperrt."), error=True)
        else:
            self._say(_("Falsche PIN. Noch {n} Versuche.").format(n=result.tries_left), error=True)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message = text
        self.message_is_error = error

    # -- texts for the kv ---------------------------------------------------------

    def title_for(self, mode: str, *_deps) -> str:
        return {
            "enter": _("Mitarbeiterbereich"),
            "set": _("Neue PIN festlegen"),
            "confirm": _("PIN wiederholen"),
            "locked": _("Gesperrt"),
        }[mode]

    def hint_for(self, mode: str, *_deps) -> str:
        return {
            "enter": _("Bitte die PIN eintippen und auf den grünen Haken tippen."),
            "set": _("Für den Mitarbeiterbereich gibt es noch keine PIN. Bitte eine PIN "
                     "mit 4 bis 8 Ziffern ausdenken, eintippen und auf den grünen Haken tippen."),
            "confirm": _("Zur Sicherheit dieselbe PIN noch einmal eintippen."),
            "locked": _("Zu oft eine falsche PIN. Die Eingabe ist eine Weile gesperrt."),
        }[mode]


load_kv(__file__)
