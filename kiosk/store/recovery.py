"""What to do with a file that cannot be read: check it, set it aside, tell staff.

A corrupt file must never stop the kiosk, and it must never be deleted
either (somebody may still rescue it by hand).  So an unreadable file is
renamed to ``<name>.corrupt-<YYYYMMDDTHHMMSS>`` next to where it was, the
kiosk carries on with the last good copy, and staff get one plain German
sentence about it.  The log gets the same fact without any content of the
file, because day files hold names and phone numbers.
"""

from __future__ import annotations

import json
import logging
import os
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from kiosk.i18n import N_, _

log = logging.getLogger("kiosk.store")

# Why a file was not usable.  Keys go to the log (English, no content);
# the German wording goes to staff (marked with N_, translated where shown).
REASONS = {
    "empty": N_("die Datei war leer"),
    "not-json": N_("die Datei ist unvollständig oder durcheinander"),
    "wrong-shape": N_("der Inhalt hat nicht den erwarteten Aufbau"),
    "unreadable": N_("die Datei ließ sich nicht lesen"),
    "missing": N_("die Datei fehlte"),
}

Validator = Callable[[Any], bool]


def read_valid(path: Path, valid: Validator) -> tuple[str | None, bytes | None]:
    """Read ``path`` and check it.

    Returns ``(None, None)`` when the file does not exist, ``(None, payload)``
    when it parses and passes ``valid``, else ``(reason, None)`` with a key
    of :data:`REASONS`.  Never raises for a bad file: that is the point.
    """
    try:
        with open(path, "rb") as handle:
            payload = handle.read()
    except FileNotFoundError:
        return None, None
    except OSError:
        return "unreadable", None
    reason = check_payload(payload, valid)
    return (reason, None) if reason else (None, payload)


def check_payload(payload: bytes, valid: Validator) -> str | None:
    """The reason ``payload`` is unusable, or None when it is fine."""
    if not payload.strip():
        return "empty"
    try:
        data = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return "not-json"
    if not valid(data):
        return "wrong-shape"
    return None


def unique_name(path: Path, suffix: str) -> Path:
    """``path`` + ``suffix``, with ``-2``, ``-3``… when that name is taken.

    The time stamp in ``suffix`` comes from a clock that may stand still or
    jump back, so two set-asides can get the same stamp: never overwrite.
    """
    candidate = path.with_name(path.name + suffix)
    counter = 2
    while os.path.lexists(candidate):
        candidate = path.with_name(f"{path.name}{suffix}-{counter}")
        counter += 1
    return candidate


def set_aside(path: Path, now: datetime) -> Path | None:
    """Rename an unusable file to ``<name>.corrupt-<stamp>``; None if that failed."""
    target = unique_name(path, f".corrupt-{now:%Y%m%dT%H%M%S}")
    try:
        os.rename(path, target)
    except OSError as exc:
        log.warning("store: could not move %s aside (%s)", path.name, exc.strerror or type(exc).__name__)
        return None
    return target


def report(
    *,
    label: str,
    path: Path,
    reason: str,
    aside: Path | None,
    restored: bool,
) -> str:
    """Log the recovery (no content) and return the German sentence for staff."""
    log.warning(
        "store: %s unusable (%s); moved aside to %s; backup %s",
        path.name,
        reason,
        aside.name if aside else "(not moved)",
        "restored" if restored else "not available",
    )
    parts = []
    if reason == "missing":
        parts.append(_("{label}: Die Datei „{name}“ fehlte.").format(label=label, name=path.name))
    else:
        parts.append(
            _("{label}: Die Datei „{name}“ war beschädigt ({reason}).").format(
                label=label, name=path.name, reason=_(REASONS.get(reason, reason))
            )
        )
        if aside is not None:
            parts.append(_("Sie liegt jetzt als „{aside}“ daneben.").format(aside=aside.name))
        else:
            parts.append(_("Sie konnte nicht beiseitegelegt werden."))
    if restored:
        parts.append(
            _("Der Stand der letzten Sicherung ist wieder da; nur die allerletzte Änderung davor kann fehlen.")
        )
    else:
        parts.append(
            _("Eine Sicherung gab es nicht. Bitte die beiseitegelegte Datei aufheben und dem Support zeigen.")
        )
    parts.append(_("Der Kiosk läuft normal weiter."))
    return " ".join(parts)
