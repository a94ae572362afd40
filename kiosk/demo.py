"""A realistic busy day, made through the same validation as real entries.

Used for screenshots, staff training and benchmarks.  Everything goes through
``KioskService`` (debounce, capacity, duplicate names), with a simulated clock
that walks through the opening hours, so the demo data looks exactly like
data the kiosk would have written itself.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from kiosk.clock import KioskClock, ManualTime
from kiosk.records import ValidationError
from kiosk.schedule import occurrences, opening_hours_on
from kiosk.service import KioskService
from kiosk.timezone import BERLIN

FIRST_NAMES = (
    "Anna", "Lukas", "Mia", "Emre", "Elif", "Yusuf", "Zeynep", "Fatma", "Ahmad", "Layla",
    "Omar", "Nour", "Olena", "Taras", "Iryna", "Dmytro", "Marta", "Paweł", "Agnieszka",
    "Jürgen", "Ursula", "Hans-Peter", "Gülşen", "Özlem", "Svetlana", "Ben", "Lea", "Finn",
    "Sophie", "Hatice", "Mehmet", "Aylin", "Karim", "Samira", "Renate", "Dieter",
)
LAST_NAMES = (
    "Schäfer", "Müller", "Yılmaz", "Kaya", "Demir", "Al-Hassan", "Haddad", "Kowalczyk",
    "Nowak", "Schewtschenko", "Kovalenko", "Bondarenko", "Wagner", "Becker", "Hoffmann",
    "Öztürk", "Çelik", "Şahin", "O'Neill", "Krämer", "Weiß", "Saleh", "Nasser", "Petrenko",
)
WISH_TEXTS = (
    "Mehr Bänke am Spielplatz", "Ein Fußballturnier im Sommer", "Hausaufgabenhilfe auch freitags",
    "Ein Repair-Café wäre toll", "Deutschkurs am Abend", "Mehr Ausflüge in den Ferien",
    "Ein Treff für junge Mütter", "Musik für Jugendliche", "Kinoabend für Familien",
)


@dataclass(frozen=True)
class DemoSummary:
    day: date
    signups: int
    waiting: int
    votes: int
    wishes: int


def _opening_span(service: KioskService, day: date) -> tuple[datetime, datetime]:
    spans = opening_hours_on(service.config, day)
    if not spans:
        return datetime.combine(day, time(10), BERLIN), datetime.combine(day, time(17), BERLIN)
    return (
        datetime.combine(day, spans[0][0], BERLIN),
        datetime.combine(day, spans[-1][1], BERLIN),
    )


def _pick_occurrence(service: KioskService, week: list, rng: random.Random):
    """Visitors mostly choose dates that still have room (the screen says
    "ausgebucht"); now and then someone joins a waiting list anyway."""
    occ = rng.choice(week)
    for _ in range(6):
        if not service.availability(occ.offer_id, occ.day).full or rng.random() < 0.15:
            break
        occ = rng.choice(week)
    return occ


def _ascii_mail(first: str, last: str) -> str:
    """A plausible address from a name (e-mail local parts are ASCII here)."""
    plain = unicodedata.normalize("NFKD", f"{first}.{last}".lower())
    plain = "".join(c for c in plain if c.isascii() and (c.isalnum() or c in ".-"))
    return f"{plain}@example.org"


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.7:
        return f"01{rng.choice('567')}{rng.randint(0, 9)} {rng.randint(1000000, 9999999)}"
    return f"02365 {rng.randint(10000, 999999)}"


def generate_busy_day(
    service: KioskService,
    day: date,
    rng: random.Random,
    *,
    signups: int = 60,
    votes: int = 400,
    wishes: int = 30,
) -> DemoSummary:
    """Fill ``service``'s store with one busy day of entries (about the given counts)."""
    start, end = _opening_span(service, day)
    sim = ManualTime(start)
    original_clock, original_monotonic = service.clock, service._monotonic
    service.clock = KioskClock(source=sim)
    service._monotonic = sim
    steps = signups + votes + wishes
    step_seconds = max(1.0, (end - start).total_seconds() / max(steps, 1))
    try:
        week = [o for o in occurrences(service.config, day, day + timedelta(days=6))
                if service.config.offer(o.offer_id).signup]
        rated = [o.offer_id for o in occurrences(service.config, day, day)] or [
            o.id for o in service.config.offers
        ]
        topics = [t.id for t in service.config.wish_topics]
        plan = ["signup"] * signups + ["vote"] * votes + ["wish"] * wishes
        rng.shuffle(plan)
        made = {"signup": 0, "waiting": 0, "vote": 0, "wish": 0}
        for action in plan:
            sim.advance(step_seconds * rng.uniform(0.5, 1.5))
            if action == "vote":
                offer_id = rng.choice(rated + [None])
                score = rng.choices(range(1, service.config.feedback_scale + 1),
                                    weights=range(1, service.config.feedback_scale + 1))[0]
                sim.advance(service.config.feedback_debounce_seconds + 1)
                if service.give_feedback(offer_id, score) is not None:
                    made["vote"] += 1
            elif action == "wish":
                chosen = rng.sample(topics, k=rng.randint(1, min(3, len(topics))))
                text = rng.choice(WISH_TEXTS) if rng.random() < 0.3 else ""
                service.add_wish(chosen, text)
                made["wish"] += 1
            elif week:
                occ = _pick_occurrence(service, week, rng)
                offer = service.config.offer(occ.offer_id)
                kids = rng.choice((0, 0, 1, 2, 3)) if "senioren" not in offer.audience else 0
                phone = _phone(rng) if offer.contact in ("phone", "phone_or_email", "phone_and_email") else ""
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                email = (_ascii_mail(first, last)
                         if offer.contact in ("email", "phone_and_email") else "")
                try:
                    saved = service.sign_up(
                        offer_id=occ.offer_id, day=occ.day, name=f"{first} {last}",
                        phone=phone, email=email, adults=rng.choice((1, 1, 2)), children=kids,
                        consent_given=True,
                    )
                except ValidationError:
                    continue  # same name drawn twice for one date: the kiosk refuses it too
                made["signup"] += 1
                made["waiting"] += saved.record.status == "waiting"
        return DemoSummary(day, made["signup"], made["waiting"], made["vote"], made["wish"])
    finally:
        service.clock, service._monotonic = original_clock, original_monotonic
