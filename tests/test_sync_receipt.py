"""Kiosk side: which batch is shown, what a receipt marks, when personal data may go."""

from __future__ import annotations

import dataclasses
import json
import random
import zlib
from datetime import date, datetime, time, timedelta

import pytest

from tests.conftest import SAMPLE_DAY
from kiosk.timezone import BERLIN
from tests.sync_helpers import fill_days, make_service

from kiosk.clock import KioskClock
from kiosk.sync import batch, crypto, envelope
from kiosk.sync.chunks import ChunkCollector
from kiosk.sync.handover import STATE_KEY, build_handover
from kiosk.sync.receipt import apply_receipt, overdue_signups


def open_handover(handover, key=None):
    """What the office PC would read: (payload, receipt code, header)."""
    collector = ChunkCollector()
    for chunk in handover.chunks:
        collector.add(chunk)
    env = envelope.parse(collector.batches[handover.batch_id].envelope())
    data, code = envelope.open_payload(env, key)
    return batch.decode(data, env.header.kiosk_id), code, env.header, data


@pytest.fixture
def keyed(tmp_path, shipped_config):
    key = crypto.generate_keypair()
    service = make_service(tmp_path / "data", shipped_config, public_key=crypto.public_key_text(key.public_key()))
    return service, key


def _signups(store):
    return store.records("signup", date(2000, 1, 1), date(2100, 1, 1))


def test_showing_again_without_news_shows_the_same_batch(keyed):
    service, key = keyed
    fill_days(service, SAMPLE_DAY, 1, random.Random(1), busy_days=0)
    first = build_handover(service.store, service.config, SAMPLE_DAY)
    again = build_handover(service.store, service.config, SAMPLE_DAY + timedelta(days=1))
    assert again.reused and again.chunks == first.chunks and again.seq == first.seq == 1
    service.add_wish([service.config.wish_topics[0].id])
    newer = build_handover(service.store, service.config, SAMPLE_DAY)
    assert newer.seq == 2 and newer.batch_id != first.batch_id
    _, _, header, _ = open_handover(newer, key)
    assert header.prev_text == first.batch_id and header.base_seq == 0
    # The state file stays small: record ids live in the outbox file.
    assert len(json.dumps(service.store.state.get(STATE_KEY))) < 2000


def test_receipt_marks_exactly_its_batch(keyed):
    service, key = keyed
    store, config = service.store, service.config
    fill_days(service, SAMPLE_DAY, 1, random.Random(2), busy_days=0)
    first = build_handover(store, config, SAMPLE_DAY)
    _, code_1, _, _ = open_handover(first, key)
    late = service.add_wish([config.wish_topics[1].id], "Noch ein Wunsch").record
    second = build_handover(store, config, SAMPLE_DAY)
    _, code_2, _, _ = open_handover(second, key)

    result = apply_receipt(store, config, code_1, today=SAMPLE_DAY)
    assert result.ok and result.seq == 1 and not result.already
    wishes = {w["id"]: w.get("received") for w in store.records("wish", SAMPLE_DAY, SAMPLE_DAY)}
    assert wishes.pop(late.id) is not True
    assert all(v is True for v in wishes.values())
    assert store.pending_days() == [SAMPLE_DAY]

    result = apply_receipt(store, config, f" {code_2[:3]}-{code_2[3:].lower()} ", today=SAMPLE_DAY)
    assert result.ok and result.seq == 2
    assert store.pending_days() == []
    again = apply_receipt(store, config, code_2, today=SAMPLE_DAY)
    assert again.ok and again.already and "schon bestätigt" in again.message


def test_a_newer_receipt_covers_the_older_batch(keyed):
    service, key = keyed
    store, config = service.store, service.config
    service.add_wish([config.wish_topics[0].id])
    first = build_handover(store, config, SAMPLE_DAY)
    service.add_wish([config.wish_topics[0].id])
    second = build_handover(store, config, SAMPLE_DAY)
    codes = [open_handover(h, key)[1] for h in (first, second)]
    assert apply_receipt(store, config, codes[1], today=SAMPLE_DAY).ok
    older = apply_receipt(store, config, codes[0], today=SAMPLE_DAY)
    assert older.ok and older.already and "neueren Paket" in older.message
    assert store.pending_days() == []


def test_personal_data_goes_only_after_a_receipt_and_only_past_retention(keyed):
    service, key = keyed
    store, config = service.store, service.config
    fill_days(service, SAMPLE_DAY, 1, random.Random(5))
    later = SAMPLE_DAY + timedelta(days=config.retention_days_after_occurrence + 3)
    cutoff = later - timedelta(days=config.retention_days_after_occurrence)
    handover = build_handover(store, config, SAMPLE_DAY)
    payload, code, _, _ = open_handover(handover, key)
    assert len(payload.signups) == len(_signups(store))

    assert not apply_receipt(store, config, "ZZZZZZ", today=later).ok
    assert all(s["name"] for s in _signups(store)), "a wrong code must not delete anything"

    result = apply_receipt(store, config, code, today=later)
    assert result.ok
    signups = _signups(store)
    old = [s for s in signups if date.fromisoformat(s["day"]) < cutoff]
    recent = [s for s in signups if date.fromisoformat(s["day"]) >= cutoff]
    assert old and recent
    assert result.purged == len(old)
    assert all(s["name"] == "" and s["phone"] == "" and s.get("purged") for s in old)
    assert all(s["name"] for s in recent)
    assert all(s["adults"] + s["children"] > 0 for s in old), "counts stay"


def test_overdue_signups_counts_what_waited_too_long(keyed):
    service, key = keyed
    store, config = service.store, service.config
    fill_days(service, SAMPLE_DAY, 1, random.Random(6), busy_days=0)
    made = len(_signups(store))
    assert made > 0
    assert overdue_signups(store, config, SAMPLE_DAY + timedelta(days=config.handover_warn_days - 1)) == 0
    assert overdue_signups(store, config, SAMPLE_DAY + timedelta(days=config.handover_warn_days)) == made
    handover = build_handover(store, config, SAMPLE_DAY)
    assert apply_receipt(store, config, open_handover(handover, key)[1], today=SAMPLE_DAY).ok
    assert overdue_signups(store, config, SAMPLE_DAY + timedelta(days=30)) == 0


def test_without_a_key_only_anonymous_data_leaves_and_the_screen_says_how_to_fix_it(tmp_path, shipped_config):
    service = make_service(tmp_path / "data", dataclasses.replace(shipped_config, sync_public_key=""))
    store, config = service.store, service.config
    fill_days(service, SAMPLE_DAY, 1, random.Random(8), busy_days=0)
    names = [s["name"] for s in _signups(store)]
    handover = build_handover(store, config, SAMPLE_DAY)
    assert handover.kind == "anonymous"
    assert handover.withheld_signups == len(names) > 0
    assert "kiosk keygen" in handover.notice and "public_key" in handover.notice
    payload, code, header, data = open_handover(handover, None)
    assert not header.encrypted and payload.signups == []
    assert sum(v[0] for v in payload.signup_counts.values()) == len(names)
    plain = zlib.decompress(data).decode("utf-8")
    assert not any(name in plain for name in names)

    assert apply_receipt(store, config, code, today=SAMPLE_DAY).ok
    assert all(s.get("received") is not True for s in _signups(store)), "sign-ups wait for the key"
    assert all(f.get("received") is True for f in store.records("feedback", SAMPLE_DAY, SAMPLE_DAY))
    assert overdue_signups(store, config, SAMPLE_DAY + timedelta(days=10)) == len(names)


def test_a_mangled_key_in_the_config_is_explained(tmp_path, shipped_config):
    service = make_service(tmp_path / "data", shipped_config, public_key="x25519:abc")
    service.add_wish([service.config.wish_topics[0].id])
    handover = build_handover(service.store, service.config, SAMPLE_DAY)
    assert handover.kind == "anonymous" and "falsch kopiert" in handover.notice


def test_nothing_pending_means_no_codes(keyed):
    service, _ = keyed
    handover = build_handover(service.store, service.config, SAMPLE_DAY)
    assert handover.empty and handover.kind == "nothing"
    assert "nichts Neues" in handover.summary()


def test_without_a_key_the_batches_do_not_grow_day_after_day(tmp_path, shipped_config):
    service = make_service(tmp_path / "data", dataclasses.replace(shipped_config, sync_public_key=""))
    store, config = service.store, service.config
    fill_days(service, SAMPLE_DAY, 1, random.Random(12), busy_days=0)
    first = build_handover(store, config, SAMPLE_DAY)
    payload, code, _, _ = open_handover(first)
    assert payload.feedback and payload.signup_counts
    assert apply_receipt(store, config, code, today=SAMPLE_DAY).ok
    # Sign-ups stay pending (no key), but what staff already hold is not sent again.
    assert store.pending_days()
    nothing_new = build_handover(store, config, SAMPLE_DAY)
    assert nothing_new.empty and nothing_new.withheld_signups > 0 and "Schlüssel" in nothing_new.notice
    tomorrow = SAMPLE_DAY + timedelta(days=1)
    service.clock = KioskClock(source=lambda: datetime.combine(tomorrow, time(11), BERLIN).timestamp())
    service.add_wish([config.wish_topics[0].id])
    next_day = build_handover(store, config, tomorrow)
    payload, _, _, _ = open_handover(next_day)
    assert not payload.signup_counts and not payload.feedback
    assert list(payload.wishes) == [tomorrow.isoformat()]
    assert sum(payload.wishes[tomorrow.isoformat()].values()) == 1
