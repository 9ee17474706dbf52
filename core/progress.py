"""How long work tells how far it has got: an import of thousands of rows, a retention run, training
a classifier, a migration. The core reports stages and steps to a `Progress`; the command line shows
them (bot.progress: a bar on a terminal, a few plain lines when piped or under systemd); everything
else passes nothing and pays nothing."""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def stage(self, name: str, total: int | None = None) -> None:
        """A new stage of the work begins (the last one is over); `total` steps if known."""

    def advance(self, steps: int = 1) -> None:
        """`steps` more steps of the current stage are done."""


class _Silent:
    def stage(self, name: str, total: int | None = None) -> None:
        return None

    def advance(self, steps: int = 1) -> None:
        return None


SILENT: Progress = _Silent()
