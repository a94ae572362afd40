"""The clock plausibility check behind the staff area's warning, and the
parsing of the date and time staff type to correct it."""

from __future__ import annotations

import os
from datetime import date, datetime, time, timezone

import pytest

from kiosk.clock import KioskClock
from kiosk.clock_check import (
    EARLIEST_PLAUSIBLE_DAY,
    ClockInputError,
    check_clock,
    check_kiosk_clock,
    config_files_day,
    parse_day,
    parse_local,
    parse_time_of_day,
)
from kiosk.timezone import BERLIN
from tests.conftest import SAMPLE_DAY


def test_a_clock_on_or_after_every_known_day_is_plausible():
    verdict = check_clock(SAMPLE_DAY, newest_entry=SAMPLE_DAY, config_day=date(2026, 11, 20))
    assert verdict.plausible and verdict.warning == "" and verdict.not_before is None


def test_a_clock_before_the_newest_entry_is_flagged_with_the_day_to_set():
    verdict = check_clock(date(2026, 11, 21), newest_entry=SAMPLE_DAY, config_day=date(2026, 11, 1))
    assert not verdict.plausible
    assert verdict.not_before == SAMPLE_DAY
    assert "21.11.2026" in verdict.warning and "Einträge vom 24.11.2026" in verdict.warning
    assert "Einstellungsdateien" not in verdict.warning        # that bound is fine


def test_every_violated_bound_is_named_and_the_latest_is_suggested():
    verdict = check_clock(date(2026, 3, 1), newest_entry=date(2026, 5, 1), config_day=date(2026, 6, 2))
    assert len(verdict.reasons) == 2
    assert verdict.not_before == date(2026, 6, 2)
    assert "02.06.2026" in verdict.warning and "01.05.2026" in verdict.warning


def test_a_clock_reset_to_1970_is_implausible_even_without_entries():
    verdict = check_clock(date(1970, 1, 1))
    assert not verdict.plausible
    assert verdict.not_before == EARLIEST_PLAUSIBLE_DAY
    assert "01.01.1970" in verdict.warning


def test_config_files_day_is_the_newest_modification_in_berlin(tmp_path):
    (tmp_path / "kiosk.toml").write_text("x")
    (tmp_path / "offers.toml").write_text("y")
    older = datetime(2026, 11, 2, 12, 0, tzinfo=BERLIN).timestamp()
    # 23:30 UTC on the 24th is already the 25th in Berlin.
    newer = datetime(2026, 11, 24, 23, 30, tzinfo=timezone.utc).timestamp()
    os.utime(tmp_path / "kiosk.toml", (older, older))
    os.utime(tmp_path / "offers.toml", (newer, newer))
    assert config_files_day(tmp_path) == date(2026, 11, 25)
    assert config_files_day(tmp_path / "missing") is None


def test_check_kiosk_clock_reads_clock_store_and_config(tmp_path, fake_time):
    from kiosk.records import make_feedback
    from kiosk.store import KioskStore

    store = KioskStore(tmp_path / "data")
    vote = make_feedback(kiosk_id="huels-sued", offer_id=None, score=3, scale=3, known_offers=set(),
                         now=datetime(2026, 11, 30, 15, 0, tzinfo=BERLIN))
    store.add("feedback", vote.to_dict(), vote.day)     # an entry made on the 30th; the clock says the 24th
    config = tmp_path / "config"
    config.mkdir()
    verdict = check_kiosk_clock(_Service(KioskClock(source=fake_time), store), config)
    assert not verdict.plausible and verdict.not_before == date(2026, 11, 30)
    store.close()


class _Service:
    def __init__(self, clock, store):
        self.clock, self.store = clock, store


@pytest.mark.parametrize("text, expected", [
    ("24.11.2026", date(2026, 11, 24)),
    (" 2.3.27 ", date(2027, 3, 2)),
    ("2026-11-24", date(2026, 11, 24)),
])
def test_dates_as_people_type_them(text, expected):
    assert parse_day(text) == expected


@pytest.mark.parametrize("text", ["", "24.11.", "31.02.2026", "morgen", "2026/11/24"])
def test_bad_dates_get_a_german_example(text):
    with pytest.raises(ClockInputError) as info:
        parse_day(text)
    assert info.value.field == "date" and "24.11.2026" in info.value.message


@pytest.mark.parametrize("text, expected", [
    ("10:15", time(10, 15)), ("9.05", time(9, 5)), ("1015", time(10, 15)), ("7:30 Uhr", time(7, 30)),
])
def test_times_as_people_type_them(text, expected):
    assert parse_time_of_day(text) == expected


@pytest.mark.parametrize("text", ["", "24:00", "10:60", "halb zehn", "1:5"])
def test_bad_times_get_a_german_example(text):
    with pytest.raises(ClockInputError) as info:
        parse_time_of_day(text)
    assert info.value.field == "time" and "14:30" in info.value.message


def test_parse_local_gives_an_aware_berlin_time_the_clock_can_be_set_to(fake_time):
    wanted = parse_local("02.12.2026", "09:30")
    assert wanted.tzinfo is BERLIN and (wanted.hour, wanted.minute) == (9, 30)
    clock = KioskClock(source=fake_time)
    clock.correct_to(wanted)
    assert clock.today() == date(2026, 12, 2)
    assert clock.now().strftime("%H:%M") == "09:30"
