"""The `dialog_states` table: the chats' saved conversations, with optimistic concurrency.

`save` writes version expected+1 only if the stored version is still `expected` (checked in the
UPDATE's WHERE clause), so two deliveries of the same chat never both advance it. Each row may carry
`due`: when the draft sweep should look at it next. The conversation runtime (bot/conversation/store.py)
uses this table when Redis is not configured.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, exists, select, true, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.db import pg_fast
from core.db.engine import Database, dialect_insert, run_core
from core.db.models import DialogState
from core.messages import Rider

MAX_KEY = 300  # the column's width


@dataclass(frozen=True)
class Saved:
    version: int  # 0: nothing saved yet
    data: dict[str, Any] | None


def check_key(key: str) -> str:
    if not key or len(key) > MAX_KEY:
        raise ValueError(f"dialog state key must be 1..{MAX_KEY} characters")
    return key


# every message loads and saves: statements built once (building costs about as much as running)
_LOAD = select(DialogState.version, DialogState.state).where(DialogState.key == bindparam("p_key"))
_ADVANCE = (
    update(DialogState)
    .where(DialogState.key == bindparam("p_key"), DialogState.version == bindparam("p_expected"))
    .values(version=bindparam("p_expected") + 1, state=bindparam("p_state"), updated_at=bindparam("p_now"),
            due_at=bindparam("p_due"))
)


class DatabaseStateStore:
    """Conversations in the database (the default; Redis takes over when REDIS_URL is set)."""

    in_database = True

    def __init__(self, db: Database) -> None:
        self.db = db
        self._create = dialect_insert(db.is_sqlite)(DialogState).values(
            key=bindparam("p_key"), version=1, state=bindparam("p_state"), updated_at=bindparam("p_now"),
            due_at=bindparam("p_due")).on_conflict_do_nothing()
        # (creating, the rider's statement, its other write's builder) → all of them as one
        self._riding: dict[tuple[bool, Any, Any], Any] = {}

    def rider(self) -> Rider:
        """On PostgreSQL a closing write goes in the save's statement (data-modifying CTEs)."""
        sql = not self.db.is_sqlite
        return Rider(takes_sql=sql, database=self.db if sql else None)

    def _with(self, creating: bool, also: Any, build: Any = None) -> Any:
        """The save, `also` (an UPDATE … RETURNING, or None) and what `build` makes as one statement:
        they run only if the save landed; a row (the save's version and `also`'s columns, NULL when
        it matched nothing) says it did. PostgreSQL runs every data-modifying CTE, read or not.
        Built once per combination (building costs about as much as running); sent straight to
        asyncpg (core/db/pg_fast.py: this store's statements with riders run only on PostgreSQL)."""
        found = self._riding.get((creating, also, build))
        if found is None:
            saved = (self._create if creating else _ADVANCE).returning(DialogState.version).cte("saved")
            landed = exists(select(saved.c.version))
            if also is None:
                found = select(saved.c.version.label("saved_version"))
            else:
                then = also.where(landed).cte("then")
                found = select(saved.c.version.label("saved_version"), *then.c).select_from(
                    saved.outerjoin(then, true()))
            if build is not None:
                found = found.add_cte(build(landed).cte("also"))
            found = self._riding[(creating, also, build)] = pg_fast.Prepared(found)
        return found

    async def load(self, key: str, *, session: AsyncSession | None = None) -> Saved:
        async with self.db.using(session) as s:
            row = (await run_core(s, _LOAD, {"p_key": check_key(key)})).one_or_none()
        return Saved(0, None) if row is None else Saved(int(row.version), dict(row.state))

    async def save(
        self, key: str, data: dict[str, Any], *, expected: int, now: datetime, due: datetime | None,
        session: AsyncSession | None = None, rider: Rider | None = None,
    ) -> bool:
        check_key(key)
        async with self.db.using(session) as s:
            values = {"p_key": key, "p_state": data, "p_now": now, "p_due": due}
            if rider is not None and (rider.sql is not None or rider.write is not None):
                also, params = rider.sql if rider.sql is not None else (None, {})
                build, more = rider.write if rider.write is not None else (None, {})
                values.update(params, **more, p_expected=expected)
                statement = self._with(expected == 0, also, build)
                row = await pg_fast.first(s, statement, values)
                rider.row = row if row is not None and any(value is not None for value in tuple(row)[1:]) else None
                return row is not None
            if expected == 0:
                result = await run_core(s, self._create, values)
            else:
                result = await run_core(s, _ADVANCE, {**values, "p_expected": expected})
            return bool(result.rowcount)

    async def due(self, now: datetime, limit: int = 200) -> list[str]:
        async with self.db.transaction() as s:
            rows = await s.execute(
                select(DialogState.key)
                .where(DialogState.due_at <= now)
                .order_by(DialogState.due_at)
                .limit(limit)
            )
            return list(rows.scalars())

    async def purge(self, idle_before: datetime) -> int:
        async with self.db.transaction() as s:
            result = await s.execute(
                delete(DialogState).where(DialogState.due_at.is_(None), DialogState.updated_at < idle_before)
            )
            return int(result.rowcount)  # type: ignore[attr-defined]

    async def close(self) -> None:
        return None
