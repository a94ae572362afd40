"""Reports for the office: CSV files German Excel opens as they are, and attendance lists.

CSV conventions (what German Excel expects when a file is double-clicked):
semicolon separated, UTF-8 with BOM (else umlauts break), CRLF line ends,
dates as dd.mm.yyyy, decimal comma.  Any text cell starting with = + - @,
a tab or a carriage return gets a leading apostrophe, so a name or note
typed at the kiosk can never run as a formula ("CSV injection").

Files written to the output folder:

* ``anmeldungen.csv`` – every sign-up, per offer and date (status, name, contact, people, …)
* ``anmeldungen-zahlen.csv`` – per offer and date: sign-ups, adults, children, waiting list
* ``feedback.csv`` – smiley votes per offer; ``feedback-tage.csv`` – per kiosk, day and offer
* ``wuensche.csv`` – every wish (day, hour, topics, text); ``wuensche-themen.csv`` – votes per topic
* ``anwesenheit/<datum>-<angebot>.html`` – printable attendance list per offer and date, plus ``index.html``
"""

from __future__ import annotations

import csv
import html
import re
from collections import Counter, defaultdict
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable

from kiosk.i18n import _
from kiosk.sync.staff_store import StaffStore

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
STATUS_DE = {"confirmed": "angemeldet", "waiting": "Warteliste"}


def safe_cell(value: Any) -> Any:
    """Text that Excel would treat as a formula gets a leading apostrophe; numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    if isinstance(value, int):
        return value
    text = str(value)
    if text.startswith(DANGEROUS_START):
        return "'" + text
    return text


def german_date(iso: str) -> str:
    try:
        return date.fromisoformat(str(iso)[:10]).strftime("%d.%m.%Y")
    except ValueError:
        return str(iso)


def german_moment(iso: str) -> str:
    try:
        return datetime.fromisoformat(str(iso)).strftime("%d.%m.%Y %H:%M")
    except ValueError:
        return str(iso)


def write_csv(path: Path, header: list[str], rows: Iterable[list[Any]]) -> Path:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow([safe_cell(h) for h in header])
        for row in rows:
            writer.writerow([safe_cell(v) for v in row])
    return path


class Names:
    """Offer titles and topic labels from the config when there is one, else the ids."""

    def __init__(self, config=None) -> None:
        self.config = config

    def offer(self, offer_id: str | None) -> str:
        if not offer_id:
            return _("Das Haus allgemein")
        offer = self.config.offer(offer_id) if self.config is not None else None
        return offer.title.get("de") if offer is not None else offer_id

    def topic(self, topic_id: str) -> str:
        topic = self.config.topic(topic_id) if self.config is not None else None
        return topic.label.get("de") if topic is not None else topic_id

    def times(self, offer_id: str, day: str) -> str:
        if self.config is None:
            return ""
        try:
            from kiosk.schedule import occurrence_on

            occ = occurrence_on(self.config, offer_id, date.fromisoformat(day))
        except Exception:  # noqa: BLE001 - a report must not fail over a schedule question
            return ""
        return f"{occ.start:%H:%M}–{occ.end:%H:%M}" if occ else ""


def title_key(title: str) -> str:
    """Sort titles by their first letter, not by a leading quotation mark („Fall im Feld“)."""
    return re.sub(r"^\W+", "", title).casefold()


def _signup_sort_key(names: Names, s: dict) -> tuple:
    return (title_key(names.offer(s.get("offer_id"))), str(s.get("day")), s.get("status") != "confirmed",
            str(s.get("created")), str(s.get("name")))


def write_reports(staff: StaffStore, out_dir: Path, config=None) -> list[Path]:
    """Write all report files; returns their paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    names = Names(config)
    signups = sorted(staff.signups(), key=lambda s: _signup_sort_key(names, s))
    written = [
        write_csv(out_dir / "anmeldungen.csv",
                  ["Angebot", "Datum", "Status", "Name", "Telefon", "E-Mail", "Erwachsene", "Kinder",
                   "Minderjährig", "Erziehungsberechtigte Person", "Notiz", "Angemeldet am", "Herkunft",
                   "Einwilligung (Fassung)", "Kiosk", "Angebots-Kennung", "Eintrags-Kennung"],
                  ([names.offer(s.get("offer_id")), german_date(s.get("day", "")),
                    STATUS_DE.get(s.get("status"), s.get("status")), s.get("name", ""), s.get("phone", ""),
                    s.get("email", ""), s.get("adults", 0), s.get("children", 0), bool(s.get("minor")),
                    s.get("guardian_name", ""), s.get("note", ""), german_moment(s.get("created", "")),
                    s.get("source", ""), s.get("consent_version", ""), s.get("kiosk_id", ""), s.get("offer_id", ""),
                    s.get("id", "")] for s in signups)),
        _write_signup_counts(staff, signups, names, out_dir),
    ]
    written += _write_feedback(staff, names, out_dir)
    written += _write_wishes(staff, names, out_dir)
    written += write_attendance_lists(signups, names, out_dir / "anwesenheit")
    return written


def _write_signup_counts(staff: StaffStore, signups: list[dict], names: Names, out_dir: Path) -> Path:
    totals: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    with_lists: set[tuple[str, str, str]] = set()
    for s in signups:
        key = (s.get("offer_id", ""), s.get("day", ""), s.get("kiosk_id", ""))
        with_lists.add(key)
        row = totals[key]
        if s.get("status") == "waiting":
            row[3] += 1
            row[4] += int(s.get("adults", 0) or 0) + int(s.get("children", 0) or 0)
        else:
            row[0] += 1
            row[1] += int(s.get("adults", 0) or 0)
            row[2] += int(s.get("children", 0) or 0)
    only_counts: set[tuple[str, str, str]] = set()
    for kiosk, offer, day, status, n, adults, children in staff.signup_counts():
        key = (offer, day, kiosk)
        if key in with_lists:
            continue  # the full list arrived later and is the better source
        only_counts.add(key)
        row = totals[key]
        if status == "waiting":
            row[3] += n
            row[4] += adults + children
        else:
            row[0] += n
            row[1] += adults
            row[2] += children
    rows = [[names.offer(offer), german_date(day), v[0], v[1], v[2], v[1] + v[2], v[3], v[4], kiosk,
             _("nur Zahlen") if (offer, day, kiosk) in only_counts else _("Liste")]
            for (offer, day, kiosk), v in sorted(totals.items(),
                                                 key=lambda kv: (title_key(names.offer(kv[0][0])), kv[0][1], kv[0][2]))]
    return write_csv(out_dir / "anmeldungen-zahlen.csv",
                     ["Angebot", "Datum", "Anmeldungen", "Erwachsene", "Kinder", "Personen",
                      "Warteliste (Anmeldungen)", "Warteliste (Personen)", "Kiosk", "Quelle"], rows)


def _average(counts: Counter) -> float | str:
    total = sum(counts.values())
    return sum(score * n for score, n in counts.items()) / total if total else ""


def _write_feedback(staff: StaffStore, names: Names, out_dir: Path) -> list[Path]:
    per_offer: dict[str, Counter] = defaultdict(Counter)
    per_day: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    scale = 3
    for kiosk, day, hour, offer, score, n in staff.feedback():
        per_offer[offer or ""][score] += n
        per_day[(kiosk, day, offer or "")][score] += n
        scale = max(scale, score)
    scores = list(range(1, scale + 1))
    score_heads = [f"Smiley {s}" + (" (traurig)" if s == 1 else " (froh)" if s == scale else "") for s in scores]
    by_offer = write_csv(out_dir / "feedback.csv", ["Angebot", "Stimmen", *score_heads, "Durchschnitt"],
                         ([names.offer(o), sum(c.values()), *[c.get(s, 0) for s in scores], _average(c)]
                          for o, c in sorted(per_offer.items(), key=lambda kv: title_key(names.offer(kv[0])))))
    by_day = write_csv(out_dir / "feedback-tage.csv",
                       ["Kiosk", "Datum", "Angebot", "Stimmen", *score_heads, "Durchschnitt"],
                       ([k, german_date(d), names.offer(o), sum(c.values()), *[c.get(s, 0) for s in scores],
                         _average(c)] for (k, d, o), c in sorted(per_day.items())))
    return [by_offer, by_day]


def _write_wishes(staff: StaffStore, names: Names, out_dir: Path) -> list[Path]:
    topics: Counter = Counter()
    rows = []
    for kiosk, day, hour, wish_topics, text, n in staff.wishes():
        for topic in wish_topics:
            topics[topic] += n
        for _ in range(n):
            rows.append([kiosk, german_date(day), f"{hour:02d}–{hour + 1:02d} Uhr",
                         ", ".join(names.topic(t) for t in wish_topics), text])
    every = write_csv(out_dir / "wuensche.csv", ["Kiosk", "Datum", "Uhrzeit", "Themen", "Eigener Text"], rows)
    counted = write_csv(out_dir / "wuensche-themen.csv", ["Thema", "Stimmen"],
                        ([names.topic(t), n] for t, n in topics.most_common()))
    return [every, counted]


PRINT_CSS = """
@page { size: A4; margin: 14mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 12pt; color: #000; }
h1 { font-size: 18pt; margin: 0 0 2mm; }
p.meta { margin: 0 0 5mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #444; padding: 2.5mm 2mm; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num, th.num { text-align: right; width: 14mm; }
td.tick { width: 16mm; }
h2 { font-size: 14pt; margin: 7mm 0 2mm; }
tr { page-break-inside: avoid; }
@media screen { body { max-width: 190mm; margin: 10mm auto; } }
"""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", text.lower()).strip("-") or "angebot"


def write_attendance_lists(signups: list[dict], names: Names, folder: Path) -> list[Path]:
    """One printable HTML page per offer and date, plus index.html."""
    folder.mkdir(parents=True, exist_ok=True)
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for s in signups:
        groups[(s.get("day", ""), s.get("offer_id", ""))].append(s)
    written = []
    links = []
    for (day, offer_id), entries in sorted(groups.items()):
        path = folder / f"{day}-{_slug(offer_id)}.html"
        title = names.offer(offer_id)
        when = german_date(day)
        times = names.times(offer_id, day)
        path.write_text(_attendance_page(title, when, times, entries), encoding="utf-8")
        written.append(path)
        links.append(f'<li><a href="{html.escape(path.name)}">{html.escape(when)} – {html.escape(title)}</a> '
                     f'({len(entries)})</li>')
    index = folder / "index.html"
    index.write_text(
        "<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>Anwesenheitslisten</title>"
        f"<style>{PRINT_CSS}</style></head><body><h1>Anwesenheitslisten</h1><ul>{''.join(links)}</ul></body></html>",
        encoding="utf-8")
    written.append(index)
    return written


def _attendance_page(title: str, when: str, times: str, entries: list[dict]) -> str:
    def rows(items: list[dict]) -> str:
        out = []
        for i, s in enumerate(items, start=1):
            contact = " · ".join(v for v in (s.get("phone", ""), s.get("email", "")) if v)
            name = s.get("name", "") or _("(Name gelöscht)")
            if s.get("guardian_name"):
                name += " " + _("(Erziehungsberechtigte Person: {g})").format(g=s["guardian_name"])
            note = f"<br><small>{html.escape(s['note'])}</small>" if s.get("note") else ""
            out.append(f"<tr><td class=\"num\">{i}</td><td>{html.escape(name)}{note}</td>"
                       f"<td>{html.escape(contact)}</td><td class=\"num\">{int(s.get('adults', 0) or 0)}</td>"
                       f"<td class=\"num\">{int(s.get('children', 0) or 0)}</td><td class=\"tick\">☐</td></tr>")
        return "".join(out)

    head = ("<tr><th class=\"num\">Nr.</th><th>Name</th><th>Telefon / E-Mail</th><th class=\"num\">Erw.</th>"
            "<th class=\"num\">Kinder</th><th>Da</th></tr>")
    confirmed = [s for s in entries if s.get("status") != "waiting"]
    waiting = [s for s in entries if s.get("status") == "waiting"]
    people = sum(int(s.get("adults", 0) or 0) + int(s.get("children", 0) or 0) for s in confirmed)
    body = (f"<h1>{html.escape(title)}</h1><p class=\"meta\">{html.escape(when)}"
            f"{(' · ' + html.escape(times)) if times else ''} · {len(confirmed)} Anmeldungen, {people} Personen</p>"
            f"<table>{head}{rows(confirmed)}</table>")
    if waiting:
        body += f"<h2>Warteliste</h2><table>{head}{rows(waiting)}</table>"
    return (f"<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>{html.escape(title)} "
            f"{html.escape(when)}</title><style>{PRINT_CSS}</style></head><body>{body}</body></html>")
