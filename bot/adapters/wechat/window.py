"""WeChat's customer-service window, per person: messages may be pushed for 48 hours after their
last message, at most 5 per such message (WeChat says 45015 / 45047 otherwise). The platform's
numbers live here; the count lives on the person's channel identity and is taken atomically by the
core (core/inbound.py), so two senders never both spend the last push."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from core import inbound
from core.db.engine import Database

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

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
        found = await inbound.reach(self.db, CHANNEL, openid)
        if not found.known:
            return Reach(known=False)
        open_ = found.last_inbound_at is not None and found.last_inbound_at > now - WINDOW
        return Reach(True, found.identity_id, open_, max(0, QUOTA - found.pushes_since_inbound), found.unsubscribed)

    async def take(self, openid: str, count: int, now: datetime) -> bool:
        """Spend `count` pushes if the window is open and that many are left."""
        return await inbound.take_pushes(self.db, CHANNEL, openid, count, wrote_after=now - WINDOW, quota=QUOTA)

    async def give_back(self, openid: str, count: int) -> None:
        """A push that never reached WeChat (network error) does not count."""
        await inbound.give_back_pushes(self.db, CHANNEL, openid, count)

    async def close(self, openid: str) -> None:
        """WeChat said the window is shut (45015) or the quota spent (45047): believe it until the
        person writes again."""
        await inbound.spend_all_pushes(self.db, CHANNEL, openid, QUOTA)

    async def unsubscribed(self, openid: str, now: datetime, *, session: AsyncSession | None = None) -> None:
        await inbound.set_unsubscribed(self.db, CHANNEL, openid, now, session=session)
