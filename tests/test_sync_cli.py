"""The hand-over commands end to end: keygen → export → import → receipt → report."""

from __future__ import annotations

import re
import shutil
import sys
import time
from datetime import datetime

import pytest

from kiosk.cli import main
from kiosk.timezone import BERLIN
from tests.conftest import SHIPPED_CONFIG


@pytest.fixture
def office(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KIOSK_PASSPHRASE", "ein gutes Passwort")
    monkeypatch.delenv("KIOSK_DATA_DIR", raising=False)
    assert main(["keygen", "--out", str(tmp_path / "key")]) == 0
    out = capsys.readouterr().out
    line = next(l for l in out.splitlines() if l.startswith("public_key = "))
    assert re.fullmatch(r'public_key = "x25519:[A-Za-z0-9+/]{43}="', line)
    config = tmp_path / "config"
    shutil.copytree(SHIPPED_CONFIG, config)
    toml = config / "kiosk.toml"
    text = toml.read_text(encoding="utf-8")
    assert '\npublic_key = ""' in text
    toml.write_text(text.replace('\npublic_key = ""', "\n" + line), encoding="utf-8")
    return tmp_path


def test_keygen_refuses_to_overwrite_and_needs_matching_passphrases(office, monkeypatch, capsys):
    assert main(["keygen", "--out", str(office / "key")]) == 1
    assert "--force" in capsys.readouterr().err
    monkeypatch.setenv("KIOSK_PASSPHRASE", "kurz")
    assert main(["keygen", "--out", str(office / "key2")]) == 1
    assert "zu kurz" in capsys.readouterr().err


def test_whole_hand_over_from_the_command_line(office, capsys, monkeypatch):
    data, codes, staff = office / "data", office / "codes", office / "staff"
    common = ["--config", str(office / "config"), "--data", str(data)]
    assert main(["demo", *common, "--date", "2026-11-24", "--seed", "1"]) == 0
    # The kiosk's clock shows the demo day whatever day the tests run on (staff clock correction).
    from kiosk.store import KioskStore

    with KioskStore(data) as store:
        store.state.set("clock_offset_seconds", datetime(2026, 11, 24, 18, 0, tzinfo=BERLIN).timestamp() - time.time())
    assert main(["export", *common, "--out", str(codes), "--phone-lists"]) == 0
    out = capsys.readouterr().out
    pngs = sorted(codes.glob("kiosk-*.png"))
    assert 1 <= len(pngs) <= 3 and (codes / "chunks.txt").read_text().count("\n") == len(pngs)
    assert "Liste" in out and list((codes / "liste-aufs-handy").glob("*.png"))

    key = str(office / "key" / "kiosk-staff-key.pem")
    assert main(["import", "--key", key, "--store", str(staff), str(pngs[0])]) == 3
    assert "es fehl" in capsys.readouterr().out

    monkeypatch.setenv("KIOSK_PASSPHRASE", "falsches Passwort")
    assert main(["import", "--key", key, "--store", str(staff), *map(str, pngs)]) == 1
    assert "Das Passwort passt nicht" in capsys.readouterr().err
    monkeypatch.setenv("KIOSK_PASSPHRASE", "ein gutes Passwort")

    assert main(["import", "--key", key, "--store", str(staff), *map(str, pngs[1:])]) == 0
    lines = capsys.readouterr().out.splitlines()
    code = lines[-1]
    assert re.fullmatch(r"[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{6}", code)

    assert main(["receipt", *common, "ABCDEF"]) == 1
    assert "passt nicht" in capsys.readouterr().err
    assert main(["receipt", *common, code]) == 0
    assert "angekommen" in capsys.readouterr().out
    assert main(["export", *common, "--out", str(office / "codes2")]) == 0
    assert "nichts Neues" in capsys.readouterr().out

    assert main(["report", "--config", str(office / "config"), "--store", str(staff), "--out", str(office / "report")]) == 0
    assert (office / "report" / "anmeldungen.csv").exists()
    assert (office / "report" / "anwesenheit" / "index.html").exists()


def test_import_needs_sources_and_report_needs_a_store(tmp_path, capsys):
    assert main(["import", "--store", str(tmp_path / "s")]) == 1
    assert "--camera" in capsys.readouterr().err
    assert main(["report", "--store", str(tmp_path / "leer"), "--out", str(tmp_path / "r")]) == 1
    assert "kiosk import" in capsys.readouterr().err


def test_camera_without_opencv_says_how_to_install_it(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "cv2", None)  # import cv2 → ImportError
    assert main(["import", "--camera", "--store", str(tmp_path / "s")]) == 1
    err = capsys.readouterr().err
    assert "pip install" in err and "opencv-python" in err
