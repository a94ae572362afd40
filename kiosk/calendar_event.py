"""An iCalendar event (RFC 5545) for one occurrence of an offer.

After signing up, the visitor scans a QR code on the confirmation screen
and the phone offers to put the date into its calendar.  The QR holds a
small ``VCALENDAR`` with one ``VEVENT``: title, start, end, place.  Phone
scanners (ZXing and friends, the iOS camera) look for ``BEGIN:VEVENT``
anywhere in the text, so the RFC-conformant wrapper costs nothing.

What is deliberately NOT in it: anything about the visitor.  The QR is on
a public screen that anyone can photograph, so it never carries a name,
phone number, e-mail, head count or the sign-up's id.  Its UID is derived
from the offer and the date only (every visitor of the same occurrence
gets the same UID, so scanning twice updates the entry instead of
duplicating it), and ``DTSTAMP`` is cut to the full hour, so even the
moment of the sign-up is not recorded to the minute.

Times are written in UTC (``…Z``) by default: that needs no ``VTIMEZONE``
block (which RFC 5545 requires for every ``TZID`` used) and every scanner
understands it.  ``tz="berlin"`` writes local wall-clock times with
``TZID=Europe/Berlin`` plus a compact ``VTIMEZONE`` for clients that want
local times.

Text rules of RFC 5545 implemented here: CRLF line ends, TEXT escaping of
backslash, semicolon, comma and newlines (section 3.3.11), and folding of
lines longer than 75 octets of UTF-8 with CRLF + one space, never inside a
multi-byte character (section 3.1).

No Kivy here: this is core code.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Iterable

from kiosk.config import KioskConfig
from kiosk.schedule import Occurrence
from kiosk.timezone import BERLIN

__all__ = (
    "CalendarEvent",
    "event_for_occurrence",
    "event_uid",
    "escape_text",
    "fold_line",
    "to_ical",
    "vevent_lines",
    "PRODID",
)

#: Identifies the program that made the calendar object (RFC 5545 3.7.3).
PRODID = "-//Stadtteilbuero Huels-Sued//Kiosk//DE"
#: Longest line in octets, CRLF not counted (RFC 5545 3.1).
FOLD_OCTETS = 75
CRLF = "\r\n"

_TZ_CHOICES = ("utc", "berlin")

# The rules of Europe/Berlin since 1996 (CET/CEST, EU rules), enough for
# any client that reads TZID=Europe/Berlin without a time zone database.
_BERLIN_VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Berlin",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)


@dataclass(frozen=True)
class CalendarEvent:
    """What goes into the visitor's calendar: the occurrence, never the person.

    ``start``/``end`` are aware datetimes; ``dtstamp`` too (it is written in
    UTC).  ``status`` is the iCalendar event status: ``"CONFIRMED"`` for a
    place, ``"TENTATIVE"`` for the waiting list, ``""`` to leave it out.
    """

    uid: str
    title: str
    start: datetime
    end: datetime
    location: str
    dtstamp: datetime
    description: str = ""
    status: str = ""

    def __post_init__(self) -> None:
        for name in ("start", "end", "dtstamp"):
            value = getattr(self, name)
            if not isinstance(value, datetime) or value.tzinfo is None:
                raise ValueError(f"{name} must be an aware datetime")
        if self.end < self.start:
            raise ValueError("end lies before start")
        if self.status not in ("", "CONFIRMED", "TENTATIVE", "CANCELLED"):
            raise ValueError(f"unknown event status {self.status!r}")


# --------------------------------------------------------------------------- #
# Building the event
# --------------------------------------------------------------------------- #

def event_uid(offer_id: str, day: date, kiosk_id: str = "kiosk") -> str:
    """UID of one occurrence: offer, date and kiosk, nothing about a person.

    Stable, so a second scan updates the calendar entry instead of adding a
    copy; the kiosk id keeps two offices' offers with the same id apart.
    """
    safe = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_.") else "-" for ch in offer_id)
    host = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-.") else "-" for ch in kiosk_id)
    return f"{day:%Y%m%d}-{safe or 'offer'}@{host or 'kiosk'}.kiosk"


def location_text(config: KioskConfig, room: str) -> str:
    """Room, office name and address, the empty ones left out."""
    parts = [p.strip() for p in (room, config.office_name, config.address)]
    return ", ".join(p for p in parts if p)


def event_for_occurrence(
    config: KioskConfig,
    occurrence: Occurrence,
    *,
    lang: str = "de",
    now: datetime,
    description: str = "",
    status: str = "",
) -> CalendarEvent:
    """The calendar event for ``occurrence`` in language ``lang``.

    ``now`` is the kiosk clock's time (it becomes the hour-precision
    ``DTSTAMP``).  ``description`` is an optional short line for everyone
    (e.g. that this is a waiting-list place) — never personal data.
    """
    offer = config.offer(occurrence.offer_id)
    if offer is None:
        raise KeyError(occurrence.offer_id)
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    return CalendarEvent(
        uid=event_uid(offer.id, occurrence.day, config.kiosk_id),
        title=offer.title.get(lang),
        start=occurrence.start,
        end=occurrence.end,
        location=location_text(config, offer.room.get(lang)),
        dtstamp=now.astimezone(timezone.utc).replace(minute=0, second=0, microsecond=0),
        description=description,
        status=status,
    )


# --------------------------------------------------------------------------- #
# RFC 5545 text
# --------------------------------------------------------------------------- #

def escape_text(value: str) -> str:
    """A TEXT property value (RFC 5545 3.3.11): ``\\`` ``;`` ``,`` escaped,
    any line break as ``\\n``; other control characters dropped (TEXT may
    not contain them) and the result NFC-normalised."""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(
        ch for ch in text
        if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")
    )
    text = unicodedata.normalize("NFC", text)
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\n", "\\n")
    )


def fold_line(line: str, limit: int = FOLD_OCTETS) -> str:
    """Fold one content line into pieces of at most ``limit`` UTF-8 octets,
    joined by CRLF + space (the space counts toward the next piece's
    octets); never splits a character's UTF-8 sequence."""
    if len(line.encode("utf-8")) <= limit:
        return line
    pieces: list[str] = []
    current: list[str] = []
    used = 0
    budget = limit
    for ch in line:
        size = len(ch.encode("utf-8"))
        if used + size > budget:
            pieces.append("".join(current))
            current, used = [], 0
            budget = limit - 1  # continuation lines start with one space
        current.append(ch)
        used += size
    pieces.append("".join(current))
    return (CRLF + " ").join(pieces)


def _utc_stamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _local_stamp(moment: datetime) -> str:
    return moment.astimezone(BERLIN).strftime("%Y%m%dT%H%M%S")


def vevent_lines(event: CalendarEvent, *, tz: str = "utc") -> list[str]:
    """The unfolded content lines of the ``VEVENT`` (no line ends)."""
    if tz not in _TZ_CHOICES:
        raise ValueError(f"tz must be one of {_TZ_CHOICES}")
    if tz == "utc":
        start = f"DTSTART:{_utc_stamp(event.start)}"
        end = f"DTEND:{_utc_stamp(event.end)}"
    else:
        start = f"DTSTART;TZID=Europe/Berlin:{_local_stamp(event.start)}"
        end = f"DTEND;TZID=Europe/Berlin:{_local_stamp(event.end)}"
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(event.uid)}",
        f"DTSTAMP:{_utc_stamp(event.dtstamp)}",
        start,
        end,
        f"SUMMARY:{escape_text(event.title)}",
    ]
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.status:
        lines.append(f"STATUS:{event.status}")
    lines.append("END:VEVENT")
    return lines


def _join(lines: Iterable[str]) -> str:
    return "".join(fold_line(line) + CRLF for line in lines)


def to_ical(event: CalendarEvent, *, tz: str = "utc", calendar: bool = True) -> str:
    """The iCalendar text: a ``VCALENDAR`` holding the event (``calendar=False``:
    the bare ``VEVENT``), CRLF line ends, folded at 75 octets."""
    body = vevent_lines(event, tz=tz)
    if not calendar:
        return _join(body)
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    zone = list(_BERLIN_VTIMEZONE) if tz == "berlin" else []
    return _join([*head, *zone, *body, "END:VCALENDAR"])
