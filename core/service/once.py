"""Exactly-once effects for timers: a `timer_firings` row claimed with INSERT … ON CONFLICT DO
NOTHING in the same transaction as the effect. If the effect fails, the claim rolls back with it;
if another process claimed first, the effect is skipped. Safe with any number of processes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from core.db.engine import dialect_insert
from core.db.models import Ticket, TimerFiring

# re-checked under the ticket's row lock: the timer's earlier query may be stale by now
StillDue = Callable[[AsyncSession, Ticket, datetime], Awaitable[bool]]


@dataclass
class Once:
    """Pass to a TicketService method: the change happens only if this timer has not fired yet.
    After the call, `fired` says whether it did (set once the transaction committed)."""

    kind: str
    round: int = 1
    step: str = ""
    worker: str | None = None
    still_due: StillDue | None = None
    fired: bool = False


async def claim(s: AsyncSession, kind: str, subject: int, round_: int, step: str, now: datetime,
                worker: str | None = None) -> bool:
    """True if this call is the first to claim (kind, subject, round, step)."""
    statement = dialect_insert(s.get_bind().dialect.name == "sqlite")(TimerFiring).values(
        kind=kind, subject=subject, round=round_, step=step[:40], fired_at=now, worker=worker,
    ).on_conflict_do_nothing()
    result = await s.execute(statement)
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def claim_for_ticket(s: AsyncSession, once: Once, t: Ticket, now: datetime) -> bool:
    """Inside a ticket change, with the ticket locked: is the timer still due, and are we first?"""
    if once.round != t.round:
        return False  # the ticket moved on to another round since the timer looked
    if once.still_due is not None and not await once.still_due(s, t, now):
        return False
    return await claim(s, once.kind, t.id, once.round, once.step, now, once.worker)
