"""What an offer card says, as plain words: pure Python, no Kivy.

The offer list, its detail view, the attract loop and the sign-up and
feedback screens all describe an occurrence the same way ("für Familien",
"noch 3 Plätze", "fällt heute aus"), so the wording lives here once and can
be tested without a window.  Every visible string goes through ``_()``;
offer texts come from the config in the visitor's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kiosk.config import Offer
from kiosk.i18n import _
from kiosk.locale_format import format_day, format_time_range
from kiosk.schedule import Occurrence
from kiosk.service import Availability, KioskService

__all__ = (
    "STATUS_KINDS",
    "OfferCardInfo",
    "audience_text",
    "availability_status",
    "cost_text",
    "day_heading",
    "day_with_relative",
    "relative_day_word",
    "time_text",
    "card_info",
    "first_letter_upper",
)

#: Kinds of status line a card shows; each kind has its own chip colours.
#: free: places left (or no limit) · full: waiting list · cancelled: staff
#: cancelled it · open: no sign-up needed · past: already over today.
STATUS_KINDS = ("free", "full", "cancelled", "open", "past")


def _audience_word(key: str) -> str:
    # One function per word so babel extracts each msgid on its own.
    words = {
        "kinder": _("Kinder"),
        "jugendliche": _("Jugendliche"),
        "familien": _("Familien"),
        "senioren": _("Ältere"),
        "alle": _("alle"),
    }
    return words.get(key, key)


def audience_text(audience: tuple[str, ...] | list[str]) -> str:
    """ "für Kinder", "für Familien und Jugendliche", "für alle"; "" for none.

    "alle" wins over any other group (an offer for everybody is for everybody).
    """
    keys = list(dict.fromkeys(audience))
    if not keys:
        return ""
    if "alle" in keys:
        return _("für alle")
    words = [_audience_word(k) for k in keys]
    if len(words) == 1:
        listed = words[0]
    else:
        listed = _("{first} und {last}").format(first=", ".join(words[:-1]), last=words[-1])
    return _("für {who}").format(who=listed)


def availability_status(
    offer: Offer | None, availability: Availability, *, is_today: bool, over: bool = False
) -> tuple[str, str]:
    """(text, kind) for the card's status chip; kind is one of STATUS_KINDS.

    Staff flags come first (a cancelled offer is cancelled whatever its
    places); an offer without sign-up says so, so nobody queues at the
    kiosk for the café.
    """
    if availability.cancelled:
        return (_("fällt heute aus") if is_today else _("fällt leider aus")), "cancelled"
    if over:
        return _("schon vorbei"), "past"
    takes_signups = bool(offer and offer.signup)
    if not takes_signups:
        if availability.full_flag:
            return _("heute leider voll") if is_today else _("leider voll"), "full"
        return _("ohne Anmeldung"), "open"
    if availability.full:
        return _("ausgebucht – Warteliste"), "full"
    free = availability.free
    if free is None:
        return _("Plätze frei"), "free"
    if free == 1:
        return _("noch 1 Platz"), "free"
    return _("noch {n} Plätze").format(n=free), "free"


def cost_text(offer: Offer, lang: str) -> str:
    """The offer's cost in ``lang``, or "kostenlos" when the config leaves it empty."""
    cost = offer.cost.get(lang).strip() if offer.cost else ""
    return cost or _("kostenlos")


def relative_day_word(day: date, today: date) -> str | None:
    """ "Heute", "Morgen" or "Gestern" when ``day`` is one of those, else None."""
    return {0: _("Heute"), 1: _("Morgen"), -1: _("Gestern")}.get((day - today).days)


def day_with_relative(day: date, today: date | None, lang: str) -> str:
    """ "Heute, Dienstag, 24. November", or just the date for other days.
    One translatable pattern, so a language can put the words in its order."""
    date_text = format_day(day, lang)
    word = relative_day_word(day, today) if today is not None else None
    if word is None:
        return date_text
    # TRANSLATORS: {relative} is "Heute"/"Morgen"/"Gestern", {date} e.g. "Dienstag, 24. November"
    return _("{relative}, {date}").format(relative=word, date=date_text)


def day_heading(day: date, today: date, lang: str) -> tuple[str, str]:
    """(heading, date line) for a day section: ("Heute", "Dienstag, 24. November"),
    ("Morgen", "Mittwoch, 25. November"), ("Donnerstag, 26. November", "")."""
    if (day - today).days in (0, 1):      # the lists never show past days
        return relative_day_word(day, today) or "", format_day(day, lang)
    return format_day(day, lang), ""


def time_text(occurrence: Occurrence, lang: str) -> str:
    """ "14:30–17:00 Uhr" in the visitor's language."""
    return format_time_range(occurrence.start, occurrence.end, lang)


def first_letter_upper(text: str, lang: str) -> str:
    """Capitalise only the first letter (a sentence start), Turkish-aware:
    str.upper() would turn Turkish "i" into "I" instead of "İ"."""
    if not text:
        return text
    first = text[0]
    if lang == "tr" and first == "i":
        upper = "İ"
    elif lang == "tr" and first == "ı":
        upper = "I"
    else:
        upper = first.upper()
        if len(upper) != 1:  # "ß".upper() == "SS": leave such letters alone
            upper = first
    return upper + text[1:]


@dataclass(frozen=True)
class OfferCardInfo:
    """Everything one offer card shows, already in the visitor's language."""

    offer_id: str
    day: date
    pictogram: str
    title: str
    time: str
    day_label: str
    room: str
    audience: str
    status: str
    status_kind: str
    takes_signups: bool
    cancelled: bool
    full: bool


def card_info(service: KioskService, occurrence: Occurrence, lang: str, now: datetime) -> OfferCardInfo:
    """The card for one occurrence, with live availability (staff flags
    included), so re-showing a screen shows a fresh "ausgebucht" at once."""
    offer = service.config.offer(occurrence.offer_id)
    today = now.date()
    availability = service.availability(occurrence.offer_id, occurrence.day)
    over = occurrence.day == today and occurrence.end <= now
    status, kind = availability_status(offer, availability, is_today=occurrence.day == today, over=over)
    day_label = day_with_relative(occurrence.day, today, lang)
    return OfferCardInfo(
        offer_id=occurrence.offer_id,
        day=occurrence.day,
        pictogram=offer.pictogram if offer else "",
        title=offer.title.get(lang) if offer else occurrence.offer_id,
        time=time_text(occurrence, lang),
        day_label=day_label,
        room=offer.room.get(lang) if offer else "",
        audience=audience_text(offer.audience) if offer else "",
        status=status,
        status_kind=kind,
        takes_signups=bool(offer and offer.signup),
        cancelled=availability.cancelled,
        full=availability.full,
    )
