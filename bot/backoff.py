"""Waiting longer after each failure in a row: the first pause, then twice the last, up to a ceiling;
a success starts again from the first. Used where something keeps failing outside our control (a
platform that does not answer, a worker process that dies as it starts)."""

from __future__ import annotations


class Backoff:
    def __init__(self, first: float = 1.0, most: float = 60.0) -> None:
        self.first, self.most = first, most
        self._last: float | None = None

    def next(self) -> float:
        """The pause after one more failure."""
        self._last = self.first if self._last is None else min(self.most, 2 * self._last)
        return self._last

    def reset(self) -> None:
        """It worked: the next failure waits the first pause again."""
        self._last = None
