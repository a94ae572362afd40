"""Checking the values of the parsed TOML, collecting every problem.

Staff edit the config in a text editor.  A mistake must be reported with the
file, the line and a plain German sentence, and ALL mistakes at once, so the
helpers here never raise on bad input: they record a ``ConfigProblem`` and
return ``None`` (or a default), and the caller carries on checking the rest.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from kiosk.config_model import WEEKDAYS, ConfigProblem, FrozenMap, Localized
from kiosk.config_read import LineIndex, Path_

PLACEHOLDER = "???"


@dataclass
class FileCheck:
    """Problems and line positions for one file."""

    file: str
    text: str
    languages: Sequence[str]
    problems: list[ConfigProblem] = field(default_factory=list)
    _lines: LineIndex | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def lines(self) -> LineIndex:
        """Where each key is in the file.  Built on the first problem: a clean
        file (every normal start of the kiosk) never needs it."""
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines

    def scope(self, data: dict, path: Path_ = (), index: int | None = None, label: str = "",
              key_prefix: str = "") -> Scope:
        return Scope(self, data, tuple(path), index, label, key_prefix)


@dataclass
class Scope:
    """One TOML table being checked; remembers which keys were read.

    ``label`` names the table for staff ("Angebot 'cafe'", "Abschnitt [office]").
    """

    check: FileCheck
    data: dict
    path: Path_
    index: int | None
    label: str
    key_prefix: str = ""
    known: set[str] = field(default_factory=set)
    localized_keys: set[str] = field(default_factory=set)

    # -- reporting

    def where(self, key: str | None, item: int | None = None) -> str:
        parts = [self.label] if self.label else []
        if key is not None:
            text = f"Schlüssel '{self.key_prefix}{key}'"
            if item is not None:
                text += f" (Eintrag {item + 1})"
            parts.append(text)
        return ", ".join(parts)

    def problem(self, key: str | None, message: str, item: int | None = None) -> None:
        path = self.path + ((key,) if key is not None else ()) + ((item,) if item is not None else ())
        line = self.check.lines.line_of(path, self.index)
        self.check.problems.append(ConfigProblem(self.check.file, message, line, None, self.where(key, item)))

    def sub(self, key: str, label: str | None = None) -> Scope | None:
        """The sub-table ``key`` as its own scope (None when absent or not a table)."""
        self.known.add(key)
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.problem(key, "muss ein Abschnitt sein, z. B. [" + ".".join(map(str, self.path + (key,))) + "]")
            return None
        prefix = "" if label is not None else f"{self.key_prefix}{key}."
        return Scope(self.check, value, self.path + (key,), self.index,
                     label if label is not None else self.label, prefix)

    def finish(self) -> None:
        """Report every key that nothing read: typos would otherwise be silently ignored."""
        allowed = set(self.known)
        for key in self.data:
            if key in allowed:
                continue
            base, _, lang = key.rpartition("_")
            if base in self.localized_keys and re.fullmatch(r"[a-z]{2,3}", lang):
                if lang in self.check.languages and lang != "de":
                    continue
                if lang == "de":
                    self.problem(key, f"Deutsch steht ohne Kürzel: bitte {base} = \"…\" schreiben.")
                    continue
                self.problem(key, f"Die Sprache '{lang}' ist nicht eingeschaltet. Sprachen stehen in "
                                  f"kiosk.toml unter languages: {', '.join(self.check.languages)}.")
                continue
            plain = sorted(k for k in allowed | self.localized_keys
                           if k.rpartition("_")[0] not in self.localized_keys)
            import difflib  # noqa: PLC0415 - only for a typo; not on every start

            guess = difflib.get_close_matches(key, plain, n=1, cutoff=0.6)
            if guess:
                self.problem(key, f"Unbekannter Name (Tippfehler?). Gemeint ist wohl '{guess[0]}'.")
            else:
                self.problem(key, f"Unbekannter Name (Tippfehler?). Erlaubt sind hier: {', '.join(plain)}.")

    # -- typed getters; each returns a safe value and records a problem if needed

    def raw(self, key: str) -> Any:
        self.known.add(key)
        return self.data.get(key)

    def has(self, key: str) -> bool:
        return key in self.data

    def text(self, key: str, *, required: bool = False, default: str = "", allow_number: bool = False) -> str:
        value = self.raw(key)
        if value is None:
            if required:
                self.problem(key, "fehlt. Bitte einen Text in Anführungszeichen angeben.")
            return default
        if allow_number and type(value) is int:
            value = str(value)
        if not isinstance(value, str):
            self.problem(key, "muss ein Text in Anführungszeichen sein.")
            return default
        return self._clean(key, value, required)

    def _clean(self, key: str, value: str, required: bool, item: int | None = None) -> str:
        value = tidy_text(value)
        if PLACEHOLDER in value:
            self.problem(key, f"enthält den Platzhalter '{PLACEHOLDER}'. Bitte ausfüllen oder leer lassen "
                              "(leere Angaben zeigt der Kiosk einfach nicht an).", item)
        if required and not value:
            self.problem(key, "darf nicht leer sein.", item)
        return value

    def localized(self, key: str, *, required: bool = False) -> Localized:
        """``key`` in German plus ``key_<lang>`` for every configured language."""
        self.localized_keys.add(key)
        values = {"de": self.text(key, required=required)}
        for lang in self.check.languages:
            if lang != "de" and f"{key}_{lang}" in self.data:
                values[lang] = self.text(f"{key}_{lang}")
        return Localized(FrozenMap(values))

    def localized_list(self, key: str, *, exact: int | None = None) -> tuple[Localized, ...]:
        """A list of German texts plus optional ``key_<lang>`` lists in the same order."""
        self.localized_keys.add(key)
        german = self.text_list(key)
        if exact is not None and len(german) != exact and self.has(key):
            self.problem(key, f"muss genau {exact} Einträge haben (gefunden: {len(german)}).")
        values: list[dict[str, str]] = [{"de": text} for text in german]
        for lang in self.check.languages:
            other_key = f"{key}_{lang}"
            if lang == "de" or other_key not in self.data:
                continue
            other = self.text_list(other_key)
            if len(other) != len(german):
                self.problem(other_key, f"hat {len(other)} Einträge, '{key}' aber {len(german)}. "
                                        "Die Übersetzungen müssen in derselben Reihenfolge stehen.")
            for entry, text in zip(values, other):
                entry[lang] = text
        return tuple(Localized(FrozenMap(v)) for v in values)

    def text_list(self, key: str) -> list[str]:
        value = self.raw(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(key, 'muss eine Liste von Texten sein, z. B. ["…", "…"].')
            return []
        result = []
        for item, entry in enumerate(value):
            if not isinstance(entry, str):
                self.problem(key, "muss ein Text in Anführungszeichen sein.", item)
                continue
            result.append(self._clean(key, entry, True, item))
        return result

    def integer(self, key: str, *, minimum: int, maximum: int | None, default: int | None,
                required: bool = False) -> int | None:
        value = self.raw(key)
        wanted = (f"eine ganze Zahl ab {minimum}" if maximum is None
                  else f"eine ganze Zahl von {minimum} bis {maximum}")
        if value is None:
            if required:
                self.problem(key, f"fehlt. Bitte {wanted} angeben.")
            return default
        if type(value) is not int or value < minimum or (maximum is not None and value > maximum):
            hint = " (ohne Anführungszeichen)" if isinstance(value, str) else ""
            self.problem(key, f"muss {wanted} sein{hint}.")
            return default
        return value

    def boolean(self, key: str, *, default: bool) -> bool:
        value = self.raw(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.problem(key, "muss true (ja) oder false (nein) sein, ohne Anführungszeichen.")
            return default
        return value

    def choice(self, key: str, choices: Sequence[str], *, default: str) -> str:
        value = self.raw(key)
        if value is None:
            return default
        if value not in choices:
            self.problem(key, f"'{value}' ist nicht erlaubt. Erlaubt: {', '.join(choices)}.")
            return default
        return value

    def identifier(self, key: str, *, example: str = "cafe") -> str:
        """A required short ASCII id; it ends up in record ids and file contents."""
        value = self.raw(key)
        if value is None:
            self.problem(key, f'fehlt. Bitte eine Kennung angeben, z. B. {key} = "{example}".')
            return ""
        if not isinstance(value, str) or not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,39}", value):
            self.problem(key, "muss eine kurze Kennung aus Kleinbuchstaben a–z, Ziffern, - oder _ sein "
                              f"(keine Umlaute, keine Leerzeichen), z. B. \"{example}\".")
            return ""
        return value

    def date(self, key: str) -> date | None:
        value = self.raw(key)
        if value is None:
            return None
        return self.date_value(key, value)

    def date_value(self, key: str, value: Any, item: int | None = None) -> date | None:
        parsed = parse_date(value)
        if parsed is None:
            self.problem(key, f"'{value}' ist kein gültiges Datum. Bitte so schreiben: 2026-10-17.", item)
        return parsed

    def list_of(self, key: str) -> list[Any]:
        value = self.raw(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(key, "muss eine Liste in eckigen Klammern [ … ] sein.")
            return []
        return value

    def date_ranges(self, key: str) -> tuple[tuple[date, date], ...]:
        """A list of single dates or ``{ from = …, to = …, note = "…" }`` ranges (inclusive)."""
        ranges = []
        for item, entry in enumerate(self.list_of(key)):
            if isinstance(entry, dict):
                unknown = ", ".join(sorted(set(entry) - {"from", "to", "note"}))
                if "from" not in entry:
                    typo = f" ({unknown} ist unbekannt – Tippfehler?)" if unknown else ""
                    self.problem(key, f"'from' (erster Tag) fehlt{typo}. Erlaubt sind from, to, note.", item)
                    continue
                if unknown:
                    self.problem(key, f"unbekannter Name {unknown} (Tippfehler?); erlaubt sind from, to, note.", item)
                first = self.date_value(key, entry["from"], item)
                last = self.date_value(key, entry.get("to", entry["from"]), item)
                if "note" in entry and not isinstance(entry["note"], str):
                    self.problem(key, "'note' muss ein Text in Anführungszeichen sein.", item)
                if first is None or last is None:
                    continue
                if last < first:
                    self.problem(key, f"Der letzte Tag ({last:%d.%m.%Y}) liegt vor dem ersten ({first:%d.%m.%Y}).", item)
                    continue
                ranges.append((first, last))
            else:
                day = self.date_value(key, entry, item)
                if day is not None:
                    ranges.append((day, day))
        return tuple(sorted(ranges))


def tidy_text(value: str) -> str:
    """Strip and join lines inside paragraphs; a blank line starts a new paragraph.

    Staff wrap long texts in the editor; the screen wraps by itself.
    """
    paragraphs = re.split(r"\n\s*\n", value.strip())
    return "\n\n".join(" ".join(line.strip() for line in p.splitlines() if line.strip()) for p in paragraphs)


_GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def parse_date(value: Any) -> date | None:
    """TOML date, "2026-10-17" or "17.10.2026"; None when invalid."""
    if isinstance(value, datetime):
        return None  # a date with a time of day is a mistake here
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            match = _GERMAN_DATE.fullmatch(text)
            if match:
                return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                return date.fromisoformat(text)
        except ValueError:
            return None
    return None


_TIME_RE = re.compile(r"(\d{1,2})[:.](\d{2})")


def parse_time(value: Any) -> time | None:
    """"HH:MM" (also "9:30" or "09.30") or a TOML time; None when invalid."""
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0) if value.tzinfo is None else None
    if not isinstance(value, str):
        return None
    match = _TIME_RE.fullmatch(value.strip())
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def parse_span(value: Any) -> tuple[time, time] | None | str:
    """"09:00-12:30" → (start, end); a German message string when wrong."""
    if not isinstance(value, str):
        return 'muss ein Text wie "09:00-12:30" sein.'
    parts = re.split(r"\s*(?:-|–|—|bis)\s*", value.strip())
    if len(parts) != 2:
        return f"'{value}' ist keine Zeitspanne. Bitte so schreiben: \"09:00-12:30\"."
    start, end = parse_time(parts[0]), parse_time(parts[1])
    if start is None or end is None:
        bad = parts[0] if start is None else parts[1]
        return f"'{bad}' ist keine gültige Uhrzeit (00:00 bis 23:59)."
    if end <= start:
        return f"Das Ende ({parts[1]}) liegt nicht nach dem Beginn ({parts[0]})."
    return start, end


WEEKDAY_NAMES = {name: i for i, name in enumerate(WEEKDAYS)} | {
    name: i for i, name in enumerate(
        ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"))
}


def parse_weekday(value: Any) -> int | None:
    if not isinstance(value, str):
        return None
    return WEEKDAY_NAMES.get(value.strip().lower())


def overlapping(spans: Iterable[tuple[time, time]]) -> bool:
    ordered = sorted(spans)
    return any(a[1] > b[0] for a, b in zip(ordered, ordered[1:]))


def each_table(scope: Scope, key: str, make_label: Callable[[int, dict], str]) -> list[tuple[int, Scope]]:
    """The ``[[key]]`` array of tables as scopes, reporting wrong shapes."""
    value = scope.raw(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        scope.problem(key, f"muss aus Abschnitten [[{key}]] bestehen.")
        return []
    return [(i, Scope(scope.check, entry, scope.path + (key,), i, make_label(i, entry)))
            for i, entry in enumerate(value)]


def label_for(kind: str, index: int, entry: dict) -> str:
    """How staff recognise an entry of a [[list]]: its id, else its position."""
    ident = entry.get("id")
    if isinstance(ident, str) and ident:
        return f"{kind} '{ident}'"
    return f"{kind} Nr. {index + 1}"


def pictogram_of(scope: Scope) -> str:
    """The required pictogram name: short lowercase ASCII (the UI draws it by name)."""
    value = scope.raw("pictogram")
    if value is None:
        scope.problem("pictogram", 'fehlt. Bitte den Namen eines Bildes angeben, z. B. pictogram = "group".')
        return ""
    if not isinstance(value, str) or not value.isascii() or not value.replace("-", "").replace("_", "").isalnum() \
            or not value.islower() or len(value) > 30:
        scope.problem("pictogram", "muss ein kurzer Bildname aus Kleinbuchstaben sein, z. B. \"cafe\".")
        return ""
    return value
