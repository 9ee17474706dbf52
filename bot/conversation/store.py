"""Where conversations are saved: the database by default (core/service/dialog_states.py), Redis
when REDIS_URL is set. Both give optimistic concurrency: `save` succeeds only if nobody saved since
we loaded (`expected` version), so two deliveries of the same chat never both advance it — the loser
reloads and redoes its step.

Each saved state may carry `due`: when the sweep should look at it next (a draft to remind or
expire). `due()` lists what is due without reading every conversation.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from core.keyvalue import redis_client
from core.messages import Rider
from core.service.dialog_states import DatabaseStateStore, Saved, check_key

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from core.db.engine import Database

__all__ = ["DatabaseStateStore", "RedisStateStore", "Saved", "StateStore", "state_store"]


class StateStore(Protocol):
    # kept in the conversations' database: a channel's opening statement may read a state along
    in_database: bool

    async def load(self, key: str, *, session: AsyncSession | None = None) -> Saved:
        """The saved state (version 0: none). A database store reads in `session` when given."""
        ...

    async def save(
        self, key: str, data: dict[str, Any], *, expected: int, now: datetime, due: datetime | None,
        session: AsyncSession | None = None, rider: Rider | None = None,
    ) -> bool:
        """Write `data` as version expected+1 if the stored version is still `expected`. A database
        store writes in `session` when given (the step's one transaction). What `rider` carries is
        written with it, only if it lands."""
        ...

    def rider(self) -> Rider:
        """An empty rider saying what this store takes along with a save."""
        ...

    async def due(self, now: datetime, limit: int = 200) -> list[str]:
        """Keys whose `due` time has come, oldest first."""
        ...

    async def purge(self, idle_before: datetime) -> int:
        """Forget conversations with nothing pending, untouched since `idle_before`."""
        ...

    async def close(self) -> None: ...


# check-and-set in one round trip: Redis runs a script atomically
_SAVE_SCRIPT = """
local current = redis.call('HGET', KEYS[1], 'version')
if current == false then current = '0' end
if current ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'version', ARGV[2], 'state', ARGV[3], 'updated_at', ARGV[4])
if ARGV[5] == '' then
  redis.call('ZREM', KEYS[2], ARGV[7])
else
  redis.call('ZADD', KEYS[2], ARGV[5], ARGV[7])
end
redis.call('EXPIRE', KEYS[1], ARGV[6])
if #KEYS == 3 then
  if ARGV[8] == '' then
    redis.call('DEL', KEYS[3])
  else
    redis.call('SET', KEYS[3], ARGV[8], 'EX', ARGV[9])
  end
end
return 1
"""


class RedisStateStore:
    """A hash per conversation (version, state, updated_at) and one sorted set of due times.
    Conversations with nothing pending simply expire (`ttl`)."""

    in_database = False

    def __init__(
        self,
        url: str,
        *,
        prefix: str = "ccb:dialog:",
        ttl: timedelta = timedelta(days=30),
        client: Any = None,
    ) -> None:
        self.url = url
        self.redis = client if client is not None else redis_client(url)
        self.prefix = prefix
        self.ttl = ttl
        self._save = self.redis.register_script(_SAVE_SCRIPT)

    def _key(self, key: str) -> str:
        return f"{self.prefix}s:{check_key(key)}"

    @property
    def _due_key(self) -> str:
        return f"{self.prefix}due"

    async def load(self, key: str, *, session: AsyncSession | None = None) -> Saved:
        found = await self.redis.hmget(self._key(key), "version", "state")
        if found[0] is None or found[1] is None:
            return Saved(0, None)
        try:
            data = json.loads(found[1])
        except ValueError:
            data = {"corrupt": True}  # decode() refuses it; the engine resets with an apology
        return Saved(int(found[0]), data if isinstance(data, dict) else {"corrupt": True})

    def rider(self) -> Rider:
        """A small value of the channel's (WeChat: the options shown) is set in the save's script."""
        return Rider(takes_kv=self.url)

    async def save(
        self, key: str, data: dict[str, Any], *, expected: int, now: datetime, due: datetime | None,
        session: AsyncSession | None = None, rider: Rider | None = None,
    ) -> bool:
        ttl = int(self.ttl.total_seconds())
        if due is not None:  # never let a pending draft expire before the sweep reached it
            ttl = max(ttl, int((due - now).total_seconds()) + 86400)
        keys = [self._key(key), self._due_key]
        args = [
            str(expected),
            str(expected + 1),
            json.dumps(data, ensure_ascii=False),
            now.astimezone(UTC).isoformat(),
            "" if due is None else str(due.timestamp()),
            str(ttl),
            key,
        ]
        if rider is not None and rider.kv is not None:  # set (or deleted) only if the save lands
            also, value, seconds = rider.kv
            keys.append(also)
            args += [value or "", str(seconds)]
        return bool(int(await self._save(keys=keys, args=args)))

    async def due(self, now: datetime, limit: int = 200) -> list[str]:
        keys = list(
            await self.redis.zrangebyscore(self._due_key, "-inf", now.timestamp(), start=0, num=limit)
        )
        present = []
        for key in keys:
            if await self.redis.exists(self._key(key)):
                present.append(key)
            else:
                await self.redis.zrem(self._due_key, key)  # its state expired: nothing to look at
        return present

    async def purge(self, idle_before: datetime) -> int:
        return 0  # keys expire by themselves

    async def close(self) -> None:
        await self.redis.aclose()


def state_store(db: Database, redis_url: str | None, prefix: str) -> StateStore:
    """Redis when given its URL (settings.dialog_state_in_redis), else the database. Every process of
    a deployment shares either; in the database the WeChat step reads and saves the state inside
    statements it runs anyway, in Redis it is two commands a message."""
    if redis_url:
        return RedisStateStore(redis_url, prefix=prefix)
    return DatabaseStateStore(db)
