"""WeChat's customer-service window, per person: messages may be pushed for 48 hours after their
last message, at most 5 per such message (WeChat says 45015 / 45047 otherwise). The count lives on
`channel_identities` and is taken atomically, so two senders never both spend the last push."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.db.engine import Database
from core.db.models import ChannelIdentity

CHANNEL = "wechat"
WINDOW = timedelta(hours=48) - timedelta(minutes=1)  # a minute's margin for clocks and transit
QUOTA = 5


@dataclass(frozen=True)
class Reach:
    known: bool
    identity_id: int | None = None
    window_open: bool = False
    pushes_left: int = 0
    unsubscribed: bool = False

    @property
    def why_not(self) -> str:
        if not self.known:
            return "never wrote to the Official Account"
        if self.unsubscribed:
            return "unsubscribed"
        if not self.window_open:
            return "outside the 48-hour customer-service window"
        if self.pushes_left <= 0:
            return f"customer-service quota used up ({QUOTA} since their last message)"
        return ""


class ReplyWindow:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def reach(self, openid: str, now: datetime) -> Reach:
        async with self.db.transaction() as s:
            row = (await s.execute(select(ChannelIdentity).where(
                ChannelIdentity.channel == CHANNEL, ChannelIdentity.external_id == openid))).scalar_one_or_none()
            if row is None:
                return Reach(known=False)
            open_ = row.last_inbound_at is not None and row.last_inbound_at > now - WINDOW
            return Reach(True, row.id, open_, max(0, QUOTA - (row.pushes_since_inbound or 0)),
                         row.unsubscribed_at is not None)

    async def take(self, openid: str, count: int, now: datetime) -> bool:
        """Spend `count` pushes if the window is open and that many are left."""
        async with self.db.transaction() as s:
            result = await s.execute(
                update(ChannelIdentity)
                .where(ChannelIdentity.channel == CHANNEL, ChannelIdentity.external_id == openid,
                       ChannelIdentity.last_inbound_at > now - WINDOW,
                       ChannelIdentity.pushes_since_inbound + count <= QUOTA,
                       ChannelIdentity.unsubscribed_at.is_(None))
                .values(pushes_since_inbound=ChannelIdentity.pushes_since_inbound + count))
            return bool(result.rowcount)  # type: ignore[attr-defined]

    async def give_back(self, openid: str, count: int) -> None:
        """A push that never reached WeChat (network error) does not count."""
        async with self.db.transaction() as s:
            await s.execute(
                update(ChannelIdentity)
                .where(ChannelIdentity.channel == CHANNEL, ChannelIdentity.external_id == openid,
                       ChannelIdentity.pushes_since_inbound >= count)
                .values(pushes_since_inbound=ChannelIdentity.pushes_since_inbound - count))

    async def close(self, openid: str) -> None:
        """WeChat said the window is shut (45015) or the quota spent (45047): believe it until the
        person writes again."""
        async with self.db.transaction() as s:
            await s.execute(update(ChannelIdentity)
                            .where(ChannelIdentity.channel == CHANNEL, ChannelIdentity.external_id == openid)
                            .values(pushes_since_inbound=QUOTA))

    async def unsubscribed(self, openid: str, now: datetime, *, session: AsyncSession | None = None) -> None:
        async with self.db.using(session) as s:
            await s.execute(update(ChannelIdentity)
                            .where(ChannelIdentity.channel == CHANNEL, ChannelIdentity.external_id == openid)
                            .values(unsubscribed_at=now))
