"""The calendar QR's text: RFC 5545 lines, escaping, folding, DST, and no
personal data at all."""

from __future__ import annotations

from datetime import date, datetime, time, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.calendar_event import (
    CalendarEvent,
    escape_text,
    event_for_occurrence,
    event_uid,
    fold_line,
    to_ical,
)
from kiosk.schedule import occurrence_on
from kiosk.timezone import BERLIN
from tests.conftest import SAMPLE_DAY

NOW = datetime(2026, 11, 24, 10, 17, 42, tzinfo=BERLIN)


def unfold(text: str) -> list[str]:
    """RFC 5545 3.1 unfolding: CRLF + one space/tab continues the line."""
    assert text.endswith("\r\n")
    out: list[str] = []
    for raw in text[:-2].split("\r\n"):
        if raw[:1] in (" ", "\t"):
            out[-1] += raw[1:]
        else:
            out.append(raw)
    return out


def unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        ch = value[i]
        if ch == "\\":
            nxt = value[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def props(text: str) -> dict[str, str]:
    """Property name (with parameters) → raw value, from the VEVENT only."""
    lines = unfold(text)
    start, end = lines.index("BEGIN:VEVENT"), lines.index("END:VEVENT")
    result = {}
    for line in lines[start + 1 : end]:
        name, _, value = line.partition(":")
        result[name] = value
    return result


def make_event(**changes) -> CalendarEvent:
    values = dict(
        uid="20261124-cafe@huels-sued.kiosk",
        title="Sozialraum-Café",
        start=datetime(2026, 11, 24, 14, 30, tzinfo=BERLIN),
        end=datetime(2026, 11, 24, 17, 0, tzinfo=BERLIN),
        location="Café im Erdgeschoss",
        dtstamp=datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc),
    )
    values.update(changes)
    return CalendarEvent(**values)


# --------------------------------------------------------------------------- escaping


def test_escape_text_escapes_backslash_semicolon_comma_and_newlines():
    assert escape_text("a,b;c\\d") == "a\\,b\\;c\\\\d"
    assert escape_text("eins\nzwei\r\ndrei\rvier") == "eins\\nzwei\\ndrei\\nvier"
    # The backslash is escaped first: an escaped comma stays two characters.
    assert escape_text("\\,") == "\\\\\\,"


def test_escape_text_drops_control_characters_but_keeps_letters_of_any_script():
    assert escape_text("Kaffee\x00\x07 & Tee") == "Kaffee & Tee"
    assert escape_text("مقهى الحي – Кафе") == "مقهى الحي – Кафе"


@given(st.text())
def test_escaping_round_trips_and_leaves_no_raw_line_breaks(text):
    escaped = escape_text(text)
    assert "\n" not in escaped and "\r" not in escaped
    expected = "".join(
        ch for ch in text.replace("\r\n", "\n").replace("\r", "\n")
        if ch in "\n\t" or not (ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 or 0xD800 <= ord(ch) < 0xE000)
    )
    import unicodedata

    assert unescape(escaped) == unicodedata.normalize("NFC", expected)


# --------------------------------------------------------------------------- folding


def test_short_lines_are_not_folded():
    line = "SUMMARY:" + "x" * 67
    assert len(line.encode()) == 75
    assert fold_line(line) == line


def test_long_lines_fold_at_75_octets_with_crlf_space():
    line = "DESCRIPTION:" + "abcdefghij" * 20
    folded = fold_line(line)
    pieces = folded.split("\r\n")
    assert len(pieces) > 2
    assert all(len(p.encode()) <= 75 for p in pieces)
    assert len(pieces[0].encode()) == 75
    assert all(p.startswith(" ") for p in pieces[1:])
    assert "".join([pieces[0], *(p[1:] for p in pieces[1:])]) == line


def test_folding_never_splits_a_multibyte_character():
    line = "SUMMARY:" + "ü" * 60 + "😀" * 10  # 2- and 4-octet characters
    for piece in fold_line(line).split("\r\n"):
        assert len(piece.encode("utf-8")) <= 75
        piece.encode("utf-8").decode("utf-8")  # a split sequence would be a lone surrogate/raise


@given(st.text(min_size=0, max_size=400))
def test_fold_then_unfold_is_identity(text):
    line = "SUMMARY:" + escape_text(text)
    folded = fold_line(line)
    assert unfold(folded + "\r\n") == [line]
    assert all(len(p.encode()) <= 75 for p in folded.split("\r\n"))


# --------------------------------------------------------------------------- whole text


def test_ical_text_uses_crlf_everywhere_and_is_a_calendar_with_one_event():
    text = to_ical(make_event())
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert "\r" not in text.replace("\r\n", "")
    lines = unfold(text)
    assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"]
    assert any(line.startswith("PRODID:") for line in lines)
    assert lines[-1] == "END:VCALENDAR"
    assert lines.count("BEGIN:VEVENT") == 1 and lines.count("END:VEVENT") == 1
    p = props(text)
    assert p["UID"] == "20261124-cafe@huels-sued.kiosk"
    assert p["DTSTAMP"] == "20261124T090000Z"
    assert unescape(p["SUMMARY"]) == "Sozialraum-Café"
    assert unescape(p["LOCATION"]) == "Café im Erdgeschoss"


def test_bare_vevent_for_scanners_that_want_only_the_event():
    lines = unfold(to_ical(make_event(), calendar=False))
    assert lines[0] == "BEGIN:VEVENT" and lines[-1] == "END:VEVENT"


def test_utc_times_follow_daylight_saving_time():
    summer = make_event(start=datetime(2026, 7, 25, 9, 0, tzinfo=BERLIN),
                        end=datetime(2026, 7, 25, 17, 0, tzinfo=BERLIN))
    winter = make_event(start=datetime(2026, 12, 5, 10, 0, tzinfo=BERLIN),
                        end=datetime(2026, 12, 5, 15, 0, tzinfo=BERLIN))
    assert props(to_ical(summer))["DTSTART"] == "20260725T070000Z"   # CEST = UTC+2
    assert props(to_ical(summer))["DTEND"] == "20260725T150000Z"
    assert props(to_ical(winter))["DTSTART"] == "20261205T090000Z"   # CET = UTC+1
    assert props(to_ical(winter))["DTEND"] == "20261205T140000Z"


def test_utc_times_on_the_days_the_clocks_change():
    # 29.03.2026: 02:00 CET → 03:00 CEST; 25.10.2026: 03:00 CEST → 02:00 CET.
    spring = make_event(start=datetime(2026, 3, 29, 1, 0, tzinfo=BERLIN),
                        end=datetime(2026, 3, 29, 4, 0, tzinfo=BERLIN))
    p = props(to_ical(spring))
    assert (p["DTSTART"], p["DTEND"]) == ("20260329T000000Z", "20260329T020000Z")  # 2 real hours
    autumn = make_event(start=datetime(2026, 10, 25, 1, 0, tzinfo=BERLIN),
                        end=datetime(2026, 10, 25, 4, 0, tzinfo=BERLIN))
    p = props(to_ical(autumn))
    assert (p["DTSTART"], p["DTEND"]) == ("20261024T230000Z", "20261025T030000Z")  # 4 real hours


def test_berlin_times_keep_the_wall_clock_and_bring_their_time_zone():
    summer = make_event(start=datetime(2026, 7, 25, 9, 0, tzinfo=BERLIN),
                        end=datetime(2026, 7, 25, 17, 0, tzinfo=BERLIN))
    text = to_ical(summer, tz="berlin")
    p = props(text)
    assert p["DTSTART;TZID=Europe/Berlin"] == "20260725T090000"
    assert p["DTEND;TZID=Europe/Berlin"] == "20260725T170000"
    lines = unfold(text)
    # RFC 5545: every TZID used needs its VTIMEZONE, before the event.
    assert lines.index("TZID:Europe/Berlin") < lines.index("BEGIN:VEVENT")
    # A UTC moment given for a Berlin event is written as Berlin wall time.
    utc_start = make_event(start=datetime(2026, 12, 5, 9, 0, tzinfo=timezone.utc),
                           end=datetime(2026, 12, 5, 14, 0, tzinfo=timezone.utc))
    assert props(to_ical(utc_start, tz="berlin"))["DTSTART;TZID=Europe/Berlin"] == "20261205T100000"


def test_special_characters_in_title_and_location_are_escaped():
    event = make_event(title="„Fall im Feld“ – Beratung; mit Kaffee, Tee",
                       location="Raum 1, 1. Stock\nHinterhaus \\ links")
    p = props(to_ical(event))
    assert p["SUMMARY"] == "„Fall im Feld“ – Beratung\\; mit Kaffee\\, Tee"
    assert p["LOCATION"] == "Raum 1\\, 1. Stock\\nHinterhaus \\\\ links"


def test_naive_or_reversed_times_are_refused():
    with pytest.raises(ValueError):
        make_event(start=datetime(2026, 11, 24, 14, 30))
    with pytest.raises(ValueError):
        make_event(end=datetime(2026, 11, 24, 14, 0, tzinfo=BERLIN))
    with pytest.raises(ValueError):
        to_ical(make_event(), tz="Europe/Berlin")


# --------------------------------------------------------------------------- from the config


def test_event_for_an_occurrence_of_the_shipped_config(shipped_config):
    occ = occurrence_on(shipped_config, "fall-im-feld", SAMPLE_DAY)
    assert occ is not None
    event = event_for_occurrence(shipped_config, occ, lang="de", now=NOW)
    text = to_ical(event)
    p = props(text)
    assert unescape(p["SUMMARY"]) == "„Fall im Feld“ – Beratung"
    assert p["DTSTART"] == "20261124T090000Z" and p["DTEND"] == "20261124T110000Z"
    location = unescape(p["LOCATION"])
    assert location.startswith("Beratungsraum, 1. Stock, ")
    assert shipped_config.office_name in location and shipped_config.address in location
    assert p["UID"] == event_uid("fall-im-feld", SAMPLE_DAY, shipped_config.kiosk_id)
    assert p["UID"] == "20261124-fall-im-feld@huels-sued.kiosk"
    # DTSTAMP to the hour only: not even the minute of the sign-up is recorded.
    assert p["DTSTAMP"] == "20261124T090000Z"
    # Another language gives the translated title, same UID.
    english = props(to_ical(event_for_occurrence(shipped_config, occ, lang="en", now=NOW)))
    assert unescape(english["SUMMARY"]) == "Early family advice"
    assert english["UID"] == p["UID"]


def test_no_personal_data_can_reach_the_event(shipped_config, service):
    """The event is built from config and occurrence only; a real sign-up's
    name, phone, e-mail, head count and id never show up in it."""
    saved = service.sign_up(offer_id="fall-im-feld", day=date(2026, 11, 26), name="Zeynep Yılmaz",
                            phone="0171 1234567", adults=2, children=1, consent_given=True)
    record = saved.record
    occ = occurrence_on(service.config, record.offer_id, record.day)
    text = to_ical(event_for_occurrence(service.config, occ, lang="de", now=NOW, status="CONFIRMED"))
    flat = "".join(unfold(text))
    for secret in ("Zeynep", "Yılmaz", "1711234567", "171 1234567", record.id, "Erwachsene"):
        assert secret not in flat
    assert props(text)["STATUS"] == "CONFIRMED"


def test_uid_is_made_of_offer_and_date_only():
    assert event_uid("chamaeleon", date(2026, 12, 2), "huels-sued") == "20261202-chamaeleon@huels-sued.kiosk"
    # Odd characters never break the UID line.
    uid = event_uid("a b;c,ü", date(2026, 1, 2), "x y")
    assert uid == "20260102-a-b-c--@x-y.kiosk"
    assert uid.isascii()


def test_occurrence_times_are_local_berlin_times_in_summer_too(shipped_config):
    occ = occurrence_on(shipped_config, "familienausflug", date(2026, 7, 25))
    assert occ is not None and occ.start.timetz().replace(tzinfo=None) == time(9, 0)
    p = props(to_ical(event_for_occurrence(shipped_config, occ, now=NOW)))
    assert p["DTSTART"] == "20260725T070000Z"
