"""The commands' refusal, importable without loading anything else (bot.cli catches it)."""

from __future__ import annotations


class CommandError(Exception):
    """A clear one-line refusal from a command (bad file, bad value)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
