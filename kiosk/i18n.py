"""The one translation function every visible string goes through.

``_(msgid, *deps)`` returns the current language's translation of a German
source string.  The extra arguments are ignored here; kv rules pass
``app.lang`` so that Kivy re-evaluates the text when the language changes
(``text: _('Heute bei uns', app.lang)``) and cleans that binding up together
with the widget, which a global observer list would not.

Catalogs are gettext files shipped in the package:
``kiosk/locale/<lang>/LC_MESSAGES/kiosk.mo`` (compiled from ``kiosk.po``
next to it; how to extract, translate and compile: docs/translating.md).
German is the source language and has no catalog: a language without a
catalog, and any msgid a catalog lacks, falls back to the German text, so a
missing translation never shows an empty button.

Rules that keep strings translatable (tests/test_catalogs.py checks them):
the first argument of ``_()`` is a plain string literal (no f-string, no
``+``), and values go in with ``.format(name=…)`` after translating:
``_("noch {n} Plätze").format(n=free)``.  Texts that must be defined before
a language is chosen (module-level tables) are marked with ``N_()`` and
translated where they are shown: ``_(REASONS[key])``.
"""

from __future__ import annotations

import gettext
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "kiosk"
SOURCE_LANGUAGE = "de"

_current_lang = SOURCE_LANGUAGE
_translation: gettext.NullTranslations = gettext.NullTranslations()


def set_language(lang: str) -> None:
    """Switch the catalog used by ``_``; unknown languages fall back to German."""
    global _current_lang, _translation
    _current_lang = lang
    if not lang or lang == SOURCE_LANGUAGE:
        _translation = gettext.NullTranslations()
        return
    _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def current_language() -> str:
    return _current_lang


def _(msgid: str, *deps: object) -> str:
    """Translate ``msgid`` (German) into the current language."""
    return _translation.gettext(msgid)


def N_(msgid: str) -> str:  # noqa: N802 - the gettext convention, a Babel keyword
    """Mark ``msgid`` for extraction without translating it yet; the place
    that shows it calls ``_(value)`` in the language of that moment."""
    return msgid
