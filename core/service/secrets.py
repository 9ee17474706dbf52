"""Secrets the deployment needs but nobody should have to invent: generated once, kept in the `kv`
table, the same for every process and after restarts (e.g. the key of the desk's session cookie
when DESK_SECRET is not set)."""

from __future__ import annotations

import secrets

from sqlalchemy import select

from core.clock import Clock
from core.db.engine import Database, dialect_insert
from core.db.models import KeyValue


async def shared_secret(db: Database, clock: Clock, name: str, *, nbytes: int = 32) -> str:
    """The secret called `name`, created on first use (the first process to ask wins the race)."""
    key = f"secret:{name}"
    async with db.transaction() as s:
        await s.execute(dialect_insert(db.is_sqlite)(KeyValue).values(
            key=key, value=secrets.token_urlsafe(nbytes), expires_at=None, updated_at=clock.now(),
        ).on_conflict_do_nothing())
        return str((await s.execute(select(KeyValue.value).where(KeyValue.key == key))).scalar_one())
