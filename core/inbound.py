"""What arrives from a platform: exactly-once bookkeeping and the resident's reply window.

`claim(key)` is an INSERT … ON CONFLICT DO NOTHING on `processed_updates`: across processes and
retries only the first caller gets True. A channel that must answer a retry with the same reply
(WeChat resends after 5 s) stores the reply with `finish` and reads it with `result`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.clock import Clock
from core.db.engine import Database, dialect_insert, run_core
from core.db.models import ChannelIdentity, ProcessedUpdate

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
                       create: bool = False, session: AsyncSession | None = None) -> bool:
    """The person just wrote: WeChat's 48-hour customer-service window opens again with a fresh
    quota, and an earlier block or unsubscribe no longer holds (they are talking to us).

    An unknown identity is recorded when the dialog first files for it — or here, with `create`,
    for channels that must track the window from the very first message (WeChat: the notice that
    a ticket was assigned follows the message that filed it). Returns whether it was known."""
    async with db.using(session) as s:
        result = await run_core(s, _NOTE_INBOUND, {"p_channel": channel, "p_external_id": external_id, "p_now": now})
        if result.rowcount or not create:
            return bool(result.rowcount)
        await s.execute(dialect_insert(db.is_sqlite)(ChannelIdentity).values(
            channel=channel, external_id=external_id, created_at=now, last_inbound_at=now, pushes_since_inbound=0,
        ).on_conflict_do_nothing())  # created by someone else meanwhile: they noted it too
        return False


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


# ---- the reply window: how many pushes a person may still get ------------------------------------


@dataclass(frozen=True)
class Reach:
    """What the platform lets us push to a person: a channel that limits pushes after the person's
    last message (WeChat: 48 hours, 5 pushes) counts them on the channel identity."""

    known: bool
    identity_id: int | None = None
    last_inbound_at: datetime | None = None
    pushes_since_inbound: int = 0
    unsubscribed: bool = False


async def reach(db: Database, channel: str, external_id: str) -> Reach:
    async with db.transaction() as s:
        row = (await s.execute(select(ChannelIdentity).where(
            ChannelIdentity.channel == channel, ChannelIdentity.external_id == external_id))).scalar_one_or_none()
        if row is None:
            return Reach(known=False)
        return Reach(True, row.id, row.last_inbound_at, row.pushes_since_inbound or 0, row.unsubscribed_at is not None)


async def take_pushes(db: Database, channel: str, external_id: str, count: int, *, wrote_after: datetime,
                      quota: int) -> bool:
    """Spend `count` pushes, atomically, if the person wrote after `wrote_after`, is still subscribed
    and that many are left of `quota` (two senders never both spend the last one)."""
    async with db.transaction() as s:
        result = await s.execute(
            update(ChannelIdentity)
            .where(ChannelIdentity.channel == channel, ChannelIdentity.external_id == external_id,
                   ChannelIdentity.last_inbound_at > wrote_after,
                   ChannelIdentity.pushes_since_inbound + count <= quota,
                   ChannelIdentity.unsubscribed_at.is_(None))
            .values(pushes_since_inbound=ChannelIdentity.pushes_since_inbound + count))
        return bool(result.rowcount)  # type: ignore[attr-defined]


async def give_back_pushes(db: Database, channel: str, external_id: str, count: int) -> None:
    """Pushes that never reached the platform (a network error) do not count."""
    async with db.transaction() as s:
        await s.execute(
            update(ChannelIdentity)
            .where(ChannelIdentity.channel == channel, ChannelIdentity.external_id == external_id,
                   ChannelIdentity.pushes_since_inbound >= count)
            .values(pushes_since_inbound=ChannelIdentity.pushes_since_inbound - count))


async def spend_all_pushes(db: Database, channel: str, external_id: str, quota: int) -> None:
    """The platform said the window is shut or the quota spent: believe it until the person writes."""
    async with db.transaction() as s:
        await s.execute(update(ChannelIdentity)
                        .where(ChannelIdentity.channel == channel, ChannelIdentity.external_id == external_id)
                        .values(pushes_since_inbound=quota))


async def set_unsubscribed(db: Database, channel: str, external_id: str, now: datetime, *,
                           session: AsyncSession | None = None) -> None:
    async with db.using(session) as s:
        await s.execute(update(ChannelIdentity)
                        .where(ChannelIdentity.channel == channel, ChannelIdentity.external_id == external_id)
                        .values(unsubscribed_at=now))
