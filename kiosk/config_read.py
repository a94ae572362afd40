"""Reading the TOML files: file errors, syntax errors with line and column,
and finding the line of a key for semantic problems.

Staff edit the config in a text editor; every problem must say where it is.
Nothing here raises on bad input: problems are appended to a list.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from kiosk.config_model import ConfigProblem

# tomllib's (English) syntax messages → plain German hints for staff.
_SYNTAX_HINTS: tuple[tuple[str, str], ...] = (
    ("Invalid value", "Dieser Wert ist ungültig. Fehlen Anführungszeichen um einen Text, "
                      "oder ist ein Datum falsch geschrieben (richtig: 2026-10-17)?"),
    ("Invalid date or datetime", "Dieses Datum gibt es nicht (richtig z. B.: 2026-10-17)."),
    ("Expected '=' after a key", "Hier fehlt ein '=' zwischen Name und Wert."),
    ("Invalid initial character for a key", "Hier steht ein Zeichen, mit dem kein Name beginnen darf."),
    ("Invalid statement", "Diese Zeile ist weder Name = Wert noch eine Überschrift in [Klammern]. "
                          "Soll sie ein Kommentar sein? Dann mit # beginnen."),
    ("Expected newline or end of document", "Nach dem Wert steht noch etwas. Fehlen Anführungszeichen "
                                            "oder ein # vor einem Kommentar?"),
    ("Cannot declare", "Diese Überschrift steht doppelt in der Datei."),
    ("Cannot overwrite a value", "Dieser Name steht in diesem Abschnitt doppelt."),
    ("Duplicate inline table key", "Dieser Name steht in den geschweiften Klammern doppelt."),
    ("Cannot mutate immutable namespace", "Dieser Abschnitt wurde schon vorher vollständig angegeben."),
    ("Unclosed array", "Eine Liste wurde nicht mit ] geschlossen (oder es fehlt ein Komma)."),
    ("Unclosed inline table", "Geschweifte Klammern { … } wurden nicht geschlossen (oder es fehlt ein Komma). "
                              "Alles in { … } muss in einer Zeile stehen."),
    ("Unterminated string", "Ein Text wurde nicht mit Anführungszeichen geschlossen."),
    ("Expected ']'", "Eine Überschrift wurde nicht mit ] geschlossen."),
    ("Expected '\"\"\"'", "Ein langer Text wurde nicht mit \"\"\" geschlossen."),
    ("Expected", "Hier fehlt ein Zeichen (Anführungszeichen, Klammer oder Komma?)."),
    ("Illegal character", "Hier steht ein unerlaubtes Zeichen (z. B. ein Tabulator oder Steuerzeichen in einem Text)."),
    ("Unescaped '\\'", "Ein einzelner Rückstrich \\ ist in \"…\" nicht erlaubt. Bitte \\\\ schreiben."),
    ("Found invalid character", "Hier steht ein unerlaubtes Zeichen."),
)
_AT_RE = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")


def read_toml(path: Path, file_label: str, problems: list[ConfigProblem]) -> tuple[dict | None, str, bytes]:
    """Read and parse one TOML file; returns (data or None, text, raw bytes)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.append(ConfigProblem(file_label, "Die Datei fehlt."))
        return None, "", b""
    except IsADirectoryError:
        problems.append(ConfigProblem(file_label, "Hier steht ein Ordner statt einer Datei."))
        return None, "", b""
    except PermissionError:
        problems.append(ConfigProblem(file_label, "Die Datei darf nicht gelesen werden (fehlende Berechtigung)."))
        return None, "", b""
    except OSError as exc:
        problems.append(ConfigProblem(file_label, f"Die Datei kann nicht gelesen werden ({exc.strerror or exc})."))
        return None, "", b""
    try:
        text = raw.decode("utf-8-sig")  # tolerate the BOM some Windows editors write
    except UnicodeDecodeError as exc:
        line, column = position_of(raw[: exc.start].decode("utf-8", errors="replace"))
        problems.append(ConfigProblem(
            file_label,
            "Die Datei ist nicht als UTF-8 gespeichert (Umlaute?). Bitte im Editor "
            "„Speichern unter …“ wählen und als Kodierung UTF-8 einstellen.",
            line, column))
        return None, "", raw
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problems.append(syntax_problem(file_label, text, str(exc)))
        return None, text, raw
    return data, text, raw


def position_of(text_before: str) -> tuple[int, int]:
    """1-based line and column just after ``text_before``."""
    line = text_before.count("\n") + 1
    column = len(text_before) - (text_before.rfind("\n") + 1) + 1
    return line, column


def syntax_problem(file_label: str, text: str, message: str) -> ConfigProblem:
    """Turn a TOMLDecodeError message into a problem with line and column.

    Python 3.11 has no ``lineno`` attribute on the error, so the coordinates
    are parsed from the "(at line X, column Y)" suffix.
    """
    line = column = None
    detail = message
    match = _AT_RE.search(message)
    if match:
        detail = message[: match.start()]
        if match.group(1):
            line, column = int(match.group(1)), int(match.group(2))
        else:  # "end of document"
            line, column = position_of(text)
    hint = "Die Schreibweise stimmt hier nicht."
    for prefix, german in _SYNTAX_HINTS:
        if detail.startswith(prefix):
            hint = german
            break
    bad_date = _bad_bare_date(text, line)
    if bad_date:
        hint = (f"'{bad_date}' ist kein gültiges Datum. Bitte als Jahr-Monat-Tag mit zwei Ziffern "
                "für Monat und Tag schreiben, z. B. 2026-10-17.")
    return ConfigProblem(file_label, f"{hint} (Technisch: {detail})", line, column)


_BARE_DATE_RE = re.compile(r"(?<![\w\"'.:-])(\d{4}-\d{1,2}-\d{1,2})(?![\w:-])")


def _bad_bare_date(text: str, line: int | None) -> str | None:
    """A date-like token outside quotes on ``line`` that is no real date.

    tomllib only says "Unclosed array" or "Invalid value" for 2026-13-01 or
    2026-5-1, which sends staff looking for the wrong mistake.
    """
    if line is None:
        return None
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return None
    bare = _STRING_RE.sub('""', lines[line - 1]).split("#", 1)[0]
    for token in _BARE_DATE_RE.findall(bare):
        try:
            date.fromisoformat(token)
        except ValueError:
            return token
    return None


# ---------------------------------------------------------------- line finding

_HEADER_RE = re.compile(r"^\[\[\s*([^\]]+?)\s*\]\]|^\[\s*([^\]]+?)\s*\]")
_KEY_RE = re.compile(r"^((?:[A-Za-z0-9_\-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_\-]+|\"[^\"]*\"|'[^']*'))*)\s*=(.*)$")
_STRING_RE = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'')

Path_ = tuple[Any, ...]


def _split_dotted(name: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in name.split("."))


class LineIndex:
    """Finds the line of a key by a simple scan of the text (no second parser).

    Good enough for files written like ours: one ``key = value`` per line,
    headers in brackets, list items of multi-line arrays on their own lines.
    Positions are keyed by (absolute key path, index of the enclosing
    ``[[array]]`` element).
    """

    def __init__(self, text: str) -> None:
        self._lines: dict[tuple[Path_, int | None], int] = {}
        array_counts: dict[tuple[str, ...], int] = {}
        current: tuple[str, ...] = ()
        element: tuple[tuple[str, ...], int] | None = None
        multiline_quote: str | None = None
        array_path: Path_ | None = None
        array_depth = 0
        array_items = 0
        for number, raw in enumerate(text.splitlines(), start=1):
            stripped = raw.strip()
            if multiline_quote:
                if stripped.count(multiline_quote) % 2 == 1:
                    multiline_quote = None
                continue
            if array_path is not None:
                bare = _STRING_RE.sub('""', stripped).split("#", 1)[0]
                if stripped and not stripped.startswith("#") and not stripped.startswith("]"):
                    starts = bare.count("{") if "{" in bare else 1
                    for _ in range(starts):
                        self._remember(array_path + (array_items,), element, number, current)
                        array_items += 1
                array_depth += bare.count("[") - bare.count("]")
                if array_depth <= 0:
                    array_path = None
                continue
            if not stripped or stripped.startswith("#"):
                continue
            header = _HEADER_RE.match(stripped)
            if header:
                if header.group(1):
                    current = _split_dotted(header.group(1))
                    array_counts[current] = array_counts.get(current, -1) + 1
                    element = (current, array_counts[current])
                else:
                    current = _split_dotted(header.group(2))
                    if element and current[: len(element[0])] != element[0]:
                        element = None
                self._remember((), element, number, current)
                continue
            key = _KEY_RE.match(stripped)
            if not key:
                continue
            path = _split_dotted(key.group(1))
            self._remember(path, element, number, current)
            value = key.group(2).strip()
            for quote in ('"""', "'''"):
                if value.count(quote) % 2 == 1:
                    multiline_quote = quote
            bare = _STRING_RE.sub('""', value).split("#", 1)[0]
            depth = bare.count("[") - bare.count("]")
            if value.startswith("[") and depth > 0:
                array_path, array_depth, array_items = path, depth, 0

    def _remember(self, path: Path_, element: tuple[tuple[str, ...], int] | None,
                  number: int, current: tuple[str, ...]) -> None:
        full = current + path
        index = element[1] if element else None
        self._lines.setdefault((full, index), number)

    def line_of(self, path: Path_, index: int | None = None) -> int | None:
        """Line of ``path`` (or of its closest enclosing key/header that was found)."""
        path = tuple(path)
        while True:
            found = self._lines.get((path, index))
            if found is not None:
                return found
            if not path:
                return None
            path = path[:-1]
