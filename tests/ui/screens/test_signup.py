"""The sign-up journey, driven with real touches on the whole kiosk app.

Each test taps through the screen like a visitor (cards, Ja/Nein, steppers,
the tick box, Zurück/Weiter), types on the docked on-screen keyboard (real
key taps, or ``insert_text`` after tapping the field, which is what a key
does), and then checks what the store holds and what the screen shows.
Screenshots of every state are written as ``signup-<state>-landscape.png``
and ``signup-<state>-portrait.png``.

The shipped config and the app's clock (Tuesday 24.11.2026, 10:15) give:
"Fall im Feld" (phone, 4 places) on Tue/Thu/Fri, "Kunterbuntes Chamäleon"
(phone, 15 places) on Mon/Wed, and family outings (phone or e-mail) on
single dates such as Saturday 5.12.2026.

Frames are expensive here (software OpenGL), so the helpers use few of
them: a touch is down for one frame, a step change settles in three.
"""

from __future__ import annotations

from datetime import date

import pytest
import zxingcpp
from kivy.core.window import Window
from kivy.tests.common import UnitTestTouch
from kivy.uix.label import Label
from kivy.uix.textinput import TextInput

from kiosk.ui import bootstrap
from kiosk.ui.screens.signup_steps import (
    STEP_CONSENT,
    STEP_NAME,
    STEP_OFFER,
    SignupForm,
    people_summary,
)
from kiosk.ui.widgets.keyboard import KioskKeyboard, install_keyboard

TUESDAY = date(2026, 11, 24)
WEDNESDAY = date(2026, 11, 25)
THURSDAY = date(2026, 11, 26)
OUTING = date(2026, 12, 5)
COUNSEL_CARD = "signup.occurrence.fall-im-feld@2026-11-26"
GROUP_CARD = "signup.occurrence.chamaeleon@2026-11-25"
COUNSEL = "„Fall im Feld“ – Beratung"

ORIENTATIONS = ("landscape", "portrait")


@pytest.fixture(autouse=True)
def kiosk_keyboard():
    """Our themed docked keyboard, as on the tablet."""
    install_keyboard()
    _drop_keyboard()
    yield
    _drop_keyboard()


def _drop_keyboard():
    # The window keeps its one keyboard for the whole session; a fresh one is
    # built at the next focus, in our class and at this test's window size
    # (KioskKeyboard does not re-lay its keys out when the window is resized).
    Window.release_all_keyboards()
    Window._keyboards.pop("single", None)


class Visitor:
    """Drives the sign-up screen with real touches, the way a visitor does."""

    def __init__(self, app, find, advance, grab, screenshot_dir, orientation):
        self.app = app
        self._find = find
        self.advance = advance
        self._grab = grab
        self._dir = screenshot_dir
        self.orientation = orientation

    @property
    def screen(self):
        return self.app.screen("signup")

    @property
    def ids(self):
        return self.screen.ids

    def find(self, name):
        return self._find(self.screen, name)

    def text_of(self, name):
        return self.find(name).text

    # -- touching --------------------------------------------------------------

    def touch(self, window_pos, widget=None):
        """One finger down and up at ``window_pos`` (a frame in between),
        dispatched through the window, so covered widgets do not get it."""
        x, y = window_pos
        if widget is not None and widget.get_root_window() is None:
            raise AssertionError(f"{widget!r} is not in the window")
        if not (0 <= x < Window.width and 0 <= y < Window.height):
            raise AssertionError(f"{widget!r} is off-screen at {(x, y)}")
        finger = UnitTestTouch(x, y)
        finger.touch_down()
        self.advance(0.02, fps=50)
        finger.touch_up()
        self.advance(0.02, fps=50)

    def tap(self, name_or_widget, settle=True):
        """Tap a widget's centre, then let the screen settle.  (Inside a
        ScrollView a button gets the touch on release + 0.2 s; ``settle=False``
        is for buttons outside one that change no step.)"""
        widget = self.find(name_or_widget) if isinstance(name_or_widget, str) else name_or_widget
        self.touch(widget.to_window(*widget.center), widget)
        if settle:
            self.settle()

    def settle(self):
        """Let a screen or step slide in, in three frames: a slide lasts
        ≤ 0.25 s from the frame after the tap, and a ScreenManager ignores
        touches while it slides."""
        self.advance(0.36, fps=8)

    # -- the on-screen keyboard --------------------------------------------------

    def keyboard_open(self) -> bool:
        return any(isinstance(w, KioskKeyboard) for w in Window.children)

    def keyboard(self):
        return next(w for w in Window.children if isinstance(w, KioskKeyboard))

    def _key_pos(self, char: str, special: str | None = None):
        """Window position of the key that types ``char`` (or a special key)."""
        vk = self.keyboard()
        layout = vk.available_layouts[vk.layout]
        for line in range(1, layout["rows"] + 1):
            for index, key in enumerate(layout[f"{vk.layout_mode}_{line}"]):
                if (special and key[2] == special and key[1] is None) or (not special and key[1] == char):
                    pos, size = vk.layout_geometry[f"LINE_{line}"][index]
                    return vk.to_parent(pos[0] + size[0] / 2, pos[1] + size[1] / 2)
        raise AssertionError(f"no key {char or special!r} on {vk.layout} ({vk.layout_mode})")

    def press(self, char: str = "", special: str | None = None):
        self.touch(self._key_pos(char, special), self.keyboard())

    def type_keys(self, text: str):
        """Type ``text`` key by key; a capital holds shift with a second finger."""
        for char in text:
            if char != char.lower():
                shift = UnitTestTouch(*self._key_pos("", "shift"))
                shift.touch_down()
                self.advance(0.02, fps=50)
                self.press(char)
                shift.touch_up()
                self.advance(0.02, fps=50)
            else:
                self.press(char)

    def reveal(self, widget):
        """Scroll the step so ``widget`` is in view (what a finger's swipe does)."""
        from kivy.uix.scrollview import ScrollView

        parent = widget.parent
        while parent is not None and parent.parent is not parent and not isinstance(parent, ScrollView):
            parent = parent.parent
        if isinstance(parent, ScrollView):
            parent.scroll_to(widget, padding=20, animate=False)
            self.advance(0.02, fps=50)

    def focus(self, field):
        box = self.find(f"{field}.input")
        self.reveal(box)
        self.tap(box)
        return box

    def fill(self, field, text):
        """Tap the field, type (``insert_text``, as a key does), close the
        keyboard with its Enter key."""
        box = self.focus(field)
        box.text = ""
        box.insert_text(text)
        self.press(special="enter")
        self.settle()

    # -- whole steps -------------------------------------------------------------

    def start(self, offer_id=None, day=None):
        if offer_id:
            self.app.go("signup", offer_id=offer_id, day=day)
        else:
            self.app.go("signup")
        self.settle()

    def choose(self, card_name):
        card = self.find(card_name)
        self.reveal(card)
        self.tap(card)

    def name_step(self, name="Aylin Kaya", under_16=False):
        self.fill("signup.name", name)
        self.tap("signup.under16.yes" if under_16 else "signup.under16.no")
        self.tap("signup.next")

    def contact_step(self, phone="0171 1234567"):
        self.fill("signup.phone", phone)
        self.tap("signup.next")

    def visible_texts(self) -> str:
        """Every text drawn in the window right now (labels and fields)."""
        texts = []
        for root in Window.children:
            for widget in root.walk(restrict=True):
                if isinstance(widget, (Label, TextInput)) and widget.opacity > 0:
                    texts.append(widget.text)
        return "\n".join(texts)

    # -- pictures -----------------------------------------------------------------

    def shot(self, state):
        """Save a screenshot ``signup-<state>-<orientation>.png``; returns the picture."""
        image = self._grab()
        image.save(self._dir / f"signup-{state}-{self.orientation}.png")
        return image

    def decode_qr(self, image):
        """The text of the calendar QR code, read back from the picture."""
        qr = self.find("signup.qr")
        assert qr.module_count > 0 and qr.module_px >= 3
        x0, y0 = qr.to_window(qr.x, qr.y)
        x1, y1 = qr.to_window(qr.right, qr.top)
        h = Window.height
        crop = image.crop((round(x0), round(h - y1), round(x1), round(h - y0)))
        results = zxingcpp.read_barcodes(crop, formats=zxingcpp.BarcodeFormat.QRCode)
        assert len(results) == 1, "the calendar QR code does not decode"
        return results[0].text


def make_visitor(request, orientation):
    app = request.getfixturevalue("kiosk_app" if orientation == "landscape" else "kiosk_app_portrait")
    return Visitor(app, request.getfixturevalue("find"), request.getfixturevalue("advance"),
                   request.getfixturevalue("grab"), request.getfixturevalue("screenshot_dir"), orientation)


@pytest.fixture
def visitor(request):
    return make_visitor(request, "landscape")


@pytest.fixture
def portrait_visitor(request):
    return make_visitor(request, "portrait")


@pytest.fixture(params=ORIENTATIONS)
def any_visitor(request):
    return make_visitor(request, request.param)


def signups(app, day=THURSDAY):
    return app.service.store.records("signup", day, day)


def unfold(ical: str) -> str:
    return ical.replace("\r\n ", "")


# --------------------------------------------------------------------------- #
# The whole journey
# --------------------------------------------------------------------------- #


def test_a_confirmed_sign_up_is_stored_with_the_right_fields(visitor):
    """Card → name typed on the German keyboard → Nein → phone typed on the
    numeric pad → 2 adults and 1 child → tick → Anmelden → confirmation
    with a calendar QR code → Fertig."""
    v = visitor
    v.start()
    assert v.text_of("signup.title") == "Wofür möchtest du dich anmelden?"
    assert v.text_of("signup.step") == "Schritt 1 von 5"
    assert v.text_of(f"{COUNSEL_CARD}.places") == "Noch 4 Plätze frei"
    # Only dates one signs up for, from today on, for a week, in time order.
    config = v.app.service.config
    cards = list(reversed(v.ids.cards.children))
    names = {card.test_name for card in cards}
    assert {COUNSEL_CARD, GROUP_CARD} <= names
    assert all(config.offer(card.offer_id).signup for card in cards)
    assert all(TUESDAY <= card.day <= date(2026, 12, 1) for card in cards)
    assert not any(card.offer_id == "cafe" for card in cards)
    assert [card.day for card in cards] == sorted(card.day for card in cards)
    v.shot("choose")

    v.choose(COUNSEL_CARD)
    assert v.text_of("signup.step") == "Schritt 2 von 5"
    assert v.text_of("signup.title") == "Wie heißt du?"
    assert v.text_of("signup.summary.text").replace("\u00a0", " ") == (
        f"{COUNSEL} · Donnerstag, 26. November · 10:00–12:00 Uhr")
    v.shot("name")

    field = v.focus("signup.name")
    vk = v.keyboard()
    assert vk.docked and vk.layout == bootstrap.keyboard_layout_path("de")
    # The field being typed in stays above the keyboard.
    assert field.to_window(field.x, field.y)[1] > vk.top
    v.type_keys("Jürgen Weiß")
    assert field.text == "Jürgen Weiß"
    v.shot("name-keyboard")
    v.press(special="enter")
    v.settle()
    assert not field.focus and not v.keyboard_open()
    v.tap("signup.under16.no")
    v.tap("signup.next")

    assert v.text_of("signup.title") == "Wie erreichen wir dich?"
    assert v.text_of("signup.step") == "Schritt 3 von 5"
    phone = v.focus("signup.phone")
    assert v.keyboard().layout == bootstrap.keyboard_layout_path("numeric")
    assert phone.to_window(phone.x, phone.y)[1] > v.keyboard().top
    v.type_keys("0171 / 123 45 67")
    assert phone.text == "0171 / 123 45 67"
    v.shot("contact-keypad")
    v.press(special="enter")
    v.settle()
    v.shot("contact")
    v.tap("signup.next")

    assert v.text_of("signup.title") == "Wie viele Personen kommen?"
    assert (v.ids.adults.value, v.ids.children.value) == (1, 0)
    v.tap("signup.adults.plus", settle=False)
    v.tap("signup.children.plus", settle=False)
    assert v.text_of("signup.availability") == "Noch 4 Plätze frei."
    v.advance(0.1, fps=20)          # let the pressed "+" come back up for the picture
    v.shot("people")
    v.tap("signup.next")

    assert v.text_of("signup.title") == "Bist du einverstanden?"
    assert "speichern wir deinen Namen" in v.text_of("signup.consent.text")
    assert v.text_of("signup.consent.version") == "Fassung 2026-01"
    assert v.find("signup.next").text == "Anmelden"
    v.tap("signup.consent", settle=False)
    v.shot("consent")
    assert signups(v.app) == []
    v.tap("signup.next")

    [record] = signups(v.app)
    assert record["offer_id"] == "fall-im-feld" and record["day"] == "2026-11-26"
    assert record["name"] == "Jürgen Weiß"
    assert record["phone"] == "+491711234567"
    assert record["email"] == ""
    assert (record["adults"], record["children"]) == (2, 1)
    assert record["status"] == "confirmed"
    assert record["consent_version"] == "2026-01"
    assert record["minor"] is False and record["guardian_name"] == ""
    assert record["source"] == "kiosk"

    assert v.text_of("signup.done.status") == "Du bist angemeldet!"
    assert v.text_of("signup.done.offer") == COUNSEL
    assert v.text_of("signup.done.when").replace("\u00a0", " ") == "Donnerstag, 26. November · 10:00–12:00 Uhr"
    assert v.text_of("signup.done.place") == "Beratungsraum, 1. Stock"
    assert v.text_of("signup.done.people") == "Angemeldet: 2 Erwachsene, 1 Kind"
    assert v.text_of("signup.done.saved") == ""
    shown = v.visible_texts()
    for secret in ("Jürgen", "Weiß", "0171", "123 45 67"):
        assert secret not in shown, f"{secret!r} is shown on the confirmation"
    picture = v.shot("confirmed")

    calendar = unfold(v.decode_qr(picture))
    assert calendar.startswith("BEGIN:VEVENT\r\n") and calendar.endswith("END:VEVENT\r\n")
    assert "\r\nSUMMARY:„Fall im Feld“ – Beratung\r\n" in calendar
    assert "\r\nDTSTART:20261126T090000Z\r\n" in calendar and "\r\nDTEND:20261126T110000Z\r\n" in calendar
    assert "\r\nLOCATION:Beratungsraum\\, 1. Stock\\, Stadtteilbüro Hüls-Süd\\," in calendar
    assert "\r\nSTATUS:CONFIRMED\r\n" in calendar
    for secret in ("Jürgen", "Weiß", "1711234567", record["id"]):
        assert secret not in calendar

    # "Fertig": home, and the form is forgotten.
    v.tap("signup.finish")
    v.settle()
    assert v.app.current_screen == "home"
    assert v.screen.step == STEP_OFFER
    assert v.ids.name_field.text == "" and v.ids.phone_field.text == ""
    assert (v.ids.adults.value, v.ids.children.value) == (1, 0)
    assert not v.ids.consent_box.active
    assert v.screen.calendar_data == ""


def test_under_16_needs_the_name_of_a_parent(portrait_visitor):
    """Portrait: "Bist du unter 16?" → Ja asks for a parent's name and says
    why; the contact is the parent's; the record says minor."""
    v = portrait_visitor
    v.start()
    v.shot("choose")
    v.choose(GROUP_CARD)
    assert v.text_of("signup.title") == "Wie heißt du?"
    v.fill("signup.name", "Max123")
    v.tap("signup.next")
    assert v.text_of("signup.name.error") == "Ein Name hat keine Ziffern. Bitte lass die Zahlen weg."
    assert v.text_of("signup.under16.error") == "Bitte tippe auf Ja oder Nein."
    v.shot("name-invalid")

    field = v.focus("signup.name")
    vk = v.keyboard()
    assert field.to_window(field.x, field.y)[1] > vk.top
    # Portrait leaves room above the keyboard: the buttons stay visible.
    weiter = v.find("signup.next")
    assert weiter.opacity == 1 and weiter.to_window(weiter.x, weiter.y)[1] >= vk.top
    field.text = ""
    field.insert_text("Mia Kaya")
    assert v.text_of("signup.name.error") == ""     # the message goes as the visitor types
    v.shot("name-keyboard")
    v.press(special="enter")
    v.settle()

    v.tap("signup.under16.yes")
    note = v.find("signup.guardian.note")
    assert note.text == ("Ein Elternteil muss zustimmen. Bitte gib den Namen von Mama, Papa "
                         "oder deiner erziehenden Person an.")
    v.tap("signup.next")
    assert v.screen.step == STEP_NAME
    assert v.text_of("signup.guardian.error") == (
        "Bitte gib den Namen von Mutter, Vater oder einer anderen erziehungsberechtigten Person ein.")
    v.shot("minor-guardian-missing")
    v.fill("signup.guardian", "Aylin Kaya")
    assert v.text_of("signup.guardian.error") == ""
    v.shot("minor")
    v.tap("signup.next")

    assert v.text_of("signup.title") == "Wie erreichen wir deine Familie?"
    assert v.text_of("signup.phone.label") == "Telefonnummer von Mama, Papa oder deiner erziehenden Person"
    phone = v.focus("signup.phone")
    assert phone.to_window(phone.x, phone.y)[1] > v.keyboard().top
    phone.insert_text("0176 98765432")
    v.shot("contact-keypad")
    v.press(special="enter")
    v.settle()
    v.shot("contact")
    v.tap("signup.next")

    # A child signing up counts as one child, not as an adult.
    assert (v.ids.adults.value, v.ids.children.value) == (0, 1)
    v.shot("people")
    v.tap("signup.next")
    assert v.text_of("signup.title") == "Ist deine Familie einverstanden?"
    assert v.text_of("signup.consent") == "Ja, Mama, Papa oder meine erziehende Person ist einverstanden."
    v.tap("signup.consent", settle=False)
    v.shot("consent")
    v.tap("signup.next")

    [record] = signups(v.app, WEDNESDAY)
    assert record["minor"] is True
    assert record["name"] == "Mia Kaya" and record["guardian_name"] == "Aylin Kaya"
    assert record["phone"] == "+4917698765432"
    assert (record["adults"], record["children"]) == (0, 1)
    assert v.text_of("signup.done.people") == "Angemeldet: 1 Kind"
    shown = v.visible_texts()
    assert "Mia" not in shown and "Aylin" not in shown and "98765432" not in shown
    picture = v.shot("confirmed")
    assert "SUMMARY:Kunterbuntes Chamäleon" in unfold(v.decode_qr(picture))


def test_a_full_date_takes_sign_ups_for_the_waiting_list(any_visitor):
    """Staff marked the date full: the card says "Warteliste", the sign-up
    is stored as waiting and the answer says so.  On the way, a wrong phone
    number and a missing tick are caught at their step."""
    v = any_visitor
    v.app.service.set_flag("fall-im-feld", THURSDAY, full=True)
    v.start()
    assert v.text_of(f"{COUNSEL_CARD}.places") == "Warteliste"
    v.choose(COUNSEL_CARD)
    v.name_step("Aylin Kaya")

    v.fill("signup.phone", "12345")
    v.tap("signup.next")
    assert v.text_of("signup.title") == "Wie erreichen wir dich?"
    assert v.text_of("signup.phone.error") == (
        "Bitte gib die Telefonnummer mit Vorwahl ein. Beispiel: 02365 123456")
    v.shot("contact-invalid")
    v.contact_step("02365 123456")

    assert v.text_of("signup.availability") == "Alle Plätze sind schon vergeben. Du kommst auf die Warteliste."
    v.tap("signup.next")
    v.tap("signup.next")            # Anmelden without the tick
    assert v.screen.step == STEP_CONSENT
    assert v.text_of("signup.consent.error") == "Bitte setz den Haken, damit wir dich anmelden dürfen."
    assert v.find("signup.consent").error
    assert signups(v.app) == []
    v.shot("consent-missing")
    v.tap("signup.consent", settle=False)
    assert v.text_of("signup.consent.error") == ""
    v.tap("signup.next")

    [record] = signups(v.app)
    assert record["status"] == "waiting" and record["phone"] == "+492365123456"
    assert v.text_of("signup.done.status") == "Du stehst auf der Warteliste"
    assert v.text_of("signup.done.waiting") == "Wir melden uns bei dir, sobald ein Platz frei wird."
    assert v.text_of("signup.done.people") == "Angemeldet: 1 erwachsene Person"
    picture = v.shot("waiting")
    calendar = unfold(v.decode_qr(picture))
    assert "\r\nSTATUS:TENTATIVE\r\n" in calendar and "DESCRIPTION:Warteliste" in calendar


def test_an_invalid_name_is_refused_next_to_the_field(visitor):
    """Entering from the offer's detail screen skips step 1; "Max123" and
    "<script>" get their plain message right under the name field, the form
    stays on the name step and nothing is stored."""
    v = visitor
    v.start("fall-im-feld", THURSDAY)
    assert v.text_of("signup.step") == "Schritt 2 von 5"
    v.name_step("Max123")
    assert v.screen.step == STEP_NAME
    error = v.find("signup.name.error")
    assert error.text == "Ein Name hat keine Ziffern. Bitte lass die Zahlen weg."
    box = v.find("signup.name.input")
    # Right next to it: directly below the field, before anything else.
    assert 0 <= box.to_window(box.x, box.y)[1] - error.to_window(error.x, error.top)[1] <= 30
    v.shot("name-invalid")

    v.fill("signup.name", "<script>")
    v.tap("signup.next")
    assert v.screen.step == STEP_NAME
    assert v.text_of("signup.name.error").startswith("Diese Zeichen gehören nicht in einen Namen: < >")
    assert v.app.service.store.records("signup", TUESDAY, date(2026, 12, 31)) == []
    v.tap("signup.under16.yes")
    assert v.find("signup.guardian.note").opacity == 1
    v.shot("minor")

    # Zurück leads to the choice of dates, and from there home.
    v.tap("signup.back")
    assert v.screen.step == STEP_OFFER and v.text_of("signup.step") == "Schritt 1 von 5"
    v.tap("signup.back")
    assert v.app.current_screen == "home"


def test_a_second_sign_up_under_the_same_name_is_refused(visitor):
    """The service refuses a duplicate name for the same date; the form goes
    back to the name step and shows its message under the field."""
    v = visitor
    v.app.service.sign_up(offer_id="fall-im-feld", day=THURSDAY, name="Aylin Kaya",
                          phone="0171 1234567", consent_given=True)
    v.start("fall-im-feld", THURSDAY)
    v.name_step("aylin  KAYA")
    v.contact_step()
    v.tap("signup.next")
    v.tap("signup.consent", settle=False)
    v.tap("signup.next")
    assert v.screen.step == STEP_NAME
    assert v.text_of("signup.name.error") == "Unter diesem Namen ist für diesen Termin schon jemand angemeldet."
    assert len(signups(v.app)) == 1
    v.shot("name-duplicate")


def test_idle_time_forgets_a_half_filled_form(visitor):
    """A name typed, then nobody touches the kiosk: back home, and the next
    visitor finds step 1 and an empty field."""
    v = visitor
    v.start("fall-im-feld", THURSDAY)
    field = v.focus("signup.name")
    field.insert_text("Aylin Kaya")
    assert v.keyboard_open()
    v.advance(v.app.service.config.idle_reset_seconds + 4, fps=0.25)
    assert v.app.current_screen == "home"
    assert not v.keyboard_open()
    assert v.screen.step == STEP_OFFER and v.ids.name_field.text == "" and field.text == ""
    v.start()
    assert v.text_of("signup.step") == "Schritt 1 von 5"
    assert v.ids.name_field.text == "" and v.screen.under_16 is None
    assert not any(card.selected for card in v.ids.cards.children)


def test_an_outing_by_e_mail_while_the_disk_is_full(visitor, monkeypatch):
    """An offer that needs a phone number OR an e-mail address: neither gets
    the same message under both fields; the e-mail field brings the letter
    keyboard back; a disk that refuses to write still ends in a calm
    confirmation (the service keeps the entry and retries)."""
    v = visitor
    v.start("familienausflug", OUTING)
    assert v.text_of("signup.summary.text").replace("\u00a0", " ").startswith(
        "Familienausflüge · Samstag, 5. Dezember · 10:00")
    v.name_step("Olena Shevchenko")
    v.tap("signup.next")
    message = "Bitte gib eine Telefonnummer oder eine E-Mail-Adresse an."
    assert v.text_of("signup.phone.error") == message and v.text_of("signup.email.error") == message
    assert v.text_of("signup.contact.note").endswith("Eins von beiden reicht.")
    phone_box, email_box = v.find("signup.phone.input"), v.find("signup.email.input")
    assert phone_box.y == email_box.y and phone_box.x < email_box.x    # side by side
    v.shot("contact-either")
    v.focus("signup.phone")
    assert v.keyboard().layout == bootstrap.keyboard_layout_path("numeric")
    v.press(special="enter")        # the e-mail field is below the keypad: close it first
    v.settle()
    email = v.focus("signup.email")
    assert v.keyboard().layout == bootstrap.keyboard_layout_path("de")
    assert email.to_window(email.x, email.y)[1] > v.keyboard().top
    email.insert_text("Olena.S@Example.DE")
    v.press(special="enter")
    v.settle()
    v.tap("signup.next")
    v.tap("signup.next")

    def disk_full(*_args, **_kwargs):
        raise OSError(28, "Kein Speicherplatz")

    monkeypatch.setattr(v.app.service.store, "add", disk_full)
    v.tap("signup.consent", settle=False)
    v.tap("signup.next")
    assert v.text_of("signup.done.status") == "Du bist angemeldet!"
    assert v.text_of("signup.done.saved") == (
        "Deine Anmeldung ist notiert. Das Speichern dauert gerade etwas länger – du musst nichts weiter tun.")
    [(kind, record, day)] = v.app.service.unsaved
    assert (kind, day) == ("signup", OUTING)
    assert record["email"] == "Olena.S@example.de" and record["phone"] == ""
    v.shot("confirmed-unsaved")


def test_an_offer_open_to_children_does_not_ask_for_a_parent(visitor):
    """Staff marked the offer as open to children signing up themselves: no
    "Bist du unter 16?", and the sign-up is not a minor's."""
    from dataclasses import replace

    v = visitor
    config = v.app.service.config
    offers = tuple(replace(o, children_self_signup=True) if o.id == "fall-im-feld" else o for o in config.offers)
    v.app.service.replace_config(replace(config, offers=offers))
    v.start("fall-im-feld", THURSDAY)
    assert not v.screen.asks_age
    assert v.find("signup.under16.yes").get_root_window() is not None  # there, but hidden
    assert v.find("signup.under16.yes").parent.parent.opacity == 0
    v.fill("signup.name", "Deniz Demir")
    v.tap("signup.next")
    assert v.text_of("signup.title") == "Wie erreichen wir dich?"
    v.contact_step()
    v.tap("signup.next")
    v.tap("signup.consent", settle=False)
    v.tap("signup.next")
    [record] = signups(v.app)
    assert record["minor"] is False and record["name"] == "Deniz Demir"


def test_offer_titles_follow_the_language(visitor):
    v = visitor
    v.start()
    v.app.set_language("en")
    v.settle()
    card = v.find(COUNSEL_CARD)
    assert card.title == "Early family advice"
    try:
        v.choose(COUNSEL_CARD)
        summary = v.text_of("signup.summary.text").replace("\u00a0", " ")
        assert summary.startswith("Early family advice · Thursday, November 26")
    finally:
        v.app.set_language("de")    # the catalog is global: leave German for the next test


def test_a_date_that_cannot_be_booked_from_the_detail_screen_says_why(visitor):
    v = visitor
    v.app.service.set_flag("fall-im-feld", THURSDAY, cancelled=True)
    v.start("fall-im-feld", THURSDAY)
    assert v.screen.step == STEP_OFFER
    assert v.text_of("signup.offer.error") == "Dieser Termin fällt leider aus. Such dir gern einen anderen aus."
    assert COUNSEL_CARD not in {c.test_name for c in v.ids.cards.children}


# --------------------------------------------------------------------------- #
# The form's rules, without touches
# --------------------------------------------------------------------------- #


def test_service_errors_are_sent_to_the_step_that_shows_them():
    form = SignupForm()
    steps = ("offer", "name", "contact", "people", "consent")
    assert form.take_errors({"consent_given": "x", "phone": "y"}, steps) == "contact"
    assert form.errors == {"consent_given": "x", "phone": "y"}
    assert form.take_errors({"day": "fällt aus"}, steps) == "offer"
    assert form.take_errors({"kiosk_id": "kaputt"}, steps) == "consent"
    assert form.errors == {"form": "kaputt"}
    # An offer without contact step: a stray phone error lands on the last step.
    assert form.take_errors({"phone": "y"}, ("offer", "name", "people", "consent")) == "consent"


def test_head_count_line_has_no_names():
    assert people_summary(1, 0) == "1 erwachsene Person"
    assert people_summary(2, 1) == "2 Erwachsene, 1 Kind"
    assert people_summary(0, 3) == "3 Kinder"

