"""Journeys through the staff area, with real touches on the real app.

The PIN pad is driven key by key (first visit sets the PIN twice; five wrong
PINs lock it with a countdown that survives a restart), the staff sections
are opened from their navigation, and every check reads what the service
and store hold afterwards.  Screenshots of every state in both orientations
go to the screenshot directory (``staff_pin-*.png``, ``staff-*.png``).

Frames are expensive while the screen animates (the whole 1280×1280 test
window is redrawn), so waits use few frames (``settle``) and taps no hold.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import date, datetime, time, timedelta

import pytest
from kivy.core.window import Window
from kivy.tests.common import UnitTestTouch

from kiosk.staff_pin import PinGuard
from kiosk.timezone import BERLIN
from kiosk.ui.widgets.keyboard import KioskKeyboard, install_keyboard
from tests.conftest import SAMPLE_DAY, SHIPPED_CONFIG
from tests.ui.screens.conftest import LANDSCAPE, PORTRAIT, build_app

PIN = "4711"
WRONG = "9999"
COUNSEL = "fall-im-feld"   # Tuesday 10:00-12:00, 4 places, phone needed
SECTIONS = ("today", "signups", "add", "offers", "feedback", "wishes", "settings")


@pytest.fixture(autouse=True)
def kiosk_keyboard():
    """Our themed docked keyboard, as on the tablet (see test_signup.py)."""
    install_keyboard()
    single = Window._keyboards.get("single")
    if single is not None and not isinstance(single.widget, KioskKeyboard):
        Window.release_all_keyboards()
        del Window._keyboards["single"]
    yield
    Window.release_all_keyboards()


# --------------------------------------------------------------------------- #
# Helpers
# --------------------------------------------------------------------------- #

class Staff:
    """A staff member at the tablet: taps, waits briefly, reads labels."""

    def __init__(self, app, find, advance):
        self.app = app
        self._find = find
        self.advance = advance

    @property
    def root(self):
        return self.app.root

    def find(self, name):
        return self._find(self.root, name)

    def settle(self, seconds: float = 0.375) -> None:
        """Let a slide (0.22 s) or a scroll view's delayed release (0.2 s)
        finish, with as few frames as possible."""
        self.advance(seconds, fps=8)

    def touch(self, widget) -> None:
        """A real touch (down and up through the window, like a quick finger)
        at the widget's centre, without drawing frames in between: every
        frame redraws the whole test window, which is what costs time."""
        if widget.get_root_window() is None:
            raise AssertionError(f"{widget!r} is not in the window")
        x, y = widget.to_window(*widget.center)
        if not (0 <= x < Window.width and 0 <= y < Window.height):
            raise AssertionError(f"{widget!r} is off-screen at {(x, y)}")
        touch = UnitTestTouch(x, y)
        touch.touch_down()
        touch.touch_up()

    def tap(self, name_or_widget) -> None:
        widget = self.find(name_or_widget) if isinstance(name_or_widget, str) else name_or_widget
        self.touch(widget)
        self.settle(0.25)   # a scroll view hands the release on after 0.2 s

    def tap_in_list(self, name: str) -> None:
        """A widget inside a section's scroll view: scroll it into view first."""
        widget = self.find(name)
        screen = self.app.screen("staff")
        section = screen.section_widget(screen.section)
        section.scroll_into_view(widget)
        self.settle(0.125)  # one frame moves the content
        self.tap(widget)

    def pin(self, digits: str, ok: bool = True) -> None:
        for digit in digits:
            self.touch(self.find(f"pin.key.{digit}"))
        if ok:
            self.touch(self.find("pin.ok"))
        self.settle(0.1)

    def text(self, name) -> str:
        return self.find(name).text

    def open_section(self, section: str) -> None:
        self.tap(f"staff.nav.{section}")

    def type_into(self, name: str, text: str) -> None:
        """Tap the field (it takes the focus, the keyboard docks), then type."""
        field = self.find(name)
        self.tap_in_list(name)
        assert field.focus, f"{name} did not take the focus"
        field.insert_text(text)


@pytest.fixture
def staff(kiosk_app, find, advance):
    return Staff(kiosk_app, find, advance)


def guard_of(app) -> PinGuard:
    return PinGuard(app.service.store.state, wall_clock=lambda: app.service.clock.now().timestamp())


def unlocked(staff: Staff) -> Staff:
    """Into the staff area the way the PIN screen does it (PIN tests type it)."""
    staff.app.unlock_staff()
    staff.settle()
    return staff


def config_edited_on(tmp_path, day: date):
    """A copy of the shipped config whose files were last changed on ``day``
    (the clock check compares the kiosk's date with it)."""
    target = tmp_path / "config-copy"
    shutil.copytree(SHIPPED_CONFIG, target)
    stamp = datetime.combine(day, time(8, 0), BERLIN).timestamp()
    for path in target.iterdir():
        os.utime(path, (stamp, stamp))
    return target


def fill_the_day(app) -> None:
    """A morning at the kiosk: votes, wishes, two sign-ups (one waits)."""
    service = app.service
    service.give_feedback("cafe", 3)
    service.give_feedback(COUNSEL, 1)
    service.give_feedback(None, 2)
    service.add_wish(["sport", "kultur"], "Mehr Bänke im Park")
    service.add_wish(["sport"], "")
    service.sign_up(offer_id=COUNSEL, day=SAMPLE_DAY, name="Aylin Demir", phone="0171 1234567",
                    adults=1, children=2, consent_given=True)
    service.sign_up(offer_id=COUNSEL, day=SAMPLE_DAY, name="Peter Schmidt", phone="0171 7654321",
                    adults=2, consent_given=True)


# --------------------------------------------------------------------------- #
# The PIN
# --------------------------------------------------------------------------- #

def test_first_visit_sets_the_pin_twice_then_opens_the_staff_area(staff, screenshot):
    app = staff.app
    app.set_language("en")                          # a visitor left it in English
    app.open_staff()
    staff.settle()
    assert app.current_screen == "staff_pin" and app.lang == "de"      # the staff area is German
    assert staff.text("pin.title") == "Neue PIN festlegen"
    screenshot("staff_pin-set-landscape.png")

    staff.pin(PIN)
    assert staff.text("pin.title") == "PIN wiederholen"
    assert staff.find("pin").pin == ""              # the pad was cleared for the second round
    assert not guard_of(app).has_pin()              # nothing stored before the repeat
    staff.pin(PIN)
    staff.settle()

    assert app.current_screen == "staff" and app.staff_unlocked
    stored = json.dumps(app.service.store.state.as_dict())
    assert guard_of(app).has_pin() and PIN not in stored     # only the salted hash


def test_a_too_easy_pin_and_two_different_pins_start_over(staff):
    app = staff.app
    app.open_staff()
    staff.settle()
    staff.pin("1234")
    assert "zu leicht" in staff.text("pin.message")
    assert staff.text("pin.title") == "Neue PIN festlegen"
    staff.pin(PIN)
    staff.pin("4712")
    assert "verschieden" in staff.text("pin.message")
    assert staff.text("pin.title") == "Neue PIN festlegen"
    assert not guard_of(app).has_pin() and not app.staff_unlocked


def test_five_wrong_pins_lock_the_pad_even_across_a_restart(tmp_path, app_time, render, find, advance, screenshot):
    data_dir = tmp_path / "data"
    app = build_app(render, advance, data_dir, app_time)
    staff = Staff(app, find, advance)
    try:
        guard_of(app).set_pin(PIN)
        app.open_staff()
        staff.settle()
        assert staff.text("pin.title") == "Mitarbeiterbereich"
        staff.pin(WRONG)
        assert staff.text("pin.message") == "Falsche PIN. Noch 4 Versuche."
        for _ in range(3):
            staff.pin(WRONG)
        assert staff.text("pin.message") == "Falsche PIN. Noch 1 Versuch, dann wird gesperrt."
        staff.pin(WRONG)
        assert staff.text("pin.countdown") == "Gesperrt – noch 60 Sekunden"

        app_time.advance(2)
        staff.settle(0.6)
        assert staff.text("pin.countdown") == "Gesperrt – noch 58 Sekunden"
        assert staff.find("pin").disabled
        screenshot("staff_pin-locked-landscape.png")
        staff.pin(PIN)                              # taps on the locked pad do nothing
        assert not app.staff_unlocked and app.current_screen == "staff_pin"
        assert not guard_of(app).check(PIN).ok     # and the guard itself refuses while locked
    finally:
        app.dispatch("on_stop")
        app.service.store.close()

    # Pull the plug: a new app on the same data directory is still locked.
    app = build_app(render, advance, data_dir, app_time)
    staff = Staff(app, find, advance)
    try:
        app.open_staff()
        staff.settle()
        assert staff.text("pin.countdown") == "Gesperrt – noch 58 Sekunden"
        app_time.advance(59)
        staff.settle(0.6)
        assert staff.text("pin.countdown") == ""
        assert staff.text("pin.message") == "Du kannst es jetzt wieder versuchen."
        staff.pin(PIN)
        staff.settle()
        assert app.staff_unlocked and app.current_screen == "staff"
    finally:
        app.dispatch("on_stop")
        app.service.store.close()


# --------------------------------------------------------------------------- #
# The sections
# --------------------------------------------------------------------------- #

def test_today_shows_the_days_numbers_and_offers(staff):
    fill_the_day(staff.app)
    unlocked(staff)
    numbers = {name: staff.find(f"today.{name}").value for name in ("signups", "people", "waiting", "votes", "wishes")}
    assert numbers == {"signups": 1, "people": 3, "waiting": 2, "votes": 3, "wishes": 2}
    assert staff.text(f"today.offer.{COUNSEL}.status") == "3 von 4 Plätzen belegt · 2 auf der Warteliste"
    assert staff.text("today.offer.cafe.status") == "ohne Anmeldung"
    assert "Einträge seit dem 24.11.2026" in staff.text("today.pending")


def test_signup_lists_show_names_contact_people_status_and_source(staff):
    fill_the_day(staff.app)
    unlocked(staff).open_section("signups")
    card = staff.find(f"signups.offer.{COUNSEL}")
    rows = [w for w in card.walk(restrict=True) if type(w).__name__ == "StaffSignupRow"]
    assert [r.name for r in rows] == ["Aylin Demir", "Peter Schmidt"]      # confirmed first
    assert rows[0].details == "0171 1234567 · 1 Erwachsener, 2 Kinder · Kiosk"
    assert not rows[0].waiting and rows[1].waiting
    assert "3 von 4 Plätzen belegt" in staff.text(f"signups.offer.{COUNSEL}.status")

    staff.tap("signups.day.next")                      # Wednesday: no counselling
    assert staff.find("signups.day").day == SAMPLE_DAY + timedelta(days=1)
    with pytest.raises(LookupError):
        staff.find(f"signups.offer.{COUNSEL}")


def test_marking_an_offer_full_and_cancelled_reaches_the_visitors_at_once(staff):
    service = staff.app.service
    unlocked(staff).open_section("offers")
    staff.tap_in_list(f"flags.{COUNSEL}.full")
    assert service.availability(COUNSEL, SAMPLE_DAY).full_flag is True
    assert service.availability(COUNSEL, SAMPLE_DAY).status_for(1) == "waiting"
    staff.tap_in_list("flags.cafe.cancelled")
    assert service.availability("cafe", SAMPLE_DAY).cancelled is True
    assert staff.find("flags.cafe.cancelled").active
    staff.tap_in_list(f"flags.{COUNSEL}.full")            # and off again
    assert service.availability(COUNSEL, SAMPLE_DAY).full_flag is False

    staff.tap("flags.day.next")
    staff.tap("flags.day.next")                           # Thursday: counselling again, unflagged
    thursday = SAMPLE_DAY + timedelta(days=2)
    assert not staff.find(f"flags.{COUNSEL}.full").active
    staff.tap_in_list(f"flags.{COUNSEL}.cancelled")
    assert service.availability(COUNSEL, thursday).cancelled is True
    assert service.availability(COUNSEL, SAMPLE_DAY).cancelled is False


def test_a_paper_signup_is_stored_as_staff_entry_and_counts_for_capacity(staff):
    service = staff.app.service
    unlocked(staff).open_section("add")
    staff.tap_in_list(f"add.offer.{COUNSEL}")
    assert staff.find("add.day").day == SAMPLE_DAY
    staff.tap_in_list("add.day.next")                   # the arrows step from date to date of the offer
    assert staff.find("add.day").day == SAMPLE_DAY + timedelta(days=2)
    staff.tap_in_list("add.day.prev")
    assert staff.find("add.day").day == SAMPLE_DAY
    assert "Noch 4 von 4 Plätzen frei." in staff.text("add.day_status")
    staff.type_into("add.name", "Maria Schulz")
    staff.type_into("add.phone", "0171 2223334")
    staff.tap_in_list("add.children.plus")
    staff.tap_in_list("add.save")

    stored = service.store.signups_for(COUNSEL, SAMPLE_DAY)
    assert len(stored) == 1
    record = stored[0]
    assert (record["name"], record["phone"], record["adults"], record["children"]) == \
        ("Maria Schulz", "+491712223334", 1, 1)
    assert record["source"] == "staff" and record["status"] == "confirmed"
    assert staff.text("add.result") == "Gespeichert: Maria Schulz ist angemeldet."
    assert staff.find("add.name").text == "" and staff.find("add.children").value == 0
    assert "Noch 2 von 4 Plätzen frei." in staff.text("add.day_status")     # capacity stays true
    assert service.availability(COUNSEL, SAMPLE_DAY).booked == 2


def test_an_invalid_name_is_explained_next_to_the_field(staff, screenshot):
    service = staff.app.service
    unlocked(staff).open_section("add")
    with pytest.raises(LookupError):
        staff.find("add.save")                                # no form before an offer is chosen
    staff.tap_in_list(f"add.offer.{COUNSEL}")
    staff.type_into("add.name", "X")
    staff.tap_in_list("add.save")
    assert staff.text("add.error.name")                       # the validator's own words
    assert "Telefon" in staff.text("add.error.phone")         # this offer needs a phone number
    assert staff.find("add.name").has_error
    assert service.store.signups_for(COUNSEL, SAMPLE_DAY) == []
    screenshot("staff-add-errors-landscape.png")


def test_reloading_a_broken_config_names_file_and_line_and_keeps_the_last_good(staff, tmp_path, screenshot):
    app = staff.app
    config_dir = tmp_path / "config"
    shutil.copytree(SHIPPED_CONFIG, config_dir)
    app.config_dir = config_dir
    unlocked(staff).open_section("settings")
    staff.tap_in_list("settings.reload")
    assert staff.text("settings.reload_message") == "Konfiguration neu geladen."

    offers = config_dir / "offers.toml"
    offers.write_text(offers.read_text(encoding="utf-8").replace("capacity = 4 ", "capacity = \"vier\" ", 1),
                      encoding="utf-8")
    staff.tap_in_list("settings.reload")
    assert "letzte funktionierende Fassung" in staff.text("settings.reload_message")
    problems = staff.text("settings.config_problems")
    assert "offers.toml" in problems and "Zeile" in problems
    assert app.service.config.offer(COUNSEL).capacity == 4        # still the last good config
    assert any("Einstellungsdateien haben Fehler" in w for w in app.screen("staff").warnings)
    screenshot("staff-settings-config-problems-landscape.png")


def test_the_clock_can_be_corrected_and_a_clock_behind_the_entries_is_flagged(staff, app_time, screenshot,
                                                                             tmp_path):
    app = staff.app
    # config files edited before the entry: only the entry's day counts, whatever the real date
    app.config_dir = config_edited_on(tmp_path, date(2026, 11, 1))
    service = app.service
    service.give_feedback("cafe", 3)                   # an entry on Tue 24.11.
    app_time.advance(-3 * 24 * 3600)                   # the tablet lost three days
    unlocked(staff)
    warnings = app.screen("staff").warnings
    assert any("Uhr des Kiosks geht wohl falsch" in w and "24.11.2026" in w for w in warnings)
    staff.open_section("settings")
    assert staff.find("settings.date").text == "24.11.2026"    # suggestion: the newest entry's day
    screenshot("staff-settings-clock-warning-landscape.png")

    staff.find("settings.date").text = "31.02.2026"
    staff.tap_in_list("settings.set_clock")
    assert "gibt es nicht" in staff.text("settings.clock_message")
    assert service.clock.today() == SAMPLE_DAY - timedelta(days=3)

    staff.find("settings.date").text = ""
    staff.type_into("settings.date", "02.12.2026")
    staff.find("settings.time").text = "09:30"
    staff.tap_in_list("settings.set_clock")
    assert service.clock.today() == date(2026, 12, 2)
    assert service.clock.now().strftime("%H:%M") == "09:30"
    assert app.today == date(2026, 12, 2)
    offset = service.store.state.get("clock_offset_seconds")
    assert offset == pytest.approx(service.clock.offset_seconds) and offset > 0
    assert not any("Uhr" in w for w in app.screen("staff").warnings)
    assert "Die Uhr ist gestellt" in staff.text("settings.clock_message")

    staff.tap_in_list("settings.clear_correction")
    assert service.clock.offset_seconds == 0 and service.store.state.get("clock_offset_seconds") == 0


def test_kiosk_beenden_needs_a_confirmation(staff):
    app = staff.app
    unlocked(staff).open_section("settings")
    staff.tap_in_list("settings.exit_ask")
    assert app.exited is False
    assert "Wirklich beenden" in staff.text("settings.exit_question")
    staff.tap_in_list("settings.exit_cancel")
    assert app.exited is False
    staff.tap_in_list("settings.exit_ask")
    staff.tap_in_list("settings.exit_confirm")
    assert app.exited is True


def test_warnings_for_damaged_files_and_unsaved_entries(staff):
    app = staff.app
    app.service.store.problems.append("Einträge vom 20.11.2026: Datei war beschädigt und wurde beiseitegelegt.")
    unlocked(staff)
    app.unsaved_count = 3
    staff.settle(0.2)
    texts = [w.text for w in staff.find("staff.warnings").children]
    assert "3 Einträge warten aufs Speichern – ist die Speicherkarte voll?" in texts
    assert any("beschädigte Datei" in t for t in texts)
    staff.open_section("settings")
    assert "Datei war beschädigt" in staff.text("settings.store_problems")


def test_entries_not_handed_over_for_days_are_flagged(staff, app_time):
    app = staff.app
    app.service.give_feedback("cafe", 3)                 # pending since Tue 24.11.
    unlocked(staff)
    assert not any("nicht ins Büro übertragen" in w for w in app.screen("staff").warnings)
    app_time.advance(app.service.config.handover_warn_days * 24 * 3600)
    app.screen("staff").refresh()
    assert any("Einträge seit dem 24.11.2026 sind noch nicht ins Büro übertragen" in w
               for w in app.screen("staff").warnings)


def test_escape_does_nothing_and_idle_time_locks_the_staff_area(staff, advance):
    app = staff.app
    unlocked(staff)
    assert Window.dispatch("on_keyboard", 27, 0, "", []) is True
    assert Window.dispatch("on_request_close") is True
    staff.settle()
    assert app.current_screen == "staff" and app.staff_unlocked and not app.exited

    advance(app.service.config.idle_reset_seconds + 1, fps=2)
    assert app.staff_unlocked is False and app.current_screen == "home"
    app.go("staff")                                     # no way back in without the PIN
    staff.settle()
    assert app.current_screen == "staff_pin"


def test_sperren_locks_and_goes_home(staff):
    app = staff.app
    unlocked(staff)
    staff.tap("staff.lock")
    staff.settle()
    assert app.staff_unlocked is False and app.current_screen == "home"


def test_daten_uebertragen_is_hidden_until_the_handover_screen_exists(staff, monkeypatch):
    from kiosk.ui.screens import staff as staff_module

    app = staff.app
    monkeypatch.setattr(staff_module, "handover_available", lambda: False)
    unlocked(staff)
    button = staff.find("staff.handover")
    assert button.height == 0 and button.opacity == 0

    monkeypatch.setattr(staff_module, "handover_available", lambda: True)
    gone = []
    monkeypatch.setattr(app, "go", lambda name, **kw: gone.append(name))
    app.screen("staff").show()
    staff.settle(0.2)
    assert button.height > 0 and button.opacity == 1
    staff.tap(button)
    assert gone == ["handover"]


# --------------------------------------------------------------------------- #
# Screenshots of every state, both orientations
# --------------------------------------------------------------------------- #

@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_gallery(orientation, tmp_path, app_time, render, find, advance, screenshot):
    app = build_app(render, advance, tmp_path / "data", app_time,
                    size=LANDSCAPE if orientation == "landscape" else PORTRAIT)
    staff = Staff(app, find, advance)
    app.config_dir = config_edited_on(tmp_path, SAMPLE_DAY)   # same pictures on any day the tests run
    try:
        fill_the_day(app)
        app.service.set_flag("cafe", SAMPLE_DAY, full=True)
        if orientation == "portrait":
            app.open_staff()
            staff.settle()
            screenshot("staff_pin-set-portrait.png")
        guard_of(app).set_pin(PIN)
        app.open_staff()
        staff.settle()
        staff.pin(WRONG)
        assert staff.text("pin.message") == "Falsche PIN. Noch 4 Versuche."
        screenshot(f"staff_pin-enter-{orientation}.png")
        staff.pin(PIN)
        staff.settle()
        assert app.current_screen == "staff"
        for section in SECTIONS:
            staff.open_section(section)
            if section == "add":
                staff.tap_in_list("add.offer.familienausflug")
                assert staff.find("add.day").day == date(2026, 12, 5)   # the next trip
            assert app.screen("staff").section == section
            screenshot(f"staff-{section}-{orientation}.png")
        if orientation == "portrait":
            app.lock_staff()
            app.open_staff()
            staff.settle()
            for _ in range(5):
                staff.pin(WRONG)
            screenshot("staff_pin-locked-portrait.png")
            assert staff.text("pin.countdown").startswith("Gesperrt – noch")
    finally:
        app.dispatch("on_stop")
        app.service.store.close()


def test_the_staff_area_opens_in_the_default_language_at_normal_size(kiosk_app, advance):
    kiosk_app.set_language("ar")
    kiosk_app.toggle_large_text()
    kiosk_app.open_staff()
    advance(0.5)
    assert kiosk_app.current_screen == "staff_pin"
    assert kiosk_app.lang == kiosk_app.service.config.default_language == "de"
    assert kiosk_app.font_scale == 1.0
