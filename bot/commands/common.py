"""Helpers shared by the commands: run a coroutine with a wired App (or, for commands that only
read tickets, with just the database), and print tables."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy.exc import DBAPIError

from bot.commands.errors import CommandError
from core.clock import Clock, SystemClock
from core.config import Settings
from core.db.engine import Database
from core.service.numbering import parse_number
from core.service.queries import TicketQueries

if TYPE_CHECKING:
    from bot.app import App

T = TypeVar("T")
__all__ = ["CommandError", "Reading", "run_reading", "run_with_app", "table", "ticket_number"]


def ticket_number(raw: str) -> str:
    """Every command's ticket-number argument: exactly a number, or a one-line refusal."""
    number = parse_number(raw)
    if number is None:
        raise CommandError(f"{raw[:80]!r} is not a ticket number (they look like 261123-0001)")
    return number


def run_with_app(args: argparse.Namespace, work: Callable[[App], Awaitable[T]], *,
                 check_schema: bool = True) -> T:
    from bot.app import build_app  # the whole service: classifier, channels' senders…
    from core.db.migrate import ensure_current

    async def main() -> T:
        app = build_app(args.settings)
        try:
            if check_schema:
                await ensure_current(app.db)
            return await work(app)
        finally:
            await app.close()

    return asyncio.run(main())


@dataclass(frozen=True)
class Reading:
    """What a command that only looks at tickets needs — no classifier, no channel, no calendar:
    `ticket show` answers in a fraction of the time a whole App takes to wire."""

    settings: Settings
    db: Database
    queries: TicketQueries
    tz: ZoneInfo
    clock: Clock


def run_reading(args: argparse.Namespace, work: Callable[[Reading], Awaitable[T]]) -> T:
    """Run `work` on the database alone. The schema is checked only when the database refuses a
    query (Alembic takes longer to load than the query takes to run): an outdated schema still
    gets its clear message, and reading an up-to-date one pays nothing for the check."""
    settings: Settings = args.settings

    async def main() -> T:
        db = Database(settings.database_url)
        try:
            try:
                return await work(Reading(settings, db, TicketQueries(db), ZoneInfo(settings.timezone),
                                          SystemClock()))
            except DBAPIError:
                from core.db.migrate import ensure_current

                await ensure_current(db)  # raises SchemaOutOfDate when that is the cause
                raise
        finally:
            await db.dispose()

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
