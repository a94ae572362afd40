"""Base45 (RFC 9285): bytes as text in the QR alphanumeric alphabet.

Why: QR's alphanumeric mode stores 2 characters in 11 bits, and Base45 puts
2 bytes into 3 of those characters, so binary data fits about as densely as
in byte mode while staying plain text (the EU digital COVID certificate did
the same).  A chunk string is then the very same text in the QR symbol, in
``chunks.txt`` and in whatever a phone's scanner app shows.
"""

from __future__ import annotations

from kiosk.i18n import _
from kiosk.sync.errors import ChunkError

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}


def b45encode(data: bytes) -> str:
    """Encode bytes: each pair (a, b) → n = a·256 + b → c, d, e with n = c + 45·d + 45²·e."""
    out: list[str] = []
    for i in range(0, len(data) - 1, 2):
        n = data[i] * 256 + data[i + 1]
        e, rest = divmod(n, 45 * 45)
        d, c = divmod(rest, 45)
        out += (ALPHABET[c], ALPHABET[d], ALPHABET[e])
    if len(data) % 2:
        d, c = divmod(data[-1], 45)
        out += (ALPHABET[c], ALPHABET[d])
    return "".join(out)


def b45decode(text: str) -> bytes:
    """Decode Base45; raises ChunkError for a wrong character, length or value."""
    if len(text) % 3 == 1:
        raise ChunkError(_("Der Code ist unvollständig gelesen worden (falsche Länge)."))
    try:
        values = [_VALUE[ch] for ch in text]
    except KeyError:
        raise ChunkError(_("Der Code enthält Zeichen, die in einem Kiosk-Code nicht vorkommen.")) from None
    out = bytearray()
    for i in range(0, len(values), 3):
        group = values[i:i + 3]
        if len(group) == 3:
            n = group[0] + group[1] * 45 + group[2] * 45 * 45
            if n > 0xFFFF:
                raise ChunkError(_("Der Code ist beschädigt (ungültige Zeichenfolge)."))
            out += bytes(divmod(n, 256))
        else:
            n = group[0] + group[1] * 45
            if n > 0xFF:
                raise ChunkError(_("Der Code ist beschädigt (ungültige Zeichenfolge)."))
            out.append(n)
    return bytes(out)
