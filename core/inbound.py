"""What arrives from a platform: exactly-once bookkeeping and the resident's reply window.

`claim(key)` is an INSERT … ON CONFLICT DO NOTHING on `processed_updates`: across processes and
retries only the first caller gets True. A channel that must answer a retry with the same reply
(WeChat resends after 5 s) stores the reply with `finish` and reads it with `result`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.clock import Clock
from core.db.engine import Database, dialect_insert, run_core
from core.db.models import ChannelIdentity, ProcessedUpdate
from core.service.conversation import record_inbound

# every message runs these: built once (building a statement costs about as much as running it)
_FINISH = (update(ProcessedUpdate).where(ProcessedUpdate.key == bindparam("p_key"))
           .values(done_at=bindparam("p_done_at"), result=bindparam("p_result")))
_NOTE_INBOUND = (
    update(ChannelIdentity)
    .where(ChannelIdentity.channel == bindparam("p_channel"),
           ChannelIdentity.external_id == bindparam("p_external_id"))
    .values(last_inbound_at=bindparam("p_now"), pushes_since_inbound=0, unsubscribed_at=None, blocked_at=None))


class InboundLog:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db, self.clock = db, clock
        self._claim = dialect_insert(db.is_sqlite)(ProcessedUpdate).values(
            key=bindparam("p_key"), seen_at=bindparam("p_seen_at")).on_conflict_do_nothing()

    async def claim(self, key: str, *, session: AsyncSession | None = None) -> bool:
        """True the first time `key` is seen, False for every repeat. With `session`, the claim
        is part of the caller's transaction (and stands only if that commits)."""
        async with self.db.using(session) as s:
            result = await run_core(s, self._claim, {"p_key": key[:200], "p_seen_at": self.clock.now()})
            return bool(result.rowcount)

    async def finish(self, key: str, result: dict[str, Any] | None = None, *,
                     session: AsyncSession | None = None) -> None:
        async with self.db.using(session) as s:
            await run_core(s, _FINISH, {"p_key": key[:200], "p_done_at": self.clock.now(), "p_result": result})

    async def result(self, key: str) -> tuple[bool, dict[str, Any] | None]:
        """(done, stored result) for a key seen before."""
        async with self.db.transaction() as s:
            row = await s.get(ProcessedUpdate, key[:200])
            if row is None:
                return False, None
            return row.done_at is not None, row.result

    async def forget_older_than(self, age: timedelta) -> int:
        """Housekeeping: platforms stop retrying within minutes; keep a day to be safe."""
        async with self.db.transaction() as s:
            result = await s.execute(delete(ProcessedUpdate).where(ProcessedUpdate.seen_at < self.clock.now() - age))
            return int(result.rowcount)  # type: ignore[attr-defined]


async def note_inbound(db: Database, channel: str, external_id: str, now: datetime, *,
                       create: bool = False, session: AsyncSession | None = None, text: str | None = None,
                       attachments: Sequence[dict[str, Any]] = ()) -> bool:
    """The person just wrote: WeChat's 48-hour customer-service window opens again with a fresh
    quota, and an earlier block or unsubscribe no longer holds (they are talking to us).

    An unknown identity is recorded when the dialog first files for it — or here, with `create`,
    for channels that must track the window from the very first message (WeChat: the notice that
    a ticket was assigned follows the message that filed it). Returns whether it was known.

    `text` / `attachments`: what they wrote, kept for the desk's view of the conversation."""
    async with db.using(session) as s:
        result = await run_core(s, _NOTE_INBOUND, {"p_channel": channel, "p_external_id": external_id, "p_now": now})
        known = bool(result.rowcount)
        if not known and create:
            await s.execute(dialect_insert(db.is_sqlite)(ChannelIdentity).values(
                channel=channel, external_id=external_id, created_at=now, last_inbound_at=now, pushes_since_inbound=0,
            ).on_conflict_do_nothing())  # created by someone else meanwhile: they noted it too
        if (text or attachments) and (known or create):
            found = (await s.execute(select(ChannelIdentity.id, ChannelIdentity.staff_id).where(
                ChannelIdentity.channel == channel, ChannelIdentity.external_id == external_id))).one_or_none()
            if found is not None and found.staff_id is None:  # residents (and people yet to be), not staff
                record_inbound(s, found.id, now, text, attachments)
        return known


async def set_blocked(db: Database, channel: str, external_id: str, when: datetime | None) -> int:
    """The platform told us the person blocked the bot (`when`) or unblocked it (None), before any
    delivery had to fail. Returns how many identities changed."""
    async with db.transaction() as s:
        result = await s.execute(update(ChannelIdentity)
                                 .where(ChannelIdentity.channel == channel,
                                        ChannelIdentity.external_id == external_id)
                                 .values(blocked_at=when))
        return int(result.rowcount)  # type: ignore[attr-defined]


async def identity(db: Database, channel: str, external_id: str) -> ChannelIdentity | None:
    async with db.transaction() as s:
        return (await s.execute(select(ChannelIdentity).where(
            ChannelIdentity.channel == channel, ChannelIdentity.external_id == external_id))).scalar_one_or_none()
