"""The wire format: Base45, chunk strings, the envelope and the compact payload."""

from __future__ import annotations

import os
import random
import zlib
from collections import Counter
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.sync import batch, chunks, crypto, envelope
from kiosk.sync.base45 import b45decode, b45encode
from kiosk.sync.chunks import ChunkCollector, format_chunk, parse_chunk, split_envelope
from kiosk.sync.errors import ChunkError, KeyProblem, SyncError
from kiosk.sync.ids import CODE_ALPHABET, batch_id_text, new_batch_id
from kiosk.sync.qr_symbols import capacity


# --------------------------------------------------------------------------- Base45


@pytest.mark.parametrize("raw, text", [
    (b"AB", "BB8"), (b"Hello!!", "%69 VD92EX0"), (b"base-45", "UJCLQE7W581"), (b"ietf!", "QED8WEX0"), (b"", ""),
])
def test_base45_matches_rfc_9285_examples(raw, text):
    assert b45encode(raw) == text
    assert b45decode(text) == raw


@given(st.binary(max_size=300))
def test_base45_round_trips_any_bytes(data):
    assert b45decode(b45encode(data)) == data


@pytest.mark.parametrize("bad", ["GGW", "A", "ab", "ÄÄÄ", "::::"])
def test_base45_rejects_invalid_text_with_chunk_error(bad):
    with pytest.raises(ChunkError):
        b45decode(bad)


# --------------------------------------------------------------------------- chunks


def _split(data: bytes, chars: int = 400) -> tuple[str, list[str]]:
    batch_id = batch_id_text(new_batch_id())
    return batch_id, split_envelope(batch_id, data, chars)


def test_chunks_are_self_describing_and_use_only_qr_alphanumeric_characters():
    batch_id, texts = _split(os.urandom(1000))
    assert len(texts) > 1
    alnum = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
    for i, text in enumerate(texts, start=1):
        assert set(text) <= alnum
        assert len(text) <= 400
        chunk = parse_chunk(text)
        assert (chunk.batch_id, chunk.index, chunk.total) == (batch_id, i, len(texts))
        assert text.startswith(f"HSK1:{batch_id}:{i}/{len(texts)}:")


def test_split_uses_as_few_chunks_as_fit():
    data = os.urandom(2000)
    for chars in (300, 700, 1451):
        _, texts = _split(data, chars)
        room = chunks.max_data_bytes(chars, len(texts))
        assert len(texts) - 1 < len(data) / room <= len(texts)


def test_collector_reassembles_in_any_order_with_duplicates_and_other_batches():
    data_a, data_b = os.urandom(1500), os.urandom(900)
    id_a, a = _split(data_a)
    id_b, b = _split(data_b)
    mixed = a + b + a[:2] + ["https://example.org/not-a-kiosk-code"]
    random.Random(4).shuffle(mixed)
    collector = ChunkCollector()
    statuses = Counter(collector.add(text).status for text in mixed)
    assert statuses == Counter(new=len(a) + len(b), duplicate=2, invalid=1)
    assert collector.batches[id_a].envelope() == data_a
    assert collector.batches[id_b].envelope() == data_b


def test_progress_names_the_missing_parts_in_german():
    _, texts = _split(os.urandom(1600), 600)
    assert len(texts) == 5
    collector = ChunkCollector()
    for i in (0, 2, 4):
        collector.add(texts[i])
    partial = next(iter(collector.batches.values()))
    assert partial.progress() == "3 von 5 gelesen, es fehlen 2 und 4"
    collector.add(texts[1])
    assert partial.progress() == "4 von 5 gelesen, es fehlt 4"
    with pytest.raises(ChunkError, match="es fehlt 4"):
        partial.envelope()


def test_tampered_and_truncated_chunks_are_refused():
    _, texts = _split(os.urandom(600))
    text = texts[0]
    data_start = len("HSK1:") + 9 + len(f"1/{len(texts)}:")
    flipped = text[:data_start] + ("A" if text[data_start] != "A" else "B") + text[data_start + 1:]
    for bad in (flipped, text[:-3], text[: len(text) // 2], text.replace("HSK1", "HSK2")):
        with pytest.raises(ChunkError):
            parse_chunk(bad)


def test_lower_case_and_surrounding_whitespace_are_forgiven():
    _, texts = _split(os.urandom(100))
    assert parse_chunk("  " + texts[0].lower() + "\r\n").data == parse_chunk(texts[0]).data


def test_conflicting_copies_of_one_part_are_reported_not_mixed():
    batch_id = batch_id_text(new_batch_id())
    first = format_chunk(batch_id, 1, 2, b"abcd")
    other = format_chunk(batch_id, 1, 2, b"wxyz")
    wrong_total = format_chunk(batch_id, 2, 3, b"efgh")
    collector = ChunkCollector()
    assert collector.add(first).status == "new"
    assert collector.add(other).status == "conflict"
    assert collector.add(wrong_total).status == "conflict"
    assert collector.batches[batch_id].parts[1].data == b"abcd"
    assert collector.batches[batch_id].missing == [2]


@settings(max_examples=400, deadline=None)
@given(st.one_of(
    st.text(max_size=200),
    st.binary(max_size=200),
    st.builds(lambda body, crc: f"HSK1:{body}:{crc}", st.text(alphabet="0123456789ABCDEFGHJK/: $%*+-.", max_size=80),
              st.text(alphabet="0123456789ABCDEF", min_size=8, max_size=8)),
    st.builds(lambda data: format_chunk("ABCDEFGH", 1, 1, data), st.binary(min_size=1, max_size=40))
    .flatmap(lambda text: st.integers(0, len(text)).map(lambda cut: text[:cut])),
))
def test_fuzzed_chunk_parser_raises_only_chunk_error(text):
    try:
        chunk = parse_chunk(text)
    except ChunkError as error:
        assert str(error)  # a German sentence, never empty
    else:
        assert chunk.data and 1 <= chunk.index <= chunk.total


# --------------------------------------------------------------------------- envelope


def _header(kind=envelope.KIND_ENCRYPTED, seq=3, kiosk="huels-sued"):
    return envelope.Header(kind, new_batch_id(), seq, 1, new_batch_id(), date(2026, 11, 24), kiosk)


def test_encrypted_envelope_opens_only_with_the_right_key_and_gives_the_same_receipt():
    staff = crypto.generate_keypair()
    raw, receipt = envelope.build(_header(), b"payload", staff.public_key())
    assert b"payload" not in raw
    env = envelope.parse(raw)
    assert env.header.kiosk_id == "huels-sued" and env.header.seq == 3
    payload, receipt_there = envelope.open_payload(env, staff)
    assert (payload, receipt_there) == (b"payload", receipt)
    assert len(receipt) == 6 and set(receipt) <= set(CODE_ALPHABET)
    with pytest.raises(KeyProblem, match="anderen Schlüssel"):
        envelope.open_payload(env, crypto.generate_keypair())


@pytest.mark.parametrize("position", [1, 5, 20, -40, -1])
def test_any_flipped_byte_in_an_envelope_is_detected(position):
    staff = crypto.generate_keypair()
    for kind, key in ((envelope.KIND_ENCRYPTED, staff.public_key()), (envelope.KIND_ANONYMOUS, None)):
        raw, _ = envelope.build(_header(kind), b"some payload bytes", key)
        bad = bytearray(raw)
        bad[position] ^= 0x01
        with pytest.raises(SyncError):
            envelope.open_payload(envelope.parse(bytes(bad)), staff)


def test_anonymous_envelope_is_verified_by_its_digest():
    raw, receipt = envelope.build(_header(envelope.KIND_ANONYMOUS), b"anonymous", None)
    payload, again = envelope.open_payload(envelope.parse(raw), None)
    assert (payload, again) == (b"anonymous", receipt)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_fuzzed_envelopes_and_payloads_raise_only_sync_errors(raw):
    try:
        env = envelope.parse(raw)
        envelope.open_payload(env, crypto.generate_keypair())
    except SyncError:
        pass
    try:
        batch.decode(zlib.compress(raw), "k")
    except SyncError:
        pass


# --------------------------------------------------------------------------- payload


def _signup(i: int, **changes) -> dict:
    record = {"kind": "signup", "id": f"{i:016x}", "kiosk_id": "huels-sued", "offer_id": "cafe",
              "day": "2026-11-25", "name": f"Gast Nummer {i}", "phone": "+491711234567", "email": "",
              "adults": 1, "children": i % 3, "note": "", "consent_version": "2026-01",
              "created": "2026-11-24T10:15:00+01:00", "status": "confirmed", "minor": False,
              "guardian_name": "", "source": "kiosk"}
    record.update(changes)
    return record


def test_payload_round_trips_exactly_including_unusual_fields():
    payload = batch.Payload("huels-sued")
    payload.signups = [
        _signup(1),
        _signup(2, created="2026-03-29T03:05:00+02:00", day="2026-03-29", status="waiting"),  # DST day
        _signup(3, created="not a date", extra_field=[1, 2], name="=HYPERLINK(\"x\")"),
        _signup(4, id="kurz", purged=True, name=""),
    ]
    payload.feedback = {"2026-11-24": Counter({(10, "cafe", 3): 4, (10, None, 1): 1, (17, "cafe", 5): 2})}
    payload.wishes = {"2026-11-24": Counter({(11, ("sport", "feste"), "Mehr Bänke"): 2, (12, ("sport",), ""): 1})}
    decoded = batch.decode(batch.encode(payload), "huels-sued")
    key = lambda r: r["id"]  # noqa: E731
    assert sorted(decoded.signups, key=key) == sorted(payload.signups, key=key)
    assert decoded.feedback == payload.feedback
    assert decoded.wishes == payload.wishes


def test_signup_counts_round_trip():
    payload = batch.Payload("k")
    payload.signup_counts = {("cafe", "2026-11-25", "confirmed"): (3, 4, 2), ("cafe", "2026-11-25", "waiting"): (1, 1, 0)}
    assert batch.decode(batch.encode(payload), "k").signup_counts == payload.signup_counts


def test_encoding_is_deterministic():
    payload = batch.Payload("k", signups=[_signup(i) for i in range(5)])
    shuffled = batch.Payload("k", signups=list(reversed(payload.signups)))
    assert batch.encode(payload) == batch.encode(shuffled)


def test_capacity_table_matches_known_qr_figures():
    # ISO/IEC 18004 table 7: version 25-M holds 1451 alphanumeric characters or 997 bytes.
    assert capacity(25, "M", "alnum") == 1451
    assert capacity(25, "M", "byte") == 997
    assert capacity(10, "L", "alnum") == 395
