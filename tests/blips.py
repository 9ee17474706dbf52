"""A database blip for real: PostgreSQL terminates the server processes behind our pool
(`pg_terminate_backend`), as a restart or a failover does. Only our own connections: other test
runs share the server."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event, text

from core.db.engine import Database


class BackendKiller:
    """Remembers the backend pid of every connection `db` opens from now on (the pool is emptied
    first) and terminates them on demand."""

    def __init__(self, db: Database) -> None:
        if db.is_sqlite:
            pytest.skip("SQLite has no server to lose")
        self.db = db
        self.pids: set[int] = set()
        self.kills = 0
        self.admin = Database(db.url)

        @event.listens_for(db.engine.sync_engine, "connect")
        def remember(dbapi_connection: Any, _record: Any) -> None:
            self.pids.add(int(dbapi_connection._connection.get_server_pid()))

        self._listener = remember

    async def start(self) -> BackendKiller:
        await self.db.engine.dispose()  # every connection from now on is one we know
        return self

    async def kill(self) -> int:
        """Terminate every backend our pool opened; how many were still alive."""
        self.kills += 1
        async with self.admin.transaction() as s:
            result = await s.execute(text(
                "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE pid = ANY(:pids)"), {"pids": sorted(self.pids)})
            return int(result.scalar_one())

    async def close(self) -> None:
        event.remove(self.db.engine.sync_engine, "connect", self._listener)
        await self.admin.dispose()
