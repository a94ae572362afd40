"""Smiley hammering counts once: a per-offer debounce for feedback taps.

Kept apart from the records because it is about taps, not data: the
service asks it before building a Feedback record.  No Kivy; time is a
monotonic float the caller passes in, so tests need no sleeping.
"""

from __future__ import annotations

from collections import OrderedDict


class FeedbackDebouncer:
    """Counts a burst of smiley taps for the same offer once.

    A tap is accepted when at least ``seconds`` have passed since the last
    *accepted* tap for that offer (None = the house in general).  Measured
    from the accepted tap, not from every tap, so a queue of children
    voting one after another is not merged into one endless burst.
    Memory is bounded: expired entries are dropped as time moves on, and at
    most ``max_entries`` offers are remembered.
    """

    def __init__(self, seconds: float, *, max_entries: int = 256) -> None:
        if seconds < 0:
            raise ValueError("seconds must not be negative")
        self.seconds = float(seconds)
        self.max_entries = max_entries
        self._last: OrderedDict[str | None, float] = OrderedDict()  # oldest accepted first

    def accept(self, offer_id: str | None, now_monotonic: float) -> bool:
        """True when this tap counts; False when it repeats a tap within the window."""
        while self._last:
            oldest_offer, oldest_time = next(iter(self._last.items()))
            if now_monotonic - oldest_time >= self.seconds or now_monotonic < oldest_time:
                del self._last[oldest_offer]
            else:
                break
        last = self._last.get(offer_id)
        if last is not None and 0 <= now_monotonic - last < self.seconds:
            return False
        self._last[offer_id] = now_monotonic
        self._last.move_to_end(offer_id)
        while len(self._last) > self.max_entries:
            self._last.popitem(last=False)
        return True

    def __len__(self) -> int:
        return len(self._last)
