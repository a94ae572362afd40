"""Every bad input gets a clear German message and changes nothing."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

import pytest
import qrcode
from PIL import Image

from tests.conftest import SAMPLE_DAY, SHIPPED_CONFIG
from tests.sync_helpers import fill_days, kiosk_truth, make_service

from kiosk.sync import crypto
from kiosk.sync.chunks import format_chunk, parse_chunk
from kiosk.sync.errors import KeyProblem
from kiosk.sync.handover import build_handover
from kiosk.sync.importer import format_report, import_sources
from kiosk.sync.receipt import apply_receipt
from kiosk.sync.staff_store import STORE_FILE, StaffStore


@pytest.fixture(scope="module")
def kiosk(tmp_path_factory):
    from kiosk.config import load_config

    config = load_config(SHIPPED_CONFIG)
    root = tmp_path_factory.mktemp("bad")
    key = crypto.generate_keypair()
    public = crypto.public_key_text(key.public_key())
    service = make_service(root / "data", config, public_key=public)
    fill_days(service, SAMPLE_DAY, 1, random.Random(3))
    handover = build_handover(service.store, service.config, SAMPLE_DAY)
    assert len(handover.chunks) == 3
    other = make_service(root / "other", config, kiosk_id="drewer", public_key=public)
    fill_days(other, SAMPLE_DAY, 1, random.Random(4), busy_days=0)
    other_handover = build_handover(other.store, other.config, SAMPLE_DAY)
    return {"root": root, "key": key, "service": service, "chunks": list(handover.chunks),
            "batch": handover.batch_id, "other": list(other_handover.chunks), "other_service": other}


def _run(tmp_path: Path, lines: list[str], key, name="codes.txt", store="staff"):
    source = tmp_path / name
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    staff = StaffStore(tmp_path / store)
    report = import_sources([source], staff, (lambda: key) if key is not None else None)
    return report, staff, "\n".join(format_report(report))


def _nothing_stored(staff: StaffStore) -> bool:
    return not staff.data["batches"] and not staff.signups() and not list(staff.feedback())


def test_missing_chunk_is_named_and_the_rest_waits_for_the_next_run(kiosk, tmp_path):
    c = kiosk["chunks"]
    report, staff, text = _run(tmp_path, [c[2], c[0]], kiosk["key"])
    assert [o.status for o in report.outcomes] == ["incomplete"]
    assert "2 von 3 gelesen, es fehlt 2" in text
    assert "vom Kiosk huels-sued (Nr. 1)" in text
    assert _nothing_stored(staff)
    # The missing photo arrives later on its own: the batch completes from the inbox.
    report, staff, text = _run(tmp_path, [c[1]], kiosk["key"], name="later.txt")
    assert [o.status for o in report.outcomes] == ["imported"]
    assert len(staff.signups()) == len(kiosk_truth(kiosk["service"].store)[0]) > 50
    assert staff.inbox() == {}


def test_duplicated_and_reordered_chunks_import_once(kiosk, tmp_path):
    c = kiosk["chunks"]
    report, staff, _ = _run(tmp_path, [c[2], c[0], c[2], c[1], c[0]], kiosk["key"])
    assert [o.status for o in report.outcomes] == ["imported"]
    assert report.chunks_read == 3


def test_truncated_chunk_is_refused_with_a_message(kiosk, tmp_path):
    c = kiosk["chunks"]
    report, staff, text = _run(tmp_path, [c[0], c[1][: len(c[1]) // 2], c[2]], kiosk["key"])
    assert "unvollständig oder beschädigt" in text
    assert "es fehlt 2" in text
    assert _nothing_stored(staff)


def test_tampered_chunk_with_a_forged_checksum_fails_as_a_whole(kiosk, tmp_path):
    c = kiosk["chunks"]
    chunk = parse_chunk(c[1])
    forged_data = bytes([chunk.data[0] ^ 0x40]) + chunk.data[1:]
    forged = format_chunk(chunk.batch_id, chunk.index, chunk.total, forged_data)
    report, staff, text = _run(tmp_path, [c[0], forged, c[2]], kiosk["key"])
    assert [o.status for o in report.outcomes] == ["failed"]
    assert "nicht entschlüsseln" in text and "nichts übernommen" in text
    assert _nothing_stored(staff) and staff.inbox() == {}
    assert not report.ok


def test_chunks_of_another_kiosk_mixed_in_are_sorted_out(kiosk, tmp_path):
    c, other = kiosk["chunks"], kiosk["other"]
    lines = [c[0], *other, c[2]]
    random.Random(1).shuffle(lines)
    report, staff, text = _run(tmp_path, lines, kiosk["key"])
    statuses = {o.batch_id: o.status for o in report.outcomes}
    assert statuses[kiosk["batch"]] == "incomplete"
    assert sorted(statuses.values()) == ["imported", "incomplete"]
    assert {s["kiosk_id"] for s in staff.signups()} == {"drewer"}


def test_foreign_qr_codes_empty_pictures_and_broken_files_get_a_note(kiosk, tmp_path):
    folder = tmp_path / "fotos"
    folder.mkdir()
    qrcode.make("https://www.marl.de/").save(folder / "plakat.png")
    Image.new("RGB", (300, 200), "white").save(folder / "leer.jpg")
    (folder / "kaputt.png").write_bytes(b"\x89PNG not really")
    staff = StaffStore(tmp_path / "staff")
    report = import_sources([folder, tmp_path / "gibt-es-nicht"], staff, lambda: kiosk["key"])
    text = "\n".join(format_report(report))
    assert "plakat.png: Das ist kein Code vom Kiosk." in text
    assert "leer.jpg: kein QR-Code gefunden" in text
    assert "kaputt.png: das ist kein lesbares Bild" in text
    assert "gibt-es-nicht: diese Datei oder diesen Ordner gibt es nicht" in text
    assert "Keine Kiosk-Codes gefunden." in text
    assert _nothing_stored(staff)


def test_wrong_key_stops_before_anything_is_written(kiosk, tmp_path):
    with pytest.raises(KeyProblem, match="anderen Schlüssel"):
        _run(tmp_path, kiosk["chunks"], crypto.generate_keypair())
    assert not (tmp_path / "staff" / STORE_FILE).exists()


def test_wrong_passphrase_is_a_clear_key_problem(kiosk, tmp_path):
    path = tmp_path / "key.pem"
    crypto.save_private_key(kiosk["key"], path, "richtiges-passwort")
    with pytest.raises(KeyProblem, match="Das Passwort passt nicht"):
        crypto.load_private_key(path, "falsches-passwort")
    loaded = crypto.load_private_key(path, "richtiges-passwort")
    assert crypto.key_id(loaded.public_key()) == crypto.key_id(kiosk["key"].public_key())
    with pytest.raises(KeyProblem, match="gibt es nicht"):
        crypto.load_private_key(tmp_path / "fehlt.pem", "x")
    (tmp_path / "fremd.pem").write_text("hallo")
    with pytest.raises(KeyProblem, match="keine Schlüsseldatei"):
        crypto.load_private_key(tmp_path / "fremd.pem", "x")
    with pytest.raises(KeyProblem, match="zu kurz"):
        crypto.save_private_key(kiosk["key"], tmp_path / "k2.pem", "kurz")


@pytest.mark.parametrize("code, words", [
    ("ABCDEF", "passt nicht"), ("ABC", "6 Zeichen"), ("AB0DE1", "kein I, O, 0 und 1"), ("", "6 Zeichen"),
])
def test_wrong_receipt_codes_are_refused_and_delete_nothing(kiosk, code, words):
    store = kiosk["service"].store
    pending = store.pending_days()
    result = apply_receipt(store, kiosk["service"].config, code, today=SAMPLE_DAY + timedelta(days=30))
    assert not result.ok and words in result.message
    assert store.pending_days() == pending
    assert all(s["name"] for s in store.records("signup", SAMPLE_DAY, SAMPLE_DAY + timedelta(days=7)))


def test_a_batch_whose_predecessor_never_arrived_is_noticed(tmp_path, shipped_config):
    key = crypto.generate_keypair()
    service = make_service(tmp_path / "data", shipped_config, public_key=crypto.public_key_text(key.public_key()))
    store, config = service.store, service.config
    topic = config.wish_topics[0].id
    service.add_wish([topic])
    first = build_handover(store, config, SAMPLE_DAY)
    service.add_wish([topic])
    second = build_handover(store, config, SAMPLE_DAY)
    assert (first.seq, second.seq) == (1, 2)
    # Batch 1 was never confirmed, so batch 2 holds it all: a note, nothing lost.
    report, staff, text = _run(tmp_path, list(second.chunks), key, store="pc-a")
    assert "Paket Nr. 1 dieses Kiosks wurde hier nie eingelesen" in text and "es fehlt nichts" in text
    assert sum(n for *_, n in staff.wishes()) == 2
    # Batch 2 confirmed at the kiosk; batch 3 then goes to another PC that never saw batch 2.
    assert apply_receipt(store, config, report.receipts[0], today=SAMPLE_DAY).ok
    service.add_wish([topic])
    third = build_handover(store, config, SAMPLE_DAY)
    report, staff, text = _run(tmp_path, list(third.chunks), key, name="c3.txt", store="pc-b")
    assert "Paket Nr. 2 des Kiosks huels-sued wurde hier nie eingelesen, am Kiosk aber schon bestätigt" in text
