""""Liste aufs Handy": a sign-up list as plain text in one QR code per offer and date.

Staff scan it with any phone camera app and have the list (names, contact,
people) at hand at the door.  These texts are *not* encrypted – they are for
the staff area only, and staff can switch them off with
``[sync] phone_lists = false`` in kiosk.toml.  A long list is split into
several parts (each with the heading and "Teil i/n"), each fitting one QR
symbol in byte mode (UTF-8) at the hand-over's version and error correction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kiosk.i18n import _
from kiosk.sync.qr_symbols import ECC, MAX_VERSION, capacity

WEEKDAY_SHORT = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")


@dataclass(frozen=True)
class PhoneList:
    offer_id: str
    day: date
    title: str
    texts: tuple[str, ...]      # one QR code each (byte mode, UTF-8)


def max_text_bytes(version: int = MAX_VERSION, ecc: str = ECC) -> int:
    return capacity(version, ecc, "byte")


def _people(s: dict) -> str:
    adults, children = int(s.get("adults", 0) or 0), int(s.get("children", 0) or 0)
    parts = []
    if adults:
        parts.append(_("{n} Erw.").format(n=adults))
    if children:
        parts.append(_("{n} Kind").format(n=children) if children == 1 else _("{n} Kinder").format(n=children))
    return ", ".join(parts)


def _line(i: int, s: dict) -> str:
    contact = " / ".join(v for v in (s.get("phone", ""), s.get("email", "")) if v)
    name = s.get("name", "")
    if s.get("guardian_name"):
        name += " (" + _("Eltern: {g}").format(g=s["guardian_name"]) + ")"
    fields = [f"{i}. {name}", contact, _people(s)]
    if s.get("note"):
        fields.append(_("Notiz: {n}").format(n=s["note"]))
    return " – ".join(f for f in fields if f)


def list_texts(title: str, when: str, signups: list[dict], limit: int) -> tuple[str, ...]:
    """The list for one offer and date, split so each part fits ``limit`` UTF-8 bytes."""
    confirmed = [s for s in signups if s.get("status") != "waiting"]
    waiting = [s for s in signups if s.get("status") == "waiting"]
    people = sum(int(s.get("adults", 0) or 0) + int(s.get("children", 0) or 0) for s in confirmed)
    heading = [f"{title}", when, _("{n} Anmeldungen, {p} Personen").format(n=len(confirmed), p=people)]
    lines = [_line(i, s) for i, s in enumerate(confirmed, start=1)]
    if waiting:
        lines.append(_("Warteliste:"))
        lines += [_line(i, s) for i, s in enumerate(waiting, start=1)]
    if not lines:
        lines = [_("(noch keine Anmeldungen)")]
    part_mark = "(Teil 99/99)"
    room = limit - len("\n".join(heading + [part_mark]).encode("utf-8")) - 1
    parts: list[list[str]] = [[]]
    used = 0
    for line in lines:
        size = len(line.encode("utf-8")) + 1
        if size > room:  # one absurdly long line (a long note): cut it, never drop the person
            line = line.encode("utf-8")[: room - 4].decode("utf-8", "ignore") + "…"
            size = len(line.encode("utf-8")) + 1
        if parts[-1] and used + size > room:
            parts.append([])
            used = 0
        parts[-1].append(line)
        used += size
    if len(parts) == 1:
        return ("\n".join(heading + parts[0]),)
    return tuple("\n".join(heading + [_("(Teil {i}/{n})").format(i=i, n=len(parts))] + part)
                 for i, part in enumerate(parts, start=1))


def phone_list_texts(store, config, first: date, last: date | None = None) -> list[PhoneList]:
    """Plain-text lists per offer and date between ``first`` and ``last`` (inclusive).

    Empty when the config switches phone lists off.  Purged sign-ups (names
    already removed) are left out.
    """
    if not getattr(config, "sync_phone_lists", False):
        return []
    from kiosk.schedule import occurrences

    last = last or first
    limit = max_text_bytes()
    out: list[PhoneList] = []
    for occ in occurrences(config, first, last):
        offer = config.offer(occ.offer_id)
        if offer is None or not offer.signup:
            continue
        signups = [s for s in store.signups_for(occ.offer_id, occ.day) if s.get("purged") is not True and s.get("name")]
        if not signups:
            continue
        signups.sort(key=lambda s: str(s.get("created", "")))
        title = offer.title.get("de")
        when = f"{WEEKDAY_SHORT[occ.day.weekday()]} {occ.day:%d.%m.%Y}, {occ.start:%H:%M}–{occ.end:%H:%M}"
        if offer.room:
            when += f", {offer.room.get('de')}"
        out.append(PhoneList(occ.offer_id, occ.day, title, list_texts(title, when, signups, limit)))
    return out


def default_range(today: date, days: int = 7) -> tuple[date, date]:
    return today, today + timedelta(days=days - 1)
