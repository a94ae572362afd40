"""Reports that German Excel opens correctly, attendance lists, phone lists."""

from __future__ import annotations

import csv
import dataclasses
import random
from collections import Counter
from datetime import date, timedelta

from tests.conftest import SAMPLE_DAY
from tests.sync_helpers import fill_days, make_service

from kiosk.sync.batch import Payload
from kiosk.sync.envelope import KIND_ENCRYPTED, Header
from kiosk.sync.ids import new_batch_id
from kiosk.sync.decode import read_image
from kiosk.sync.phone_lists import list_texts, max_text_bytes, phone_list_texts
from kiosk.sync.qr_symbols import render_symbol
from kiosk.sync.report import safe_cell, write_reports
from kiosk.sync.staff_store import StaffStore


def _signup(i, **changes):
    record = {"kind": "signup", "id": f"id{i}", "kiosk_id": "huels-sued", "offer_id": "cafe", "day": "2026-11-25",
              "name": f"Gast {i}", "phone": "+491711234567", "email": "", "adults": 2, "children": 1, "note": "",
              "consent_version": "2026-01", "created": "2026-11-24T10:15:00+01:00", "status": "confirmed",
              "minor": False, "guardian_name": "", "source": "kiosk"}
    record.update(changes)
    return record


def _staff_with(tmp_path, payload: Payload, seq=1) -> StaffStore:
    staff = StaffStore(tmp_path / "staff")
    header = Header(KIND_ENCRYPTED, new_batch_id(), seq, 0, bytes(5), SAMPLE_DAY, payload.kiosk_id)
    staff.merge(header, payload, "ABCDEF")
    staff.save()
    return staff


def _rows(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, else Excel garbles umlauts"
    text = raw.decode("utf-8-sig")
    assert "\r\n" in text
    return list(csv.reader(text.splitlines(), delimiter=";"))


def test_formula_like_cells_are_made_harmless():
    for dangerous in ("=1+1", "+49171", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell(dangerous) == "'" + dangerous
    assert safe_cell("Anna") == "Anna"
    assert safe_cell(3) == 3
    assert safe_cell(2.5) == "2,5"
    assert safe_cell(True) == "ja"


def test_signup_csv_is_german_excel_ready(tmp_path, shipped_config):
    payload = Payload("huels-sued", signups=[
        _signup(1, name="=HYPERLINK(\"http://böse\")", note="@chef; bitte \"anrufen\""),
        _signup(2, name="Jürgen Schäfer", status="waiting", day="2026-11-26"),
    ])
    write_reports(_staff_with(tmp_path, payload), tmp_path / "out", shipped_config)
    rows = _rows(tmp_path / "out" / "anmeldungen.csv")
    header, first, second = rows
    assert header[:4] == ["Angebot", "Datum", "Status", "Name"]
    assert first[1] == "25.11.2026" and first[3] == "'=HYPERLINK(\"http://böse\")"
    assert first[header.index("Telefon")] == "'+491711234567"
    assert first[header.index("Notiz")] == "'@chef; bitte \"anrufen\""
    assert first[header.index("Angemeldet am")] == "24.11.2026 10:15"
    assert second[3] == "Jürgen Schäfer" and second[2] == "Warteliste"
    counts = _rows(tmp_path / "out" / "anmeldungen-zahlen.csv")
    assert counts[1][:8] == [shipped_config.offer("cafe").title.get("de"), "25.11.2026", "1", "2", "1", "3", "0", "0"]


def test_feedback_and_wishes_csv(tmp_path, shipped_config):
    payload = Payload("huels-sued")
    payload.feedback = {"2026-11-24": Counter({(10, "cafe", 3): 3, (11, "cafe", 1): 1, (12, None, 2): 2})}
    payload.wishes = {"2026-11-24": Counter({(15, ("sport", "feste"), "-Mehr Bänke"): 2})}
    write_reports(_staff_with(tmp_path, payload), tmp_path / "out", shipped_config)
    feedback = _rows(tmp_path / "out" / "feedback.csv")
    cafe = next(r for r in feedback if r[0] == shipped_config.offer("cafe").title.get("de"))
    assert cafe[1:] == ["4", "1", "0", "3", "2,5"]
    house = next(r for r in feedback if r[0] == "Das Haus allgemein")
    assert house[1] == "2"
    wishes = _rows(tmp_path / "out" / "wuensche.csv")
    assert len(wishes) == 3 and wishes[1][1] == "24.11.2026" and wishes[1][2] == "15–16 Uhr"
    assert wishes[1][4] == "'-Mehr Bänke"
    topics = dict(_rows(tmp_path / "out" / "wuensche-themen.csv")[1:])
    assert topics == {shipped_config.topic("sport").label.get("de"): "2", shipped_config.topic("feste").label.get("de"): "2"}


def test_attendance_list_is_printable_html(tmp_path, shipped_config):
    payload = Payload("huels-sued", signups=[_signup(1, name="<b>Ali</b> & Co"), _signup(2, status="waiting")])
    write_reports(_staff_with(tmp_path, payload), tmp_path / "out", shipped_config)
    page = (tmp_path / "out" / "anwesenheit" / "2026-11-25-cafe.html").read_text(encoding="utf-8")
    assert "@page" in page and "25.11.2026" in page
    assert "&lt;b&gt;Ali&lt;/b&gt; &amp; Co" in page and "<b>Ali" not in page
    assert page.index("Warteliste") < page.index("Gast 2")
    assert "2026-11-25-cafe.html" in (tmp_path / "out" / "anwesenheit" / "index.html").read_text(encoding="utf-8")


def test_newer_signup_version_wins_and_purged_copies_keep_names(tmp_path):
    staff = _staff_with(tmp_path, Payload("k", signups=[_signup(1, status="waiting")]), seq=1)
    header = Header(KIND_ENCRYPTED, new_batch_id(), 2, 1, bytes(5), SAMPLE_DAY, "k")
    staff.merge(header, Payload("k", signups=[_signup(1, status="confirmed", name="", phone="", purged=True)]), "X")
    old = Header(KIND_ENCRYPTED, new_batch_id(), 1, 0, bytes(5), SAMPLE_DAY, "k")
    staff.merge(old, Payload("k", signups=[_signup(1, status="waiting", name="Alt")]), "Y")
    (record,) = staff.signups()
    assert record["status"] == "confirmed" and record["name"] == "Gast 1" and record["phone"] == "+491711234567"


def test_phone_lists_split_long_lists_and_respect_the_switch(tmp_path, shipped_config):
    many = [_signup(i, name=f"Teilnehmerin mit langem Namen Nr. {i}", note="bringt Kuchen mit") for i in range(40)]
    texts = list_texts("Sozialraum-Café", "Di 24.11.2026, 15:00–17:00", many, max_text_bytes())
    assert len(texts) > 1
    assert all(len(t.encode("utf-8")) <= max_text_bytes() for t in texts)
    assert all(t.startswith("Sozialraum-Café\n") and f"(Teil {i}/{len(texts)})" in t for i, t in enumerate(texts, 1))
    joined = "\n".join(texts)
    assert all(joined.count(f"Nr. {i} –") == 1 for i in range(40))
    assert read_image(render_symbol(texts[0])) == [texts[0]]

    service = make_service(tmp_path / "data", shipped_config)
    fill_days(service, SAMPLE_DAY, 1, random.Random(2), busy_days=0)
    lists = phone_list_texts(service.store, service.config, SAMPLE_DAY, SAMPLE_DAY + timedelta(days=6))
    assert lists and all(isinstance(pl.day, date) for pl in lists)
    names = {s["name"] for s in service.store.records("signup", SAMPLE_DAY, SAMPLE_DAY + timedelta(days=6))}
    assert all(any(name in t for pl in lists for t in pl.texts) for name in names)
    off = dataclasses.replace(service.config, sync_phone_lists=False)
    assert phone_list_texts(service.store, off, SAMPLE_DAY, SAMPLE_DAY + timedelta(days=6)) == []
