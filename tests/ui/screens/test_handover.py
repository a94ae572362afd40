"""The day's-end hand-over on the kiosk, driven with real touches on the real app.

Staff open the staff area, tap "Daten übertragen" and see the batch as QR
codes, one at a time ("1 / 3"), turning over every few seconds and
following a swipe.  The test reads the codes off the drawn screen (zxing-cpp
on the grabbed pixels, as a webcam would), imports them with the staff
private key like the office PC does, and types the receipt code the import
answers into the kiosk's pad.  Also: the no-key notice, "nothing new",
the phone lists, a wrong receipt, the page leaving itself.

Screenshots: ``handover-<state>-<orientation>.png`` in the screenshot dir.
"""

from __future__ import annotations

import dataclasses
import random
import string
from collections import Counter

import pytest
from kivy.core.window import Window
from kivy.tests.common import UnitTestTouch

from kiosk.config import load_config
from kiosk.sync import crypto
from kiosk.sync.decode import read_image
from kiosk.sync.ids import CODE_ALPHABET
from kiosk.sync.importer import import_sources
from kiosk.sync.qr_symbols import MAX_VERSION, symbol_matrix
from kiosk.sync.staff_store import StaffStore
from kiosk.ui.screens.handover import ADVANCE_SECONDS
from tests.conftest import SAMPLE_DAY, SHIPPED_CONFIG
from tests.sync_helpers import kiosk_truth
from tests.ui.screens.conftest import LANDSCAPE, PORTRAIT, build_app

ORIENTATIONS = [pytest.param(LANDSCAPE, id="landscape"), pytest.param(PORTRAIT, id="portrait")]

COUNSEL = "fall-im-feld"   # Tuesday 10:00-12:00, phone needed


# --------------------------------------------------------------------------- #
# Helpers
# --------------------------------------------------------------------------- #

@pytest.fixture(scope="module")
def staff_key():
    return crypto.generate_keypair()


def keyed_config(staff_key, **changes):
    config = load_config(SHIPPED_CONFIG)
    return dataclasses.replace(config, sync_public_key=crypto.public_key_text(staff_key.public_key()), **changes)


class Staff:
    """A staff member at the tablet: real touches, few frames."""

    def __init__(self, app, find, advance):
        self.app = app
        self._find = find
        self.advance = advance

    @property
    def screen(self):
        return self.app.screen("handover")

    def find(self, name):
        return self._find(self.app.root, name)

    def settle(self, seconds: float = 0.3) -> None:
        """Let slides and springs finish, in few (expensive) frames."""
        self.advance(seconds, fps=5)

    def _window_pos(self, widget):
        if widget.get_root_window() is None:
            raise AssertionError(f"{widget!r} is not in the window")
        x, y = widget.to_window(*widget.center)
        if not (0 <= x < Window.width and 0 <= y < Window.height):
            raise AssertionError(f"{widget!r} is off-screen at {(x, y)}")
        return x, y

    def touch(self, name_or_widget) -> None:
        """A quick finger: down and up through the window, no frames between
        (every frame redraws the whole test window, which is what costs time)."""
        widget = self.find(name_or_widget) if isinstance(name_or_widget, str) else name_or_widget
        assert widget.opacity > 0 and not widget.disabled, f"{name_or_widget} is hidden or disabled"
        touch = UnitTestTouch(*self._window_pos(widget))
        touch.touch_down()
        touch.touch_up()

    def tap(self, name_or_widget) -> None:
        """A touch, then one frame so the layout follows."""
        self.touch(name_or_widget)
        self.settle(0.1)

    def swipe(self, name: str, dx: float) -> None:
        """A finger put down on the widget, dragged ``dx`` px sideways, lifted."""
        x, y = self._window_pos(self.find(name))
        touch = UnitTestTouch(x, y)
        touch.touch_down()
        for i in range(1, 6):
            touch.touch_move(x + dx * i / 5, y + 4 * i / 5)
        touch.touch_up()
        self.settle(0.1)

    def type_code(self, code: str) -> None:
        for ch in code:
            self.touch(f"receipt.key.{ch}")
        self.tap("receipt.ok")

    def text(self, name) -> str:
        return self.find(name).text

    def open_handover(self) -> None:
        """Into the staff area, then its "Daten übertragen" button."""
        self.app.unlock_staff()
        self.slide_done()
        self.tap("staff.handover")
        self.slide_done()
        assert self.app.current_screen == "handover"

    def open_handover_directly(self) -> None:
        """Straight to the page, as after the staff area's button (saves
        building the staff area where a test does not need it)."""
        self.app.staff_unlocked = True
        self.app.go("handover")
        self.slide_done()
        assert self.app.current_screen == "handover"

    def slide_done(self) -> None:
        """Frames until the screen manager's slide is over (a few at most)."""
        for _ in range(12):
            self.settle(0.1)
            if not self.app.manager.transition.is_active:
                break
        self.settle(0.1)    # one more for the layout at rest


FIRST = ("Aylin", "Peter", "Olga", "Emre", "Mia", "Jonas", "Lea", "Murat", "Sofia", "Ben", "Elif", "Karl",
         "Nina", "Yusuf", "Hanna", "Timo")
LAST = ("Demir", "Schmidt", "Kowalska", "Kaya", "Becker", "Yılmaz", "Wagner", "Hoffmann", "Şahin", "Krüger",
        "Nowak", "Petrenko")


def busy_afternoon(app, signups: int = 16, seed: int = 5) -> None:
    """Enough for three codes with few disk writes: sign-ups with long notes
    (random words hardly compress), a few smileys and wishes."""
    rng = random.Random(seed)
    service = app.service
    for i in range(signups):
        words = ("".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 9))) for _ in range(25))
        service.sign_up(offer_id="jung-und-alt", day=SAMPLE_DAY, name=f"{FIRST[i % len(FIRST)]} {LAST[i % len(LAST)]}",
                        phone=f"0171 {rng.randint(1000000, 9999999)}", adults=1, children=rng.randint(0, 3),
                        note=" ".join(words)[:150].strip(), consent_given=True)
    for offer_id, score in (("cafe", 3), (COUNSEL, 2), (None, 1)):
        service.give_feedback(offer_id, score)
    service.add_wish(["sport", "kultur"], "Mehr Bänke im Park")
    service.add_wish(["sport"], "")


def a_few_entries(app) -> None:
    service = app.service
    service.give_feedback("cafe", 3)
    service.add_wish(["sport"], "Mehr Bänke im Park")
    service.sign_up(offer_id=COUNSEL, day=SAMPLE_DAY, name="Aylin Demir", phone="0171 1234567",
                    adults=1, children=2, consent_given=True)
    service.sign_up(offer_id=COUNSEL, day=SAMPLE_DAY, name="Peter Schmidt", phone="0171 7654321",
                    adults=2, consent_given=True)


def decode(grab, widget) -> list[str]:
    """What a camera reads off the widget's pixels."""
    return read_image(grab(widget))


@pytest.fixture
def keyed_app(tmp_path, app_time, render, advance, staff_key):
    app = build_app(render, advance, tmp_path / "data", app_time, config=keyed_config(staff_key))
    yield app
    app.dispatch("on_stop")
    app.service.store.close()


def orientation_of(size) -> str:
    return "landscape" if size == LANDSCAPE else "portrait"


def read_all_codes(staff: Staff, grab) -> list[str]:
    """Step through every code with the arrow and read each off the screen."""
    screen = staff.screen
    seen = []
    for _ in range(screen.total):
        seen += decode(grab, staff.find("handover.qr"))
        if screen.total > 1:
            staff.tap("handover.next")
    return seen


def office_import(tmp_path, texts, key):
    """What the office PC does with the texts its camera read."""
    office = StaffStore(tmp_path / "office")
    report = import_sources([], office, (lambda: key) if key is not None else None, extra_texts=texts)
    return office, report


# --------------------------------------------------------------------------- #
# The whole hand-over, in both orientations
# --------------------------------------------------------------------------- #

@pytest.mark.parametrize("size", ORIENTATIONS)
def test_codes_are_read_off_the_screen_imported_and_the_receipt_clears_the_kiosk(
        size, tmp_path, app_time, render, find, advance, grab, screenshot, staff_key):
    orientation = orientation_of(size)
    app = build_app(render, advance, tmp_path / "data", app_time, config=keyed_config(staff_key), size=size)
    staff = Staff(app, find, advance)
    store = app.service.store
    try:
        busy_afternoon(app)
        staff.open_handover()
        handover = staff.screen.handover
        total = len(handover.chunks)
        assert handover.kind == "encrypted" and total >= 3
        assert staff.text("handover.counter") == f"1 / {total}"
        assert staff.text("handover.notice") == ""

        # The first code, as a camera sees the screen; big and crisp enough.
        qr = staff.find("handover.qr")
        assert qr.module_px >= 5 and not qr.too_small
        assert qr.texture.mag_filter == "nearest"
        assert qr.matrix == symbol_matrix(handover.chunks[0])     # version ≤ 25, level M, alphanumeric
        assert qr.module_count <= 17 + 4 * MAX_VERSION + 2 * 4
        pixels = grab(qr)
        assert read_image(pixels) == [handover.chunks[0]]
        left = round(pixels.width / 2 - qr.symbol_size / 2)
        top = round(pixels.height / 2 - qr.symbol_size / 2)
        quiet = 4 * qr.module_px
        for dx, dy in ((1, 1), (quiet - 2, quiet - 2), (qr.symbol_size // 2, quiet // 2)):
            assert pixels.getpixel((left + dx, top + dy)) == (255, 255, 255), "the quiet zone is white"
        screenshot(f"handover-codes-{orientation}.png")

        # It turns over by itself ...
        advance(ADVANCE_SECONDS + 0.5, fps=1)
        assert staff.text("handover.counter") == f"2 / {total}"
        assert decode(grab, qr) == [handover.chunks[1]]
        # ... and follows the finger: to the right = back, to the left = on.
        staff.swipe("handover.swipe", +260)
        assert staff.text("handover.counter") == f"1 / {total}"
        staff.swipe("handover.swipe", -260)
        assert staff.text("handover.counter") == f"2 / {total}"
        staff.swipe("handover.swipe", -20)          # a short drag is no swipe
        assert staff.text("handover.counter") == f"2 / {total}"

        # The office PC reads every code and opens the batch with its key:
        # the kiosk's entries arrive record for record.
        staff.tap("handover.prev")
        assert staff.text("handover.counter") == f"1 / {total}"
        texts = read_all_codes(staff, grab)
        assert sorted(texts) == sorted(handover.chunks)
        office, report = office_import(tmp_path, texts, staff_key)
        assert report.ok and [o.status for o in report.outcomes] == ["imported"], report.notes
        receipt = report.outcomes[0].receipt
        signups, votes, wishes = kiosk_truth(store)
        assert len(signups) == 16 and sum(votes.values()) == 3 and sum(wishes.values()) == 2
        assert {s["id"]: {k: v for k, v in s.items() if k != "kind"} for s in office.signups()} == signups
        got_votes, got_wishes = Counter(), Counter()
        for kiosk, day, hour, offer, score, n in office.feedback():
            got_votes[(kiosk, day, hour, offer, score)] += n
        for kiosk, day, hour, topics, text, n in office.wishes():
            got_wishes[(kiosk, day, hour, topics, text)] += n
        assert got_votes == votes and got_wishes == wishes

        # The receipt pad: a key for each character a receipt code can hold, no look-alikes.
        staff.tap("handover.open_receipt")
        assert staff.screen.view == "receipt" and staff.screen._advance_event is None
        keys = [w for w in app.root.walk(restrict=True) if str(getattr(w, "test_name", "")).startswith("receipt.key.")]
        assert "".join(k.text for k in keys) == CODE_ALPHABET
        assert not [k for k in keys if k.key in "IO01"]
        assert staff.find("receipt.ok").disabled

        # A wrong code is refused and changes nothing.
        pending = store.pending_days()
        state = store.state.get("sync")
        assert pending
        wrong = "ABCDEF" if receipt != "ABCDEF" else "ABCDEG"
        for ch in wrong + "Z":                      # a seventh character is ignored
            staff.touch(f"receipt.key.{ch}")
        staff.settle(0.1)
        assert staff.find("receipt").code == wrong
        assert [slot.text for slot in reversed(staff.find("handover.receipt.slots").children)] == list(wrong)
        staff.tap("receipt.ok")
        assert staff.text("handover.receipt.message").startswith("Dieser Code passt nicht")
        assert not staff.screen.last_receipt.ok
        assert store.pending_days() == pending and store.state.get("sync") == state
        assert not any(r.get("received") for r in store.records("signup", SAMPLE_DAY, SAMPLE_DAY))
        screenshot(f"handover-receipt_wrong-{orientation}.png")

        # Erase it and type the right one: the batch counts as received.
        for _ in range(6):
            staff.touch("receipt.erase")
        staff.settle(0.1)
        assert staff.find("receipt").code == "" and staff.text("handover.receipt.message") == ""
        staff.type_code(receipt)
        result = staff.screen.last_receipt
        assert result.ok and not result.already
        assert result.marked == len(signups) + sum(votes.values()) + sum(wishes.values())
        message = staff.text("handover.receipt.message")
        assert message.startswith("Danke!") and f"{len(signups)} Anmeldungen" in message
        assert store.pending_days() == []
        assert all(r.get("received") for r in store.records("signup", SAMPLE_DAY, SAMPLE_DAY))
        screenshot(f"handover-receipt_right-{orientation}.png")

        # Back at the codes: nothing new to hand over.
        staff.tap("handover.receipt.back")
        assert staff.screen.view == "codes"
        assert staff.text("handover.empty") == "Nichts Neues zu übertragen"
        assert staff.find("handover.empty_card").opacity == 1
        assert staff.find("handover.qr").matrix is None and staff.text("handover.counter") == ""
        assert "Paket Nr. 1" in staff.screen.last_done
        screenshot(f"handover-nothing-{orientation}.png")
    finally:
        app.dispatch("on_stop")
        store.close()


# --------------------------------------------------------------------------- #
# Without a staff key; overdue sign-ups
# --------------------------------------------------------------------------- #

@pytest.mark.parametrize("size", ORIENTATIONS)
def test_without_a_key_only_anonymous_data_goes_and_the_screen_says_how_to_fix_it(
        size, tmp_path, app_time, render, find, advance, grab, screenshot):
    app = build_app(render, advance, tmp_path / "data", app_time, size=size)   # shipped config: no key
    staff = Staff(app, find, advance)
    try:
        a_few_entries(app)
        staff.open_handover_directly()
        handover = staff.screen.handover
        assert handover.kind == "anonymous" and handover.withheld_signups == 2
        notice = staff.text("handover.notice")
        assert "kiosk keygen" in notice and "public_key" in notice and "config/kiosk.toml" in notice
        assert "2 Anmeldungen" in notice
        assert staff.find("handover.notice_card").opacity == 1
        assert staff.text("handover.counter") == f"1 / {len(handover.chunks)}"
        screenshot(f"handover-nokey-{orientation_of(size)}.png")

        texts = read_all_codes(staff, grab)
        assert sorted(texts) == sorted(handover.chunks)
        office, report = office_import(tmp_path, texts, None)   # no key needed: nothing secret
        assert [o.status for o in report.outcomes] == ["imported"]
        assert office.signups() == []                          # no names left the kiosk
        assert sum(row[4] for row in office.signup_counts()) == 2   # … only how many signed up
    finally:
        app.dispatch("on_stop")
        app.service.store.close()


def test_signups_waiting_too_long_are_flagged(keyed_app, app_time, find, advance):
    staff = Staff(keyed_app, find, advance)
    a_few_entries(keyed_app)
    staff.open_handover_directly()
    assert staff.text("handover.overdue") == "" and staff.find("handover.overdue").height == 0

    warn_days = keyed_app.service.config.handover_warn_days
    app_time.advance(warn_days * 86400)
    keyed_app.today = keyed_app.service.clock.today()
    keyed_app.screen("handover").show()
    staff.settle(0.1)
    assert staff.text("handover.overdue") == (
        f"2 Anmeldungen warten schon seit {warn_days} Tagen oder länger auf die Übertragung. "
        "Bitte bald übertragen.")
    assert staff.find("handover.overdue").height > 0


def test_nothing_pending_says_so(kiosk_app, find, advance):
    staff = Staff(kiosk_app, find, advance)
    staff.open_handover_directly()
    assert staff.screen.handover.empty
    assert staff.text("handover.empty") == "Nichts Neues zu übertragen"
    assert staff.find("handover.qr").matrix is None and staff.text("handover.counter") == ""
    assert staff.screen._advance_event is None


# --------------------------------------------------------------------------- #
# "Liste aufs Handy"
# --------------------------------------------------------------------------- #

@pytest.mark.parametrize("size", ORIENTATIONS)
def test_phone_list_is_plain_text_with_the_names(size, tmp_path, app_time, render, find, advance, grab,
                                                 screenshot, staff_key):
    app = build_app(render, advance, tmp_path / "data", app_time, config=keyed_config(staff_key), size=size)
    staff = Staff(app, find, advance)
    try:
        a_few_entries(app)
        app.service.sign_up(offer_id="jung-und-alt", day=SAMPLE_DAY, name="Olga Kowalska",
                            email="olga@example.org", adults=1, consent_given=True)
        staff.open_handover_directly()
        staff.tap("handover.open_phone")
        assert staff.screen.view == "phone"
        assert staff.screen._advance_event is None, "the codes do not turn over behind the list"
        qr = staff.find("handover.phone_qr")
        assert qr.module_px >= 5
        text = decode(grab, qr)
        assert len(text) == 1
        text = text[0]
        assert text.startswith("„Fall im Feld“ – Beratung\nDi 24.11.2026, 10:00–12:00")
        assert "1. Aylin Demir – +491711234567 – 1 Erw., 2 Kinder" in text
        assert "Warteliste:\n1. Peter Schmidt" in text
        assert staff.text("handover.phone.title").startswith("Di., 24. Nov.")
        screenshot(f"handover-phone-{orientation_of(size)}.png")

        # Another offer's list.
        chosen = [i for i, item in enumerate(staff.screen.phone_lists) if item.offer_id == "jung-und-alt"]
        assert len(chosen) == 1
        staff.tap(f"handover.phone.{chosen[0]}")
        text = decode(grab, qr)[0]
        assert "Olga Kowalska – olga@example.org" in text and "Aylin Demir" not in text

        # Back to the codes: the lists (names!) are forgotten.
        staff.tap("handover.phone.back")
        assert staff.screen.view == "codes" and staff.screen.phone_lists == []
        assert staff.screen.phone_matrix is None
    finally:
        app.dispatch("on_stop")
        app.service.store.close()


def test_phone_lists_switched_off_hide_the_button(tmp_path, app_time, render, find, advance, staff_key):
    app = build_app(render, advance, tmp_path / "data", app_time,
                    config=keyed_config(staff_key, sync_phone_lists=False))
    staff = Staff(app, find, advance)
    try:
        a_few_entries(app)
        staff.open_handover_directly()
        button = staff.find("handover.open_phone")
        assert button.opacity == 0 and button.disabled and button.width == 0
        staff.screen.open_phone()
        assert staff.screen.view == "codes" and staff.screen.phone_lists == []
    finally:
        app.dispatch("on_stop")
        app.service.store.close()


# --------------------------------------------------------------------------- #
# Leaving
# --------------------------------------------------------------------------- #

def test_the_page_leaves_itself_after_a_minute_and_zurueck_leaves_at_once(tmp_path, app_time, render, find,
                                                                          advance, staff_key):
    # A long idle time, so it is this page's own minute that counts here.
    config = keyed_config(staff_key, idle_reset_seconds=600, attract_seconds=900)
    app = build_app(render, advance, tmp_path / "data", app_time, config=config)
    staff = Staff(app, find, advance)
    try:
        a_few_entries(app)
        staff.open_handover()
        advance(44, fps=0.25)
        assert app.current_screen == "handover"
        staff.tap("handover.open_receipt")            # a touch: another full minute
        advance(44, fps=0.25)
        assert app.current_screen == "handover"
        advance(20, fps=0.25)
        staff.slide_done()
        assert app.current_screen == "staff" and app.staff_unlocked
        assert staff.screen._advance_event is None and staff.screen._leave_event is None

        staff.tap("staff.handover")
        staff.slide_done()
        assert app.current_screen == "handover" and staff.screen.view == "codes"
        staff.tap("handover.back")
        staff.slide_done()
        assert app.current_screen == "staff" and app.staff_unlocked
        assert staff.screen._advance_event is None and staff.screen._leave_event is None
    finally:
        app.dispatch("on_stop")
        app.service.store.close()


def test_idle_time_locks_the_staff_area_and_forgets_the_lists(kiosk_app, find, advance):
    staff = Staff(kiosk_app, find, advance)
    a_few_entries(kiosk_app)
    staff.open_handover_directly()
    staff.tap("handover.open_phone")
    assert staff.screen.phone_lists
    advance(kiosk_app.service.config.idle_reset_seconds + 4, fps=0.25)
    staff.settle(0.2)
    assert kiosk_app.current_screen == "home" and not kiosk_app.staff_unlocked
    assert staff.screen.phone_lists == [] and staff.screen.phone_matrix is None
    assert staff.screen.handover is None and staff.screen._advance_event is None


def test_handover_while_locked_asks_for_the_pin(kiosk_app, advance):
    kiosk_app.go("handover")
    advance(0.4, fps=5)
    assert kiosk_app.current_screen == "staff_pin"
