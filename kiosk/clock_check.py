"""Is the kiosk's clock plausible?  (No Kivy here: the staff area asks this.)

The tablet has no network time and maybe no clock battery: after a power cut
its clock may restart in 1970 or at the last date it remembers.  A clock
that runs behind files feedback under the wrong day and, worse, hides
today's offers.  The kiosk cannot know the true time, but it knows dates
that must already have happened:

* the newest day an entry was made (``store.newest_entry_day()``): nobody
  gave feedback in the future;
* the day the config files were last changed (their modification time): an
  edit made on the office PC and copied over cannot lie in the future;
* the day this version of the software was written (:data:`EARLIEST_PLAUSIBLE_DAY`).

If "today" is before any of them, the clock is wrong, and the staff area
shows a warning and offers to set date and time (the kiosk keeps its own
correction, see :mod:`kiosk.clock`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Iterable

from kiosk.i18n import _
from kiosk.timezone import BERLIN

#: No kiosk of this kind ran before this day; a clock before it was reset.
EARLIEST_PLAUSIBLE_DAY = date(2026, 1, 1)

#: The config files whose modification day counts (see ``kiosk.config``).
CONFIG_FILES = ("kiosk.toml", "offers.toml")


def _fmt(day: date) -> str:
    # Numeric, locale-independent: the staff area is German and this is unambiguous there.
    return day.strftime("%d.%m.%Y")


@dataclass(frozen=True)
class ClockVerdict:
    """What the check found.  ``not_before`` is the latest day the clock
    must at least show (a good suggestion when staff set the date)."""

    today: date
    plausible: bool
    not_before: date | None
    reasons: tuple[str, ...] = ()

    @property
    def warning(self) -> str:
        """One German paragraph for staff, or ``""`` when the clock looks fine."""
        if self.plausible:
            return ""
        return _("Die Uhr des Kiosks geht wohl falsch: Sie zeigt den {today}, aber {reasons}.").format(
            today=_fmt(self.today), reasons=_(" und ").join(self.reasons)
        )


def config_files_day(config_dir: Path, names: Iterable[str] = CONFIG_FILES) -> date | None:
    """The Berlin day the newest of the config files was last modified
    (None when none can be read)."""
    newest: float | None = None
    for name in names:
        try:
            mtime = (Path(config_dir) / name).stat().st_mtime
        except OSError:
            continue
        newest = mtime if newest is None else max(newest, mtime)
    if newest is None:
        return None
    return datetime.fromtimestamp(newest, BERLIN).date()


def check_clock(
    today: date,
    *,
    newest_entry: date | None = None,
    config_day: date | None = None,
    earliest: date = EARLIEST_PLAUSIBLE_DAY,
) -> ClockVerdict:
    """Compare ``today`` (the kiosk clock's) with the days that must be past."""
    reasons: list[str] = []
    bounds: list[date] = []
    if today < earliest:
        reasons.append(_("so früh kann das Datum nicht sein"))
        bounds.append(earliest)
    if newest_entry is not None and today < newest_entry:
        reasons.append(_("es gibt schon Einträge vom {day}").format(day=_fmt(newest_entry)))
        bounds.append(newest_entry)
    if config_day is not None and today < config_day:
        reasons.append(_("die Einstellungsdateien wurden am {day} geändert").format(day=_fmt(config_day)))
        bounds.append(config_day)
    return ClockVerdict(
        today=today,
        plausible=not reasons,
        not_before=max(bounds) if bounds else None,
        reasons=tuple(reasons),
    )


def check_kiosk_clock(service, config_dir: Path | None) -> ClockVerdict:
    """The check for a running kiosk: its clock, its store, its config files."""
    return check_clock(
        service.clock.today(),
        newest_entry=service.store.newest_entry_day(),
        config_day=config_files_day(config_dir) if config_dir is not None else None,
    )


class ClockInputError(ValueError):
    """What staff typed is not a date/time; ``field`` is "date" or "time",
    the message is German and shows the expected form."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


_DATE_DE = re.compile(r"^\s*(\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{2}|\d{4})\s*$")
_DATE_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_TIME = re.compile(r"^\s*(\d{1,2})\s*[:.]?\s*(\d{2})\s*(?:uhr)?\s*$", re.IGNORECASE)


def parse_day(text: str) -> date:
    """"24.11.2026", "24.11.26" or "2026-11-24" → a date."""
    match = _DATE_DE.match(text or "")
    try:
        if match:
            d, m, y = (int(g) for g in match.groups())
            return date(y + 2000 if y < 100 else y, m, d)
        match = _DATE_ISO.match(text or "")
        if match:
            y, m, d = (int(g) for g in match.groups())
            return date(y, m, d)
    except ValueError:
        raise ClockInputError("date", _("Diesen Tag gibt es nicht. Bitte so eingeben: 24.11.2026")) from None
    raise ClockInputError("date", _("Bitte das Datum so eingeben: 24.11.2026"))


def parse_time_of_day(text: str) -> time:
    """"10:15", "10.15", "1015" or "9:05 Uhr" → a time."""
    match = _TIME.match(text or "")
    if match:
        h, m = (int(g) for g in match.groups())
        if 0 <= h <= 23 and 0 <= m <= 59:
            return time(h, m)
    raise ClockInputError("time", _("Bitte die Uhrzeit so eingeben: 14:30"))


def parse_local(date_text: str, time_text: str) -> datetime:
    """Staff's typed date and time → an aware Berlin datetime (both checked;
    the first problem found is raised)."""
    day = parse_day(date_text)
    at = parse_time_of_day(time_text)
    return datetime.combine(day, at, BERLIN)
