"""The kiosk's configuration: two commented TOML files that staff edit.

``config/kiosk.toml`` holds the office, opening hours, holidays, languages,
wish topics, texts; ``config/offers.toml`` holds the offers and their times.
``load_config`` turns them into frozen dataclasses (``kiosk.config_model``)
or raises ``ConfigError`` listing EVERY problem with file, line and a plain
German sentence.  ``load_config_keeping_last_good`` is what the running kiosk
uses: a broken edit never stops the kiosk, it keeps using the last copy that
loaded cleanly and shows staff what to fix.
"""

from __future__ import annotations

import logging
import os
from datetime import time
from pathlib import Path
from typing import Any

from kiosk.config_check import FileCheck, Scope, each_table, label_for, overlapping, parse_span, pictogram_of
from kiosk.config_offers import offers_from
from kiosk.config_read import read_toml
from kiosk.config_model import (  # re-exported: this module is the public entry point
    AUDIENCES,
    CONTACTS,
    WEEKDAYS,
    ConfigError,
    ConfigProblem,
    FrozenMap,
    KioskConfig,
    Localized,
    Offer,
    OfferSchedule,
    SingleDate,
    WeeklyRule,
    WishTopic,
)

__all__ = [
    "AUDIENCES", "CONTACTS", "WEEKDAYS", "ConfigError", "ConfigProblem", "FrozenMap", "KioskConfig",
    "Localized", "Offer", "OfferSchedule", "SingleDate", "WeeklyRule", "WishTopic",
    "KIOSK_FILE", "OFFERS_FILE", "LAST_GOOD_DIR", "load_config", "load_config_keeping_last_good",
]

log = logging.getLogger(__name__)

KIOSK_FILE = "kiosk.toml"
OFFERS_FILE = "offers.toml"
LAST_GOOD_DIR = "last-good-config"
DEFAULT_LANGUAGES = ("de", "en", "tr", "uk", "ar")
MAX_WISH_TOPICS = 12


def load_config(config_dir: Path) -> KioskConfig:
    """Load and check both files; raises ConfigError with all problems at once."""
    config, _ = _load(Path(config_dir))
    return config


def load_config_keeping_last_good(config_dir: Path, data_dir: Path) -> tuple[KioskConfig, list[ConfigProblem]]:
    """Load the config; on failure fall back to the last copy that loaded cleanly.

    On success the exact bytes that were checked are copied (atomically) to
    ``data_dir/last-good-config/`` and ``(config, [])`` is returned.  On
    failure the last good copy is loaded and ``(that config, problems)`` is
    returned so the kiosk keeps running and the staff area can show what to
    fix.  Raises ConfigError (with the current problems) only when there is
    no usable last good copy either.
    """
    last_good = Path(data_dir) / LAST_GOOD_DIR
    try:
        config, raw_files = _load(Path(config_dir))
    except ConfigError as error:
        try:
            fallback, _ = _load(last_good)
        except ConfigError:
            raise error from None
        log.warning("config has %d problem(s); using last good copy in %s", len(error.problems), last_good)
        return fallback, error.problems
    try:
        _save_last_good(raw_files, last_good)
    except OSError as exc:  # a full disk must not stop a kiosk whose config is fine
        log.warning("could not save last good config copy: %s", exc)
    return config, []


def _save_last_good(raw_files: dict[str, bytes], target: Path) -> None:
    """Write each file via temp file + fsync + os.replace; skip unchanged files."""
    target.mkdir(parents=True, exist_ok=True)
    changed = False
    for name, data in raw_files.items():
        dest = target / name
        try:
            if dest.read_bytes() == data:
                continue
        except OSError:
            pass
        tmp = target / f".{name}.tmp"
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, dest)
        changed = True
    if changed and hasattr(os, "O_DIRECTORY"):
        fd = os.open(target, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _load(config_dir: Path) -> tuple[KioskConfig, dict[str, bytes]]:
    problems: list[ConfigProblem] = []
    kiosk_label, offers_label = str(config_dir / KIOSK_FILE), str(config_dir / OFFERS_FILE)
    kiosk_data, kiosk_text, kiosk_raw = read_toml(config_dir / KIOSK_FILE, kiosk_label, problems)
    offers_data, offers_text, offers_raw = read_toml(config_dir / OFFERS_FILE, offers_label, problems)

    languages = DEFAULT_LANGUAGES
    if kiosk_data is not None:
        languages = _peek_languages(kiosk_data)
    fields: dict[str, Any] = {}
    if kiosk_data is not None:
        check = FileCheck(kiosk_label, kiosk_text, languages)
        fields = _kiosk_fields(check.scope(kiosk_data))
        problems.extend(check.problems)
    offers: tuple[Offer, ...] = ()
    if offers_data is not None:
        check = FileCheck(offers_label, offers_text, languages)
        offers = offers_from(check.scope(offers_data), fields.get("school_holidays") if kiosk_data is not None else None)
        problems.extend(check.problems)
    if problems:
        raise ConfigError(problems)
    config = KioskConfig(**fields, offers=offers, source_dir=str(config_dir))
    return config, {KIOSK_FILE: kiosk_raw, OFFERS_FILE: offers_raw}


def _peek_languages(data: dict) -> tuple[str, ...]:
    """The configured languages, so translated keys (title_en …) can be checked in both files.

    Invalid lists fall back to the defaults (and are reported once, by ``_languages``)
    instead of turning every translation into a second problem.
    """
    value = data.get("languages")
    if value is not None and _language_problem(value) is None:
        return tuple(value)
    return DEFAULT_LANGUAGES


def _language_problem(value: Any) -> str | None:
    if (not isinstance(value, list) or not value
            or not all(isinstance(v, str) and v.isascii() and v.isalpha() and 2 <= len(v) <= 3 and v.islower()
                       for v in value)):
        return 'muss eine Liste von Sprachkürzeln sein, z. B. ["de", "en", "tr", "uk", "ar"].'
    if "de" not in value:
        return 'muss "de" enthalten: Deutsch ist die Grundlage für alle Texte.'
    if len(set(value)) != len(value):
        return "enthält eine Sprache doppelt."
    return None


# ---------------------------------------------------------------- kiosk.toml


def _kiosk_fields(top: Scope) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    fields["kiosk_id"] = top.identifier("kiosk_id", example="huels-sued")
    fields.update(_languages(top))
    fields["data_dir"] = top.text("data_dir")

    office = _section(top, "office", required=True)
    fields["office_name"] = office.text("name", required=True)
    fields["tagline"] = office.localized("tagline")
    fields["address"] = office.text("address")
    fields["phone"] = office.text("phone", allow_number=True)
    fields["founded"] = office.text("founded", allow_number=True)
    office.finish()

    fields["opening_hours"] = _opening_hours(top.sub("opening_hours", "Abschnitt [opening_hours]"))
    fields["closing_days"] = _ranges(top, "closing_days")
    fields["school_holidays"] = _ranges(top, "school_holidays")

    screen = _section(top, "screen")
    idle = screen.integer("idle_reset_seconds", minimum=5, maximum=3600, default=60)
    attract = screen.integer("attract_seconds", minimum=5, maximum=86400, default=180)
    if idle is not None and attract is not None and attract < idle:
        screen.problem("attract_seconds", f"muss mindestens so groß sein wie idle_reset_seconds ({idle}).")
    fields["idle_reset_seconds"], fields["attract_seconds"] = idle, attract
    screen.finish()

    feedback = _section(top, "feedback")
    scale = feedback.raw("scale")
    if scale is not None and (type(scale) is not int or scale not in (3, 5)):
        feedback.problem("scale", "muss 3 oder 5 sein (so viele Smileys).")
        scale = 3
    fields["feedback_scale"] = scale if scale is not None else 3
    fields["feedback_debounce_seconds"] = feedback.integer("debounce_seconds", minimum=0, maximum=3600, default=20)
    feedback.finish()

    fields["wish_topics"] = _wish_topics(top)

    about = _section(top, "about", required=True)
    fields["about_intro"] = about.localized("intro")
    fields["about_principles"] = about.localized_list("principles", exact=5)
    fields["about_roles"] = about.localized_list("roles")
    about.finish()

    consent = _section(top, "consent", required=True)
    fields["consent_version"] = consent.text("version", required=True, allow_number=True)
    fields["consent_text"] = consent.localized("text", required=True)
    consent.finish()

    retention = _section(top, "retention")
    fields["retention_days_after_occurrence"] = retention.integer(
        "days_after_occurrence", minimum=0, maximum=365, default=30)
    fields["handover_warn_days"] = retention.integer("handover_warn_days", minimum=1, maximum=60, default=3)
    retention.finish()

    sync = _section(top, "sync")
    fields["sync_public_key"] = sync.text("public_key")
    fields["sync_phone_lists"] = sync.boolean("phone_lists", default=True)
    sync.finish()

    top.finish()
    return fields


def _section(top: Scope, key: str, required: bool = False) -> Scope:
    """The table ``[key]``; an empty stand-in when absent, so checking goes on (defaults apply)."""
    label = f"Abschnitt [{key}]"
    scope = top.sub(key, label)
    if scope is not None:
        return scope
    if required and not top.has(key):
        top.problem(None, f"Der Abschnitt [{key}] fehlt.")
    return top.check.scope({}, (key,), None, label)


def _languages(top: Scope) -> dict[str, Any]:
    value = top.raw("languages")
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    if value is not None:
        problem = _language_problem(value)
        if problem:
            top.problem("languages", problem)
        else:
            languages = tuple(value)
    default = top.raw("default_language")
    if default is None:
        default = "de"
    elif default not in languages:
        top.problem("default_language", f"'{default}' steht nicht in languages ({', '.join(languages)}).")
        default = "de"
    return {"languages": languages, "default_language": default}


def _opening_hours(scope: Scope | None) -> FrozenMap:
    hours: dict[int, tuple[tuple[time, time], ...]] = {day: () for day in range(7)}
    if scope is None:
        return FrozenMap(hours)
    for day, key in enumerate(WEEKDAYS):
        spans = []
        for item, entry in enumerate(scope.list_of(key)):
            span = parse_span(entry)
            if isinstance(span, str):
                scope.problem(key, span, item)
            elif span is not None:
                spans.append(span)
        if overlapping(spans):
            scope.problem(key, "Die Zeitspannen überschneiden sich.")
        hours[day] = tuple(sorted(spans))
    scope.finish()
    return FrozenMap(hours)


def _ranges(top: Scope, key: str) -> tuple:
    scope = top.sub(key, f"Abschnitt [{key}]")
    if scope is None:
        return ()
    ranges = scope.date_ranges("ranges")
    scope.finish()
    return ranges


def _wish_topics(top: Scope) -> tuple[WishTopic, ...]:
    entries = each_table(top, "wish_topics", lambda i, e: label_for("Wunschthema", i, e))
    if not entries and top.raw("wish_topics") is None:
        top.problem(None, "Es gibt keine Wunschthemen ([[wish_topics]]).")
    if len(entries) > MAX_WISH_TOPICS:
        top.problem("wish_topics", f"Höchstens {MAX_WISH_TOPICS} Wunschthemen passen auf den Bildschirm "
                                   f"(gefunden: {len(entries)}).")
    topics, seen = [], set()
    for _, scope in entries:
        topic_id = scope.identifier("id", example="sport")
        if topic_id and topic_id in seen:
            scope.problem("id", f"Die Kennung '{topic_id}' gibt es schon bei einem anderen Wunschthema.")
        seen.add(topic_id)
        label = scope.localized("label", required=True)
        pictogram = pictogram_of(scope)
        scope.finish()
        topics.append(WishTopic(topic_id, label, pictogram))
    return tuple(topics)
