"""The ``kiosk`` command: start the touchscreen app, check the config, make
demo data, show counts.  Messages are German first: staff read them.

Heavy imports (Kivy, the sync tools) happen inside the commands that need
them, so ``kiosk check`` answers instantly and never opens a window.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Sequence

from kiosk import paths
from kiosk.config import ConfigError, KioskConfig, load_config

WEEKDAY_SHORT = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")


def _common_options() -> argparse.ArgumentParser:
    """--config/--data, accepted before and after the command name.

    SUPPRESS as default keeps a subcommand's unset option from overwriting
    the value given before the command (an argparse quirk); ``main`` fills
    in None afterwards.
    """
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", metavar="DIR", default=argparse.SUPPRESS,
                        help="Ordner mit kiosk.toml und offers.toml")
    common.add_argument("--data", metavar="DIR", default=argparse.SUPPRESS,
                        help="Ordner für die gespeicherten Einträge")
    return common


def _parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"Datum bitte als JJJJ-MM-TT angeben, z. B. 2026-11-24 (nicht {text!r})")


def build_parser() -> argparse.ArgumentParser:
    common = _common_options()
    parser = argparse.ArgumentParser(
        prog="kiosk",
        parents=[common],
        description="Kiosk des Stadtteilbüros Hüls-Süd. Ohne Befehl startet die Touchscreen-App.",
    )
    sub = parser.add_subparsers(dest="command", metavar="BEFEHL")

    run = sub.add_parser("run", parents=[common], help="die Touchscreen-App starten (Standard)")
    run.add_argument("--windowed", action="store_true", help="im Fenster statt im Vollbild (für Desktop-PCs)")
    run.add_argument("--portrait", action="store_true", help="Hochformat 800×1280 im Fenster")

    sub.add_parser("check", parents=[common], help="Konfiguration prüfen und die Angebote der nächsten Tage zeigen")

    demo = sub.add_parser("demo", parents=[common], help="einen vollen Beispieltag erzeugen (für Schulung und Bilder)")
    demo.add_argument("--date", type=_parse_day, help="Tag (JJJJ-MM-TT), Standard: heute")
    demo.add_argument("--seed", type=int, default=2026, help="Zufallszahl für wiederholbare Beispieldaten")

    stats = sub.add_parser("stats", parents=[common], help="Zahlen eines Tages: Anmeldungen, Stimmen, Wünsche")
    stats.add_argument("--date", type=_parse_day, help="Tag (JJJJ-MM-TT), Standard: heute")

    sub.add_parser("set-pin", parents=[common], help="die PIN für den Mitarbeiterbereich setzen")

    try:
        from kiosk.sync import commands as sync_commands
    except ImportError:  # the hand-over tools are optional while they are being built
        sync_commands = None
    if sync_commands is not None:
        sync_commands.register(sub)
    return parser


def _load(args: argparse.Namespace) -> KioskConfig:
    return load_config(paths.config_dir(args.config))


def _print_problems(error: ConfigError) -> None:
    print("Die Konfiguration hat Fehler:", file=sys.stderr)
    for problem in error.problems:
        print(f"  - {problem}", file=sys.stderr)


def _format_occurrence(config: KioskConfig, occ) -> str:
    offer = config.offer(occ.offer_id)
    day = occ.start.date()
    room = f" · {offer.room.get('de')}" if offer.room else ""
    return (
        f"  {WEEKDAY_SHORT[day.weekday()]} {day:%d.%m.} {occ.start:%H:%M}–{occ.end:%H:%M}  "
        f"{offer.title.get('de')}{room}"
    )


def cmd_check(args: argparse.Namespace) -> int:
    from kiosk.clock import KioskClock
    from kiosk.schedule import today_and_upcoming

    try:
        config = _load(args)
    except ConfigError as error:
        _print_problems(error)
        return 1
    today = KioskClock().today()
    todays, upcoming = today_and_upcoming(config, today, 7)
    print(f"Konfiguration ist in Ordnung ({config.source_dir}): {len(config.offers)} Angebote.")
    print(f"Heute, {WEEKDAY_SHORT[today.weekday()]} {today:%d.%m.%Y}:")
    for occ in todays:
        print(_format_occurrence(config, occ))
    if not todays:
        print("  (heute keine Angebote)")
    print("Die nächsten 7 Tage:")
    for occ in upcoming:
        print(_format_occurrence(config, occ))
    if not upcoming:
        print("  (keine Angebote)")
    return 0


def _open_service(args: argparse.Namespace, config: KioskConfig, data: Path):
    from kiosk.clock import KioskClock
    from kiosk.service import KioskService
    from kiosk.store import KioskStore

    store = KioskStore(data)
    clock = KioskClock(offset_seconds=float(store.state.get("clock_offset_seconds", 0.0) or 0.0))
    return KioskService(config, store, clock)


def cmd_demo(args: argparse.Namespace) -> int:
    from kiosk.demo import generate_busy_day

    if not args.data:
        print(
            "Bitte einen Ordner für die Beispieldaten angeben, z. B. kiosk demo --data /tmp/kiosk-demo.\n"
            "(Die Beispieldaten landen nie von selbst bei den echten Daten des Kiosks.)",
            file=sys.stderr,
        )
        return 2
    try:
        config = _load(args)
    except ConfigError as error:
        _print_problems(error)
        return 1
    service = _open_service(args, config, Path(args.data))
    day = args.date or service.clock.today()
    summary = generate_busy_day(service, day, random.Random(args.seed))
    print(
        f"Beispieltag {day:%d.%m.%Y} angelegt in {args.data}: {summary.signups} Anmeldungen "
        f"(davon {summary.waiting} auf der Warteliste), {summary.votes} Smiley-Stimmen, "
        f"{summary.wishes} Wünsche."
    )
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    try:
        config = _load(args)
    except ConfigError as error:
        _print_problems(error)
        return 1
    service = _open_service(args, config, paths.data_dir(args.data, config.data_dir))
    day = args.date or service.clock.today()
    stats = service.day_stats(day)
    scale = range(1, config.feedback_scale + 1)
    print(f"Zahlen für {WEEKDAY_SHORT[day.weekday()]} {day:%d.%m.%Y}")
    header = f"{'Angebot':32} {'Anmeld.':>7} {'Pers.':>5} {'Wartel.':>7}  " + " ".join(f"{'☺' + str(s):>4}" for s in scale)
    print(header)
    names = {o.id: o.title.get("de") for o in config.offers}
    names[""] = "Das Haus allgemein"
    for offer_id in [o.id for o in config.offers] + [""]:
        entry = stats.offers.get(offer_id)
        if entry is None:
            continue
        votes = " ".join(f"{entry.votes.get(s, 0):>4}" for s in scale)
        print(f"{names.get(offer_id, offer_id)[:32]:32} {entry.signups:>7} {entry.people:>5} {entry.waiting:>7}  {votes}")
    print(f"Stimmen insgesamt: {stats.total_votes}, Anmeldungen insgesamt: {stats.total_signups}")
    print("Wünsche:")
    labels = {t.id: t.label.get("de") for t in config.wish_topics}
    for topic, count in stats.wishes.most_common():
        print(f"  {labels.get(topic, topic):30} {count:>4}")
    if not stats.wishes:
        print("  (keine)")
    if stats.wish_texts:
        print(f"  dazu {stats.wish_texts} Wünsche mit eigenem Text")
    for problem in service.store.problems:
        print(f"Hinweis: {problem}", file=sys.stderr)
    return 0


def cmd_set_pin(args: argparse.Namespace) -> int:
    from kiosk.staff_pin import set_pin_interactively

    try:
        config = _load(args)
    except ConfigError as error:
        _print_problems(error)
        return 1
    return set_pin_interactively(paths.data_dir(args.data, config.data_dir))


def cmd_run(args: argparse.Namespace) -> int:
    try:
        from kiosk.ui.launch import launch
    except ImportError as exc:
        print(f"Die Touchscreen-App ist in dieser Version noch nicht enthalten ({exc}).", file=sys.stderr)
        return 1
    return launch(
        config_option=args.config,
        data_option=args.data,
        windowed=getattr(args, "windowed", False),
        portrait=getattr(args, "portrait", False),
    )


COMMANDS = {
    "check": cmd_check,
    "demo": cmd_demo,
    "stats": cmd_stats,
    "set-pin": cmd_set_pin,
    "run": cmd_run,
    None: cmd_run,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    for option in ("config", "data"):
        if not hasattr(args, option):
            setattr(args, option, None)
    handler = COMMANDS.get(args.command) or getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    return int(handler(args) or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
