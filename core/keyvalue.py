"""Small shared values with an expiry — a platform's access_token and its refresh lease, the numbered
options a person was last shown — in the database's `kv` table, or in Redis when REDIS_URL is set.
Both are shared by every process of a deployment; expiry is judged by the injected clock."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import Integer, String, bindparam, case, cast, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.clock import Clock
from core.db.engine import Database, dialect_insert, run_core
from core.db.models import KeyValue
from core.messages import Rider


class SharedStore(Protocol):
    """`session`: the caller's database transaction, used by the database store (so that a
    webhook's small steps share one commit) and ignored by Redis."""

    async def get(self, key: str, *, session: AsyncSession | None = None) -> str | None: ...

    async def put(self, key: str, value: str, ttl: timedelta, *, session: AsyncSession | None = None) -> None: ...

    async def delete(self, key: str, *, only_if: str | None = None, session: AsyncSession | None = None) -> bool:
        """Remove `key`; with `only_if`, only while it still holds exactly that value."""
        ...

    async def lease(self, key: str, holder: str, ttl: timedelta) -> bool:
        """Take `key` for `holder` unless someone else holds an unexpired lease on it."""
        ...

    async def release(self, key: str, holder: str) -> None: ...

    async def add(self, key: str, amount: int, ttl: timedelta) -> int:
        """Add `amount` (may be negative) to the counter `key` atomically, across processes; the
        new total. A counter that expired starts again from `amount`."""
        ...

    async def total(self, key: str) -> int:
        """The counter's value (0 when it does not exist or expired)."""
        ...

    async def close(self) -> None: ...


# a WeChat message reads and writes its shown options: statements built once
_GET = select(KeyValue.value, KeyValue.expires_at).where(KeyValue.key == bindparam("p_key"))
_DELETE = delete(KeyValue).where(KeyValue.key == bindparam("p_key"))
_DELETE_IF_VALUE = _DELETE.where(KeyValue.value == bindparam("p_value"))
_KV = KeyValue.__table__.c


def _put_riding(landed: Any) -> Any:
    """The upsert of `put`, writing only where `landed` holds (a ride in the dialog state's save)."""
    put = dialect_insert(False)(KeyValue).from_select(["key", "value", "expires_at", "updated_at"], select(
        bindparam("p_kv_key", type_=_KV.key.type), bindparam("p_kv_value", type_=_KV.value.type),
        bindparam("p_kv_expires", type_=_KV.expires_at.type), bindparam("p_kv_now", type_=_KV.updated_at.type),
    ).where(landed))
    return put.on_conflict_do_update(index_elements=[KeyValue.key], set_={
        "value": put.excluded.value, "expires_at": put.excluded.expires_at, "updated_at": put.excluded.updated_at})


def _delete_riding(landed: Any) -> Any:
    return delete(KeyValue).where(KeyValue.key == bindparam("p_kv_key"), landed)


class DatabaseStore:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db, self.clock = db, clock
        put = self._insert()(KeyValue).values(key=bindparam("p_key"), value=bindparam("p_value"),
                                              expires_at=bindparam("p_expires"), updated_at=bindparam("p_now"))
        self._put = put.on_conflict_do_update(index_elements=[KeyValue.key], set_={
            "value": put.excluded.value, "expires_at": put.excluded.expires_at, "updated_at": put.excluded.updated_at})

    def _insert(self) -> Any:
        return dialect_insert(self.db.is_sqlite)

    async def get(self, key: str, *, session: AsyncSession | None = None) -> str | None:
        async with self.db.using(session) as s:
            row = (await run_core(s, _GET, {"p_key": key})).one_or_none()
        if row is None or (row.expires_at is not None and row.expires_at <= self.clock.now()):
            return None
        return str(row.value)

    async def put(self, key: str, value: str, ttl: timedelta, *, session: AsyncSession | None = None) -> None:
        now = self.clock.now()
        async with self.db.using(session) as s:
            await run_core(s, self._put, {"p_key": key, "p_value": value, "p_expires": now + ttl, "p_now": now})

    async def delete(self, key: str, *, only_if: str | None = None, session: AsyncSession | None = None) -> bool:
        async with self.db.using(session) as s:
            if only_if is None:
                return bool((await run_core(s, _DELETE, {"p_key": key})).rowcount)
            return bool((await run_core(s, _DELETE_IF_VALUE, {"p_key": key, "p_value": only_if})).rowcount)

    def ride(self, rider: Rider | None, key: str, value: str | None, ttl: timedelta) -> bool:
        """`put` (`delete` when `value` is None) in the dialog step's state save, when `rider` takes
        SQL writes for this store's database and none rides yet (one statement fewer); False: not
        taken, write on your own."""
        if rider is None or not rider.takes_sql or rider.database is not self.db or rider.write is not None:
            return False
        if value is None:
            rider.write = (_delete_riding, {"p_kv_key": key})
        else:
            now = self.clock.now()
            rider.write = (_put_riding, {"p_kv_key": key, "p_kv_value": value, "p_kv_expires": now + ttl,
                                         "p_kv_now": now})
        return True

    async def lease(self, key: str, holder: str, ttl: timedelta) -> bool:
        now = self.clock.now()
        statement = self._insert()(KeyValue).values(key=key, value=holder, expires_at=now + ttl, updated_at=now)
        statement = statement.on_conflict_do_update(
            index_elements=[KeyValue.key],
            set_={"value": holder, "expires_at": now + ttl, "updated_at": now},
            where=(KeyValue.expires_at <= now) | (KeyValue.value == holder))
        async with self.db.transaction() as s:
            return bool((await s.execute(statement)).rowcount)  # type: ignore[attr-defined]

    async def release(self, key: str, holder: str) -> None:
        async with self.db.transaction() as s:
            await s.execute(update(KeyValue).where(KeyValue.key == key, KeyValue.value == holder)
                            .values(expires_at=self.clock.now()))

    async def add(self, key: str, amount: int, ttl: timedelta) -> int:
        now = self.clock.now()
        expired = KeyValue.expires_at.is_not(None) & (KeyValue.expires_at <= now)
        statement = self._insert()(KeyValue).values(key=key, value=str(amount), expires_at=now + ttl, updated_at=now)
        statement = statement.on_conflict_do_update(index_elements=[KeyValue.key], set_={
            "value": case((expired, str(amount)), else_=cast(cast(KeyValue.value, Integer) + amount, String)),
            "expires_at": case((expired, now + ttl), else_=KeyValue.expires_at),
            "updated_at": now})
        async with self.db.transaction() as s:  # the upsert holds the row until the read: atomic
            await s.execute(statement)
            return int((await s.execute(select(KeyValue.value).where(KeyValue.key == key))).scalar_one())

    async def total(self, key: str) -> int:
        value = await self.get(key)
        try:
            return int(value) if value is not None else 0
        except ValueError:
            return 0

    async def close(self) -> None:
        return None


# compare-and-delete, atomically in Redis
_DELETE_IF = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"


REDIS_CONNECTIONS = 100  # per client and process: redis-py's own default
REDIS_WAIT = 10.0  # seconds a command waits for one of them before it fails


def redis_client(url: str) -> Any:
    """A Redis client whose commands wait for a free connection when all of them are in use:
    redis-py's default pool raises `MaxConnectionsError` then, which a burst of a few hundred
    concurrent WebHook messages (each a state load and save) reaches."""
    from redis.asyncio import BlockingConnectionPool, Redis  # only needed when REDIS_URL is set

    pool = BlockingConnectionPool.from_url(url, decode_responses=True, max_connections=REDIS_CONNECTIONS,
                                           timeout=REDIS_WAIT)
    return Redis.from_pool(pool)  # closed with the client


class RedisStore:
    """Values carry their own expiry (judged by the clock); Redis' TTL only cleans up."""

    def __init__(self, url: str, clock: Clock, *, prefix: str = "complaint-bot:") -> None:
        self.url = url
        self.redis = redis_client(url)
        self.clock, self.prefix = clock, prefix

    def _wrap(self, value: str, ttl: timedelta) -> str:
        return json.dumps({"v": value, "exp": (self.clock.now() + ttl).timestamp()})

    def _unwrap(self, raw: str | bytes | None) -> tuple[str, datetime] | None:
        if raw is None:
            return None
        if isinstance(raw, bytes):
            raw = raw.decode()
        try:
            data = json.loads(raw)
            return str(data["v"]), datetime.fromtimestamp(float(data["exp"]), tz=self.clock.now().tzinfo)
        except (ValueError, KeyError, TypeError):
            return None

    async def get(self, key: str, *, session: AsyncSession | None = None) -> str | None:
        found = self._unwrap(await self.redis.get(self.prefix + key))
        if found is None or found[1] <= self.clock.now():
            return None
        return found[0]

    async def put(self, key: str, value: str, ttl: timedelta, *, session: AsyncSession | None = None) -> None:
        await self.redis.set(*self.raw(key, value, ttl))

    async def entry(self, key: str) -> tuple[str, datetime] | None:
        """The value and when it expires, expired or not (None: absent or unreadable)."""
        return self._unwrap(await self.redis.get(self.prefix + key))

    def raw(self, key: str, value: str | None, ttl: timedelta) -> tuple[str, str | None, int]:
        """What `put` (or, for None, `delete`) writes: the Redis key, the stored value and Redis'
        expiry in seconds, for a script that writes it with something else."""
        return self.prefix + key, None if value is None else self._wrap(value, ttl), max(1, int(ttl.total_seconds()) + 60)

    async def delete(self, key: str, *, only_if: str | None = None, session: AsyncSession | None = None) -> bool:
        if only_if is None:
            return bool(await self.redis.delete(self.prefix + key))
        raw = await self.redis.get(self.prefix + key)
        found = self._unwrap(raw)
        if raw is None or found is None or found[0] != only_if:
            return False
        return bool(await self.redis.eval(_DELETE_IF, 1, self.prefix + key, raw))

    async def lease(self, key: str, holder: str, ttl: timedelta) -> bool:
        full = self.prefix + key
        raw = self._wrap(holder, ttl)
        if await self.redis.set(full, raw, nx=True, ex=max(1, int(ttl.total_seconds()))):
            return True
        current_raw = await self.redis.get(full)
        current = self._unwrap(current_raw)
        if current is not None and current[1] > self.clock.now() and current[0] != holder:
            return False
        # expired by our clock (or ours already): take it over only if nobody changed it meanwhile
        if current_raw is None:
            return bool(await self.redis.set(full, raw, nx=True, ex=max(1, int(ttl.total_seconds()))))
        return bool(await self.redis.eval(
            "if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('set', KEYS[1], ARGV[2], 'EX', ARGV[3]) "
            "return 1 else return 0 end", 1, full, current_raw, raw, max(1, int(ttl.total_seconds()))))

    async def release(self, key: str, holder: str) -> None:
        full = self.prefix + key
        raw = await self.redis.get(full)
        found = self._unwrap(raw)
        if raw is not None and found is not None and found[0] == holder:
            await self.redis.eval(_DELETE_IF, 1, full, raw)

    async def add(self, key: str, amount: int, ttl: timedelta) -> int:
        # counters are plain Redis integers (INCRBY is atomic); their keys carry the period they
        # count (a day, an hour), so Redis' own expiry only cleans up
        full = self.prefix + "n:" + key
        value = int(await self.redis.incrby(full, amount))
        await self.redis.expire(full, max(1, int(ttl.total_seconds())))
        return value

    async def total(self, key: str) -> int:
        raw = await self.redis.get(self.prefix + "n:" + key)
        try:
            return int(raw) if raw is not None else 0
        except ValueError:
            return 0

    async def close(self) -> None:
        await self.redis.aclose()


def shared_store(db: Database, clock: Clock, redis_url: str | None) -> SharedStore:
    """Redis when REDIS_URL is set, else the database's `kv` table."""
    return RedisStore(redis_url, clock) if redis_url else DatabaseStore(db, clock)
