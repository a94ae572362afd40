"""Counting for the staff area: the day's numbers, votes per offer, wishes."""

from __future__ import annotations

from datetime import date, timedelta

from kiosk.staff_stats import day_numbers, feedback_by_offer, period_range, wish_summary
from tests.conftest import SAMPLE_DAY


def test_period_ranges_end_today():
    assert period_range(SAMPLE_DAY, "today") == (SAMPLE_DAY, SAMPLE_DAY)
    assert period_range(SAMPLE_DAY, "week") == (SAMPLE_DAY - timedelta(days=6), SAMPLE_DAY)
    assert period_range(SAMPLE_DAY, "month") == (SAMPLE_DAY - timedelta(days=29), SAMPLE_DAY)


def test_day_numbers_count_todays_occurrences_and_todays_entries(service, fake_time):
    service.sign_up(offer_id="fall-im-feld", day=SAMPLE_DAY, name="Aylin Demir", phone="0171 1234567",
                    adults=1, children=2, consent_given=True)
    service.sign_up(offer_id="fall-im-feld", day=SAMPLE_DAY, name="Peter Schmidt", phone="0171 7654321",
                    adults=2, consent_given=True)                          # 3 + 2 > 4: waits
    service.sign_up(offer_id="fall-im-feld", day=SAMPLE_DAY + timedelta(days=2), name="Jan Berg",
                    phone="0171 5554443", consent_given=True)              # Thursday: not today
    service.give_feedback("cafe", 3)
    service.give_feedback(None, 1)
    service.add_wish(["sport"], "Mehr Bänke")
    service.add_wish(["sport", "kultur"], "")
    numbers = day_numbers(service, SAMPLE_DAY)
    assert (numbers.signups, numbers.people, numbers.waiting) == (1, 3, 2)
    assert (numbers.votes, numbers.wishes, numbers.wish_texts) == (2, 2, 1)


def test_feedback_by_offer_over_a_period(service, fake_time):
    service.give_feedback("cafe", 3)
    fake_time.advance(-2 * 24 * 3600)          # two days earlier
    service.give_feedback("cafe", 1)
    service.give_feedback(None, 2)
    week = feedback_by_offer(service, *period_range(SAMPLE_DAY, "week"))
    assert week["cafe"] == {3: 1, 1: 1} and week[""] == {2: 1}
    today = feedback_by_offer(service, SAMPLE_DAY, SAMPLE_DAY)
    assert today == {"cafe": {3: 1}}


def test_wishes_ranked_with_every_topic_and_the_free_texts(service, fake_time):
    service.add_wish(["sport", "kultur"], "Mehr Bänke im Park")
    service.add_wish(["sport"], "")
    fake_time.advance(24 * 3600)
    service.add_wish(["feste"], "Ein Sommerfest!")
    summary = wish_summary(service, SAMPLE_DAY, SAMPLE_DAY + timedelta(days=1))
    known = [t.id for t in service.config.wish_topics]
    ranked = summary.ranked(known)
    assert ranked[0] == ("sport", 2)
    assert {ranked[1], ranked[2]} == {("kultur", 1), ("feste", 1)}
    assert len(ranked) == len(known) and all(n == 0 for _t, n in ranked[3:])
    assert summary.entries == 3
    assert [(t.day, t.text) for t in summary.texts] == [
        (date(2026, 11, 25), "Ein Sommerfest!"), (SAMPLE_DAY, "Mehr Bänke im Park")]
