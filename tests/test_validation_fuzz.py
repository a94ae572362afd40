"""Property tests: whatever is typed, the validators answer with a ValidationError or clean data."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.records import (
    CONTACTS,
    Feedback,
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
from kiosk.validation import BIDI_CONTROLS

FUZZ = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Characters that matter to the validators, mixed into arbitrary Unicode so the
#: interesting branches are hit, not just random CJK.
TRICKY = list(BIDI_CONTROLS) + list("\x00\x07\t\n\r\x1b\x7f\x85\u00a0\u2028\u200b\u200d\ufeff\u00ad") + list(
    "0123456789+-/.()@ ,;'’ʼ<>#$%İıiIßÜüÇçĞğŁł٣０\u0301\u0308")
any_char = st.characters(exclude_categories=("Cs",))
texts = st.text(st.one_of(any_char, st.sampled_from(TRICKY)), max_size=120)
long_texts = st.one_of(texts, st.text(any_char, min_size=150, max_size=400))
#: Near misses: mostly what each field expects, with arbitrary characters mixed in,
#: so accepted values are fuzzed too, not only refusals.
name_like = st.text(st.one_of(st.characters(categories=("L", "M", "Zs")), st.sampled_from(TRICKY + list(" -'’."))),
                    max_size=90)
phone_like = st.builds(
    "{}{}{}".format,
    st.sampled_from(["0", "0", "+49", "0049", "+49 (0)", "+90", "+380", "(0", "+", "00", ""]),
    st.text(st.sampled_from(list("0123456789") * 6 + list(" /-().٣０\u200e\u00a0")), min_size=7, max_size=14),
    st.one_of(st.just(""), st.just(""), texts.map(lambda t: t[:2])),
)
email_like = st.builds("{}@{}.{}".format, st.text(st.one_of(any_char, st.sampled_from(list("anmu.+"))), max_size=20),
                       st.text(st.one_of(any_char, st.sampled_from(list("exmplä-."))), max_size=20),
                       st.one_of(st.text(any_char, max_size=4), st.sampled_from(["de", "com", "ДЕ"])))

NOW = datetime(2025, 6, 14, 10, 37, 42, tzinfo=BERLIN)


def no_hidden_characters(text: str) -> bool:
    return not any(unicodedata.category(ch) in ("Cc", "Cs") or ch in BIDI_CONTROLS for ch in text)


def tidy(text: str) -> bool:
    """NFC, trimmed, single spaces only."""
    return (text == unicodedata.normalize("NFC", text) and text == text.strip()
            and "  " not in text and all(ch == " " or not ch.isspace() for ch in text))


def outcome(call, *args, **kwargs):
    """The validator's result, or None when it raised ValidationError (anything else fails the test)."""
    try:
        return call(*args, **kwargs)
    except ValidationError as error:
        assert error.errors and all(isinstance(m, str) and m for m in error.errors.values())
        assert str(error)
        return None


@FUZZ
@given(st.one_of(long_texts, name_like))
def test_names_are_clean_or_refused(raw):
    name = outcome(validate_name, raw)
    if name is not None:
        assert no_hidden_characters(name) and tidy(name)
        assert 2 <= len(name) <= 80
        assert not any(unicodedata.category(ch).startswith("N") for ch in name)
        assert validate_name(name) == name


@FUZZ
@given(long_texts)
def test_free_text_is_clean_or_refused(raw):
    text = outcome(clean_free_text, raw)
    if text is not None:
        assert no_hidden_characters(text) and tidy(text)
        assert len(text) <= 200
        assert clean_free_text(text) == text


@FUZZ
@given(st.one_of(texts, phone_like))
def test_phone_is_e164_or_refused(raw):
    phone = outcome(normalise_phone, raw)
    if phone is not None:
        assert re.fullmatch(r"\+[0-9]{8,15}", phone, flags=re.ASCII)
        assert normalise_phone(phone) == phone


german_mobile = st.tuples(st.sampled_from(["151", "152", "157", "160", "170", "171", "176", "179"]),
                          st.text("0123456789", min_size=7, max_size=7))
german_landline = st.tuples(st.sampled_from(["2365", "209", "2361", "30", "89", "221"]),
                            st.text("0123456789", min_size=5, max_size=7).filter(lambda s: s[0] != "0"))


@FUZZ
@given(st.one_of(german_mobile, german_landline),
       st.sampled_from(["0{a} {n}", "0{a}/{n}", "0{a}-{n}", "(0{a}) {n}", "+49 {a} {n}", "0049 {a} {n}",
                        "+49 (0){a} {n}", "+49{a}{n}", " 0{a} / {n} "]))
def test_every_german_way_of_writing_a_number_gives_the_same_e164(parts, template):
    area, subscriber = parts
    spaced = " ".join(subscriber[i:i + 2] for i in range(0, len(subscriber), 2))
    for number in (subscriber, spaced):
        assert normalise_phone(template.format(a=area, n=number)) == f"+49{area}{subscriber}"


@FUZZ
@given(st.one_of(texts, email_like))
def test_email_is_sane_or_refused(raw):
    email = outcome(validate_email, raw)
    if email is not None:
        local, domain = email.split("@")
        assert local and "." in domain and domain == domain.lower()
        assert len(email) <= 254 and no_hidden_characters(email) and " " not in email
        assert validate_email(email) == email


@FUZZ
@given(st.one_of(texts, name_like), st.one_of(texts, name_like))
def test_name_comparison_never_fails_and_is_symmetric(a, b):
    assert same_person(a, b) == same_person(b, a)
    assert same_person(a, a) == bool(name_key(a))
    cleaned = outcome(validate_name, a)
    if cleaned is not None:
        assert same_person(a, cleaned)


@FUZZ
@given(kiosk_id=texts, offer_id=st.one_of(st.none(), texts, st.sampled_from(["cafe", "chamaeleon"])),
       score=st.integers(-2, 7), scale=st.sampled_from([3, 5]))
def test_make_feedback_only_raises_validation_errors(kiosk_id, offer_id, score, scale):
    fb = outcome(make_feedback, kiosk_id=kiosk_id, offer_id=offer_id, score=score, scale=scale,
                 known_offers={"cafe", "chamaeleon"}, now=NOW)
    if fb is not None:
        assert 1 <= fb.score <= scale and (fb.day, fb.hour) == (NOW.date(), NOW.hour)
        assert Feedback.from_dict(json.loads(json.dumps(fb.to_dict()))) == fb


@FUZZ
@given(kiosk_id=st.one_of(texts, st.just("k1")),
       topics=st.lists(st.one_of(texts, st.sampled_from(["sport", "musik"])), max_size=4), text=long_texts)
def test_make_wish_only_raises_validation_errors(kiosk_id, topics, text):
    wish = outcome(make_wish, kiosk_id=kiosk_id, topics=topics, text=text, known_topics={"sport", "musik"},
                   now=NOW)
    if wish is not None:
        assert wish.topics and set(wish.topics) <= {"sport", "musik"}
        assert no_hidden_characters(wish.text) and len(wish.text) <= 200
        assert Wish.from_dict(json.loads(json.dumps(wish.to_dict()))) == wish


def check_signup(signup: SignUp) -> None:
    for text in (signup.name, signup.guardian_name, signup.note):
        assert no_hidden_characters(text) and tidy(text)
    assert signup.phone == "" or re.fullmatch(r"\+[0-9]{8,15}", signup.phone, flags=re.ASCII)
    assert 1 <= signup.people <= 20 and signup.created.second == 0 and signup.created.microsecond == 0
    assert SignUp.from_dict(json.loads(json.dumps(signup.to_dict()))) == signup


plausible_names = st.sampled_from(["Ayşe Yılmaz", "Олена Коваленко", "محمد العلي", "Jürgen Groß", "王芳"])
plausible_phones = st.sampled_from(["0171 1234567", "+90 532 123 45 67", "(02365) 12345", ""])


@FUZZ
@given(
    kiosk_id=st.one_of(texts, st.just("k1")), offer_id=st.one_of(texts, st.just("cafe")),
    name=st.one_of(texts, plausible_names), phone=st.one_of(texts, plausible_phones),
    email=st.one_of(texts, st.just("anna@example.de"), st.just("")),
    contact=st.one_of(texts, st.sampled_from(CONTACTS)),
    adults=st.one_of(st.integers(-1, 22), texts), children=st.one_of(st.integers(-1, 22), texts),
    note=long_texts, consent_version=st.one_of(texts, st.just("2025-05")), consent_given=st.booleans(),
    minor=st.booleans(), guardian_name=st.one_of(texts, plausible_names),
    status=st.one_of(texts, st.sampled_from(["confirmed", "waiting"])),
    source=st.one_of(texts, st.sampled_from(["kiosk", "staff"])),
    day_offset=st.integers(-3, 30),
)
def test_make_signup_only_raises_validation_errors(day_offset, **form):
    signup = outcome(make_signup, day=NOW.date() + timedelta(days=day_offset), now=NOW, **form)
    if signup is not None:
        check_signup(signup)


VALID_FORM = dict(kiosk_id="k1", offer_id="cafe", day=NOW.date(), name="Олена Коваленко", phone="0171 1234567",
                  email="olena@example.de", contact="phone_or_email", adults=1, children=1, note="",
                  consent_version="2025-05", consent_given=True, minor=True, guardian_name="Ayşe Yılmaz",
                  now=NOW, status="confirmed")


@FUZZ
@given(st.data(), st.sampled_from(["name", "guardian_name", "phone", "email", "note", "contact", "status",
                                   "source", "offer_id", "kiosk_id", "consent_version"]))
def test_one_fuzzed_field_in_an_otherwise_valid_signup(data, field):
    near_miss = {"name": name_like, "guardian_name": name_like, "phone": phone_like, "email": email_like}
    value = data.draw(st.one_of(long_texts, near_miss.get(field, texts)), label=field)
    signup = outcome(make_signup, **{**VALID_FORM, field: value})
    if signup is not None:
        check_signup(signup)


any_text = st.text(any_char, max_size=40)
days = st.dates(date(2000, 1, 1), date(2100, 12, 31))
moments = st.datetimes(datetime(2000, 1, 1), datetime(2100, 1, 1), timezones=st.just(BERLIN),
                       allow_imaginary=False)
records = st.one_of(
    st.builds(Feedback, id=any_text, kiosk_id=any_text, offer_id=st.one_of(st.none(), any_text),
              score=st.integers(1, 5), day=days, hour=st.integers(0, 23)),
    st.builds(Wish, id=any_text, kiosk_id=any_text, topics=st.lists(any_text, max_size=5).map(tuple),
              text=any_text, day=days, hour=st.integers(0, 23)),
    st.builds(SignUp, id=any_text, kiosk_id=any_text, offer_id=any_text, day=days, name=any_text,
              phone=any_text, email=any_text, adults=st.integers(0, 10), children=st.integers(0, 15),
              note=any_text, consent_version=any_text, created=moments,
              status=st.sampled_from(["confirmed", "waiting"]), minor=st.booleans(), guardian_name=any_text,
              source=st.sampled_from(["kiosk", "staff"])),
)


@FUZZ
@given(records)
def test_to_dict_from_dict_round_trip_is_exact(record):
    d = record.to_dict()
    through_json = json.loads(json.dumps(d, ensure_ascii=False))
    assert through_json == d
    again = record_from_dict(through_json)
    assert type(again) is type(record) and again == record
    assert again.to_dict() == d
