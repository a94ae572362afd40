"""The service façade: the rules the UI relies on, checked against the real store."""

from __future__ import annotations

import errno
import random
from dataclasses import replace
from datetime import timedelta

import pytest

from kiosk.records import ValidationError
from kiosk.schedule import occurrences
from tests.conftest import SAMPLE_DAY


def _signup_occurrence(service, *, with_capacity=True):
    for occ in occurrences(service.config, SAMPLE_DAY, SAMPLE_DAY + timedelta(days=6)):
        offer = service.config.offer(occ.offer_id)
        if offer.signup and (offer.capacity is not None) == with_capacity:
            return occ, offer
    pytest.skip("shipped config has no such offer in the sample week")  # pragma: no cover


def _contact(offer):
    phone = "0171 1234567" if "phone" in offer.contact else ""
    email = "anna@example.org" if offer.contact in ("email", "phone_and_email") else ""
    return {"phone": phone, "email": email}


def test_feedback_is_stored_and_debounced(service, fake_time):
    offer_id = service.config.offers[0].id
    assert service.give_feedback(offer_id, 3).saved
    assert service.give_feedback(offer_id, 3) is None  # hammering counts once
    assert service.give_feedback(None, 2).saved  # another target is independent
    fake_time.advance(service.config.feedback_debounce_seconds + 1)
    assert service.give_feedback(offer_id, 1).saved
    stored = service.store.records("feedback", SAMPLE_DAY, SAMPLE_DAY)
    assert sorted((r["offer_id"] or "", r["score"]) for r in stored) == sorted(
        [(offer_id, 3), ("", 2), (offer_id, 1)]
    )
    assert all(set(r) & {"minute", "second", "created"} == set() for r in stored)
    assert all(r["hour"] == 10 for r in stored)


def test_wish_needs_known_topic(service):
    topic = service.config.wish_topics[0].id
    assert service.add_wish([topic], "Mehr Bänke").saved
    with pytest.raises(ValidationError):
        service.add_wish(["gibt-es-nicht"])
    assert [w["topics"] for w in service.store.records("wish", SAMPLE_DAY, SAMPLE_DAY)] == [[topic]]


def test_signup_confirmed_then_waiting_list_when_full(service):
    occ, offer = _signup_occurrence(service)
    capacity = offer.capacity
    confirmed = []
    for i in range(capacity):
        saved = service.sign_up(offer_id=offer.id, day=occ.day, name=f"Gast {chr(65 + i % 26)}{chr(97 + i // 26)}",
                                adults=1, consent_given=True, **_contact(offer))
        confirmed.append(saved.record.status)
    assert set(confirmed) == {"confirmed"}
    assert service.availability(offer.id, occ.day).full
    late = service.sign_up(offer_id=offer.id, day=occ.day, name="Zeynep Yılmaz", adults=1,
                           consent_given=True, **_contact(offer))
    assert late.record.status == "waiting"
    availability = service.availability(offer.id, occ.day)
    assert (availability.booked, availability.waiting, availability.free) == (capacity, 1, 0)


def test_group_that_does_not_fit_goes_to_waiting_list(service):
    occ, offer = _signup_occurrence(service)
    for i in range(offer.capacity - 1):
        service.sign_up(offer_id=offer.id, day=occ.day, name=f"Gast {chr(65 + i % 26)}{chr(97 + i // 26)}",
                        consent_given=True, **_contact(offer))
    assert service.availability(offer.id, occ.day).free == 1
    pair = service.sign_up(offer_id=offer.id, day=occ.day, name="Familie Öztürk", adults=2,
                           consent_given=True, **_contact(offer))
    assert pair.record.status == "waiting"  # capacity counts people, not sign-ups
    single = service.sign_up(offer_id=offer.id, day=occ.day, name="Renate Krämer", consent_given=True,
                             **_contact(offer))
    assert single.record.status == "confirmed"


def test_duplicate_name_for_same_occurrence_is_refused(service):
    occ, offer = _signup_occurrence(service)
    service.sign_up(offer_id=offer.id, day=occ.day, name="Jürgen Schäfer", consent_given=True, **_contact(offer))
    with pytest.raises(ValidationError) as info:
        service.sign_up(offer_id=offer.id, day=occ.day, name="  jürgen   SCHÄFER ", consent_given=True,
                        **_contact(offer))
    assert "schon" in info.value.errors["name"]
    assert len(service.store.signups_for(offer.id, occ.day)) == 1


def test_signup_refused_for_wrong_day_and_cancelled(service):
    occ, offer = _signup_occurrence(service)
    with pytest.raises(ValidationError) as info:
        service.sign_up(offer_id=offer.id, day=occ.day + timedelta(days=400), name="Anna Becker",
                        consent_given=True, **_contact(offer))
    assert "day" in info.value.errors
    service.set_flag(offer.id, occ.day, cancelled=True)
    assert service.availability(offer.id, occ.day).cancelled
    with pytest.raises(ValidationError):
        service.sign_up(offer_id=offer.id, day=occ.day, name="Anna Becker", consent_given=True, **_contact(offer))


def test_staff_full_flag_sends_new_signups_to_waiting_list(service):
    occ, offer = _signup_occurrence(service)
    service.set_flag(offer.id, occ.day, full=True)
    saved = service.sign_up(offer_id=offer.id, day=occ.day, name="Olena Kovalenko", consent_given=True,
                            **_contact(offer))
    assert saved.record.status == "waiting"
    assert service.availability(offer.id, occ.day).free == 0


def test_full_disk_keeps_entry_in_memory_and_retries(service, monkeypatch):
    store = service.store
    real_add = store.add
    failing = {"on": True}

    def add(kind, record, day):
        if failing["on"]:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_add(kind, record, day)

    monkeypatch.setattr(store, "add", add)
    occ, offer = _signup_occurrence(service)
    saved = service.sign_up(offer_id=offer.id, day=occ.day, name="Ahmad Haddad", consent_given=True,
                            **_contact(offer))
    assert not saved.saved and len(service.unsaved) == 1
    # The entry still counts for capacity and duplicate names while it waits.
    with pytest.raises(ValidationError):
        service.sign_up(offer_id=offer.id, day=occ.day, name="Ahmad Haddad", consent_given=True, **_contact(offer))
    assert service.availability(offer.id, occ.day).booked >= 1
    failing["on"] = False
    assert service.retry_unsaved() == 0
    assert [s["name"] for s in store.signups_for(offer.id, occ.day)] == ["Ahmad Haddad"]


def test_day_stats_counts_without_personal_data(service, fake_time):
    from kiosk.demo import generate_busy_day

    summary = generate_busy_day(service, SAMPLE_DAY, random.Random(7), signups=20, votes=50, wishes=10)
    stats = service.day_stats(SAMPLE_DAY)
    assert stats.total_votes == summary.votes == 50
    assert sum(stats.wishes.values()) >= summary.wishes
    assert "name" not in repr(stats)


def test_reloaded_config_is_used(service, shipped_config):
    smaller = replace(shipped_config, feedback_debounce_seconds=0)
    service.replace_config(smaller)
    offer_id = shipped_config.offers[0].id
    assert service.give_feedback(offer_id, 1).saved
    assert service.give_feedback(offer_id, 1).saved
