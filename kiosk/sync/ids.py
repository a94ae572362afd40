"""Short codes people may have to read or type: batch ids and receipt codes.

One alphabet without look-alikes (no I/1, no O/0), 32 letters = 5 bits each.
"""

from __future__ import annotations

import secrets

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
BATCH_ID_BYTES = 5            # 40 bits → 8 characters
BATCH_ID_CHARS = 8
NO_BATCH = bytes(BATCH_ID_BYTES)


def encode_bits(data: bytes, chars: int) -> str:
    """The first ``chars``·5 bits of ``data`` (big-endian) as alphabet characters."""
    number = int.from_bytes(data, "big")
    total_bits = len(data) * 8
    if chars * 5 > total_bits:
        raise ValueError("not enough bits")
    number >>= total_bits - chars * 5
    out = []
    for _ in range(chars):
        number, value = divmod(number, 32)
        out.append(CODE_ALPHABET[value])
    return "".join(reversed(out))


def decode_bits(text: str) -> bytes:
    """Inverse of :func:`encode_bits` for whole bytes (8 chars → 5 bytes)."""
    number = 0
    for ch in text:
        number = number * 32 + CODE_ALPHABET.index(ch)
    return number.to_bytes(len(text) * 5 // 8, "big")


def new_batch_id() -> bytes:
    return secrets.token_bytes(BATCH_ID_BYTES)


def batch_id_text(raw: bytes) -> str:
    return encode_bits(raw, BATCH_ID_CHARS)


def is_batch_id_text(text: str) -> bool:
    return len(text) == BATCH_ID_CHARS and all(ch in CODE_ALPHABET for ch in text)
