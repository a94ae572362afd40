"""Round trip at scale: four kiosks, a week without hand-over, through PNG and phone photos.

export → PNG → decode (zxing-cpp) → import → report must equal what the
kiosks stored, record for record.
"""

from __future__ import annotations

import csv
import random
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import SAMPLE_DAY
from tests.sync_helpers import PhotoParams, fill_days, kiosk_truth, make_service, on_screen, phone_photo

from kiosk.sync import crypto
from kiosk.sync.handover import build_handover, write_symbols
from kiosk.sync.importer import import_sources
from kiosk.sync.qr_symbols import MAX_VERSION, MODULE_PX, side_px
from kiosk.sync.receipt import apply_receipt
from kiosk.sync.report import write_reports
from kiosk.sync.staff_store import StaffStore

KIOSKS = ("huels-sued", "drewer", "brassert", "hamm")


@pytest.fixture(scope="module")
def week(tmp_path_factory, request):
    from kiosk.config import load_config
    from tests.conftest import SHIPPED_CONFIG

    config = load_config(SHIPPED_CONFIG)
    root = tmp_path_factory.mktemp("week")
    key = crypto.generate_keypair()
    public = crypto.public_key_text(key.public_key())
    services, handovers = {}, {}
    for n, kiosk_id in enumerate(KIOSKS):
        service = make_service(root / kiosk_id, config, kiosk_id, public)
        # The first kiosk has seven busy days in a row; the others one busy day and six quieter ones.
        fill_days(service, SAMPLE_DAY, 7, random.Random(n), busy_days=7 if n == 0 else 1)
        services[kiosk_id] = service
        handover = build_handover(service.store, service.config, SAMPLE_DAY + timedelta(days=7))
        write_symbols(handover, root / "codes" / kiosk_id)
        handovers[kiosk_id] = handover
    return {"root": root, "key": key, "services": services, "handovers": handovers, "config": config}


def test_every_symbol_fits_the_screen_rule(week):
    for kiosk_id, handover in week["handovers"].items():
        assert handover.kind == "encrypted"
        pngs = sorted((week["root"] / "codes" / kiosk_id).glob("*.png"))
        assert len(pngs) == len(handover.chunks) > 1
        for path in pngs:
            with Image.open(path) as img:
                assert img.width == img.height <= side_px(MAX_VERSION, MODULE_PX) <= 720


def test_week_of_four_kiosks_arrives_record_for_record(week):
    staff = StaffStore(week["root"] / "staff")
    report = import_sources([week["root"] / "codes"], staff, lambda: week["key"])
    assert report.ok, report.notes
    assert sorted(o.status for o in report.outcomes) == ["imported"] * 4
    assert not report.notes
    week["receipts"] = {o.kiosk_id: o.receipt for o in report.outcomes}

    truth_signups, truth_votes, truth_wishes = {}, Counter(), Counter()
    for service in week["services"].values():
        signups, votes, wishes = kiosk_truth(service.store)
        truth_signups.update({(s["kiosk_id"], i): s for i, s in signups.items()})
        truth_votes += votes
        truth_wishes += wishes
    assert len(truth_signups) > 200 and sum(truth_votes.values()) > 4000

    got_signups = {(s["kiosk_id"], s["id"]): {k: v for k, v in s.items() if k != "kind"} for s in staff.signups()}
    assert got_signups == truth_signups
    got_votes = Counter()
    for kiosk, day, hour, offer, score, n in staff.feedback():
        got_votes[(kiosk, day, hour, offer, score)] += n
    assert got_votes == truth_votes
    got_wishes = Counter()
    for kiosk, day, hour, topics, text, n in staff.wishes():
        got_wishes[(kiosk, day, hour, topics, text)] += n
    assert got_wishes == truth_wishes

    # ... and the spreadsheets say the same.
    out = week["root"] / "report"
    write_reports(staff, out, week["config"])
    rows = _csv(out / "anmeldungen.csv")
    assert len(rows) == len(truth_signups)
    for row in rows:
        want = truth_signups[(row["Kiosk"], row["Eintrags-Kennung"])]
        assert row["Name"] == want["name"]
        assert row["Telefon"].lstrip("'") == want["phone"]
        assert row["E-Mail"] == want["email"]
        assert (int(row["Erwachsene"]), int(row["Kinder"])) == (want["adults"], want["children"])
        assert row["Datum"] == date.fromisoformat(want["day"]).strftime("%d.%m.%Y")
        assert row["Status"] == {"confirmed": "angemeldet", "waiting": "Warteliste"}[want["status"]]
    titles = {o.id: o.title.get("de") for o in week["config"].offers}
    per_day = Counter()
    for (kiosk, day, hour, offer, score), n in truth_votes.items():
        per_day[(kiosk, date.fromisoformat(day).strftime("%d.%m.%Y"), titles.get(offer, "Das Haus allgemein"), score)] += n
    from_csv = Counter()
    for row in _csv(out / "feedback-tage.csv"):
        for score in range(1, week["config"].feedback_scale + 1):
            head = next(h for h in row if h.startswith(f"Smiley {score}"))
            if int(row[head]):
                from_csv[(row["Kiosk"], row["Datum"], row["Angebot"], score)] += int(row[head])
    assert from_csv == per_day
    assert len(_csv(out / "wuensche.csv")) == sum(truth_wishes.values())


def test_importing_the_same_codes_again_changes_nothing(week):
    staff_dir = week["root"] / "staff"
    before = (staff_dir / "staff-store.json").read_bytes()
    report = import_sources([week["root"] / "codes"], StaffStore(staff_dir), lambda: week["key"])
    assert sorted(o.status for o in report.outcomes) == ["already"] * 4
    assert {o.kiosk_id: o.receipt for o in report.outcomes} == week["receipts"]
    assert (staff_dir / "staff-store.json").read_bytes() == before


def test_receipts_clear_every_kiosk(week):
    for kiosk_id, service in week["services"].items():
        result = apply_receipt(service.store, service.config, week["receipts"][kiosk_id].lower(),
                               today=SAMPLE_DAY + timedelta(days=7))
        assert result.ok, result.message
        assert service.store.pending_days() == []
        assert build_handover(service.store, service.config).empty


@pytest.fixture(scope="module")
def busy_day(tmp_path_factory, shipped_config_module):
    root = tmp_path_factory.mktemp("busy")
    key = crypto.generate_keypair()
    service = make_service(root / "data", shipped_config_module, public_key=crypto.public_key_text(key.public_key()))
    fill_days(service, SAMPLE_DAY, 1, random.Random(7))
    handover = build_handover(service.store, service.config, SAMPLE_DAY)
    paths = write_symbols(handover, root / "codes")
    return {"root": root, "key": key, "service": service, "handover": handover, "pngs": paths[:-1]}


@pytest.fixture(scope="module")
def shipped_config_module():
    from kiosk.config import load_config
    from tests.conftest import SHIPPED_CONFIG

    return load_config(SHIPPED_CONFIG)


def test_a_busy_day_fits_in_three_symbols(busy_day):
    counts = busy_day["handover"].counts
    assert counts["signups"] >= 55 and counts["feedback"] >= 390 and counts["wishes"] == 30
    assert len(busy_day["handover"].chunks) <= 3


def test_phone_photos_of_the_screen_still_decode(busy_day, tmp_path):
    rng = random.Random(11)
    photos = []
    for i, png in enumerate(busy_day["pngs"]):
        with Image.open(png) as img:
            screen = on_screen(img)
        params = PhotoParams(scale=0.7, blur=0.9, angle=(-8, 5, 9)[i % 3], keystone=0.1, contrast=0.7,
                             noise=10, jpeg=75, glare=0.4)
        photo = phone_photo(screen, params, rng)
        path = tmp_path / f"IMG_{i:04d}.jpg"
        photo.save(path, "JPEG", quality=85)
        photos.append(path)
    report = import_sources(list(reversed(photos)), StaffStore(tmp_path / "staff"), lambda: busy_day["key"])
    assert [o.status for o in report.outcomes] == ["imported"], report.notes
    assert report.outcomes[0].batch_id == busy_day["handover"].batch_id


def _csv(path: Path) -> list[dict]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
