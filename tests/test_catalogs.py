"""Translation catalogs: every visible string is extracted, and every
catalog translates every one of them, correctly and compiled.

What fails here, and why it matters:

* a ``_()`` / ``N_()`` call whose first argument is not a plain string
  literal (an f-string, ``"a" + x``, a variable): Babel cannot extract it,
  so it would stay German in every language;
* a visible literal in a .kv rule (``text: 'Hallo'``) that is not wrapped in
  ``_()``;
* the committed template ``kiosk/locale/kiosk.pot`` differs from a fresh
  extraction (someone added or changed a string and did not re-extract);
* a catalog misses a msgid, has an empty or fuzzy translation, a fuzzy
  header (``pybabel compile`` would skip the whole file), different
  placeholders than the German text, different leading/trailing blanks, or
  invisible direction marks (the kiosk orders right-to-left text itself);
* a compiled ``kiosk.mo`` that does not say what its ``kiosk.po`` says;
* a configured language without a catalog;
* ``kiosk.i18n.set_language`` not switching, or not falling back to German.

Extraction uses ``babel.cfg`` itself (the same mapping the documented
``pybabel extract`` command uses), so the test and the tool cannot drift.
"""

from __future__ import annotations

import ast
import gettext
import io
import re
import string
import tokenize
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from kiosk import i18n
from kiosk.locale_format import LANGUAGES

ROOT = Path(__file__).resolve().parents[1]
KIOSK = ROOT / "kiosk"
LOCALE = KIOSK / "locale"
POT = LOCALE / "kiosk.pot"
KEYWORDS = {"_": None, "N_": None}  # = pybabel extract --no-default-keywords -k _ -k N_
FIX = ("Re-extract and update (docs/translating.md, 'Strings changed'): "
       ".venv/bin/pybabel extract -F babel.cfg --no-default-keywords -k _ -k N_ -c TRANSLATORS: "
       "--add-location=file --sort-output -o kiosk/locale/kiosk.pot kiosk && "
       ".venv/bin/pybabel update -i kiosk/locale/kiosk.pot -d kiosk/locale -D kiosk --ignore-obsolete")

#: ``_(x)`` calls whose argument is not a literal, by design: (file, argument).
#: The values behind them are marked with ``N_()`` where they are defined.
DYNAMIC_CALLS = {
    ("kiosk/store/recovery.py", "REASONS.get(reason, reason)"),
    ("kiosk/sync/crypto.py", "FIX_HINT"),
    ("kiosk/sync/camera.py", "INSTALL_HINT"),
}

#: Properties of kv rules that put text on the screen.
VISIBLE_KV_PROPERTIES = ("text", "hint_text", "title", "label", "message", "caption", "heading",
                         "subtitle", "placeholder", "helper_text")
#: Literals allowed unwrapped in those properties although they contain two
#: or more letters in a row (symbols, digits and single letters always are).
KV_LITERAL_WHITELIST: set[str] = set()

#: (language, msgid) whose translation may differ in leading/trailing blanks:
#: the Arabic "and" (و) is written joined to the next word.
EDGE_EXCEPTIONS = {("ar", " und ")}

BIDI_CONTROLS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


# --------------------------------------------------------------------------- #
# Extraction (Babel, with babel.cfg) and our own scan of the calls
# --------------------------------------------------------------------------- #

def extract() -> dict[str, set[str]]:
    """msgid → files it occurs in, exactly as ``pybabel extract -F babel.cfg … kiosk``."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found: dict[str, set[str]] = {}
    for filename, _lineno, message, _comments, _context in extract_from_dir(
            str(KIOSK), method_map, options_map, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",),
            strip_comment_tags=True):
        assert isinstance(message, str), (filename, message)
        found.setdefault(message, set()).add(filename)
    return found


def source_files() -> Iterator[Path]:
    for path in sorted(KIOSK.rglob("*")):
        if path.suffix in (".py", ".kv") and path.is_file():
            yield path


def translation_calls(path: Path) -> Iterator[tuple[int, str | None, str]]:
    """Every ``_(…)`` / ``N_(…)`` call in a .py or .kv file, read with Python's
    tokenizer like Babel does: (line, literal msgid or None, argument source)."""
    text = path.read_text(encoding="utf-8")
    tokens = [t for t in tokenize.generate_tokens(io.StringIO(text).readline)
              if t.type not in (tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT,
                                tokenize.NEWLINE)]
    for i, tok in enumerate(tokens[:-1]):
        if not (tok.type == tokenize.NAME and tok.string in KEYWORDS and tokens[i + 1].string == "("):
            continue
        before = tokens[i - 1].string if i else ""
        if before in (".", "def"):
            continue  # obj._(…) is not ours; def _(…) is the definition
        depth, arg = 0, []
        for inner in tokens[i + 2:]:
            if inner.string in "([{" and inner.type == tokenize.OP:
                depth += 1
            elif inner.string in ")]}" and inner.type == tokenize.OP:
                if depth == 0:
                    break
                depth -= 1
            elif inner.string == "," and depth == 0:
                break
            arg.append(inner)
        source = " ".join(t.string for t in arg)
        literal = None
        if arg and all(t.type == tokenize.STRING and "f" not in t.string.split(t.string[-1])[0].lower()
                       for t in arg):
            literal = ast.literal_eval(" ".join(t.string for t in arg))
        yield tok.start[0], literal, source


@pytest.fixture(scope="module")
def extracted() -> dict[str, set[str]]:
    found = extract()
    assert len(found) > 300, "extraction found almost nothing: is babel.cfg right?"
    return found


# --------------------------------------------------------------------------- #
# Sources: everything visible is extractable, and extracted
# --------------------------------------------------------------------------- #

def test_kv_files_are_extracted_with_the_python_extractor(extracted):
    kv_ids = {m for m, files in extracted.items() if any(f.endswith(".kv") for f in files)}
    assert "Heute bei uns" in kv_ids  # home.kv: text: _('Heute bei uns', app.lang)
    assert len(kv_ids) > 50


def test_every_translation_call_has_a_literal_msgid_that_babel_extracts(extracted):
    problems = []
    for path in source_files():
        rel = path.relative_to(ROOT).as_posix()
        for line, literal, source in translation_calls(path):
            if literal is None:
                if (rel, source.replace(" ( ", "(").replace(" )", ")").replace(" , ", ", ")
                        .replace(" . ", ".")) not in DYNAMIC_CALLS:
                    problems.append(f"{rel}:{line}: _({source}) cannot be extracted — use a plain "
                                    "string literal and .format(name=…) after translating")
            elif not literal.strip():
                problems.append(f"{rel}:{line}: empty msgid")
            elif literal not in extracted:
                problems.append(f"{rel}:{line}: {literal!r} is not extracted by babel.cfg")
    assert not problems, "\n".join(problems)


def _kv_rules(text: str) -> Iterator[tuple[int, str, str]]:
    """(line, property, value expression) of kv property rules, with values
    continued on deeper-indented lines (``text:`` + an indented expression)."""
    lines = text.splitlines()
    rule = re.compile(r"^(\s*)([a-z_][a-z0-9_]*)\s*:\s*(.*)$")
    for number, line in enumerate(lines, 1):
        match = rule.match(line)
        if not match or line.lstrip().startswith("#"):
            continue
        indent, prop, value = len(match.group(1)), match.group(2), match.group(3)
        if not value.strip():
            more = []
            for follow in lines[number:]:
                if follow.strip() and len(follow) - len(follow.lstrip()) <= indent:
                    break
                more.append(follow.strip())
            value = " ".join(more)
        yield number, prop, value


def _visible_literals(expression: str) -> Iterator[str]:
    """String literals of an expression that end up on screen as they are:
    not the msgid of ``_()``, and not an argument of any other call or a
    subscript key (``errors.get('name', '')``, ``d['key']``)."""
    try:
        tokens = [t for t in tokenize.generate_tokens(io.StringIO(expression).readline)
                  if t.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT)]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return
    stack: list[str] = []  # "call", "group", "subscript", "list", "dict"
    previous = None
    compare = ("==", "!=", "in", "not", "is", "<", ">", "<=", ">=")
    for index, tok in enumerate(tokens):
        following = tokens[index + 1].string if index + 1 < len(tokens) else ""
        if tok.type == tokenize.OP and tok.string in "([{":
            follows_value = previous is not None and (
                previous.type in (tokenize.NAME, tokenize.STRING) and previous.string not in (
                    "and", "or", "not", "if", "else", "in", "for", "lambda", "return")
                or previous.string in (")", "]"))
            kind = {"(": "call" if follows_value else "group",
                    "[": "subscript" if follows_value else "list", "{": "dict"}[tok.string]
            stack.append(kind)
        elif tok.type == tokenize.OP and tok.string in ")]}":
            if stack:
                stack.pop()
        elif (tok.type == tokenize.STRING and all(k in ("group", "list") for k in stack)
              and not (previous is not None and previous.string in compare) and following not in compare):
            value = ast.literal_eval(tok.string) if not tok.string.lower().startswith(("f", "rf", "fr")) \
                else tok.string
            if isinstance(value, str) and re.search(r"[^\W\d_]{2,}", value) \
                    and value not in KV_LITERAL_WHITELIST:
                yield value
        previous = tok


def test_no_visible_kv_literal_escapes_translation():
    problems = []
    for path in sorted(KIOSK.rglob("*.kv")):
        rel = path.relative_to(ROOT).as_posix()
        for line, prop, value in _kv_rules(path.read_text(encoding="utf-8")):
            if prop in VISIBLE_KV_PROPERTIES:
                for literal in _visible_literals(value):
                    problems.append(f"{rel}:{line}: {prop}: {literal!r} is shown untranslated — "
                                    f"wrap it: _({literal!r}, app.lang)")
    assert not problems, "\n".join(problems)


def test_the_scanners_catch_what_they_should(tmp_path):
    """The checks above could pass by finding nothing: prove they bite."""
    sample = tmp_path / "probe.kv"
    sample.write_text("<X>:\n    text: _(f'Hallo {name}', app.lang)\n"
                      "    title: _('Ja' + x)\n", encoding="utf-8")
    calls = list(translation_calls(sample))
    assert [literal for _line, literal, _source in calls] == [None, None]
    assert list(_visible_literals("'Ja' if root.ok else _('Nein', app.lang)")) == ["Ja"]
    assert list(_visible_literals("root.errors.get('name', '') + ' · ' + _('voll', app.lang)")) == []
    assert list(_visible_literals("('A  ' + _('Normale Schrift', app.lang))")) == []
    assert list(_visible_literals("_('Fertig', app.lang) if root.step == 'done' else 'Weiter'")) == ["Weiter"]


# --------------------------------------------------------------------------- #
# Template and catalogs
# --------------------------------------------------------------------------- #

def read_catalog(path: Path):
    with path.open("rb") as fh:
        return read_po(fh)


def catalog_languages() -> list[str]:
    return sorted(p.parent.parent.name for p in LOCALE.glob("*/LC_MESSAGES/kiosk.po"))


def test_the_committed_template_is_a_fresh_extraction(extracted):
    template = {m.id for m in read_catalog(POT) if m.id}
    missing, stale = set(extracted) - template, template - set(extracted)
    assert not missing and not stale, (
        f"kiosk.pot is out of date. Not in it: {sorted(missing)}; no longer in the code: "
        f"{sorted(stale)}.\n{FIX}")


def test_every_configured_language_has_a_catalog():
    config = tomllib.loads((ROOT / "config" / "kiosk.toml").read_text(encoding="utf-8"))
    wanted = (set(config["languages"]) | set(LANGUAGES)) - {i18n.SOURCE_LANGUAGE}
    assert wanted <= set(catalog_languages()), f"missing catalogs: {sorted(wanted - set(catalog_languages()))}"
    # German is the source language: its "catalog" is the code itself.
    assert not (LOCALE / i18n.SOURCE_LANGUAGE).exists()


def _fields(text: str) -> list[str]:
    return sorted(name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None)


def _edges(text: str) -> tuple[str, str]:
    return text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]


@pytest.mark.parametrize("lang", catalog_languages())
def test_catalog_is_complete_and_correct(lang, extracted):
    catalog = read_catalog(LOCALE / lang / "LC_MESSAGES" / "kiosk.po")
    assert not catalog.fuzzy, f"{lang}: the header is marked fuzzy, pybabel compile would skip the catalog"
    assert str(catalog.locale) == lang
    problems = []
    for msgid in sorted(extracted):
        message = catalog.get(msgid)
        if message is None:
            problems.append(f"missing: {msgid!r}")
            continue
        text = message.string
        if not isinstance(text, str) or not text.strip():
            problems.append(f"empty: {msgid!r}")
            continue
        if message.fuzzy:
            problems.append(f"fuzzy: {msgid!r}")
        if _fields(text) != _fields(msgid):
            problems.append(f"placeholders {_fields(text)} ≠ {_fields(msgid)}: {msgid!r} → {text!r}")
        else:
            try:
                text.format(**{name: "x" for name in _fields(msgid)})
            except (ValueError, IndexError, KeyError) as error:
                problems.append(f"broken braces ({error}): {text!r}")
        if _edges(text) != _edges(msgid) and (lang, msgid) not in EDGE_EXCEPTIONS:
            problems.append(f"leading/trailing blanks differ: {msgid!r} → {text!r}")
        if BIDI_CONTROLS.search(text):
            problems.append(f"invisible direction mark: {text!r}")
    assert not problems, f"{lang}: {len(problems)} problems\n" + "\n".join(problems)


@pytest.mark.parametrize("lang", catalog_languages())
def test_compiled_catalog_matches_its_source(lang):
    po = LOCALE / lang / "LC_MESSAGES" / "kiosk.po"
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo} missing: .venv/bin/pybabel compile -d kiosk/locale -D kiosk"
    expected = {m.id: m.string for m in read_catalog(po) if m.id and m.string and not m.fuzzy}
    with mo.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    actual = {k: v for k, v in compiled._catalog.items() if k}  # noqa: SLF001 - gettext keeps no public view
    assert actual == expected, (f"{mo} is out of date with its .po: "
                                ".venv/bin/pybabel compile -d kiosk/locale -D kiosk")


def test_catalogs_are_package_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    data = config["tool"]["setuptools"]["package-data"]["kiosk"]
    assert "locale/*/LC_MESSAGES/*.mo" in data and "locale/*/LC_MESSAGES/*.po" in data


# --------------------------------------------------------------------------- #
# Runtime: kiosk.i18n uses the catalogs
# --------------------------------------------------------------------------- #

@pytest.fixture
def restore_language():
    yield
    i18n.set_language(i18n.SOURCE_LANGUAGE)


def test_set_language_switches_catalog_and_falls_back_to_german(restore_language):
    i18n.set_language("tr")
    assert i18n._("Danke!", "tr") == "Teşekkürler!"
    assert i18n._("Das sind wir") == "Biz kimiz"
    assert i18n._("Ein Satz, den es in keinem Katalog gibt.") == "Ein Satz, den es in keinem Katalog gibt."
    i18n.set_language("uk")
    assert i18n._("noch {n} Plätze").format(n=3) == "вільних місць: 3"
    for unknown in ("xx", "", "de"):
        i18n.set_language(unknown)
        assert i18n._("Danke!") == "Danke!"
    assert i18n.N_("Danke!") == "Danke!"  # marks only; never translates


@pytest.mark.parametrize("lang", catalog_languages())
def test_every_catalog_is_what_the_kiosk_shows(lang, restore_language, extracted):
    expected = {m.id: m.string for m in read_catalog(LOCALE / lang / "LC_MESSAGES" / "kiosk.po") if m.id}
    i18n.set_language(lang)
    wrong = [msgid for msgid in extracted if i18n._(msgid) != expected.get(msgid)]
    assert not wrong, f"{lang}: {wrong[:5]}"
