"""Helpers shared by the commands: run a coroutine with a wired App, and print tables."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from bot.app import App, build_app
from core.db.migrate import ensure_current
from core.service.numbering import parse_number

T = TypeVar("T")


class CommandError(Exception):
    """A clear one-line refusal from a command (bad file, bad value)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def ticket_number(raw: str) -> str:
    """Every command's ticket-number argument: exactly a number, or a one-line refusal."""
    number = parse_number(raw)
    if number is None:
        raise CommandError(f"{raw[:80]!r} is not a ticket number (they look like 261123-0001)")
    return number


def run_with_app(args: argparse.Namespace, work: Callable[[App], Awaitable[T]], *,
                 check_schema: bool = True) -> T:
    async def main() -> T:
        app = build_app(args.settings)
        try:
            if check_schema:
                await ensure_current(app.db)
            return await work(app)
        finally:
            await app.close()

    return asyncio.run(main())


def table(rows: list[list[Any]], headers: list[str]) -> str:
    cells = [[str(h) for h in headers]] + [[("" if c is None else str(c)) for c in r] for r in rows]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(headers))]
    out = []
    for n, row in enumerate(cells):
        out.append("  ".join(c + " " * (w - _width(c)) for c, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def _width(text: str) -> int:
    # CJK characters take two columns in a terminal
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
