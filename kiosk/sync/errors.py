"""The one exception type the hand-over code raises for bad input.

Every ``SyncError`` carries a German message meant for staff as it is, so
the command line and the kiosk screen can show ``str(error)`` directly.
Parsers of untrusted input (chunk strings, batch envelopes, photos) let no
other exception escape: the fuzz tests check that.
"""

from __future__ import annotations


class SyncError(Exception):
    """Bad or unusable hand-over input; ``str(error)`` is a friendly German sentence."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ChunkError(SyncError):
    """A scanned text is not a usable chunk of a kiosk batch."""


class BatchError(SyncError):
    """A batch could not be put together, verified or read."""


class KeyProblem(SyncError):
    """A key file, public key text or passphrase is wrong or missing."""


class ReceiptError(SyncError):
    """A receipt code was mistyped or belongs to no batch."""
