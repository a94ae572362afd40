"""The ``kiosk`` command line on the shipped config."""

from __future__ import annotations

import shutil
import subprocess
import sys

from kiosk.cli import main
from tests.conftest import SHIPPED_CONFIG


def test_check_shipped_config(capsys):
    assert main(["check", "--config", str(SHIPPED_CONFIG)]) == 0
    out = capsys.readouterr().out
    assert "in Ordnung" in out and "Heute" in out and "nächsten 7 Tage" in out


def test_check_reports_every_problem_with_file_and_line(tmp_path, capsys):
    broken = tmp_path / "config"
    shutil.copytree(SHIPPED_CONFIG, broken)
    offers = broken / "offers.toml"
    offers.write_text(offers.read_text(encoding="utf-8") + "\n[oops\n", encoding="utf-8")
    kiosk_toml = broken / "kiosk.toml"
    kiosk_toml.write_text(kiosk_toml.read_text(encoding="utf-8") + "\nunbekannter_schluessel = 1\n", encoding="utf-8")
    assert main(["--config", str(broken), "check"]) == 1
    err = capsys.readouterr().err
    assert "offers.toml" in err and "Zeile" in err
    assert "kiosk.toml" in err and "unbekannter_schluessel" in err


def test_demo_needs_explicit_data_dir(capsys, monkeypatch, tmp_path):
    monkeypatch.delenv("KIOSK_DATA_DIR", raising=False)
    assert main(["demo", "--config", str(SHIPPED_CONFIG)]) == 2
    assert "--data" in capsys.readouterr().err


def test_demo_then_stats(tmp_path, capsys):
    data = tmp_path / "demo"
    args = ["--config", str(SHIPPED_CONFIG), "--data", str(data)]
    assert main(["demo", *args, "--date", "2026-11-24"]) == 0
    out = capsys.readouterr().out
    assert "Anmeldungen" in out and "Smiley-Stimmen" in out
    assert main(["stats", *args, "--date", "2026-11-24"]) == 0
    stats = capsys.readouterr().out
    assert "Stimmen insgesamt: 400" in stats
    assert "Wünsche:" in stats
    # Stats never print personal data.
    assert "@example.org" not in stats and "0171" not in stats


def test_bad_date_is_explained(capsys):
    try:
        main(["stats", "--date", "24.11.2026"])
    except SystemExit as exc:
        assert exc.code == 2
    assert "JJJJ-MM-TT" in capsys.readouterr().err


def test_python_dash_m_kiosk():
    result = subprocess.run([sys.executable, "-m", "kiosk", "check", "--config", str(SHIPPED_CONFIG)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "in Ordnung" in result.stdout
