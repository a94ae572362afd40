"""Occurrences in Europe/Berlin: DST, holidays, exceptions, closing days, ranges,
single dates, year end, sorting; opening hours for the home screen."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from kiosk.config import load_config
from kiosk.schedule import (
    Occurrence,
    is_closing_day,
    is_school_holiday,
    next_open_day,
    occurrence_on,
    occurrences,
    opening_hours_on,
    today_and_upcoming,
)
from kiosk.timezone import BERLIN

SHIPPED = Path(__file__).resolve().parent.parent / "config"

KIOSK = """
kiosk_id = "test"
[office]
name = "Testbüro"
[opening_hours]
mo = ["09:00-12:00", "13:00-17:00"]
di = ["09:00-17:00"]
mi = ["09:00-17:00"]
do = ["09:00-17:00"]
fr = ["09:00-14:00"]
[closing_days]
ranges = [{closing}]
[school_holidays]
ranges = [{holidays}]
[[wish_topics]]
id = "sport"
label = "Sport"
pictogram = "sport"
[about]
intro = "Wir"
[consent]
version = "1"
text = "Einverstanden?"
"""


def offer(offer_id: str, **keys: str) -> str:
    lines = [f'[[offers]]\nid = "{offer_id}"\ntitle = "{offer_id.title()}"\npictogram = "star"']
    lines += [f"{key} = {value}" for key, value in keys.items()]
    return "\n".join(lines) + "\n"


def make(tmp_path: Path, *offers: str, closing: str = "", holidays: str = ""):
    folder = tmp_path / "cfg"
    folder.mkdir(exist_ok=True)
    (folder / "kiosk.toml").write_text(KIOSK.format(closing=closing, holidays=holidays), encoding="utf-8")
    (folder / "offers.toml").write_text("\n".join(offers), encoding="utf-8")
    return load_config(folder)


def days_of(found: list[Occurrence], offer_id: str | None = None) -> list[date]:
    return [o.day for o in found if offer_id is None or o.offer_id == offer_id]


# ------------------------------------------------------------------ time zone


def test_dst_end_keeps_local_wall_clock_and_duration(tmp_path):
    config = make(tmp_path, offer("sonntag", weekly='["so 10:00-12:00"]'))
    before, change, after = occurrences(config, date(2026, 10, 18), date(2026, 11, 1))
    assert change.day == date(2026, 10, 25)  # clocks go back that night
    for occ in (before, change, after):
        assert occ.start.tzinfo is not None and occ.start.tzinfo == BERLIN
        assert (occ.start.hour, occ.start.minute) == (10, 0)
        assert occ.end - occ.start == timedelta(hours=2)
        assert occ.end.timestamp() - occ.start.timestamp() == 7200
    assert before.start.utcoffset() == timedelta(hours=2)
    assert change.start.utcoffset() == timedelta(hours=1)
    assert change.start.astimezone(timezone.utc).hour == 9


def test_dst_start_keeps_local_wall_clock(tmp_path):
    config = make(tmp_path, offer("sonntag", weekly='["so 10:00-12:00"]'))
    before, change = occurrences(config, date(2026, 3, 22), date(2026, 3, 29))
    assert change.day == date(2026, 3, 29)
    assert (change.start.hour, change.start.utcoffset()) == (10, timedelta(hours=2))
    assert (before.start.hour, before.start.utcoffset()) == (10, timedelta(hours=1))
    assert change.end.timestamp() - change.start.timestamp() == 7200
    assert change.start.astimezone(timezone.utc) == datetime(2026, 3, 29, 8, 0, tzinfo=timezone.utc)


def test_night_spanning_the_clock_change_has_its_real_length(tmp_path):
    config = make(tmp_path, offer("nacht", dates='["2026-10-25 01:00-04:00", "2026-03-29 01:00-04:00"]'))
    spring, autumn = occurrences(config, date(2026, 1, 1), date(2026, 12, 31))
    assert autumn.end.timestamp() - autumn.start.timestamp() == 4 * 3600  # an hour repeats
    assert spring.end.timestamp() - spring.start.timestamp() == 2 * 3600  # an hour is skipped


def test_time_in_the_spring_gap_is_moved_to_a_real_instant(tmp_path):
    config = make(tmp_path, offer("luecke", dates='["2026-03-29 02:30-05:00"]'))
    [occ] = occurrences(config, date(2026, 3, 29), date(2026, 3, 29))
    assert (occ.start.hour, occ.start.minute) == (3, 30)
    assert occ.start < occ.end
    assert occ.start.astimezone(timezone.utc) == datetime(2026, 3, 29, 1, 30, tzinfo=timezone.utc)


# ------------------------------------------------------------------ rules


def test_school_holidays_only_offer_runs_only_in_the_holidays(tmp_path):
    config = make(tmp_path,
                  offer("ferien", weekly='["mo 10:00-14:00", "mi 10:00-14:00"]', school_holidays_only="true"),
                  offer("immer", weekly='["mo 15:00-16:00"]'),
                  holidays="{ from = 2026-10-17, to = 2026-10-31 }, 2026-11-11")
    found = occurrences(config, date(2026, 10, 10), date(2026, 11, 16))
    assert days_of(found, "ferien") == [date(2026, 10, 19), date(2026, 10, 21), date(2026, 10, 26),
                                         date(2026, 10, 28), date(2026, 11, 11)]
    assert len(days_of(found, "immer")) == 6  # the normal offer runs in and out of the holidays
    assert is_school_holiday(config, date(2026, 10, 17)) and is_school_holiday(config, date(2026, 10, 31))
    assert not is_school_holiday(config, date(2026, 11, 1))


def test_exceptions_cancel_single_days(tmp_path):
    config = make(tmp_path, offer("cafe", weekly='["di 14:30-17:00"]', exceptions="[2026-11-24, 2026-12-08]"))
    found = occurrences(config, date(2026, 11, 17), date(2026, 12, 15))
    assert days_of(found) == [date(2026, 11, 17), date(2026, 12, 1), date(2026, 12, 15)]
    assert occurrence_on(config, "cafe", date(2026, 11, 24)) is None
    assert occurrence_on(config, "cafe", date(2026, 12, 1)).key == "cafe@2026-12-01"


def test_closing_days_remove_every_offer_and_the_opening_hours(tmp_path):
    config = make(tmp_path,
                  offer("a", weekly='["mo 09:00-10:00", "di 09:00-10:00"]'),
                  offer("fest", dates='["2026-11-24 15:00-18:00"]'),
                  closing="{ from = 2026-11-24, to = 2026-11-25 }, 2026-12-01")
    found = occurrences(config, date(2026, 11, 23), date(2026, 12, 1))
    assert [(o.offer_id, o.day) for o in found] == [("a", date(2026, 11, 23)), ("a", date(2026, 11, 30))]
    assert is_closing_day(config, date(2026, 11, 25)) and not is_closing_day(config, date(2026, 11, 26))
    assert opening_hours_on(config, date(2026, 11, 24)) == ()
    assert occurrence_on(config, "fest", date(2026, 11, 24)) is None


def test_valid_from_and_until_are_inclusive(tmp_path):
    config = make(tmp_path, offer("kurs", weekly='["mi 18:00-19:30"]', valid_from="2026-11-04",
                                  valid_until="2026-11-18"))
    found = occurrences(config, date(2026, 10, 1), date(2026, 12, 31))
    assert days_of(found) == [date(2026, 11, 4), date(2026, 11, 11), date(2026, 11, 18)]


def test_single_dates_and_replacing_a_weekly_time(tmp_path):
    config = make(tmp_path,
                  offer("ausflug", dates='["2026-12-05 10:00-15:00", "2027-05-29 09:00-17:00"]'),
                  offer("cafe", weekly='["di 14:30-17:00"]', dates='["2026-12-01 16:00-19:00"]'))
    found = occurrences(config, date(2026, 11, 24), date(2027, 6, 1))
    assert days_of(found, "ausflug") == [date(2026, 12, 5), date(2027, 5, 29)]
    cafe = [o for o in found if o.offer_id == "cafe"]
    assert len({o.day for o in cafe}) == len(cafe)  # never two the same day
    moved = next(o for o in cafe if o.day == date(2026, 12, 1))
    assert (moved.start.time(), moved.end.time()) == (time(16), time(19))
    normal = next(o for o in cafe if o.day == date(2026, 12, 8))
    assert normal.start.time() == time(14, 30)


def test_year_end(tmp_path):
    config = make(tmp_path, offer("treff", weekly='["mo 09:00-11:00", "mi 09:00-11:00", "fr 09:00-11:00"]'),
                  offer("silvester", dates='["2026-12-31 20:00-23:00"]'),
                  closing="{ from = 2027-01-01 }")
    found = occurrences(config, date(2026, 12, 28), date(2027, 1, 4))
    assert [(o.offer_id, o.day) for o in found] == [
        ("treff", date(2026, 12, 28)), ("treff", date(2026, 12, 30)), ("silvester", date(2026, 12, 31)),
        ("treff", date(2027, 1, 4))]  # Friday 1 January is a closing day
    assert found[-1].key == "treff@2027-01-04"
    assert next_open_day(config, date(2026, 12, 31)) == date(2027, 1, 4)


def test_sorted_by_start_then_offer_id(tmp_path):
    config = make(tmp_path, offer("zebra", weekly='["di 10:00-11:00"]'),
                  offer("affe", weekly='["di 10:00-12:00"]'),
                  offer("frueh", weekly='["di 08:00-09:00", "mi 07:00-08:00"]'))
    found = occurrences(config, date(2026, 11, 24), date(2026, 11, 25))
    assert [(o.day.day, o.offer_id) for o in found] == [(24, "frueh"), (24, "affe"), (24, "zebra"), (25, "frueh")]
    assert found == sorted(found, key=lambda o: (o.start, o.offer_id))


def test_empty_and_reversed_ranges(tmp_path):
    config = make(tmp_path, offer("a", weekly='["di 10:00-11:00"]'))
    assert occurrences(config, date(2026, 11, 25), date(2026, 11, 24)) == []
    assert occurrences(config, date(2026, 11, 25), date(2026, 11, 25)) == []


# ------------------------------------------------------------------ screens


def test_today_and_upcoming(tmp_path):
    config = make(tmp_path, offer("a", weekly='["di 10:00-11:00", "do 10:00-11:00"]'))
    today, upcoming = today_and_upcoming(config, date(2026, 11, 24), days=7)
    assert days_of(today) == [date(2026, 11, 24)]
    assert days_of(upcoming) == [date(2026, 11, 26), date(2026, 12, 1)]  # tomorrow … today + 7
    assert today_and_upcoming(config, date(2026, 11, 24), days=0)[1] == []


def test_opening_hours_and_next_open_day(tmp_path):
    config = make(tmp_path, offer("a", weekly='["di 10:00-11:00"]'), closing="{ from = 2026-11-30, to = 2026-12-02 }")
    assert opening_hours_on(config, date(2026, 11, 23)) == ((time(9), time(12)), (time(13), time(17)))
    assert opening_hours_on(config, date(2026, 11, 28)) == ()  # Saturday
    assert next_open_day(config, date(2026, 11, 27)) == date(2026, 12, 3)  # weekend, then closed Mon–Wed
    assert next_open_day(config, date(2026, 11, 23)) == date(2026, 11, 24)
    assert next_open_day(config, date(2026, 11, 27), horizon_days=3) is None


def test_next_open_day_without_any_opening_hours(tmp_path):
    folder = tmp_path / "cfg"
    config = make(tmp_path, offer("a", weekly='["di 10:00-11:00"]'))
    kiosk = (folder / "kiosk.toml").read_text(encoding="utf-8")
    for day in ("mo", "di", "mi", "do", "fr"):
        kiosk = "\n".join(line for line in kiosk.splitlines() if not line.startswith(f"{day} ="))
    (folder / "kiosk.toml").write_text(kiosk, encoding="utf-8")
    config = load_config(folder)
    assert next_open_day(config, date(2026, 11, 24)) is None


def test_occurrence_value_object():
    start = datetime(2026, 11, 24, 10, tzinfo=BERLIN)
    occ = Occurrence(start, start + timedelta(hours=2), "fall-im-feld")
    assert occ.day == date(2026, 11, 24) and occ.key == "fall-im-feld@2026-11-24"
    assert Occurrence(start, start, "b") > Occurrence(start, start, "a")


# ------------------------------------------------------------------ shipped config


@pytest.fixture(scope="module")
def shipped():
    return load_config(SHIPPED)


def test_shipped_sample_tuesday_has_three_to_five_offers(shipped):
    today, upcoming = today_and_upcoming(shipped, date(2026, 11, 24))
    assert 3 <= len(today) <= 5
    assert len(upcoming) >= 12
    assert opening_hours_on(shipped, date(2026, 11, 24))


def test_shipped_open_weekdays_have_three_to_five_offers_and_every_week_is_full(shipped):
    first, last = date(2026, 1, 1), date(2027, 12, 31)
    per_day = Counter(o.day for o in occurrences(shipped, first, last))
    day = first
    while day <= last:
        if day.weekday() < 5 and not is_closing_day(shipped, day):
            assert 3 <= per_day[day] <= 5, day
        week = sum(per_day[day + timedelta(days=i)] for i in range(7))
        if day + timedelta(days=6) <= last:
            assert week >= 10, day
        day += timedelta(days=1)


def test_shipped_holiday_programme_and_year_end(shipped):
    holiday = occurrences(shipped, date(2026, 10, 19), date(2026, 10, 19))
    assert "ferienspass" in [o.offer_id for o in holiday]
    term = occurrences(shipped, date(2026, 11, 23), date(2026, 11, 27))
    assert "ferienspass" not in [o.offer_id for o in term]
    year_end = occurrences(shipped, date(2026, 12, 28), date(2027, 1, 4))
    days = set(days_of(year_end))
    assert {date(2026, 12, 28), date(2027, 1, 4)} <= days
    assert date(2027, 1, 1) not in days  # New Year: closed
    assert next_open_day(shipped, date(2026, 12, 31)) == date(2027, 1, 4)
