"""Moving conversations kept in Redis into the database, at start.

Until December 2026 `DIALOG_STATE=auto` kept the dialogs' state and the WeChat options shown in Redis
whenever REDIS_URL was set; it now keeps them in the database (on PostgreSQL the step reads and saves
them inside statements it runs anyway: no Redis command a message, docs/wechat.md). A deployment
upgraded in the middle of residents' drafts must not start them afresh, so `serve` (before it answers
anyone or starts its workers) and `jobs` move what Redis still holds:

- a conversation goes in unless the database holds a newer one (one saved after it: the database was
  already in use for that chat), and is deleted from Redis once the database has committed it;
- the options shown go in with the expiry they had, unless the database holds live ones.

Running it again (a second process, a restart) finds nothing left in Redis: it moves nothing twice.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func

from core.db.engine import dialect_insert
from core.db.models import DialogState
from core.keyvalue import DatabaseStore, RedisStore

if TYPE_CHECKING:
    from core.clock import Clock
    from core.config import Settings
    from core.db.engine import Database

log = logging.getLogger(__name__)

BATCH = 500  # keys asked of Redis per SCAN


@dataclass(frozen=True)
class Moved:
    conversations: int  # taken into the database
    kept: int  # the database's own was newer: Redis' copy dropped
    options: int

    def __bool__(self) -> bool:
        return bool(self.conversations or self.kept or self.options)


async def carry_over_at_start(settings: Settings, db: Database, clock: Clock) -> Moved | None:
    """What `serve` and `jobs` run first: the move, when Redis is configured but the state is not
    kept there (None: nothing to move from)."""
    from bot.conversation.settings import dialog_settings

    if not settings.redis_url or settings.dialog_state_in_redis:
        return None
    return await carry_over(db, clock, settings.redis_url, prefix=dialog_settings(settings).redis_prefix)


async def carry_over(db: Database, clock: Clock, redis_url: str, *, prefix: str,
                     shared_prefix: str | None = None) -> Moved:
    """Move what Redis holds (state keys under `prefix`, the WeChat options shown) into the
    database. `prefix`: the dialogs' Redis prefix (DialogSettings.redis_prefix); `shared_prefix`:
    the shared store's, where the options were (RedisStore's own by default)."""
    shared = RedisStore(redis_url, clock) if shared_prefix is None else RedisStore(redis_url, clock, prefix=shared_prefix)
    try:
        moved, kept = await _conversations(db, shared.redis, prefix)
        options = await _options(shared, DatabaseStore(db, clock), clock)
    finally:
        await shared.close()
    result = Moved(moved, kept, options)
    if result:
        log.info("dialog state moved from Redis into the database: %d conversations (%d older than the "
                 "database's, dropped), %d sets of options shown", moved, kept, options)
    return result


async def _conversations(db: Database, redis: Any, prefix: str) -> tuple[int, int]:
    moved = kept = 0
    state_prefix, due_key = f"{prefix}s:", f"{prefix}due"
    async for full in redis.scan_iter(match=f"{state_prefix}*", count=BATCH):
        name = full.decode() if isinstance(full, bytes) else str(full)
        key = name[len(state_prefix):]
        version, raw, updated = await redis.hmget(name, "version", "state", "updated_at")
        due = await redis.zscore(due_key, key)
        row = _row(key, version, raw, updated, due)
        if row is not None:
            if await _take(db, row):
                moved += 1
            else:
                kept += 1
        await redis.delete(name)  # after the database committed it (or held a newer one)
        await redis.zrem(due_key, key)
    return moved, kept


def _row(key: str, version: Any, raw: Any, updated: Any, due: float | None) -> dict[str, Any] | None:
    """The database row for a Redis hash; None for one that cannot be read (it could not be resumed
    from Redis either)."""
    try:
        data = json.loads(raw)
        when = datetime.fromisoformat(updated.decode() if isinstance(updated, bytes) else updated)
        number = int(version)
    except (TypeError, ValueError):
        return None
    if not isinstance(data, dict) or len(key) > 300:
        return None
    return {"key": key, "version": number, "state": data, "updated_at": when,
            "due_at": None if due is None else datetime.fromtimestamp(float(due), tz=UTC)}


async def _take(db: Database, row: dict[str, Any]) -> bool:
    """Insert, or replace a row saved before Redis' copy was (the database's from an earlier spell
    with the state there); its version moves past both, so a step that loaded either cannot save."""
    insert = dialect_insert(db.is_sqlite)(DialogState).values(**row)
    statement = insert.on_conflict_do_update(
        index_elements=[DialogState.key],
        set_={"state": insert.excluded.state, "updated_at": insert.excluded.updated_at,
              "due_at": insert.excluded.due_at,
              "version": func.max(DialogState.version, insert.excluded.version) + 1 if db.is_sqlite
              else func.greatest(DialogState.version, insert.excluded.version) + 1},
        where=DialogState.updated_at < insert.excluded.updated_at)
    async with db.transaction() as s:
        return bool((await s.execute(statement)).rowcount)  # type: ignore[attr-defined]


async def _options(shared: RedisStore, database: DatabaseStore, clock: Clock) -> int:
    from bot.adapters.wechat.options import OptionsMemory  # the WeChat package only when moving

    moved = 0
    pattern = shared.prefix + OptionsMemory.key("*")
    async for full in shared.redis.scan_iter(match=pattern, count=BATCH):
        name = (full.decode() if isinstance(full, bytes) else str(full))[len(shared.prefix):]
        found = await shared.entry(name)
        now = clock.now()
        if found is not None and found[1] > now and await database.get(name) is None:
            await database.put(name, found[0], found[1] - now)
            moved += 1
        await shared.redis.delete(shared.prefix + name)
    return moved
