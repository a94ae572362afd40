"""The staff PIN: stored only as a salted slow hash, with a lockout that
survives a restart.

The tablet may be stolen and the lobby is unattended, so the PIN must not be
readable from the data directory (scrypt, random salt) and guessing must get
slow: five wrong PINs lock the pad for one minute, and every further wrong
PIN after a lock doubles the next lock, until a right PIN resets it.  The
counters live in the state file, so pulling the plug does not reset them.
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import secrets
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol

from kiosk.i18n import _

MAX_TRIES = 5
FIRST_LOCK_SECONDS = 60
PIN_MIN, PIN_MAX = 4, 8
# scrypt cost: about 0.1 s on a Raspberry Pi 4, 16 MiB of memory.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1

KEY_HASH = "staff_pin"
KEY_FAILURES = "staff_pin_failures"
KEY_LOCKED_UNTIL = "staff_pin_locked_until"
KEY_LOCK_SECONDS = "staff_pin_next_lock_seconds"


class StateLike(Protocol):
    def get(self, key: str, default: object = None) -> object: ...
    def set(self, key: str, value: object) -> None: ...


class PinFormatError(ValueError):
    """The PIN has the wrong form; the message is German, for the screen."""


@dataclass(frozen=True)
class PinCheck:
    ok: bool
    locked_seconds: int = 0      # > 0: the pad is locked for this long
    tries_left: int = MAX_TRIES


def _hash(pin: str, salt: bytes, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32)


def validate_pin(pin: str) -> str:
    pin = pin.strip()
    if not pin.isdigit() or not (PIN_MIN <= len(pin) <= PIN_MAX) or not pin.isascii():
        raise PinFormatError(_("Die PIN besteht aus 4 bis 8 Ziffern."))
    return pin


class PinGuard:
    """Checks PINs against the hash in the state file and keeps the lockout."""

    def __init__(self, state: StateLike, wall_clock: Callable[[], float] = time.time) -> None:
        self.state = state
        self.wall_clock = wall_clock

    def has_pin(self) -> bool:
        return bool(self.state.get(KEY_HASH))

    def set_pin(self, pin: str) -> None:
        pin = validate_pin(pin)
        salt = secrets.token_bytes(16)
        self.state.set(KEY_HASH, {
            "scheme": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
            "salt": salt.hex(), "hash": _hash(pin, salt).hex(),
        })
        self._reset()

    def locked_seconds(self) -> int:
        """Seconds the pad stays locked; a clock that jumped back does not extend it
        beyond the lock length that was set."""
        until = float(self.state.get(KEY_LOCKED_UNTIL, 0) or 0)
        remaining = until - self.wall_clock()
        longest = int(self.state.get(KEY_LOCK_SECONDS, FIRST_LOCK_SECONDS) or FIRST_LOCK_SECONDS)
        return max(0, min(int(remaining + 0.999), longest))

    def check(self, pin: str) -> PinCheck:
        locked = self.locked_seconds()
        if locked:
            return PinCheck(False, locked, 0)
        stored = self.state.get(KEY_HASH)
        if not isinstance(stored, dict):
            return PinCheck(False, 0, MAX_TRIES)
        try:
            candidate = _hash(pin, bytes.fromhex(stored["salt"]), stored["n"], stored["r"], stored["p"])
            good = hmac.compare_digest(candidate.hex(), stored["hash"])
        except (KeyError, ValueError, TypeError):
            good = False
        if good:
            self._reset()
            return PinCheck(True)
        failures = int(self.state.get(KEY_FAILURES, 0) or 0) + 1
        self.state.set(KEY_FAILURES, failures)
        if failures >= MAX_TRIES:
            lock = int(self.state.get(KEY_LOCK_SECONDS, FIRST_LOCK_SECONDS) or FIRST_LOCK_SECONDS)
            self.state.set(KEY_LOCKED_UNTIL, self.wall_clock() + lock)
            # After a lock, the next wrong PIN locks again, twice as long.
            self.state.set(KEY_FAILURES, MAX_TRIES - 1)
            self.state.set(KEY_LOCK_SECONDS, lock * 2)
            return PinCheck(False, lock, 0)
        return PinCheck(False, 0, MAX_TRIES - failures)

    def _reset(self) -> None:
        self.state.set(KEY_FAILURES, 0)
        self.state.set(KEY_LOCKED_UNTIL, 0)
        self.state.set(KEY_LOCK_SECONDS, FIRST_LOCK_SECONDS)


def set_pin_interactively(data_dir: Path, read: Callable[[str], str] = getpass.getpass) -> int:
    """``kiosk set-pin``: ask twice, store the hash; exit code for the shell."""
    from kiosk.store import KioskStore

    store = KioskStore(data_dir)
    try:
        pin = validate_pin(read("Neue PIN (4 bis 8 Ziffern): "))
        if read("PIN noch einmal: ").strip() != pin:
            print("Die beiden Eingaben sind verschieden. Nichts geändert.", file=sys.stderr)
            return 1
    except PinFormatError as error:
        print(f"{error} Nichts geändert.", file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        print("Abgebrochen. Nichts geändert.", file=sys.stderr)
        return 1
    PinGuard(store.state).set_pin(pin)
    print(f"Die PIN ist gesetzt (gespeichert nur als Prüfwert in {data_dir}).")
    return 0
