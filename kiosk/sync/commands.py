"""The hand-over commands: keygen, export, import, receipt, report.

``kiosk.cli`` calls :func:`register` with its subparsers.  Messages are
German (staff read them); exit codes are documented in each command's help.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from kiosk.i18n import _
from kiosk.sync.errors import KeyProblem, SyncError

PASSPHRASE_ENV = "KIOSK_PASSPHRASE"


def _common() -> argparse.ArgumentParser:
    """--config/--data like kiosk.cli: SUPPRESS keeps values given before the command name."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", metavar="DIR", default=argparse.SUPPRESS,
                        help="Ordner mit kiosk.toml und offers.toml")
    common.add_argument("--data", metavar="DIR", default=argparse.SUPPRESS,
                        help="Ordner für die gespeicherten Einträge des Kiosks")
    return common


def register(subparsers) -> None:
    """Add keygen, export, import, receipt and report to the ``kiosk`` command."""
    common = _common()

    keygen = subparsers.add_parser(
        "keygen", parents=[common], help="Schlüsselpaar für die Übergabe erzeugen (einmal, am Büro-PC)",
        description="Erzeugt den Schlüssel des Büros. Die Datei mit dem privaten Schlüssel bleibt im Büro "
                    "(mit Passwort geschützt); die ausgegebene Zeile public_key = \"…\" kommt in "
                    f"config/kiosk.toml unter [sync]. Passwort: wird abgefragt oder aus ${PASSPHRASE_ENV} gelesen.")
    keygen.add_argument("--out", metavar="DIR", required=True, help="Ordner für die Schlüsseldatei")
    keygen.add_argument("--force", action="store_true", help="einen vorhandenen Schlüssel ersetzen (Vorsicht!)")
    keygen.set_defaults(handler=cmd_keygen)

    export = subparsers.add_parser(
        "export", parents=[common], help="Übergabe-Codes als Bilder schreiben (am Kiosk)",
        description="Schreibt die QR-Codes der Übergabe als PNG (einer pro Code) und chunks.txt. "
                    "Exit 0: geschrieben oder nichts zu tun; 1: Fehler.")
    export.add_argument("--out", metavar="DIR", required=True, help="Zielordner")
    export.add_argument("--phone-lists", action="store_true",
                        help="auch die »Liste aufs Handy« (unverschlüsselt!) für die nächsten 7 Tage schreiben")
    export.set_defaults(handler=cmd_export)

    imp = subparsers.add_parser(
        "import", parents=[common], help="Codes einlesen (Fotos, Bildschirmfotos, Textdateien, Kamera) – am Büro-PC",
        description="Liest Fotos und Bildschirmfotos (JPEG/PNG) und Textdateien mit Codes, setzt die Pakete "
                    "zusammen, prüft und entschlüsselt sie und übernimmt sie in die Sammlung. Gibt für jedes "
                    "Paket einen Quittungscode aus. Passwort: wird abgefragt oder aus "
                    f"${PASSPHRASE_ENV} gelesen. Exit 0: alles übernommen; 1: Fehler; 3: es fehlen noch Teile.")
    imp.add_argument("--key", metavar="FILE", help="Schlüsseldatei von »kiosk keygen«")
    imp.add_argument("--store", metavar="DIR", required=True, help="Ordner der Sammlung im Büro")
    imp.add_argument("--camera", action="store_true", help="mit der Webcam einlesen (braucht opencv-python)")
    imp.add_argument("--camera-index", type=int, default=0, metavar="N", help="welche Kamera (Standard 0)")
    imp.add_argument("sources", nargs="*", metavar="DATEI_ODER_ORDNER", help="Fotos, Ordner, Textdateien")
    imp.set_defaults(handler=cmd_import)

    receipt = subparsers.add_parser(
        "receipt", parents=[common], help="Quittungscode eintippen (am Kiosk)",
        description="Bestätigt, dass ein Paket im Büro angekommen ist. Exit 0: Code passt; 1: passt nicht.")
    receipt.add_argument("code", metavar="CODE", help="der Quittungscode vom Büro-PC, z. B. K7Q2MX")
    receipt.set_defaults(handler=cmd_receipt)

    report = subparsers.add_parser(
        "report", parents=[common], help="Tabellen (CSV für Excel) und Anwesenheitslisten schreiben – am Büro-PC")
    report.add_argument("--store", metavar="DIR", required=True, help="Ordner der Sammlung im Büro")
    report.add_argument("--out", metavar="DIR", required=True, help="Zielordner für die Tabellen")
    report.set_defaults(handler=cmd_report)


# --------------------------------------------------------------------------- helpers


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def _passphrase(prompt: str, *, confirm: bool = False) -> str:
    from_env = os.environ.get(PASSPHRASE_ENV)
    if from_env:
        return from_env
    if not sys.stdin.isatty():
        raise KeyProblem(_("Kein Passwort: bitte im Terminal aufrufen oder ${env} setzen.").format(env=PASSPHRASE_ENV))
    first = getpass.getpass(prompt)
    if confirm:
        second = getpass.getpass(_("Passwort noch einmal: "))
        if first != second:
            raise KeyProblem(_("Die beiden Passwörter sind verschieden. Bitte noch einmal."))
    return first


def _config_and_store(args):
    from kiosk import paths
    from kiosk.clock import KioskClock
    from kiosk.config import ConfigError, load_config_keeping_last_good
    from kiosk.store import KioskStore

    config_dir = paths.config_dir(getattr(args, "config", None))
    # The data folder comes from the option/environment, or from the config's data_dir.
    from kiosk.config import load_config

    try:
        configured = load_config(config_dir).data_dir
    except ConfigError:
        configured = ""
    data_dir = paths.data_dir(getattr(args, "data", None), configured)
    try:
        config, problems = load_config_keeping_last_good(config_dir, data_dir)
    except ConfigError as error:
        _err(_("Die Konfiguration hat Fehler:"))
        for problem in error.problems:
            _err(f"  - {problem}")
        return None, None
    for problem in problems:
        _err(_("Hinweis: {p} (es gilt die letzte funktionierende Fassung)").format(p=problem))
    store = KioskStore(data_dir)
    store.clock = KioskClock(offset_seconds=float(store.state.get("clock_offset_seconds", 0.0) or 0.0))
    return config, store


# --------------------------------------------------------------------------- commands


def cmd_keygen(args) -> int:
    from kiosk.sync import crypto

    out = Path(args.out)
    key_path = out / crypto.PRIVATE_KEY_FILE
    if key_path.exists() and not args.force:
        _err(_("In {dir} liegt schon ein Schlüssel. Ein neuer Schlüssel macht Pakete, die noch unterwegs sind, "
               "unlesbar. Wenn Sie das wirklich wollen: --force.").format(dir=out))
        return 1
    try:
        passphrase = _passphrase(_("Passwort für den Schlüssel (mind. {n} Zeichen): ").format(n=crypto.MIN_PASSPHRASE),
                                 confirm=True)
        crypto.check_passphrase(passphrase)
        out.mkdir(parents=True, exist_ok=True)
        private = crypto.generate_keypair()
        crypto.save_private_key(private, key_path, passphrase)
    except KeyProblem as problem:
        _err(str(problem))
        return 1
    except OSError as exc:
        _err(_("Der Schlüssel lässt sich nicht speichern: {why}").format(why=exc.strerror or exc))
        return 1
    line = f'public_key = "{crypto.public_key_text(private.public_key())}"'
    (out / crypto.PUBLIC_KEY_FILE).write_text(
        _("# In config/kiosk.toml im Abschnitt [sync] eintragen:\n") + line + "\n", encoding="utf-8")
    print(_("Schlüssel gespeichert: {path} (Kennung {fp}). Diese Datei und das Passwort bleiben im Büro.").format(
        path=key_path, fp=crypto.fingerprint(private.public_key())))
    print(_("Diese Zeile in config/kiosk.toml im Abschnitt [sync] eintragen (steht auch in {file}):").format(
        file=out / crypto.PUBLIC_KEY_FILE))
    print(line)
    return 0


def cmd_export(args) -> int:
    from kiosk.sync.handover import build_handover, describe_state, write_symbols

    config, store = _config_and_store(args)
    if config is None:
        return 1
    try:
        handover = build_handover(store, config)
    except OSError as exc:
        _err(_("Die Übergabe lässt sich nicht vorbereiten: {why}").format(why=exc.strerror or exc))
        return 1
    if handover.notice:
        _err(handover.notice)
    out = Path(args.out)
    if handover.empty:
        print(handover.summary())
    else:
        paths = write_symbols(handover, out)
        print(handover.summary())
        print(_("{n} Bilder und chunks.txt in {dir} geschrieben.").format(n=len(paths) - 1, dir=out))
        print(describe_state(store))
        print(_("Nach dem Einlesen im Büro den Quittungscode hier eingeben: kiosk receipt CODE"))
    if args.phone_lists:
        _write_phone_lists(store, config, out / "liste-aufs-handy")
    return 0


def _write_phone_lists(store, config, folder: Path) -> None:
    from kiosk.sync.phone_lists import default_range, phone_list_texts
    from kiosk.sync.qr_symbols import render_symbol

    if not config.sync_phone_lists:
        _err(_("Die »Liste aufs Handy« ist in kiosk.toml ausgeschaltet ([sync] phone_lists = false)."))
        return
    first, last = default_range(store.clock.today())
    lists = phone_list_texts(store, config, first, last)
    folder.mkdir(parents=True, exist_ok=True)
    for entry in lists:
        for i, text in enumerate(entry.texts, start=1):
            stem = f"{entry.day.isoformat()}-{entry.offer_id}-{i}"
            render_symbol(text).save(folder / f"{stem}.png")
            (folder / f"{stem}.txt").write_text(text + "\n", encoding="utf-8")
    print(_("{n} Listen aufs Handy in {dir} (enthalten Namen und Telefonnummern – nach Gebrauch löschen).").format(
        n=len(lists), dir=folder))


def _key_provider(path: str | None):
    from kiosk.sync import crypto

    def provide():
        if not path:
            raise KeyProblem(_("Für verschlüsselte Pakete bitte die Schlüsseldatei angeben: --key DATEI"))
        tries = 1 if os.environ.get(PASSPHRASE_ENV) or not sys.stdin.isatty() else 3
        for attempt in range(tries):
            passphrase = _passphrase(_("Passwort für den Schlüssel: "))
            try:
                return crypto.load_private_key(Path(path), passphrase)
            except KeyProblem as problem:
                if attempt == tries - 1 or "Passwort" not in str(problem):
                    raise
                _err(str(problem))
        raise KeyProblem(_("Das Passwort passt nicht zu diesem Schlüssel."))

    return provide


def cmd_import(args) -> int:
    from kiosk.sync.importer import format_report, import_sources
    from kiosk.sync.staff_store import StaffStore

    if not args.sources and not args.camera:
        _err(_("Bitte Fotos, Ordner oder Textdateien angeben – oder --camera für die Webcam."))
        return 1
    texts: list[str] = []
    if args.camera:
        from kiosk.sync.camera import scan_with_camera

        try:
            texts = scan_with_camera(args.camera_index)
        except SyncError as error:
            _err(str(error))
            return 1
    try:
        staff = StaffStore(Path(args.store))
        report = import_sources([Path(s) for s in args.sources], staff, _key_provider(args.key), texts)
    except KeyProblem as problem:
        _err(str(problem))
        _err(_("Es wurde nichts übernommen."))
        return 1
    except OSError as exc:
        _err(_("Die Sammlung lässt sich nicht speichern: {why}").format(why=exc.strerror or exc))
        return 1
    for problem in staff.problems:
        _err(_("Hinweis: {p}").format(p=problem))
    for line in format_report(report):
        print(line)
    if not report.ok or not report.outcomes:
        return 1
    if any(o.status == "incomplete" for o in report.outcomes):
        return 3
    return 0


def cmd_receipt(args) -> int:
    from kiosk.sync.receipt import apply_receipt

    config, store = _config_and_store(args)
    if config is None:
        return 1
    try:
        result = apply_receipt(store, config, args.code)
    except OSError as exc:
        _err(_("Der Kiosk kann gerade nicht speichern ({why}). Es wurde nichts gelöscht.").format(
            why=exc.strerror or exc))
        return 1
    (print if result.ok else _err)(result.message)
    if result.ok and result.purged:
        print(_("{n} Anmeldungen von vergangenen Terminen: Namen und Kontaktdaten gelöscht (die Zahlen bleiben).").format(
            n=result.purged))
    return 0 if result.ok else 1


def cmd_report(args) -> int:
    from kiosk.sync.report import write_reports
    from kiosk.sync.staff_store import StaffStore

    config = None
    try:
        from kiosk import paths
        from kiosk.config import load_config

        config = load_config(paths.config_dir(getattr(args, "config", None)))
    except Exception:  # noqa: BLE001 - titles are a nicety; ids are shown without a config
        config = None
    store_dir = Path(args.store)
    if not (store_dir / "staff-store.json").exists():
        _err(_("In {dir} gibt es noch keine Sammlung. Zuerst »kiosk import« benutzen.").format(dir=store_dir))
        return 1
    written = write_reports(StaffStore(store_dir), Path(args.out), config)
    print(_("{n} Dateien in {dir} geschrieben (CSV öffnet Excel direkt; Anwesenheitslisten: anwesenheit/index.html).").format(
        n=len(written), dir=args.out))
    return 0
