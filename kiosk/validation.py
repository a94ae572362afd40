"""Cleaning and checking what visitors type: names, phone numbers, e-mail, free text.

Everything typed at the kiosk ends up in a spreadsheet staff open in Excel
and in lists they read aloud, so input is normalised once, here, before it
is stored: NFC text, single spaces, no invisible characters.  Invisible
direction overrides (U+202E and friends) are removed because they make a
name *display* differently from what it *is* (a classic spoofing trick) and
the visitor cannot see them to fix them.

Every problem is reported as a :class:`ValidationError` whose messages are
short, friendly German sentences addressing the visitor as "du" (the whole
kiosk uses "du" for a warm open-house tone).  Messages never repeat what was
typed (privacy: errors may end up in logs), except for the stray symbols
that made a name invalid, so the visitor knows what to remove.

No Kivy here: this is core code.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Mapping

from kiosk.i18n import _

NAME_MIN = 2
NAME_MAX = 80
TEXT_LIMIT = 200
EMAIL_MAX = 254
EMAIL_LOCAL_MAX = 64
E164_MAX_DIGITS = 15
#: Longer raw input is rejected before any per-character work (a stuck key
#: or a pasted essay must not cost more than a frame).
_RAW_CAP = 2000

#: Direction marks, embeddings, overrides and isolates.
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e"  # LRE RLE PDF LRO RLO
    "\u2066\u2067\u2068\u2069"  # LRI RLI FSI PDI
    "\u200e\u200f\u061c"  # LRM RLM ALM
)
#: Removed silently everywhere: invisible, and visitors cannot see them to
#: fix them.  Zero-width (non-)joiners stay: Persian and Indic names need them.
INVISIBLES = BIDI_CONTROLS | frozenset("\u200b\u2060\ufeff\u00ad\u180e")

_PHONE_EXAMPLE = "0171 1234567"
_EMAIL_EXAMPLE = "name@beispiel.de"


class ValidationError(ValueError):
    """Every problem of one form at once: ``errors`` maps field → German message.

    Collecting all problems lets the form mark every wrong field in one go
    instead of making the visitor fix them one by one.
    """

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors: dict[str, str] = dict(errors)
        super().__init__(self.errors)  # args stay picklable

    def __str__(self) -> str:
        return "\n".join(f"{field}: {message}" for field, message in self.errors.items())


def _as_text(raw: object) -> str:
    """None is an empty field; anything but text is a programming error."""
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raise TypeError(f"expected text, got {type(raw).__name__}")
    return raw


def _drop_invisibles(text: str) -> str:
    return "".join(ch for ch in text if ch not in INVISIBLES)


def _collapse(text: str) -> str:
    """All whitespace (tabs, newlines, no-break and ideographic spaces) → one space."""
    return " ".join(text.split())


# --------------------------------------------------------------------------- free text


def clean_free_text(raw: object, limit: int = TEXT_LIMIT, *, field: str = "text") -> str:
    """Wish text or sign-up note: NFC, one line, no control/bidi characters, ≤ ``limit``.

    Too long text is refused rather than cut: the visitor must see what is
    kept ("nothing is lost").  Empty text is fine (the field is optional).
    """
    text = _as_text(raw)
    if len(text) > max(_RAW_CAP, 4 * limit):
        raise ValidationError({field: _too_long_text(limit)})
    kept = []
    for ch in text:
        if ch.isspace():
            kept.append(" ")
        elif ch in INVISIBLES or unicodedata.category(ch) in ("Cc", "Cs"):
            continue
        else:
            kept.append(ch)
    cleaned = _collapse(unicodedata.normalize("NFC", "".join(kept)))
    if len(cleaned) > limit:
        raise ValidationError({field: _too_long_text(limit)})
    return cleaned


def _too_long_text(limit: int) -> str:
    return _("Der Text ist zu lang. Bitte schreib höchstens {limit} Zeichen.").format(limit=limit)


# --------------------------------------------------------------------------- names

#: Punctuation that really occurs in names: hyphens, apostrophes, dots ("Dr."),
#: the Catalan middle dot.  Letters and combining marks of every script are
#: allowed separately (ʼ U+02BC, used in Ukrainian names, is a letter).
NAME_PUNCTUATION = frozenset("-\u2010\u2011'\u2019.\u00b7")
_JOINERS = frozenset("\u200c\u200d")


def validate_name(raw: object, *, field: str = "name") -> str:
    """Return the cleaned name (NFC, single spaces) or raise ValidationError.

    Accepts every script, combining marks, spaces, hyphens, apostrophes and
    dots; refuses digits, symbols, control characters, and lengths outside
    2–80 characters.
    """
    if field == "guardian_name":
        empty = _("Bitte gib den Namen von Mutter, Vater oder einer anderen erziehungsberechtigten Person ein.")
    else:
        empty = _("Bitte gib deinen Namen ein.")
    text = _as_text(raw)
    if len(text) > _RAW_CAP:
        raise ValidationError({field: _name_too_long()})
    name = _collapse(unicodedata.normalize("NFC", _drop_invisibles(text)))
    if not name:
        raise ValidationError({field: empty})

    has_letter = has_digit = has_control = False
    symbols: list[str] = []
    for ch in name:
        category = unicodedata.category(ch)
        if category[0] == "L":
            has_letter = True
        elif category[0] == "M" or ch == " " or ch in NAME_PUNCTUATION or ch in _JOINERS:
            pass
        elif category[0] == "N":
            has_digit = True
        elif category[0] in ("P", "S"):
            if ch not in symbols:
                symbols.append(ch)
        else:  # Cc, Cf, Cs, Co, Cn, Zl, Zp: nothing a person types on purpose
            has_control = True

    if has_control:
        message = _("Im Namen stecken unsichtbare Sonderzeichen. Bitte tippe ihn noch einmal neu ein.")
    elif has_digit:
        message = _("Ein Name hat keine Ziffern. Bitte lass die Zahlen weg.")
    elif symbols:
        shown = " ".join(symbols[:5])
        message = _(
            "Diese Zeichen gehören nicht in einen Namen: {chars} — "
            "erlaubt sind Buchstaben, Leerzeichen, Bindestrich, Apostroph und Punkt."
        ).format(chars=shown)
    elif not has_letter:
        message = empty
    elif len(name) < NAME_MIN:
        message = _("Der Name ist zu kurz. Bitte gib mindestens {n} Buchstaben ein.").format(n=NAME_MIN)
    elif len(name) > NAME_MAX:
        message = _name_too_long()
    else:
        return name
    raise ValidationError({field: message})


def _name_too_long() -> str:
    return _("Der Name ist zu lang. Bitte kürze ihn auf höchstens {n} Zeichen.").format(n=NAME_MAX)


def name_key(raw: object) -> str:
    """The form of a name used to compare names ("" for no name).

    casefold + NFKC + single spaces, and the same apostrophe and hyphen for
    all variants.  Turkish i: casefold turns "İ" into "i" + U+0307 and keeps
    "ı" apart from "i", so "İBRAHİM"/"İbrahim" and "YILMAZ"/"Yılmaz" (the
    same names written by the same person in capitals and not) would differ;
    both are folded to a plain "i".  Never uses ``.upper()``.
    """
    text = _drop_invisibles(_as_text(raw))
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    folded = folded.replace("i\u0307", "i").replace("\u0131", "i")
    folded = re.sub("[\u2019\u2018\u02bc`\u00b4]", "'", folded)
    folded = re.sub("[\u2010\u2011\u2012\u2013]", "-", folded)
    return _collapse(folded)


def same_person(name_a: object, name_b: object) -> bool:
    """True when two typed names are the same name (for duplicate sign-ups)."""
    key_a = name_key(name_a)
    return bool(key_a) and key_a == name_key(name_b)


# --------------------------------------------------------------------------- phone

_PHONE_SEPARATORS = frozenset(" /-.()\u2010\u2011\u2012\u2013")
_TRUNK_IN_PARENS = re.compile(r"\(\s*0\s*\)")
_E164 = re.compile(r"^\+[1-9][0-9]{7,14}$")

#: National significant number lengths (digits after the country code) for
#: the countries many neighbours call from, so an incomplete foreign number
#: is caught too.  Country codes are prefix-free, so ``startswith`` is safe.
_NSN_LENGTHS: dict[str, tuple[int, int]] = {
    "90": (10, 10),  # Türkiye
    "380": (9, 9),  # Ukraine
    "7": (10, 10),  # Russia, Kazakhstan
    "48": (9, 9),  # Poland
    "31": (9, 9),  # Netherlands
    "33": (9, 9),  # France
    "41": (9, 9),  # Switzerland
    "1": (10, 10),  # USA, Canada
}
#: German: mobile numbers (015x/016x/017x) have 10–11 digits after the 0,
#: landlines at least 7 (e.g. 030 12345), at most what E.164 leaves.
_DE_MOBILE_PREFIXES = ("15", "16", "17")
_DE_MOBILE = (10, 11)
_DE_OTHER = (7, E164_MAX_DIGITS - 2)


def normalise_phone(raw: object, *, field: str = "phone") -> str:
    """Turn a typed phone number into E.164 ("+491711234567") or raise ValidationError.

    German forms ("0171 1234567", "0171/1234567", "(02365) 12345",
    "+49 (0)171 …", "0049 171 …") get +49; foreign numbers must start with
    + or 00.  Digits from any script (e.g. Arabic-Indic) are understood.
    """
    text = _as_text(raw)
    if len(text) > _RAW_CAP:
        raise ValidationError({field: _phone_too_long()})
    text = unicodedata.normalize("NFKC", _drop_invisibles(text)).strip()
    if not text:
        raise ValidationError({field: _("Bitte gib deine Telefonnummer ein.")})

    international = text.startswith("+")
    body = text[1:] if international else text
    if any(not (_decimal(ch) or ch in _PHONE_SEPARATORS or ch.isspace()) for ch in body):
        raise ValidationError({field: _(
            "Eine Telefonnummer hat nur Ziffern (Leerzeichen, + und / sind in Ordnung). "
            "Beispiel: {example}"
        ).format(example=_PHONE_EXAMPLE)})
    number = _digits(body)
    if number.startswith("00"):
        international = True
    if international:
        # "+49 (0)171 …": the (0) is the national trunk prefix, not part of the number.
        number = _digits(_TRUNK_IN_PARENS.sub("", body))
        if not text.startswith("+"):
            number = number[2:]  # the "00" that stood for "+"
        if number.startswith("490"):  # "+49 0171 …"
            number = "49" + number[3:]
        if number.startswith("0"):
            raise ValidationError({field: _(
                "Die Ländervorwahl stimmt nicht. Beispiel: +49 171 1234567"
            )})
    elif number.startswith("0"):
        number = "49" + number[1:]
    elif number:
        raise ValidationError({field: _(
            "Bitte gib die Telefonnummer mit Vorwahl ein. Beispiel: 02365 123456"
        )})
    if number.startswith("490"):  # a German number never starts with 0 after the trunk 0
        raise ValidationError({field: _(
            "Die Vorwahl stimmt so nicht. Beispiel: {example}"
        ).format(example=_PHONE_EXAMPLE)})

    shortest, longest = _expected_length(number)
    if len(number) < shortest:
        raise ValidationError({field: _(
            "Die Telefonnummer sieht unvollständig aus. Beispiel: {example}"
        ).format(example=_PHONE_EXAMPLE)})
    if len(number) > longest:
        raise ValidationError({field: _phone_too_long()})
    result = "+" + number
    assert _E164.match(result), "phone normalisation broke its own contract"
    return result


def _decimal(ch: str) -> str:
    """ASCII digit for a decimal digit of any script ("٣" → "3"), else ""."""
    value = unicodedata.decimal(ch, None)
    return "" if value is None else str(value)


def _digits(text: str) -> str:
    return "".join(_decimal(ch) for ch in text)


def _expected_length(number: str) -> tuple[int, int]:
    """Allowed total digit count (country code included) for ``number``."""
    if number.startswith("49"):
        nsn = number[2:]
        low, high = _DE_MOBILE if nsn.startswith(_DE_MOBILE_PREFIXES) else _DE_OTHER
        return low + 2, high + 2
    for code, (low, high) in _NSN_LENGTHS.items():
        if number.startswith(code):
            return len(code) + low, len(code) + high
    return 8, E164_MAX_DIGITS


def _phone_too_long() -> str:
    return _("Die Telefonnummer ist zu lang. Bitte prüfe sie noch einmal. Beispiel: {example}").format(
        example=_PHONE_EXAMPLE
    )


# --------------------------------------------------------------------------- e-mail

_EMAIL_FORBIDDEN = frozenset('<>()[],;:\\"')


def validate_email(raw: object, *, field: str = "email") -> str:
    """Sanity-check an e-mail address; return it with the domain lower-cased.

    Only a sanity check (one @, something before it, a domain with a dot,
    no spaces, ≤ 254 characters): the point is catching typos like a comma
    for a dot, not enforcing RFC 5322.  The local part keeps its case because
    some mail servers treat it case-sensitively.
    """
    text = _as_text(raw)
    if len(text) > _RAW_CAP:
        raise ValidationError({field: _email_too_long()})
    address = unicodedata.normalize("NFKC", _drop_invisibles(text)).strip()
    if not address:
        raise ValidationError({field: _("Bitte gib deine E-Mail-Adresse ein.")})
    if len(address) > EMAIL_MAX:
        raise ValidationError({field: _email_too_long()})
    if any(ch.isspace() for ch in address):
        raise ValidationError({field: _("Eine E-Mail-Adresse hat keine Leerzeichen. Bitte prüfe sie noch einmal.")})
    if address.count("@") != 1:
        raise ValidationError({field: _(
            "Eine E-Mail-Adresse hat genau ein @-Zeichen. Beispiel: {example}"
        ).format(example=_EMAIL_EXAMPLE)})
    local, domain = address.split("@")
    labels = domain.split(".")
    looks_right = (
        local
        and len(local) <= EMAIL_LOCAL_MAX
        and len(labels) >= 2
        and all(labels)
        and len(labels[-1]) >= 2
        and not labels[-1].isdigit()
        and not any(ch in _EMAIL_FORBIDDEN or unicodedata.category(ch)[0] in ("C", "Z") for ch in address)
    )
    if not looks_right:
        raise ValidationError({field: _(
            "Die E-Mail-Adresse sieht nicht vollständig aus. Beispiel: {example}"
        ).format(example=_EMAIL_EXAMPLE)})
    return f"{local}@{domain.lower()}"


def _email_too_long() -> str:
    return _("Die E-Mail-Adresse ist zu lang. Bitte prüfe sie noch einmal.")
