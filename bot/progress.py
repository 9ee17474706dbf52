"""Progress of a long command (import, retention run, classifier train|evaluate, report, db upgrade)
on standard error, where it never mixes with the command's output.

On a terminal: a tqdm bar per stage (rate and time left when the total is known). Anywhere else —
a pipe, a file, systemd's journal — no bars and no carriage returns: one plain line when a stage
ends (`import: filing: 5000/5000 in 12.3 s`; none for a stage that had nothing to do), and one every
LINE_EVERY seconds while a long stage runs.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from core.progress import Progress

LINE_EVERY = 30.0  # seconds between plain lines during one stage


class _Stages:
    """Keeps the current stage's name, total, count and start; subclasses show them."""

    def __init__(self, command: str, stream: TextIO) -> None:
        self.command, self.stream = command, stream
        self.name: str | None = None
        self.total: int | None = None
        self.done = 0
        self.started = 0.0

    def stage(self, name: str, total: int | None = None) -> None:
        self.finish()
        self.name, self.total, self.done, self.started = name, total, 0, time.monotonic()
        self._begin()

    def advance(self, steps: int = 1) -> None:
        self.done += steps
        self._advanced(steps)

    def finish(self) -> None:
        if self.name is not None:
            self._end()
            self.name = None

    def _begin(self) -> None: ...

    def _advanced(self, steps: int) -> None: ...

    def _end(self) -> None: ...


class Lines(_Stages):
    """Quiet and line-oriented: what a log or a journal can keep."""

    def __init__(self, command: str, stream: TextIO, every: float = LINE_EVERY) -> None:
        super().__init__(command, stream)
        self.every = every
        self._last = 0.0

    def _begin(self) -> None:
        self._last = self.started

    def _advanced(self, steps: int) -> None:
        now = time.monotonic()
        if now - self._last >= self.every:
            self._last = now
            self._line(f"{self._count()}…")

    def _end(self) -> None:
        if self.total == 0:
            return  # nothing to do (no migration due, nothing to delete)
        self._line(f"{self._count()}in {time.monotonic() - self.started:.1f} s")

    def _count(self) -> str:
        if self.total is not None:
            return f"{self.done}/{self.total} "
        return f"{self.done} " if self.done else ""

    def _line(self, text: str) -> None:
        print(f"{self.command}: {self.name}: {text}", file=self.stream, flush=True)


class Bars(_Stages):
    """A terminal: one tqdm bar per stage, left on screen when the stage ends."""

    def __init__(self, command: str, stream: TextIO) -> None:
        super().__init__(command, stream)
        self._bar: Any = None

    def _begin(self) -> None:
        from tqdm import tqdm

        # a terminal that does not say its size (0×0) gets 80×24: tqdm would hide every bar
        sized = self._width() > 0
        self._bar = tqdm(total=self.total, desc=f"{self.command}: {self.name}", file=self.stream,
                         unit=" steps" if self.total is None else "", dynamic_ncols=sized,
                         ncols=None if sized else 80, nrows=None if sized else 24, leave=True)

    def _width(self) -> int:
        try:
            return os.get_terminal_size(self.stream.fileno()).columns
        except (OSError, ValueError, AttributeError):
            return 0

    def _advanced(self, steps: int) -> None:
        self._bar.update(steps)

    def _end(self) -> None:
        self._bar.close()
        self._bar = None


@contextmanager
def progress(command: str, stream: TextIO | None = None) -> Iterator[Progress]:
    """The progress of `command` on `stream` (standard error): bars on a terminal, lines elsewhere."""
    out = stream if stream is not None else sys.stderr
    shown: _Stages = Bars(command, out) if out.isatty() else Lines(command, out)
    try:
        yield shown
    finally:
        shown.finish()
