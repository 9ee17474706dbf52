"""The WeCom app's message quota, counted where every `serve` process sees it (the database's `kv`
table or Redis, core/keyvalue.py).

WeCom's limits for an app's messages (发送应用消息's 频率限制, as summarised in public WeCom notes —
WeCom's own page was not at hand; docs/wecom.md): per app and day at most 账号上限数 × 200 人次 — a
message to N members counts N; per member at most 30 a minute and 1,000 an hour, the rest silently
dropped. The minute
is kept by the rate limiter (sender.py); the day and the hour are counted here. Card updates
(update_template_card) and recalls are not messages and are not counted.

Before a send its recipients are counted (atomically: two processes never both take the last
places); when the day's count would pass NEAR of the quota, or a member's hour NEAR of 1,000, a
message that is not urgent gives its places back and waits for the next day (Beijing time, WeCom's
day) or hour. Urgent ones — emergency alerts, anything about an emergency ticket — always go."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from core.clock import Clock
from core.keyvalue import SharedStore

PER_ACCOUNT_DAY = 200  # 人次 a day per account of the corp's 账号上限数
MEMBER_HOUR = 1000
NEAR = 0.9  # past this share of a limit only urgent messages go
WECOM_DAY = ZoneInfo("Asia/Shanghai")
KEEP = timedelta(days=2)  # counters are per day / hour; the store forgets them after this


@dataclass(frozen=True)
class Taken:
    users: tuple[str, ...]
    times: int
    day: str
    hour: str
    wait: float  # 0: within the limits; else seconds until there is room again for a non-urgent message
    why: str = ""


@dataclass(frozen=True)
class Usage:
    day: str
    sent: int  # 人次 today
    quota: int
    members: tuple[tuple[str, int, int], ...]  # (userid, today, this hour)


class Quota:
    def __init__(self, store: SharedStore, clock: Clock, app_id: str, *, accounts: int) -> None:
        self.store, self.clock, self.app_id = store, clock, app_id
        self.quota = max(1, accounts) * PER_ACCOUNT_DAY

    def _keys(self, now: datetime) -> tuple[str, str]:
        local = now.astimezone(WECOM_DAY)
        return local.strftime("%Y%m%d"), local.strftime("%Y%m%d%H")

    def _day_key(self, day: str) -> str:
        return f"wecom_app:{self.app_id}:quota:{day}"

    def _member_key(self, userid: str, period: str) -> str:
        return f"wecom_app:{self.app_id}:quota:u:{userid}:{period}"

    async def take(self, users: list[str], times: int = 1) -> Taken:
        """Count `times` messages to each of `users` now; `wait` says whether that was past the line."""
        now = self.clock.now()
        day, hour = self._keys(now)
        total = await self.store.add(self._day_key(day), len(users) * times, KEEP)
        busiest = 0
        for userid in users:
            busiest = max(busiest, await self.store.add(self._member_key(userid, hour), times, KEEP))
            await self.store.add(self._member_key(userid, day), times, KEEP)
        taken = Taken(tuple(users), times, day, hour, 0.0)
        local = now.astimezone(WECOM_DAY)
        if total > self.quota * NEAR:
            tomorrow = (local + timedelta(days=1)).replace(hour=0, minute=1, second=0, microsecond=0)
            return Taken(taken.users, times, day, hour, (tomorrow - local).total_seconds(),
                         f"today's WeCom quota nearly used: {total} of {self.quota} 人次")
        if busiest > MEMBER_HOUR * NEAR:
            next_hour = (local + timedelta(hours=1)).replace(minute=0, second=5, microsecond=0)
            return Taken(taken.users, times, day, hour, (next_hour - local).total_seconds(),
                         f"a member's hourly WeCom limit nearly used: {busiest} of {MEMBER_HOUR}")
        return taken

    async def give_back(self, taken: Taken, users: list[str] | None = None) -> None:
        """The message did not go (to `users`, default all): its places are free again."""
        back = list(users if users is not None else taken.users)
        if not back:
            return
        await self.store.add(self._day_key(taken.day), -len(back) * taken.times, KEEP)
        for userid in back:
            await self.store.add(self._member_key(userid, taken.hour), -taken.times, KEEP)
            await self.store.add(self._member_key(userid, taken.day), -taken.times, KEEP)

    async def usage(self, members: list[str]) -> Usage:
        day, hour = self._keys(self.clock.now())
        counts = [(u, await self.store.total(self._member_key(u, day)), await self.store.total(self._member_key(u, hour)))
                  for u in members]
        return Usage(day, await self.store.total(self._day_key(day)), self.quota, tuple(counts))
