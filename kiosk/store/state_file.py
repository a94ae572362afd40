"""The kiosk's small state file: settings and bookkeeping that must survive a restart.

What lives here (one JSON object, written with the same crash-safe protocol
as the day files): the kiosk id, the last hand-over receipt, the sync
sequence, staff settings such as the per-offer-per-day flags, the PIN hash
and lock-out counters, the clock correction, and the store's own index of
which days still hold entries staff have not received.

Keeping those indexes here is what keeps the kiosk fast after a year: asking
"which days are pending?" reads one small file instead of every day.
"""

from __future__ import annotations

import copy
import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Mapping, Optional

from kiosk.i18n import _
from kiosk.store.atomic_storage import (
    AtomicJSONFile,
    FaultHook,
    ProblemSink,
    StoreWriteError,
    is_mapping,
)

# Keys the store itself maintains (everything else belongs to the service).
PENDING_DAYS = "pending_days"        # ISO days holding records not yet received by staff
PERSONAL_DAYS = "personal_days"      # ISO days holding sign-ups whose personal fields are not purged
NEWEST_ENTRY_DAY = "newest_entry_day"  # ISO day of the newest entry made (see KioskStore)
STORE_KEYS = (PENDING_DAYS, PERSONAL_DAYS, NEWEST_ENTRY_DAY)


class StateFile:
    """A durable JSON mapping: ``get``, ``set``, ``update``, ``remove``.

    Every change is on disk when the call returns.  Values must be JSON-safe;
    ``get`` returns copies, so changing what you got changes nothing until
    you ``set`` it.  If the disk refuses a write, :class:`StoreWriteError`
    is raised and the state is exactly what is on disk.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        on_problem: Optional[ProblemSink] = None,
        now: Optional[Callable[[], datetime]] = None,
        fault_hook: Optional[FaultHook] = None,
    ) -> None:
        self.path = Path(path)
        self._file = AtomicJSONFile(
            self.path,
            valid=is_mapping,
            label=_("Einstellungen des Kiosks"),
            on_problem=on_problem,
            now=now,
            fault_hook=fault_hook,
        )
        self._data: dict[str, Any] = self._file.data() or {}

    @property
    def recovered(self) -> bool:
        """True when opening had to set a broken file aside or restore the backup."""
        return self._file.recovered

    @property
    def is_new(self) -> bool:
        """True when there was no state file (nor a backup of one) at all."""
        return not self._file.existed

    @property
    def fault_hook(self) -> Optional[FaultHook]:
        return self._file.fault_hook

    @fault_hook.setter
    def fault_hook(self, hook: Optional[FaultHook]) -> None:
        self._file.fault_hook = hook

    def get(self, key: str, default: Any = None) -> Any:
        if key not in self._data:
            return default
        return copy.deepcopy(self._data[key])

    def __contains__(self, key: str) -> bool:
        return key in self._data

    def has_item(self, key: str, item: Any) -> bool:
        """Whether the list stored under ``key`` contains ``item`` (no copy: cheap per entry)."""
        value = self._data.get(key)
        return isinstance(value, list) and item in value

    def as_dict(self) -> dict[str, Any]:
        return copy.deepcopy(self._data)

    def set(self, key: str, value: Any) -> None:
        self.update({key: value})

    def update(self, changes: Mapping[str, Any]) -> None:
        """Apply several changes in one durable write."""
        new = dict(self._data)
        # A JSON round trip checks the values now and decouples them from the caller.
        new.update(json.loads(json.dumps(dict(changes), ensure_ascii=False)))
        self._commit(new)

    def remove(self, *keys: str) -> None:
        if not any(k in self._data for k in keys):
            return
        self._commit({k: v for k, v in self._data.items() if k not in keys})

    def _commit(self, new: dict[str, Any]) -> None:
        try:
            self._file.write(new)
        except StoreWriteError:
            # Memory follows whatever is on disk now (old, or new when only
            # the final directory sync failed).
            self._data = self._file.data() or {}
            raise
        self._data = new
