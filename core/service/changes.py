"""Following what changed, from the tables themselves: new ticket events (with the ticket's number
and grid) and new messages from residents, in id order, each once.

Ids are handed out before commit, so a transaction that started earlier may commit later than one
with a higher id: a missing id is a gap that may still fill. The cursor asks for its gaps again on
every read and forgets one after `GAP_SECONDS` (a rolled-back transaction never fills it)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from core.db.desk_models import InboundMessage
from core.db.engine import Database
from core.db.models import Ticket, TicketEvent

log = logging.getLogger(__name__)

GAP_SECONDS = 30.0
BATCH = 1000
MAX_GAPS = 10_000
CHANNEL = "desk_changes"  # the NOTIFY channel the triggers of migration desk_0001 use


@dataclass(frozen=True)
class Change:
    kind: str  # "ticket" (an event) or "inbound" (a resident wrote)
    id: int  # the event's or the message's id
    number: str | None = None
    type: str | None = None
    grid_id: int | None = None
    from_grid_id: int | None = None  # a reassignment or a return: the grid it left
    status: str | None = None
    identity_id: int | None = None

    def public(self) -> dict[str, Any]:
        """What a page is told: enough to know what to fetch again, nothing personal."""
        if self.kind == "inbound":
            return {"identity": self.identity_id}
        return {"number": self.number, "type": self.type, "status": self.status}


class Cursor:
    """Which ids are new: everything above the highest seen, and the gaps below it that fill late."""

    def __init__(self, start: int) -> None:
        self.high = start
        self.gaps: dict[int, float] = {}  # missing id → when first missed (monotonic)

    def take(self, ids: list[int], now: float) -> list[int]:
        fresh = []
        for i in sorted(set(ids)):
            if i > self.high:
                for missing in range(max(self.high + 1, i - MAX_GAPS), i):
                    self.gaps[missing] = now
                self.high = i
                fresh.append(i)
            elif self.gaps.pop(i, None) is not None:
                fresh.append(i)
        for missing, since in list(self.gaps.items()):
            if now - since > GAP_SECONDS:
                del self.gaps[missing]
        return fresh

    def open_gaps(self) -> list[int]:
        return sorted(self.gaps)[:BATCH]


_EVENTS = (select(TicketEvent.id, TicketEvent.type, TicketEvent.data, Ticket.number, Ticket.grid_id, Ticket.status)
           .join(Ticket, Ticket.id == TicketEvent.ticket_id))
_INBOUND = select(InboundMessage.id, InboundMessage.identity_id)


class ChangeReader:
    def __init__(self, db: Database, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.db, self.clock = db, clock
        self.events: Cursor | None = None
        self.inbound: Cursor | None = None

    async def start(self) -> None:
        """Begin after what exists now."""
        async with self.db.transaction() as s:
            last_event = (await s.execute(select(func.max(TicketEvent.id)))).scalar_one() or 0
            last_inbound = (await s.execute(select(func.max(InboundMessage.id)))).scalar_one() or 0
        self.events, self.inbound = Cursor(int(last_event)), Cursor(int(last_inbound))

    async def read(self) -> list[Change]:
        if self.events is None or self.inbound is None:
            await self.start()
        assert self.events is not None and self.inbound is not None
        out: list[Change] = []
        async with self.db.transaction() as s:
            rows = list(await s.execute(_EVENTS.where(TicketEvent.id > self.events.high)
                                        .order_by(TicketEvent.id).limit(BATCH)))
            if gaps := self.events.open_gaps():
                rows += list(await s.execute(_EVENTS.where(TicketEvent.id.in_(gaps))))
            messages = list(await s.execute(_INBOUND.where(InboundMessage.id > self.inbound.high)
                                            .order_by(InboundMessage.id).limit(BATCH)))
            if gaps := self.inbound.open_gaps():
                messages += list(await s.execute(_INBOUND.where(InboundMessage.id.in_(gaps))))
        now = self.clock()
        fresh = set(self.events.take([r.id for r in rows], now))
        for r in rows:
            if r.id in fresh:
                data = r.data or {}
                moved = data.get("from_grid_id")
                out.append(Change("ticket", r.id, r.number, r.type, r.grid_id,
                                  moved if isinstance(moved, int) else None, r.status))
        fresh = set(self.inbound.take([m.id for m in messages], now))
        out += [Change("inbound", m.id, identity_id=m.identity_id) for m in messages if m.id in fresh]
        return out


class _PgListener:
    def __init__(self, connection: Any) -> None:
        self.connection = connection

    async def close(self) -> None:
        """Close politely, but never wait on a server that does not answer: stopping must end."""
        try:
            await self.connection.close(timeout=5)
        except Exception:
            self.connection.terminate()


async def pg_listener(db: Database, wake: Callable[[], None]) -> _PgListener | None:
    """LISTEN on PostgreSQL: `wake()` whenever a change commits. None (polling only) if it fails."""
    import asyncpg

    url = make_url(db.url).set(drivername="postgresql")
    try:
        connection = await asyncio.wait_for(asyncpg.connect(url.render_as_string(hide_password=False)), 10)
        await connection.add_listener(CHANNEL, lambda *_: wake())
    except Exception:
        log.warning("desk live feed: LISTEN failed, polling only", exc_info=True)
        return None
    return _PgListener(connection)
