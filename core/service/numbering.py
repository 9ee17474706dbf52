"""Ticket numbers (编号): the local filing date and a per-day sequence, e.g. 261123-0042.

Digits and one dash, so a resident can read it out on the phone or type it on a phone keypad.
Allocated in its own short transaction so that concurrent filings do not queue behind one row
lock for the whole filing; a failed filing leaves a gap, never a duplicate.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.db.engine import Database

# with a separator the sequence may grow past 9999; run together it is exactly 6 + 4 digits, so an
# 11-digit phone number is never taken for a ticket
_NUMBER = re.compile(r"#?(\d{6})(?:\s*[-—_]\s*(\d{4,6})|\s+(\d{4,6})|(\d{4}))")


@cache
def _next() -> Any:
    # built on first use: reading a number (the chats' dialogs) must not load the database layer
    from sqlalchemy import text

    return text(
        "INSERT INTO counters (key, value) VALUES (:key, :n) "
        "ON CONFLICT (key) DO UPDATE SET value = counters.value + :n RETURNING value"
    )


def format_number(day: date, sequence: int) -> str:
    return f"{day:%y%m%d}-{sequence:04d}"


def parse_number(text_: str) -> str | None:
    """The ticket number `text_` is, as typed ("261123-0042", "2611230042", "＃２６１１２３－００４２",
    spaces around it), or None. Exactly a number or nothing: "261123-0042' OR '1'='1" is not mined
    for the number inside, so every command and chat argument taking a number refuses it."""
    match = _NUMBER.fullmatch(unicodedata.normalize("NFKC", text_).strip())
    if match is None:
        return None
    day, dashed, spaced, joined = match.groups()
    month, dom = int(day[2:4]), int(day[4:6])
    if not (1 <= month <= 12 and 1 <= dom <= 31):
        return None
    return f"{day}-{int(dashed or spaced or joined):04d}"


async def allocate_numbers(db: Database, day: date, count: int = 1) -> list[str]:
    """`count` consecutive numbers for `day`, in one short transaction of their own."""
    if count < 1:
        raise ValueError("count must be ≥ 1")
    params = {"key": f"ticket:{day:%y%m%d}", "n": count}
    if db.is_sqlite:
        async with db.transaction() as session:
            last = int((await session.execute(_next(), params)).scalar_one())
    else:
        # one statement is its own transaction: autocommit sends it alone instead of BEGIN, the
        # statement and COMMIT as three round trips (each filing allocates its numbers first)
        async with db.engine.connect() as conn:
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            last = int((await conn.execute(_next(), params)).scalar_one())
    return [format_number(day, seq) for seq in range(last - count + 1, last + 1)]


async def allocate_number(db: Database, day: date) -> str:
    return (await allocate_numbers(db, day, 1))[0]
