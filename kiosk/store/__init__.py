"""Crash-safe local storage: one TinyDB file per day plus a small state file.

See ``docs/architecture.md`` (section kiosk/store/) for the contract and
:mod:`kiosk.store.atomic_storage` for the write protocol.  No Kivy here.
"""

from kiosk.store.atomic_storage import (
    STEPS,
    AtomicJSONFile,
    AtomicJSONStorage,
    StoreWriteError,
)
from kiosk.store.day_store import KINDS, PERSONAL_FIELDS, KioskStore
from kiosk.store.state_file import StateFile

__all__ = [
    "KINDS",
    "PERSONAL_FIELDS",
    "STEPS",
    "AtomicJSONFile",
    "AtomicJSONStorage",
    "KioskStore",
    "StateFile",
    "StoreWriteError",
]
