"""After PostgreSQL drops our connections (a restart, a failover), one call fails and the next works:
the pool throws away every stale connection at the first sign of a dead one."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from core.db.engine import Database


async def test_dead_connections_cost_one_failure(backend: str, db: Database) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite has no server to lose")
    async with db.transaction() as s:  # our pooled connection, and its server process
        pid = (await s.execute(text("SELECT pg_backend_pid()"))).scalar_one()
    admin = Database(db.url)
    try:
        async with admin.transaction() as s:  # only ours: other test runs may share this server
            assert (await s.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})).scalar_one()
    finally:
        await admin.dispose()
    failures = 0
    for _ in range(3):
        try:
            async with db.transaction() as s:
                assert (await s.execute(text("SELECT 42"))).scalar_one() == 42
        except DBAPIError as exc:
            assert exc.connection_invalidated
            failures += 1
    assert failures <= 1
