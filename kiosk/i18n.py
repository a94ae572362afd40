"""The one translation function every visible string goes through.

``_(msgid, *deps)`` returns the current language's translation of a German
source string.  The extra arguments are ignored here; kv rules pass
``app.lang`` so that Kivy re-evaluates the text when the language changes
(``text: _('Heute bei uns', app.lang)``) and cleans that binding up together
with the widget, which a global observer list would not.

Until the languages issue ships catalogs, every language falls back to the
German source text.
"""

from __future__ import annotations

import gettext
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "kiosk"

_current_lang = "de"
_translation: gettext.NullTranslations = gettext.NullTranslations()


def set_language(lang: str) -> None:
    """Switch the catalog used by ``_``; unknown languages fall back to German."""
    global _current_lang, _translation
    _current_lang = lang
    _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def current_language() -> str:
    return _current_lang


def _(msgid: str, *deps: object) -> str:
    """Translate ``msgid`` (German) into the current language."""
    return _translation.gettext(msgid)
