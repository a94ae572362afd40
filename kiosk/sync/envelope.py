"""The batch envelope: a small clear header, then the sealed (or anonymous) payload.

Layout (all integers big-endian; also in docs/sync-format.md)::

    0   1   format version (1)
    1   1   kind: 0x45 "E" encrypted to the staff key, 0x41 "A" anonymous (not encrypted)
    2   5   batch id (40 random bits)
    7   4   seq: this kiosk's batch number, 1, 2, 3, …
    11  4   base seq: highest seq whose receipt the kiosk has accepted (0 = none)
    15  5   previous batch id (the batch with seq − 1; zeros when seq = 1)
    20  2   created: days since 2000-01-01 (kiosk's date when the batch was made)
    22  1   L = length of the kiosk id in bytes (1…64)
    23  L   kiosk id, UTF-8
    kind E:  4 bytes key id, 32 bytes ephemeral X25519 public key, then AES-GCM ciphertext+tag;
             AAD = every byte before the ciphertext
    kind A:  the compressed payload, then 16 bytes SHA-256(all bytes before them)[:16]

The header is in the clear on purpose: the import tool can say which kiosk
and which batch number it is looking at (and notice a gap) before it asks
for the passphrase, and a header holds nothing personal.  It is still
authenticated (AAD or digest), so nobody can alter it unnoticed.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from datetime import date, timedelta

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from kiosk.i18n import _
from kiosk.sync import crypto
from kiosk.sync.errors import BatchError, KeyProblem
from kiosk.sync.ids import NO_BATCH, batch_id_text, encode_bits

FORMAT_VERSION = 1
KIND_ENCRYPTED = ord("E")
KIND_ANONYMOUS = ord("A")
EPOCH = date(2000, 1, 1)
DIGEST_BYTES = 16
RECEIPT_CHARS = 6
RECEIPT_INFO = b"huels-sued-kiosk receipt v1"
_FIXED = struct.Struct(">BB5sII5sHB")  # 23 bytes


@dataclass(frozen=True)
class Header:
    kind: int
    batch_id: bytes
    seq: int
    base_seq: int
    prev_id: bytes
    created: date
    kiosk_id: str

    @property
    def encrypted(self) -> bool:
        return self.kind == KIND_ENCRYPTED

    @property
    def batch_text(self) -> str:
        return batch_id_text(self.batch_id)

    @property
    def prev_text(self) -> str:
        return "" if self.prev_id == NO_BATCH else batch_id_text(self.prev_id)

    def pack(self) -> bytes:
        kiosk = self.kiosk_id.encode("utf-8")
        if not 1 <= len(kiosk) <= 64:
            raise ValueError("kiosk id must be 1…64 bytes")
        days = (self.created - EPOCH).days
        return _FIXED.pack(FORMAT_VERSION, self.kind, self.batch_id, self.seq, self.base_seq, self.prev_id,
                           days, len(kiosk)) + kiosk


@dataclass(frozen=True)
class Envelope:
    header: Header
    header_bytes: bytes       # exactly as in the envelope
    key_id: bytes             # kind E only, else b""
    ephemeral_public: bytes   # kind E only, else b""
    body: bytes               # ciphertext (E) or compressed payload (A)
    raw: bytes                # the whole envelope


def receipt_code_from(material: bytes) -> str:
    """30 bits of ``material`` as 6 characters without look-alikes."""
    return encode_bits(material, RECEIPT_CHARS)


def build(header: Header, payload: bytes, public_key: X25519PublicKey | None) -> tuple[bytes, str]:
    """The envelope bytes and the expected receipt code.

    ``public_key`` None makes an anonymous envelope (the caller guarantees
    the payload holds nothing personal).
    """
    head = header.pack()
    if header.kind == KIND_ENCRYPTED:
        if public_key is None:
            raise ValueError("encrypted batch needs a public key")
        sealed = crypto.seal(payload, public_key, head + crypto.key_id(public_key))
        raw = head + crypto.key_id(public_key) + sealed.ephemeral_public + sealed.ciphertext
        return raw, receipt_code_from(sealed.receipt_secret)
    raw = head + payload
    raw += hashlib.sha256(raw).digest()[:DIGEST_BYTES]
    return raw, receipt_code_from(hashlib.sha256(RECEIPT_INFO + raw).digest())


def parse_header_only(raw: bytes) -> Header:
    """The clear header from the first bytes of an envelope (e.g. chunk 1 alone), unverified."""
    if len(raw) < _FIXED.size + 1:
        raise BatchError(_("Das Paket ist zu kurz – es fehlt etwas."))
    version, kind, batch_id, seq, base_seq, prev_id, days, length = _FIXED.unpack_from(raw)
    if version != FORMAT_VERSION or len(raw) < _FIXED.size + length:
        raise BatchError(_("Das Paket hat ein anderes Format."))
    try:
        kiosk_id = raw[_FIXED.size:_FIXED.size + length].decode("utf-8")
    except UnicodeDecodeError:
        raise BatchError(_("Das Paket ist beschädigt (Name des Kiosks unlesbar).")) from None
    return Header(kind, batch_id, seq, base_seq, prev_id, EPOCH + timedelta(days=days), kiosk_id)


def parse(raw: bytes) -> Envelope:
    """Split an envelope into its parts; BatchError for anything malformed."""
    if len(raw) < _FIXED.size + 1:
        raise BatchError(_("Das Paket ist zu kurz – es fehlt etwas."))
    version, kind, batch_id, seq, base_seq, prev_id, days, length = _FIXED.unpack_from(raw)
    if version != FORMAT_VERSION:
        raise BatchError(_("Dieses Paket hat ein anderes Format (Version {v}). Bitte das Einlese-Programm "
                           "auf den gleichen Stand wie den Kiosk bringen.").format(v=version))
    if kind not in (KIND_ENCRYPTED, KIND_ANONYMOUS):
        raise BatchError(_("Das Paket ist beschädigt (unbekannte Art)."))
    end = _FIXED.size + length
    try:
        kiosk_id = raw[_FIXED.size:end].decode("utf-8")
    except UnicodeDecodeError:
        raise BatchError(_("Das Paket ist beschädigt (Name des Kiosks unlesbar).")) from None
    if length == 0 or len(kiosk_id.encode("utf-8")) != length or seq == 0:
        raise BatchError(_("Das Paket ist beschädigt (Kopfdaten)."))
    header = Header(kind, batch_id, seq, base_seq, prev_id, EPOCH + timedelta(days=days), kiosk_id)
    head = raw[:end]
    if kind == KIND_ENCRYPTED:
        rest = raw[end:]
        if len(rest) < crypto.KEY_ID_BYTES + crypto.EPHEMERAL_BYTES + crypto.TAG_BYTES:
            raise BatchError(_("Das Paket ist zu kurz – es fehlt etwas."))
        key_id = rest[:crypto.KEY_ID_BYTES]
        ephemeral = rest[crypto.KEY_ID_BYTES:crypto.KEY_ID_BYTES + crypto.EPHEMERAL_BYTES]
        body = rest[crypto.KEY_ID_BYTES + crypto.EPHEMERAL_BYTES:]
        return Envelope(header, head, key_id, ephemeral, body, raw)
    if len(raw) < end + DIGEST_BYTES:
        raise BatchError(_("Das Paket ist zu kurz – es fehlt etwas."))
    if hashlib.sha256(raw[:-DIGEST_BYTES]).digest()[:DIGEST_BYTES] != raw[-DIGEST_BYTES:]:
        raise BatchError(_("Das Paket ist beschädigt oder verändert worden (Prüfsumme stimmt nicht)."))
    return Envelope(header, head, b"", b"", raw[end:-DIGEST_BYTES], raw)


def open_payload(envelope: Envelope, private_key: X25519PrivateKey | None) -> tuple[bytes, str]:
    """The compressed payload and the receipt code; decrypts kind E with ``private_key``."""
    if not envelope.header.encrypted:
        return envelope.body, receipt_code_from(hashlib.sha256(RECEIPT_INFO + envelope.raw).digest())
    if private_key is None:
        raise KeyProblem(_("Für dieses Paket wird der Schlüssel gebraucht (--key DATEI)."))
    if crypto.key_id(private_key.public_key()) != envelope.key_id:
        raise KeyProblem(_("Dieses Paket ist für einen anderen Schlüssel gemacht (Kennung {theirs}, "
                           "dieser Schlüssel: {ours}). Ist am Kiosk ein anderer public_key eingetragen?").format(
            theirs=_fmt_key_id(envelope.key_id), ours=crypto.fingerprint(private_key.public_key())))
    aad = envelope.raw[: len(envelope.raw) - len(envelope.body)]
    payload, receipt_secret = crypto.unseal(private_key, envelope.ephemeral_public, envelope.body, aad)
    return payload, receipt_code_from(receipt_secret)


def _fmt_key_id(raw: bytes) -> str:
    hexed = raw.hex().upper()
    return f"{hexed[:4]}-{hexed[4:]}"
