"""Shape checks for ``Record.from_dict``: clear errors on corrupt stored data.

Only the shape is checked (types, ISO dates, hour 0–23), not the content:
the store blanks the personal fields of received sign-ups, and such a
record must still load.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from kiosk.timezone import BERLIN

_MISSING: Any = object()


class Reader:
    """Shape checks for ``from_dict``: clear ValueErrors on corrupt data, extra keys ignored.

    Extra keys are ignored because the store adds its own bookkeeping
    (e.g. "received") to stored dicts.
    """

    def __init__(self, d: Mapping[str, Any], kind: str) -> None:
        if not isinstance(d, Mapping):
            raise ValueError(f"{kind} record must be a mapping, got {type(d).__name__}")
        if d.get("kind", kind) != kind:
            raise ValueError(f"expected a {kind} record, got kind {d.get('kind')!r}")
        self.d, self.kind = d, kind

    def _get(self, key: str, default: Any) -> Any:
        value = self.d.get(key, default)
        if value is _MISSING:
            raise ValueError(f"{self.kind} record lacks {key!r}")
        return value

    def _fail(self, key: str, wanted: str) -> ValueError:
        return ValueError(f"{self.kind} record: {key!r} must be {wanted}")

    def text(self, key: str, *, optional: bool = False, default: Any = _MISSING) -> Any:
        value = self._get(key, default)
        if isinstance(value, str) or (optional and value is None):
            return value
        raise self._fail(key, "text")

    def texts(self, key: str) -> tuple[str, ...]:
        value = self._get(key, _MISSING)
        if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
            return tuple(value)
        raise self._fail(key, "a list of text")

    def integer(self, key: str) -> int:
        value = self._get(key, _MISSING)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise self._fail(key, "a whole number")

    def hour(self, key: str) -> int:
        value = self.integer(key)
        if 0 <= value <= 23:
            return value
        raise self._fail(key, "an hour slot 0–23")

    def flag(self, key: str, *, default: Any = _MISSING) -> bool:
        value = self._get(key, default)
        if isinstance(value, bool):
            return value
        raise self._fail(key, "true or false")

    def choice(self, key: str, choices: tuple[str, ...], *, default: Any = _MISSING) -> str:
        value = self._get(key, default)
        if value in choices:
            return value
        raise self._fail(key, f"one of {choices}")

    def day(self, key: str) -> date:
        value = self._get(key, _MISSING)
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError):
            raise self._fail(key, "an ISO date") from None

    def moment(self, key: str) -> datetime:
        value = self._get(key, _MISSING)
        try:
            moment = datetime.fromisoformat(value)
        except (TypeError, ValueError):
            raise self._fail(key, "an ISO date and time") from None
        if moment.tzinfo is None:
            raise self._fail(key, "a date and time with UTC offset")
        return moment.astimezone(BERLIN)
