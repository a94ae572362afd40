"""Keys and encryption for the hand-over: X25519 + HKDF-SHA256 + AES-256-GCM.

Why public-key encryption: the kiosk holds only the staff *public* key, so
neither its disk (it may be stolen) nor a photo of its screen reveals the
personal data in a batch.  Only the office PC, with the passphrase-protected
private key, can read it.  Every batch uses a fresh ephemeral key pair, so
two batches share nothing an observer could link.

The exact construction (also in docs/sync-format.md)::

    shared = X25519(ephemeral_private, staff_public)
    okm    = HKDF-SHA256(ikm=shared, salt=ephemeral_public ‖ staff_public,
                         info=b"huels-sued-kiosk sync v1", length=52)
    key, nonce, receipt = okm[0:32], okm[32:44], okm[44:52]
    ciphertext = AES-256-GCM(key, nonce, plaintext, aad=clear header ‖ key id ‖ ephemeral_public)
                                                       # 16-byte tag appended

``receipt`` is the secret the receipt code is made from: only the kiosk
(at build time) and the holder of the private key can compute it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kiosk.i18n import N_, _
from kiosk.sync.errors import BatchError, KeyProblem

PUBLIC_KEY_PREFIX = "x25519:"
HKDF_INFO = b"huels-sued-kiosk sync v1"
KEY_ID_BYTES = 4
EPHEMERAL_BYTES = 32
TAG_BYTES = 16
PRIVATE_KEY_FILE = "kiosk-staff-key.pem"
PUBLIC_KEY_FILE = "kiosk-public-key.txt"
MIN_PASSPHRASE = 8

#: Translated where it is used (N_: the language is chosen later than import).
FIX_HINT = N_(
    "So geht's: am Büro-PC einmal »kiosk keygen --out ORDNER« ausführen und die Zeile "
    "public_key = \"…\", die der Befehl ausgibt, in config/kiosk.toml im Abschnitt [sync] eintragen."
)


# --------------------------------------------------------------------------- public key text


def public_key_text(public: X25519PublicKey) -> str:
    """The text staff paste into kiosk.toml: ``x25519:`` + Base64 of the 32 raw bytes."""
    return PUBLIC_KEY_PREFIX + base64.b64encode(public.public_bytes_raw()).decode("ascii")


def parse_public_key(text: str) -> X25519PublicKey:
    """Read ``public_key`` from the config; raises KeyProblem with a German hint."""
    cleaned = (text or "").strip()
    if not cleaned:
        raise KeyProblem(_("Es ist kein Schlüssel für die Übergabe eingetragen.") + " " + _(FIX_HINT))
    if cleaned.lower().startswith(PUBLIC_KEY_PREFIX):
        cleaned = cleaned[len(PUBLIC_KEY_PREFIX):]
    try:
        raw = base64.b64decode(cleaned, validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 32:
        raise KeyProblem(
            _("Der Schlüssel in config/kiosk.toml ([sync] public_key) ist nicht vollständig oder falsch kopiert.")
            + " " + _(FIX_HINT)
        )
    return X25519PublicKey.from_public_bytes(raw)


def key_id(public: X25519PublicKey) -> bytes:
    """First 4 bytes of SHA-256 of the raw public key: lets the import tool say "wrong key"."""
    return hashlib.sha256(public.public_bytes_raw()).digest()[:KEY_ID_BYTES]


def fingerprint(public: X25519PublicKey) -> str:
    """Key id for humans, e.g. ``3F2A-91C0``."""
    hexed = key_id(public).hex().upper()
    return f"{hexed[:4]}-{hexed[4:]}"


# --------------------------------------------------------------------------- private key file


def generate_keypair() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise KeyProblem(_("Das Passwort ist zu kurz: bitte mindestens {n} Zeichen.").format(n=MIN_PASSPHRASE))


def save_private_key(private: X25519PrivateKey, path: Path, passphrase: str) -> None:
    """Write the private key as passphrase-encrypted PKCS#8 PEM, readable only by its owner."""
    check_passphrase(passphrase)
    pem = private.private_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def load_private_key(path: Path, passphrase: str) -> X25519PrivateKey:
    """Read the private key; KeyProblem for a missing file, wrong passphrase or foreign key."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise KeyProblem(_("Die Schlüsseldatei {path} gibt es nicht.").format(path=path)) from None
    except OSError as exc:
        raise KeyProblem(_("Die Schlüsseldatei {path} lässt sich nicht lesen ({why}).").format(
            path=path, why=exc.strerror or exc)) from None
    if b"PRIVATE KEY" not in data:
        raise KeyProblem(_("{path} ist keine Schlüsseldatei von »kiosk keygen«.").format(path=path))
    try:
        key = serialization.load_pem_private_key(data, password=passphrase.encode("utf-8"))
    except TypeError:
        # Not encrypted although we always encrypt: not one of ours, or tampered with.
        raise KeyProblem(_("{path} ist nicht mit einem Passwort geschützt – keine Schlüsseldatei von "
                           "»kiosk keygen«.").format(path=path)) from None
    except ValueError:
        raise KeyProblem(_("Das Passwort passt nicht zu diesem Schlüssel.")) from None
    except Exception:  # noqa: BLE001 - any parser failure of a foreign file
        raise KeyProblem(_("{path} ist keine lesbare Schlüsseldatei.").format(path=path)) from None
    if not isinstance(key, X25519PrivateKey):
        raise KeyProblem(_("{path} enthält einen anderen Schlüsseltyp, keinen Kiosk-Schlüssel.").format(path=path))
    return key


# --------------------------------------------------------------------------- sealing


@dataclass(frozen=True)
class Sealed:
    ephemeral_public: bytes  # 32 bytes
    ciphertext: bytes        # AES-GCM output, tag at the end
    receipt_secret: bytes    # 8 bytes, see module docstring


def _derive(shared: bytes, ephemeral_public: bytes, staff_public: bytes) -> tuple[bytes, bytes, bytes]:
    okm = HKDF(
        algorithm=hashes.SHA256(), length=52, salt=ephemeral_public + staff_public, info=HKDF_INFO
    ).derive(shared)
    return okm[:32], okm[32:44], okm[44:52]


def seal(plaintext: bytes, staff_public: X25519PublicKey, aad_prefix: bytes) -> Sealed:
    """Encrypt ``plaintext`` to the staff key with a fresh ephemeral key.

    The AAD is ``aad_prefix ‖ ephemeral_public``: the clear header and the
    ephemeral key are authenticated along with the ciphertext.
    """
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    shared = ephemeral.exchange(staff_public)
    key, nonce, receipt = _derive(shared, ephemeral_public, staff_public.public_bytes_raw())
    ciphertext = AESGCM(key).encrypt(nonce, plaintext, aad_prefix + ephemeral_public)
    return Sealed(ephemeral_public, ciphertext, receipt)


def unseal(private: X25519PrivateKey, ephemeral_public: bytes, ciphertext: bytes, aad: bytes) -> tuple[bytes, bytes]:
    """Decrypt; returns (plaintext, receipt secret).  BatchError when anything does not match."""
    failed = BatchError(_("Das Paket lässt sich nicht entschlüsseln: es ist beschädigt, verändert "
                          "oder für einen anderen Schlüssel gemacht."))
    try:
        peer = X25519PublicKey.from_public_bytes(ephemeral_public)
        shared = private.exchange(peer)
    except ValueError:
        raise failed from None
    key, nonce, receipt = _derive(shared, ephemeral_public, private.public_key().public_bytes_raw())
    try:
        return AESGCM(key).decrypt(nonce, ciphertext, aad), receipt
    except (InvalidTag, ValueError):
        raise failed from None
