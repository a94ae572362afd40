"""Unit tests for kiosk.records and kiosk.validation: every rule, with real-looking input."""

from __future__ import annotations

import json
import pickle
import re
from datetime import date, datetime, timedelta, timezone

import pytest

from kiosk.records import (
    MAX_PEOPLE,
    SCORES_3,
    SCORES_5,
    Feedback,
    FeedbackDebouncer,
    SignUp,
    ValidationError,
    Wish,
    clean_free_text,
    make_feedback,
    make_signup,
    make_wish,
    name_key,
    normalise_phone,
    record_from_dict,
    same_person,
    validate_email,
    validate_name,
)
from kiosk.timezone import BERLIN

NOW = datetime(2025, 6, 14, 10, 37, 42, 123456, tzinfo=BERLIN)
OFFERS = {"cafe", "fruehstueck", "chamaeleon"}
TOPICS = {"spielplatz", "sport", "musik", "sprache"}


def errors_of(call, *args, **kwargs) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        call(*args, **kwargs)
    return info.value.errors


def signup_form(**changes):
    form = dict(kiosk_id="huels-sued-1", offer_id="cafe", day=date(2025, 6, 14), name="Ayşe Yılmaz",
                phone="0171 1234567", email="", contact="phone", adults=1, children=2, note="",
                consent_version="2025-05", consent_given=True, minor=False, guardian_name="", now=NOW,
                status="confirmed")
    form.update(changes)
    return form


# ---------------------------------------------------------------- ValidationError


def test_validation_error_is_a_value_error_with_readable_text_and_pickles():
    error = ValidationError({"name": "Bitte gib deinen Namen ein.", "phone": "Zu kurz."})
    assert isinstance(error, ValueError)
    assert str(error) == "name: Bitte gib deinen Namen ein.\nphone: Zu kurz."
    copy = pickle.loads(pickle.dumps(error))
    assert copy.errors == error.errors


# ---------------------------------------------------------------- names


@pytest.mark.parametrize("raw, expected", [
    ("Jürgen Groß", "Jürgen Groß"),
    ("Ayşe Yılmaz", "Ayşe Yılmaz"),
    ("Çağrı Öztürk", "Çağrı Öztürk"),
    ("İbrahim Doğan", "İbrahim Doğan"),
    ("Paweł Łukasiewicz", "Paweł Łukasiewicz"),
    ("Олена Коваленко", "Олена Коваленко"),
    ("Мар'яна Дар’я", "Мар'яна Дар’я"),
    ("Марʼяна Шевченко", "Марʼяна Шевченко"),
    ("محمد العلي", "محمد العلي"),
    ("فاطمة الزهراء", "فاطمة الزهراء"),
    ("王芳", "王芳"),
    ("Nguyễn Văn An", "Nguyễn Văn An"),
    ("Dr. Anna-Lena O’Brien", "Dr. Anna-Lena O’Brien"),
    ("Jean-Luc D'Angelo", "Jean-Luc D'Angelo"),
    ("  Anna \t  Müller \n", "Anna Müller"),
    ("Anna\u00a0Müller", "Anna Müller"),
])
def test_names_of_every_script_are_accepted_and_tidied(raw, expected):
    assert validate_name(raw) == expected


def test_name_is_nfc_normalised():
    decomposed = "Mu\u0308ller"  # u + combining diaeresis
    assert validate_name(decomposed) == "Müller"
    assert len(validate_name(decomposed)) == 6


def test_combining_marks_without_precomposed_form_are_kept():
    # Vietnamese with stacked marks, Arabic with harakat
    assert validate_name("Nguye\u0302\u0303n") == "Nguyễn"
    assert validate_name("مُحَمَّد") == "مُحَمَّد"


def test_bidi_overrides_are_removed_from_names():
    assert validate_name("\u202eAnna\u202c Müller\u200f") == "Anna Müller"
    assert validate_name("\u2067محمد\u2069") == "محمد"


@pytest.mark.parametrize("raw, fragment", [
    ("", "Bitte gib deinen Namen ein."),
    ("   \t ", "Bitte gib deinen Namen ein."),
    (None, "Bitte gib deinen Namen ein."),
    ("A", "zu kurz"),
    ("A" * 81, "zu lang"),
    ("R2D2", "keine Ziffern"),
    ("Anna ٣", "keine Ziffern"),
    ("<script>alert</script>", "< >"),
    ("anna@example.org", "@"),
    ("Max #1 $", "keine Ziffern"),
    ("Max $ Mustermann", "$"),
    ("Anna\x07Müller", "Sonderzeichen"),
    ("---", "Bitte gib deinen Namen ein."),
    ("..", "Bitte gib deinen Namen ein."),
])
def test_bad_names_get_a_friendly_message(raw, fragment):
    message = errors_of(validate_name, raw)["name"]
    assert fragment in message


def test_line_and_paragraph_separators_count_as_spaces():
    assert validate_name("Anna\u2028Müller\u2029") == "Anna Müller"


def test_name_length_limits_are_inclusive():
    assert validate_name("Li") == "Li"
    assert validate_name("A" * 80) == "A" * 80


def test_symbol_message_lists_the_symbols_once():
    message = errors_of(validate_name, "Anna <<Müller>>")["name"]
    assert "< >" in message and message.count("<") == 1


def test_name_error_uses_the_given_field_and_guardian_wording():
    errors = errors_of(validate_name, "", field="guardian_name")
    assert list(errors) == ["guardian_name"]
    assert "erziehungsberechtigten" in errors["guardian_name"]


# ---------------------------------------------------------------- same_person


@pytest.mark.parametrize("a, b", [
    ("Anna Müller", "anna  MÜLLER"),
    ("Anna Müller", "Anna Mu\u0308ller"),
    ("Jean-Luc D’Angelo", "jean-luc d'angelo"),
    ("İbrahim Doğan", "İBRAHİM DOĞAN"),
    ("İbrahim", "ibrahim"),
    ("Yılmaz", "YILMAZ"),
    ("Straße", "STRASSE"),
    ("Олена Коваленко", "ОЛЕНА КОВАЛЕНКО"),
    ("Ｍａｒｉａ", "Maria"),  # full-width letters (NFKC)
    ("Anna\u202e Müller", "Anna Müller"),
])
def test_same_person_ignores_case_spacing_and_encoding(a, b):
    assert same_person(a, b)
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a, b", [
    ("Anna Müller", "Anna Mueller"),
    ("Anna Müller", "Hanna Müller"),
    ("Ali", "Alí"),
    ("", ""),
    ("Anna", ""),
])
def test_different_names_are_different_people(a, b):
    assert not same_person(a, b)


# ---------------------------------------------------------------- phone


@pytest.mark.parametrize("raw, expected", [
    ("0171 1234567", "+491711234567"),
    ("0171/1234567", "+491711234567"),
    ("0171-123 45 67", "+491711234567"),
    ("01711234567", "+491711234567"),
    ("+49 171 1234567", "+491711234567"),
    ("+49 (0)171 1234567", "+491711234567"),
    ("+49 0171 1234567", "+491711234567"),
    ("0049 171 1234567", "+491711234567"),
    ("0049 (0) 171 1234567", "+491711234567"),
    ("0151 12345678", "+4915112345678"),
    ("(02365) 12345", "+49236512345"),
    ("02365 123456", "+492365123456"),
    ("02365/12 34 56", "+492365123456"),
    ("030 1234567", "+49301234567"),
    ("+90 532 123 45 67", "+905321234567"),
    ("0090 532 123 45 67", "+905321234567"),
    ("+380 67 123 4567", "+380671234567"),
    ("+380 (67) 123-45-67", "+380671234567"),
    ("+48 512 345 678", "+48512345678"),
    ("+963 944 123 456", "+963944123456"),
    ("٠١٧١ ١٢٣٤٥٦٧", "+491711234567"),  # Arabic-Indic digits
    ("０１７１ １２３４５６７", "+491711234567"),  # full-width digits
    ("\u200e+49 171 1234567\u200f", "+491711234567"),  # direction marks around it
])
def test_phone_numbers_are_normalised_to_e164(raw, expected):
    assert normalise_phone(raw) == expected
    assert re.fullmatch(r"\+[0-9]{8,15}", expected)


@pytest.mark.parametrize("raw, fragment", [
    ("", "Bitte gib deine Telefonnummer ein."),
    ("   ", "Bitte gib deine Telefonnummer ein."),
    ("0171 123", "unvollständig"),
    ("0171 12345", "unvollständig"),
    ("02365 12", "unvollständig"),
    ("+90 532 123", "unvollständig"),
    ("+380 67 123", "unvollständig"),
    ("+", "unvollständig"),
    ("+1234", "unvollständig"),
    ("0171 123456789012", "zu lang"),
    ("+49 2365 1234567890123", "zu lang"),
    ("+12 3456 7890 1234 5678", "zu lang"),
    ("0171 CALL ME", "nur Ziffern"),
    ("0171 1234567 (abends)", "nur Ziffern"),
    ("0171+1234567", "nur Ziffern"),
    ("1711234567", "Vorwahl"),
    ("123456", "Vorwahl"),
    ("+0171 1234567", "Ländervorwahl"),
    ("000 171 1234567", "Ländervorwahl"),
    ("+49 00 171 1234567", "Vorwahl stimmt so nicht"),
    ("+4900000000", "Vorwahl stimmt so nicht"),  # found by the fuzz test: was accepted, not idempotent
])
def test_bad_phone_numbers_get_a_friendly_message(raw, fragment):
    message = errors_of(normalise_phone, raw)["phone"]
    assert fragment in message


def test_incomplete_phone_message_shows_an_example():
    assert errors_of(normalise_phone, "0171 123")["phone"] == (
        "Die Telefonnummer sieht unvollständig aus. Beispiel: 0171 1234567")


# ---------------------------------------------------------------- e-mail


@pytest.mark.parametrize("raw, expected", [
    ("anna.mueller@example.de", "anna.mueller@example.de"),
    ("  Anna.Mueller@Example.DE ", "Anna.Mueller@example.de"),
    ("ayse+kiosk@posteo.de", "ayse+kiosk@posteo.de"),
    ("olena@пошта.укр", "olena@пошта.укр"),
    ("jürgen@müller-marl.de", "jürgen@müller-marl.de"),
    ("anna＠example.de", "anna@example.de"),  # full-width @ from an IME
])
def test_email_addresses_are_accepted_with_lowercase_domain(raw, expected):
    assert validate_email(raw) == expected


@pytest.mark.parametrize("raw, fragment", [
    ("", "Bitte gib deine E-Mail-Adresse ein."),
    ("anna.mueller.example.de", "genau ein @"),
    ("anna@@example.de", "genau ein @"),
    ("anna@mueller@example.de", "genau ein @"),
    ("anna mueller@example.de", "keine Leerzeichen"),
    ("@example.de", "nicht vollständig"),
    ("anna@example", "nicht vollständig"),
    ("anna@example,de", "nicht vollständig"),
    ("anna@example.d", "nicht vollständig"),
    ("anna@example..de", "nicht vollständig"),
    ("anna@.de", "nicht vollständig"),
    ("anna@1.2.3.4", "nicht vollständig"),
    ("<anna@example.de>", "nicht vollständig"),
    ("a" * 65 + "@example.de", "nicht vollständig"),
    ("anna@" + "a" * 250 + ".de", "zu lang"),
])
def test_bad_email_addresses_get_a_friendly_message(raw, fragment):
    assert fragment in errors_of(validate_email, raw)["email"]


# ---------------------------------------------------------------- free text


def test_free_text_is_cleaned():
    raw = "  Mehr\tSport\n\nfür   Mädchen!\u202e \x00 ⚽ "
    assert clean_free_text(raw) == "Mehr Sport für Mädchen! ⚽"


def test_free_text_removes_every_bidi_control_and_control_char():
    hidden = "".join(chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C])
    assert clean_free_text(f"a{hidden}b\x1b[31mc\x7f") == "ab[31mc"


def test_free_text_keeps_joiners_for_emoji_and_persian():
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467"
    assert clean_free_text(family) == family
    assert clean_free_text("می\u200cخواهم") == "می\u200cخواهم"


def test_free_text_is_nfc_and_empty_is_fine():
    assert clean_free_text("Cafe\u0301") == "Café"
    assert clean_free_text("") == ""
    assert clean_free_text(None) == ""
    assert clean_free_text("  \n ") == ""


def test_free_text_limit_counts_cleaned_characters_and_refuses_more():
    assert len(clean_free_text("ü" * 200)) == 200
    assert clean_free_text("a " * 100 + "    ") == ("a " * 100).strip()  # 199 after trimming
    errors = errors_of(clean_free_text, "x" * 201, field="note")
    assert "höchstens 200 Zeichen" in errors["note"]
    assert clean_free_text("x" * 50, limit=50) == "x" * 50
    assert errors_of(clean_free_text, "x" * 51, limit=50)


# ---------------------------------------------------------------- feedback


def test_feedback_keeps_only_day_and_hour_slot():
    fb = make_feedback(kiosk_id="huels-sued-1", offer_id="cafe", score=3, scale=3, known_offers=OFFERS, now=NOW)
    assert (fb.kind, fb.offer_id, fb.score, fb.day, fb.hour) == ("feedback", "cafe", 3, date(2025, 6, 14), 10)
    assert set(fb.to_dict()) == {"kind", "id", "kiosk_id", "offer_id", "score", "day", "hour"}
    assert "37" not in json.dumps(fb.to_dict()).replace(fb.id, "")


def test_feedback_hour_is_berlin_local_time_even_for_utc_input():
    utc = datetime(2025, 6, 14, 22, 5, tzinfo=timezone.utc)  # 00:05 on the 15th in Berlin
    fb = make_feedback(kiosk_id="k1", offer_id=None, score=1, scale=5, known_offers=OFFERS, now=utc)
    assert (fb.day, fb.hour) == (date(2025, 6, 15), 0)


def test_feedback_for_the_house_in_general():
    fb = make_feedback(kiosk_id="k1", offer_id=None, score=5, scale=5, known_offers=(), now=NOW)
    assert fb.offer_id is None
    assert Feedback.from_dict(fb.to_dict()) == fb


@pytest.mark.parametrize("scale, scores", [(3, SCORES_3), (5, SCORES_5)])
def test_feedback_scores_follow_the_scale(scale, scores):
    for score in scores:
        assert make_feedback(kiosk_id="k1", offer_id="cafe", score=score, scale=scale,
                             known_offers=OFFERS, now=NOW).score == score
    for bad in (0, scale + 1, -1, True, "3", 2.0, None):
        assert "score" in errors_of(make_feedback, kiosk_id="k1", offer_id="cafe", score=bad, scale=scale,
                                    known_offers=OFFERS, now=NOW)


def test_feedback_reports_all_problems_at_once():
    errors = errors_of(make_feedback, kiosk_id="", offer_id="kino", score=9, scale=3, known_offers=OFFERS,
                       now=NOW)
    assert set(errors) == {"kiosk_id", "offer_id", "score"}
    assert "scale" in errors_of(make_feedback, kiosk_id="k1", offer_id=None, score=1, scale=4,
                                known_offers=OFFERS, now=NOW)


def test_naive_now_is_a_programming_error():
    with pytest.raises(ValueError) as info:
        make_feedback(kiosk_id="k1", offer_id=None, score=1, scale=3, known_offers=OFFERS,
                      now=datetime(2025, 6, 14, 10, 0))
    assert not isinstance(info.value, ValidationError)


def test_record_ids_are_random_not_time_based():
    ids = {make_feedback(kiosk_id="k1", offer_id=None, score=1, scale=3, known_offers=(), now=NOW).id
           for _ in range(200)}
    assert len(ids) == 200
    assert all(re.fullmatch(r"[0-9a-f]{16}", i) for i in ids)
    assert len({i[:6] for i in ids}) > 150  # no shared time prefix


# ---------------------------------------------------------------- wishes


def test_wish_keeps_topics_in_order_without_duplicates_and_cleans_text():
    wish = make_wish(kiosk_id="k1", topics=["sport", "musik", "sport"], text="  Mehr  Fußball\n für Mädchen ",
                     known_topics=TOPICS, now=NOW)
    assert (wish.kind, wish.topics, wish.text, wish.day, wish.hour) == (
        "wish", ("sport", "musik"), "Mehr Fußball für Mädchen", date(2025, 6, 14), 10)
    assert wish.to_dict()["topics"] == ["sport", "musik"]


def test_wish_needs_a_known_topic_and_reports_everything():
    assert "mindestens ein Thema" in errors_of(make_wish, kiosk_id="k1", topics=[], text="", known_topics=TOPICS,
                                               now=NOW)["topics"]
    errors = errors_of(make_wish, kiosk_id="k1", topics=["kino"], text="x" * 300, known_topics=TOPICS, now=NOW)
    assert set(errors) == {"topics", "text"}
    assert "gibt es nicht" in errors["topics"]


def test_wish_accepts_a_single_topic_given_bare():
    assert make_wish(kiosk_id="k1", topics="musik", text="", known_topics=TOPICS, now=NOW).topics == ("musik",)


# ---------------------------------------------------------------- sign-ups


def test_signup_is_built_and_cleaned():
    s = make_signup(**signup_form(name="  Ayşe   Yılmaz ", note=" Wir bringen\nKuchen mit \u202e"))
    assert s.kind == "signup"
    assert (s.name, s.phone, s.email, s.note) == ("Ayşe Yılmaz", "+491711234567", "", "Wir bringen Kuchen mit")
    assert (s.adults, s.children, s.people, s.status, s.source, s.minor) == (1, 2, 3, "confirmed", "kiosk", False)
    assert s.created == datetime(2025, 6, 14, 10, 37, tzinfo=BERLIN)
    assert s.created.tzinfo is BERLIN


def test_signup_repr_hides_personal_data():
    s = make_signup(**signup_form(email="ayse@example.de", contact="phone_and_email", note="Allergie"))
    text = repr(s)
    for secret in ("Ayşe", "Yılmaz", "+491711234567", "ayse@", "Allergie"):
        assert secret not in text


def test_signup_missing_everything_reports_all_fields_at_once():
    errors = errors_of(make_signup, **signup_form(
        name="", phone="", email="x", contact="phone_and_email", adults=0, children=0, note="n" * 201,
        consent_version="", consent_given=False, minor=True, guardian_name="", status="maybe",
        day=date(2025, 6, 13), offer_id=""))
    assert set(errors) == {"name", "phone", "email", "people", "note", "consent_given", "consent_version",
                           "guardian_name", "status", "day", "offer_id"}
    assert errors["consent_given"] == "Bitte bestätige die Einwilligung."
    assert errors["name"] == "Bitte gib deinen Namen ein."


@pytest.mark.parametrize("contact, phone, email, ok, error_fields", [
    ("none", "", "", True, set()),
    ("none", "0171 1234567", "", True, set()),
    ("none", "0171", "", False, {"phone"}),
    ("phone", "0171 1234567", "", True, set()),
    ("phone", "", "anna@example.de", False, {"phone"}),
    ("email", "", "anna@example.de", True, set()),
    ("email", "0171 1234567", "", False, {"email"}),
    ("phone_or_email", "", "anna@example.de", True, set()),
    ("phone_or_email", "0171 1234567", "", True, set()),
    ("phone_or_email", "", "", False, {"phone", "email"}),
    ("phone_or_email", "0171", "", False, {"phone"}),
    ("phone_and_email", "0171 1234567", "anna@example.de", True, set()),
    ("phone_and_email", "0171 1234567", "", False, {"email"}),
    ("telegram", "0171 1234567", "", False, {"contact"}),
])
def test_signup_contact_rules(contact, phone, email, ok, error_fields):
    form = signup_form(contact=contact, phone=phone, email=email)
    if ok:
        s = make_signup(**form)
        assert s.phone == (normalise_phone(phone) if phone else "")
        assert s.email == (validate_email(email) if email else "")
    else:
        assert set(errors_of(make_signup, **form)) == error_fields


def test_signup_phone_or_email_message_names_both_options():
    errors = errors_of(make_signup, **signup_form(contact="phone_or_email", phone="", email=""))
    assert errors["phone"] == errors["email"] == "Bitte gib eine Telefonnummer oder eine E-Mail-Adresse an."


@pytest.mark.parametrize("adults, children, field", [
    (0, 0, "people"),
    (11, 0, "adults"),
    (0, 16, "children"),
    (10, 11, "people"),
    (-1, 2, "adults"),
    (1, True, "children"),
    ("zwei", 1, "adults"),
    (1.5, 1, "adults"),
    ("9" * 5000, 1, "adults"),  # beyond int()'s digit limit: still a friendly error
])
def test_signup_head_counts(adults, children, field):
    assert field in errors_of(make_signup, **signup_form(adults=adults, children=children))


@pytest.mark.parametrize("adults, children", [(1, 0), (0, 1), (10, 10), (5, 15), ("2", "3")])
def test_signup_head_counts_accepted(adults, children):
    s = make_signup(**signup_form(adults=adults, children=children))
    assert s.people == int(adults) + int(children) <= MAX_PEOPLE


def test_signup_for_a_minor_needs_a_guardian_name():
    errors = errors_of(make_signup, **signup_form(name="Mila", minor=True, guardian_name="  "))
    assert set(errors) == {"guardian_name"}
    assert "guardian_name" in errors_of(make_signup, **signup_form(minor=True, guardian_name="Mama123"))
    s = make_signup(**signup_form(name="Mila Kowalczyk", minor=True, guardian_name=" Joanna  Kowalczyk ",
                                  adults=0, children=1))
    assert (s.minor, s.guardian_name) == (True, "Joanna Kowalczyk")


def test_signup_guardian_name_is_dropped_for_adults():
    s = make_signup(**signup_form(guardian_name="Irgendwer"))
    assert s.guardian_name == ""


def test_signup_consent_must_be_exactly_true():
    for given in (False, None, "ja", 1):
        assert errors_of(make_signup, **signup_form(consent_given=given)) == {
            "consent_given": "Bitte bestätige die Einwilligung."}


def test_signup_status_and_source():
    assert make_signup(**signup_form(status="waiting")).status == "waiting"
    assert "status" in errors_of(make_signup, **signup_form(status="full"))
    assert "source" in errors_of(make_signup, **signup_form(source="web"))
    # staff may add a sign-up taken on paper for a day that has passed; the kiosk may not
    assert "day" in errors_of(make_signup, **signup_form(day=date(2025, 6, 1)))
    s = make_signup(**signup_form(day=date(2025, 6, 1), source="staff"))
    assert (s.source, s.day) == ("staff", date(2025, 6, 1))


def test_signup_day_must_be_a_date():
    with pytest.raises(TypeError):
        make_signup(**signup_form(day=datetime(2025, 6, 14, 10, 0, tzinfo=BERLIN)))


# ---------------------------------------------------------------- dicts


def test_round_trips_are_exact_and_json_safe():
    records = [
        make_feedback(kiosk_id="k1", offer_id="cafe", score=2, scale=3, known_offers=OFFERS, now=NOW),
        make_wish(kiosk_id="k1", topics=["musik"], text="Gitarrenkurs", known_topics=TOPICS, now=NOW),
        make_signup(**signup_form(minor=True, guardian_name="Joanna Kowalczyk", email="j@example.de",
                                  contact="phone_and_email", source="staff", status="waiting")),
    ]
    for record in records:
        d = record.to_dict()
        assert json.loads(json.dumps(d)) == d
        assert d["kind"] == record.kind
        again = type(record).from_dict(json.loads(json.dumps(d)))
        assert again == record and again.to_dict() == d
        assert record_from_dict(d) == record


def test_signup_created_round_trips_across_the_autumn_clock_change():
    # 02:30 happens twice on 2025-10-26; both must come back as the same instant
    first = datetime(2025, 10, 26, 0, 30, tzinfo=timezone.utc)
    for now in (first, first + timedelta(hours=1)):
        s = make_signup(**signup_form(now=now, day=date(2025, 10, 26)))
        again = SignUp.from_dict(json.loads(json.dumps(s.to_dict())))
        assert again.created == s.created and again.created.utcoffset() == s.created.utcoffset()
        assert again.to_dict() == s.to_dict()


def test_from_dict_ignores_store_bookkeeping_and_loads_purged_signups():
    d = make_signup(**signup_form()).to_dict()
    d.update(received=True, name="", phone="", email="", note="")
    s = SignUp.from_dict(d)
    assert (s.name, s.phone) == ("", "")


def test_from_dict_defaults_for_fields_added_later():
    d = make_signup(**signup_form()).to_dict()
    for key in ("minor", "guardian_name", "source"):
        del d[key]
    s = SignUp.from_dict(d)
    assert (s.minor, s.guardian_name, s.source) == (False, "", "kiosk")


@pytest.mark.parametrize("change", [
    {"hour": 24}, {"hour": "10:37"}, {"day": "14.06.2025"}, {"score": "3"}, {"kind": "wish"},
    {"id": None}, {"offer_id": 5},
])
def test_from_dict_refuses_corrupt_feedback(change):
    d = make_feedback(kiosk_id="k1", offer_id="cafe", score=2, scale=3, known_offers=OFFERS, now=NOW).to_dict()
    d.update(change)
    with pytest.raises(ValueError):
        Feedback.from_dict(d)


@pytest.mark.parametrize("change", [
    {"created": "2025-06-14T10:37:00"}, {"created": None}, {"status": "full"}, {"minor": "no"},
    {"adults": True},
])
def test_from_dict_refuses_corrupt_signups(change):
    d = make_signup(**signup_form()).to_dict()
    d.update(change)
    with pytest.raises(ValueError):
        SignUp.from_dict(d)


def test_from_dict_refuses_missing_keys_and_unknown_kinds():
    d = make_wish(kiosk_id="k1", topics=["musik"], text="", known_topics=TOPICS, now=NOW).to_dict()
    del d["topics"]
    with pytest.raises(ValueError):
        Wish.from_dict(d)
    with pytest.raises(ValueError):
        record_from_dict({"kind": "vote"})
    with pytest.raises(ValueError):
        record_from_dict(["not", "a", "dict"])


# ---------------------------------------------------------------- debouncer


def test_hammering_the_same_offer_counts_once():
    debouncer = FeedbackDebouncer(10)
    taps = [debouncer.accept("chamaeleon", 100.0 + 0.2 * i) for i in range(40)]  # 8 s of hammering
    assert taps.count(True) == 1 and taps[0] is True


def test_window_is_measured_from_the_accepted_tap():
    debouncer = FeedbackDebouncer(10)
    assert debouncer.accept("cafe", 0.0)
    assert not debouncer.accept("cafe", 9.999)
    assert debouncer.accept("cafe", 10.0)
    assert not debouncer.accept("cafe", 15.0)
    assert debouncer.accept("cafe", 20.0)


def test_offers_and_the_house_are_independent():
    debouncer = FeedbackDebouncer(10)
    assert debouncer.accept("cafe", 0.0)
    assert debouncer.accept("chamaeleon", 0.1)
    assert debouncer.accept(None, 0.2)
    assert not debouncer.accept(None, 0.3)
    assert not debouncer.accept("cafe", 0.4)


def test_zero_seconds_counts_every_tap_and_negative_is_refused():
    debouncer = FeedbackDebouncer(0)
    assert all(debouncer.accept("cafe", 1.0) for _ in range(5))
    with pytest.raises(ValueError):
        FeedbackDebouncer(-1)


def test_debouncer_memory_is_bounded():
    debouncer = FeedbackDebouncer(10, max_entries=50)
    for i in range(1000):
        debouncer.accept(f"offer-{i}", float(i) / 1000)  # all within one window
    assert len(debouncer) == 50
    for i in range(1000):
        debouncer.accept(f"offer-{i}", 100.0 + i * 20)  # each tap expires the one before
    assert len(debouncer) == 1


def test_debouncer_survives_a_clock_going_backwards():
    debouncer = FeedbackDebouncer(10)
    assert debouncer.accept("cafe", 1000.0)
    assert debouncer.accept("cafe", 5.0)  # a restarted monotonic source must not lock the offer
    assert not debouncer.accept("cafe", 6.0)
