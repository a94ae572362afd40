"""The day's-end hand-over: QR codes for the office, the receipt, phone lists.

Staff reach it from the staff area ("Daten übertragen"; the app shows the
PIN pad first when the area is locked).  Three views, one screen:

* **codes** — what ``kiosk.sync.handover.build_handover`` packed, one QR
  symbol at a time, large, with "2 / 5".  The codes turn over by
  themselves every :data:`ADVANCE_SECONDS` (so a webcam on the office PC
  can read them hands-free) and follow a swipe (for someone taking phone
  photos).  Without a staff key only anonymous data goes, and the screen
  says how to fix that; with nothing pending it says so.
* **receipt** — the office PC answers a complete import with a 6-character
  receipt code.  It is typed on a pad that has only the characters such a
  code can hold, and ``kiosk.sync.receipt.apply_receipt`` checks it: only a
  right code marks the entries received (and lets old personal data go).
* **phone** — "Liste aufs Handy": per offer and date a plain-text sign-up
  list in a QR code any phone camera reads (switched off with
  ``[sync] phone_lists = false``).

The page leaves itself after :data:`LEAVE_AFTER_SECONDS` without a touch
(back to the staff area; the app's idle timer locks the area anyway when
nobody is there), so neither codes nor lists stay on show in the lobby.

The symbols come from ``kiosk.sync.qr_symbols`` (version ≤ 25, level M,
alphanumeric for the codes; byte mode for the lists) and are drawn by
:class:`~kiosk.ui.widgets.matrix_view.MatrixView` at a whole number of
pixels per module.  Making a large symbol takes a noticeable fraction of a
second in pure Python, so the next codes are made in a background thread
while the first one is on show.
"""

from __future__ import annotations

import threading
from datetime import date

from kivy.clock import Clock
from kivy.properties import (
    BooleanProperty,
    ListProperty,
    NumericProperty,
    ObjectProperty,
    OptionProperty,
    StringProperty,
)

from kiosk.i18n import _
from kiosk.locale_format import format_day
from kiosk.sync.errors import SyncError
from kiosk.sync.handover import Handover, build_handover
from kiosk.sync.phone_lists import PhoneList, default_range, phone_list_texts
from kiosk.sync.qr_symbols import make_qr, symbol_matrix
from kiosk.sync.receipt import ReceiptResult, apply_receipt, last_confirmed, overdue_signups
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets import buttons as _buttons  # noqa: F401  (registers KioskButton, IconButton)
from kiosk.ui.widgets import card as _card  # noqa: F401  (registers Card)
from kiosk.ui.widgets import chips as _chips  # noqa: F401  (registers ChoiceChip)
from kiosk.ui.widgets import code_pad as _code_pad  # noqa: F401  (registers CodePad, CodeSlots)
from kiosk.ui.widgets import labels as _labels  # noqa: F401  (registers ThemedLabel)
from kiosk.ui.widgets import matrix_view as _matrix_view  # noqa: F401  (registers MatrixView)
from kiosk.ui.widgets import pictogram as _pictogram  # noqa: F401  (registers Pictogram)
from kiosk.ui.widgets import swipe_area as _swipe_area  # noqa: F401  (registers SwipeArea)
from kiosk.ui.widgets._kv import load_kv
from kiosk.ui.widgets.chips import ChoiceChip
from kiosk.ui.widgets.matrix_view import MIN_MODULE_PX, module_px_for

__all__ = ("HandoverScreen", "ADVANCE_SECONDS", "LEAVE_AFTER_SECONDS", "PHONE_LIST_DAYS", "MAX_MODULE_PX",
           "phone_list_matrix", "overdue_text", "counter_text")

#: Seconds each code stays before the next one (a webcam reads one in ~1 s;
#: a phone user has time to aim, and can swipe back).
ADVANCE_SECONDS = 4.0
#: Seconds without a touch after which the page leaves itself.
LEAVE_AFTER_SECONDS = 60.0
#: Days of phone lists offered: today and the next six.
PHONE_LIST_DAYS = 7
#: A small batch (no key: anonymous data only) would otherwise fill the code
#: area with huge modules; 6 px reads just as well and leaves the texts room.
MAX_MODULE_PX = 6

VIEWS = ("codes", "receipt", "phone")


def counter_text(index: int, total: int) -> str:
    """``"2 / 5"`` for the second of five (``index`` counts from 0)."""
    return f"{index + 1} / {total}" if total else ""


def phone_list_matrix(text: str) -> list[list[bool]]:
    """The symbol of a phone list part: UTF-8 in byte mode, same version
    limit and error correction as the hand-over codes (sync-format §9)."""
    return make_qr(text, data=text.encode("utf-8")).get_matrix()


def overdue_text(count: int, warn_days: int) -> str:
    """The staff warning about sign-ups that wait too long ("" when none)."""
    if count <= 0:
        return ""
    if count == 1:
        return _("1 Anmeldung wartet schon seit {days} Tagen oder länger auf die Übertragung. "
                 "Bitte bald übertragen.").format(days=warn_days)
    return _("{n} Anmeldungen warten schon seit {days} Tagen oder länger auf die Übertragung. "
             "Bitte bald übertragen.").format(n=count, days=warn_days)


class HandoverScreen(KioskScreen):
    """Codes, receipt entry and phone lists (see the module docstring)."""

    view = OptionProperty("codes", options=VIEWS)
    """The view on show. :class:`~kivy.properties.OptionProperty`."""

    landscape = BooleanProperty(True)
    """True while the screen is wider than high."""

    # -- codes ------------------------------------------------------------------

    handover = ObjectProperty(None, allownone=True)
    """The :class:`~kiosk.sync.handover.Handover` on show (None before the
    first visit or after an error)."""

    index = NumericProperty(0)
    """Which code is on show (from 0)."""

    total = NumericProperty(0)
    """How many codes the batch has."""

    counter = StringProperty("")
    """``"2 / 5"``."""

    stage_side = NumericProperty(100)
    """Side of the square the codes are drawn in: the code area (most of the
    height in landscape, the width in portrait), trimmed to a whole number
    of pixels per module of the batch's first symbol, so no room is wasted
    around it."""

    matrix = ObjectProperty(None, allownone=True)
    """Module matrix of the code on show (quiet zone included)."""

    max_module_px = NumericProperty(MAX_MODULE_PX)
    """Upper limit of pixels per module for the codes (:data:`MAX_MODULE_PX`)."""

    advance_seconds = NumericProperty(ADVANCE_SECONDS)
    """Seconds each code stays (:data:`ADVANCE_SECONDS`; kv shows it)."""

    paused = BooleanProperty(False)
    """Staff stopped the codes from turning over by themselves."""

    summary = StringProperty("")
    """What the codes carry, or that everything is handed over."""

    notice = StringProperty("")
    """Why only anonymous data goes, and how to fix it ("" when all is well)."""

    overdue = StringProperty("")
    """Warning about sign-ups waiting too long ("" when none)."""

    last_done = StringProperty("")
    """When the office last confirmed a hand-over ("" when never)."""

    error = StringProperty("")
    """The codes could not be made (disk refused): what to do."""

    # -- receipt ----------------------------------------------------------------

    receipt_state = OptionProperty("", options=("", "ok", "wrong"))
    """Outcome of the last receipt code typed ('' = none yet)."""

    receipt_message = StringProperty("")
    """The receipt check's answer, in plain words."""

    last_receipt = ObjectProperty(None, allownone=True)
    """The last :class:`~kiosk.sync.receipt.ReceiptResult` (for tests)."""

    # -- phone lists ------------------------------------------------------------

    phone_enabled = BooleanProperty(False)
    """``config.sync_phone_lists``: the "Liste aufs Handy" button is shown."""

    phone_lists = ListProperty([])
    """The :class:`~kiosk.sync.phone_lists.PhoneList` items on offer."""

    phone_choice = NumericProperty(-1)
    """Index of the chosen list (-1 = none)."""

    phone_part = NumericProperty(0)
    """Which part of a long list is on show (from 0)."""

    phone_matrix = ObjectProperty(None, allownone=True)
    """Module matrix of the list part on show."""

    phone_title = StringProperty("")
    """Offer and date of the chosen list."""

    phone_counter = StringProperty("")
    """``"Teil 1 / 2"`` for a list split over several codes ("" otherwise)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        ids = self.ids
        # Only the view on show is in the tree (hidden widgets must not catch
        # touches).  ``ids`` holds weak proxies: keep the real widgets.
        self._views = {"codes": ids.codes_view.__self__, "receipt": ids.receipt_view.__self__,
                       "phone": ids.phone_view.__self__}
        for widget in self._views.values():
            if widget.parent is not None:
                widget.parent.remove_widget(widget)
        self._matrices: dict[int, list[list[bool]]] = {}
        self._generation = 0
        self._advance_event = None
        self._leave_event = None
        self.fbind("size", self._on_size)
        ids.codes_view.fbind("size", self._update_stage)
        self.fbind("landscape", self._update_stage)
        self._put_view("codes")

    # -- KioskScreen ------------------------------------------------------------

    def show(self, **params) -> None:
        """Every visit makes (or re-shows) the batch and starts with the codes."""
        self._clear_receipt()
        self._forget_phone_lists()
        self.phone_enabled = bool(getattr(self.service.config, "sync_phone_lists", False))
        self.paused = False
        self.open_codes()
        self._restart_leave_timer()

    def reset(self) -> None:
        """Idle time or locking: stop the timers and forget everything shown
        (the phone lists hold names)."""
        self._stop_timers()
        self._generation += 1
        self._matrices = {}
        self.handover = None
        self.matrix = None
        self.index = self.total = 0
        self.counter = self.summary = self.notice = self.overdue = self.last_done = self.error = ""
        self.paused = False
        self._clear_receipt()
        self._forget_phone_lists()
        self._put_view("codes")

    def config_changed(self) -> None:
        self.phone_enabled = bool(getattr(self.service.config, "sync_phone_lists", False))
        if not self.phone_enabled and self.view == "phone":
            self.open_codes()

    def on_pre_leave(self, *_args) -> None:
        self._stop_timers()

    def on_leave(self, *_args) -> None:
        # The lists hold names: nothing of them stays behind the staff area.
        self._forget_phone_lists()
        self._clear_receipt()

    def on_touch_down(self, touch):
        if self.manager is not None and self.manager.current == self.name and self.collide_point(*touch.pos):
            self._restart_leave_timer()
        return super().on_touch_down(touch)

    def _on_size(self, *_args) -> None:
        self.landscape = self.width >= self.height

    def code_area(self) -> float:
        """The largest square the codes may use: the full height beside the
        texts in landscape; in portrait the width, but at most 58 % of the
        height, so the texts and buttons below keep their room."""
        view = self.ids.codes_view
        if self.landscape:
            return min(view.height, view.width * 0.56)
        return min(view.width, view.height * 0.58)

    def _update_stage(self, *_args) -> None:
        area = self.code_area()
        modules = len(self._matrices.get(0) or ()) if self.total else 0
        px = min(module_px_for(area, modules), MAX_MODULE_PX)
        self.stage_side = px * modules if px >= MIN_MODULE_PX else area

    def on_landscape(self, _screen, landscape: bool) -> None:
        """The row with "2 / 5" sits beside the code in landscape (under the
        title) and above it in portrait (the code takes the full width)."""
        ids = self.ids
        row, column, view = ids.nav_row.__self__, ids.code_column.__self__, ids.codes_view.__self__
        target, index = (column, len(column.children) - 1) if landscape else (view, len(view.children))
        if row.parent is target:
            return
        row.parent.remove_widget(row)
        if not landscape:
            index = len(view.children)
        target.add_widget(row, index=index)

    # -- views --------------------------------------------------------------------

    def _put_view(self, name: str) -> None:
        holder = self.ids.holder
        widget = self._views[name]
        if widget.parent is not holder:
            holder.clear_widgets()
            holder.add_widget(widget)
        self.view = name

    def open_codes(self) -> None:
        """Show the codes, made afresh from what is pending (same batch when
        nothing changed, so an interrupted scan can go on)."""
        self._forget_phone_lists()
        self._put_view("codes")
        self._load_handover()
        self._restart_advance()

    def open_receipt(self) -> None:
        self._stop_advance()
        self._clear_receipt()
        self._put_view("receipt")

    def open_phone(self) -> None:
        if not self.phone_enabled:
            return
        self._stop_advance()
        self._load_phone_lists()
        self._put_view("phone")

    def back_to_staff(self) -> None:
        self._stop_timers()
        self.app.go("staff", direction="right")

    # -- codes --------------------------------------------------------------------

    def _load_handover(self) -> None:
        service = self.service
        today: date = self.app.today
        self._generation += 1
        self._matrices = {}
        self.error = ""
        try:
            handover = build_handover(service.store, service.config, today)
        except (OSError, SyncError) as exc:
            why = getattr(exc, "strerror", None) or str(exc)
            self.handover = None
            self.total = 0
            self.matrix = None
            self.counter = ""
            self.summary = self.notice = ""
            self.error = _("Die Codes ließen sich gerade nicht erstellen ({why}). Es ist nichts verloren. "
                           "Bitte gleich noch einmal versuchen.").format(why=why)
        else:
            self.handover = handover
            self.total = len(handover.chunks)
            self.summary = self._summary_of(handover)
            self.notice = handover.notice
            self._show_code(0)
            if self.total > 1:
                self._precompute(handover.chunks)
        self._update_stage()
        self._read_warnings(today)

    def _summary_of(self, handover: Handover) -> str:
        if not handover.empty:
            return handover.summary()
        if handover.withheld_signups:
            return _("Smileys und Wünsche sind schon übergeben. Die Anmeldungen warten auf den Schlüssel.")
        return _("Alles ist im Büro angekommen.")

    def _read_warnings(self, today: date) -> None:
        service = self.service
        warn_days = int(getattr(service.config, "handover_warn_days", 3) or 3)
        try:
            self.overdue = overdue_text(overdue_signups(service.store, service.config, today), warn_days)
            done = last_confirmed(service.store)
        except (OSError, ValueError):
            self.overdue, done = "", None
        self.last_done = ""
        if done:
            try:
                when = format_day(date.fromisoformat(str(done.get("at"))), "de")
            except ValueError:
                when = ""
            if when:
                self.last_done = _("Zuletzt bestätigt: Paket Nr. {seq} am {day}.").format(seq=done.get("seq"), day=when)

    def _matrix_at(self, index: int) -> list[list[bool]]:
        matrix = self._matrices.get(index)
        if matrix is None:
            matrix = symbol_matrix(self.handover.chunks[index])
            self._matrices[index] = matrix
        return matrix

    def _precompute(self, chunks: tuple[str, ...]) -> None:
        """Make the other symbols in the background (each takes a moment);
        a newer batch or leaving the screen makes the thread stop early."""
        generation = self._generation
        cache = self._matrices

        def work() -> None:
            for i, chunk in enumerate(chunks):
                if generation != self._generation:
                    return
                if i not in cache:
                    cache[i] = symbol_matrix(chunk)

        threading.Thread(target=work, name="handover-symbols", daemon=True).start()

    def _show_code(self, index: int) -> None:
        if not self.total or self.handover is None:
            self.index = 0
            self.matrix = None
            self.counter = ""
            return
        self.index = index % self.total
        self.matrix = self._matrix_at(self.index)
        self.counter = counter_text(self.index, self.total)

    def step(self, delta: int) -> None:
        """Next (+1) or previous (-1) code, by hand: the code then stays the
        full interval before turning over again."""
        if self.total:
            self._show_code(self.index + delta)
            self._restart_advance()

    def on_swipe(self, direction: str) -> None:
        self.step(1 if direction == "next" else -1)

    def toggle_pause(self) -> None:
        self.paused = not self.paused
        self._restart_advance()

    def _auto_advance(self, _dt: float) -> None:
        if self.view == "codes" and self.total > 1 and not self.paused:
            self._show_code(self.index + 1)

    # -- receipt ------------------------------------------------------------------

    def _clear_receipt(self) -> None:
        self.receipt_state = ""
        self.receipt_message = ""
        pad = self.ids.get("receipt_pad")
        if pad is not None:
            pad.clear()

    def on_receipt_typed(self, code: str) -> None:
        """Typing again after an answer starts a fresh attempt."""
        if self.receipt_state and len(code) < 6:
            self.receipt_state = ""
            self.receipt_message = ""

    def submit_receipt(self, code: str) -> ReceiptResult:
        service = self.service
        try:
            result = apply_receipt(service.store, service.config, code, self.app.today)
        except OSError as exc:
            result = ReceiptResult(False, _(
                "Der Kiosk konnte die Bestätigung nicht speichern ({why}). Es wurde nichts gelöscht. "
                "Bitte gleich noch einmal versuchen.").format(why=exc.strerror or exc))
        self.last_receipt = result
        message = result.message
        if result.ok and result.purged:
            message += " " + (_("Bei 1 älteren Anmeldung wurden Name und Kontakt gelöscht, wie vorgesehen.")
                              if result.purged == 1 else
                              _("Bei {n} älteren Anmeldungen wurden Namen und Kontakte gelöscht, wie vorgesehen.")
                              .format(n=result.purged))
        if result.ok:
            self.ids.receipt_pad.clear()    # (before the answer: typing again clears the answer)
        self.receipt_state = "ok" if result.ok else "wrong"
        self.receipt_message = message
        return result

    # -- phone lists --------------------------------------------------------------

    def _forget_phone_lists(self) -> None:
        self.phone_lists = []
        self.phone_choice = -1
        self.phone_part = 0
        self.phone_matrix = None
        self.phone_title = ""
        self.phone_counter = ""
        chooser = self.ids.get("phone_chooser")
        if chooser is not None:
            chooser.clear_widgets()

    def _load_phone_lists(self) -> None:
        service = self.service
        first, last = default_range(self.app.today, PHONE_LIST_DAYS)
        self._forget_phone_lists()
        try:
            lists = phone_list_texts(service.store, service.config, first, last)
        except OSError:
            lists = []
        self.phone_lists = lists
        chooser = self.ids.phone_chooser
        for i, item in enumerate(lists):
            chip = ChoiceChip(text=self._phone_label(item), fit=False, test_name=f"handover.phone.{i}")
            chip.bind(on_release=lambda _chip, i=i: self.choose_phone_list(i))
            chooser.add_widget(chip)
        if lists:
            self.choose_phone_list(0)

    @staticmethod
    def _phone_label(item: PhoneList) -> str:
        # Date first: when a long title is shortened, the date stays readable.
        return f"{format_day(item.day, 'de', width='short')} · {item.title}"

    def choose_phone_list(self, index: int, part: int = 0) -> None:
        if not 0 <= index < len(self.phone_lists):
            return
        item: PhoneList = self.phone_lists[index]
        part = part % len(item.texts)
        self.phone_choice = index
        self.phone_part = part
        self.phone_title = self._phone_label(item)
        self.phone_counter = (_("Teil {i} / {n}").format(i=part + 1, n=len(item.texts))
                              if len(item.texts) > 1 else "")
        self.phone_matrix = phone_list_matrix(item.texts[part])
        for i, chip in enumerate(reversed(self.ids.phone_chooser.children)):
            chip.selected = i == index

    def step_phone_part(self, delta: int) -> None:
        if self.phone_choice >= 0:
            self.choose_phone_list(self.phone_choice, self.phone_part + delta)

    # -- timers -------------------------------------------------------------------

    def _restart_advance(self) -> None:
        self._stop_advance()
        if self.view == "codes" and self.total > 1 and not self.paused:
            self._advance_event = Clock.schedule_interval(self._auto_advance, self.advance_seconds)

    def _stop_advance(self) -> None:
        if self._advance_event is not None:
            self._advance_event.cancel()
            self._advance_event = None

    def _restart_leave_timer(self) -> None:
        if self._leave_event is not None:
            self._leave_event.cancel()
        self._leave_event = Clock.schedule_once(self._leave, LEAVE_AFTER_SECONDS)

    def _stop_timers(self) -> None:
        self._stop_advance()
        if self._leave_event is not None:
            self._leave_event.cancel()
            self._leave_event = None

    def _leave(self, _dt: float) -> None:
        self._leave_event = None
        app = self.app
        if app is not None and app.current_screen == self.name:
            self.back_to_staff()


load_kv(__file__)
