"""SQLite's statements go to aiosqlite's thread once each (core/db/sqlite_driver.py), with the
same results and errors as the adapter's own cursor (a transaction's BEGIN with its first one): rows, rowcount, lastrowid, a constraint
violated, a transaction rolled back, a streamed result."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import aiosqlite
import pytest
from sqlalchemy import exc, insert, select, text, update

from core.db.engine import Database
from core.db.migrate import upgrade
from core.db.models import ProcessedUpdate


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 'trips.db'}")
    await upgrade(database)
    yield database
    await database.dispose()


@pytest.fixture
def trips(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every function queued to an aiosqlite connection's thread, by name."""
    queued: list[str] = []
    run = aiosqlite.Connection._execute

    async def counted(self: Any, fn: Any, *args: Any, **kwargs: Any) -> Any:
        queued.append(getattr(fn, "__name__", repr(fn)))
        return await run(self, fn, *args, **kwargs)

    monkeypatch.setattr(aiosqlite.Connection, "_execute", counted)
    yield queued


async def test_a_transaction_is_one_trip_per_statement_and_none_to_give_the_connection_back(
        db: Database, trips: list[str]) -> None:
    async with db.transaction() as s:  # the pool's connection, warmed up
        await s.execute(text("SELECT 1"))
    trips.clear()
    async with db.transaction() as s:
        await s.execute(insert(ProcessedUpdate).values(key="a", seen_at=text("CURRENT_TIMESTAMP")))
        got = (await s.execute(select(ProcessedUpdate.key))).scalars().all()
    assert got == ["a"]
    # BEGIN IMMEDIATE with the INSERT, the SELECT, the COMMIT; no rollback when the pool takes it
    # back (aiosqlite's own cursor made 13: cursor, execute, fetch, close for each, and the rollback)
    assert len(trips) == 3, trips
    trips.clear()
    async with db.transaction():
        pass
    assert trips == []  # nothing begun, nothing to commit


async def test_results_and_errors_are_the_drivers_own(db: Database) -> None:
    async with db.transaction() as s:
        conn = await s.connection()
        await conn.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)"))
        first = await conn.execute(text("INSERT INTO t (v) VALUES ('x')"))
        assert first.lastrowid == 1 and first.rowcount == 1
        await conn.execute(text("INSERT INTO t (v) VALUES (:v)"), [{"v": "y"}, {"v": "z"}])  # executemany
        changed = await conn.execute(text("UPDATE t SET v = v || '!' WHERE id > 1"))
        assert changed.rowcount == 2
        returned = (await conn.execute(text("INSERT INTO t (v) VALUES ('w') RETURNING id, v"))).all()
        assert [tuple(r) for r in returned] == [(4, "w")]
        streamed = [r.v async for r in await conn.stream(text("SELECT v FROM t ORDER BY id"))]
        assert streamed == ["x", "y!", "z!", "w"]
    with pytest.raises(exc.IntegrityError):
        async with db.transaction() as s:
            await s.execute(text("INSERT INTO t (v) VALUES ('q')"))
            await s.execute(text("INSERT INTO t (v) VALUES ('x')"))  # v is unique
    async with db.transaction() as s:  # the failed transaction was rolled back whole
        assert (await s.execute(text("SELECT count(*) FROM t WHERE v = 'q'"))).scalar_one() == 0
        assert (await s.execute(update(ProcessedUpdate).values(owner="o"))).rowcount == 0  # type: ignore[attr-defined]


async def test_a_transaction_that_begins_with_a_streamed_query_has_begun(db: Database) -> None:
    async with db.transaction() as s:
        conn = await s.connection()
        assert [r.n async for r in await conn.stream(text("SELECT 1 AS n"))] == [1]
        raw = (await conn.get_raw_connection()).driver_connection
        assert raw is not None and raw._conn.in_transaction  # BEGIN IMMEDIATE went first


async def test_a_statement_known_to_be_quick_runs_without_a_trip_inside_an_open_transaction(
        db: Database, trips: list[str]) -> None:
    key = select(ProcessedUpdate.key).where(ProcessedUpdate.key == "a")
    async with db.transaction() as s:
        await s.execute(insert(ProcessedUpdate).values(key="a", seen_at=text("CURRENT_TIMESTAMP")))
        assert (await s.execute(key)).scalars().all() == ["a"]  # first seen: on the thread, timed
    trips.clear()
    async with db.transaction() as s:
        await s.execute(text("SELECT 1"))  # the transaction's first statement: BEGIN goes with it
        assert (await s.execute(key)).scalars().all() == ["a"]  # known quick, transaction open: inline
        await s.execute(update(ProcessedUpdate).values(owner="o"))  # first seen: the thread
        await s.execute(update(ProcessedUpdate).values(owner="o"))  # inline
    assert trips == ["_run", "_run", "commit"], trips
    trips.clear()
    async with db.transaction() as s:
        assert (await s.execute(key)).scalars().all() == ["a"]  # the lock is free: BEGIN here too
    assert trips == ["commit"], trips
    async with db.transaction() as s:
        assert (await s.execute(select(ProcessedUpdate.owner))).scalar_one() == "o"


async def test_a_transaction_whose_lock_is_taken_waits_for_it_on_the_thread(
        db: Database, trips: list[str], tmp_path: Path) -> None:
    key = select(ProcessedUpdate.key)
    async with db.transaction() as s:
        await s.execute(key)  # known quick from now on
    other = sqlite3.connect(tmp_path / "trips.db", isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another process writing
    other.execute("INSERT INTO processed_updates (key, seen_at) VALUES ('theirs', CURRENT_TIMESTAMP)")
    asyncio.get_running_loop().call_later(0.3, other.commit)  # the loop is free meanwhile
    trips.clear()
    async with db.transaction() as s:
        assert (await s.execute(key)).scalars().all() == ["theirs"]  # waited, then saw their row
        assert (await s.execute(text("PRAGMA busy_timeout"))).scalar_one() == 30000  # as it was
    assert trips[0] == "_run", trips
    other.close()


async def test_a_select_run_inline_past_the_limit_is_run_again_on_the_thread_and_never_inline_again(
        db: Database, trips: list[str]) -> None:
    # counting to :n in SQLite's virtual machine: quick for 10, long for millions
    count = text("SELECT (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < :n) "
                 "SELECT count(*) FROM c) AS n")
    async with db.transaction() as s:
        await s.execute(insert(ProcessedUpdate).values(key="kept", seen_at=text("CURRENT_TIMESTAMP")))
        assert (await s.execute(count, {"n": 10})).scalar_one() == 10  # the thread: now known quick
        trips.clear()
        assert (await s.execute(count, {"n": 1_000_000})).scalar_one() == 1_000_000
        assert trips == ["_run"]  # interrupted inline, then on the thread; the transaction goes on
        trips.clear()
        assert (await s.execute(count, {"n": 10})).scalar_one() == 10
        assert trips == ["_run"]  # slow once: the thread from now on
    async with db.transaction() as s:
        assert (await s.execute(select(ProcessedUpdate.key))).scalars().all() == ["kept"]


async def test_a_statement_that_waited_but_hardly_worked_stays_quick_until_it_waits_inline_three_times_running(
        db: Database, trips: list[str]) -> None:
    """Judged by the CPU it used, not by the time it took: on aiosqlite's thread a statement waits
    for the GIL behind the loop's Python (and, in a burst, for a core); elapsed time there marked
    every statement of a saturated webhook slow for good. Run inline, a statement that keeps
    waiting (a disk) goes to the thread after `WAITS` such runs in a row."""
    import time

    from core.db import sqlite_driver

    async with db.transaction() as s:
        raw = (await (await s.connection()).get_raw_connection()).driver_connection._connection  # type: ignore[union-attr]
        raw.create_function("pause", 1, lambda seconds: time.sleep(seconds) or 0)  # waits, no work
        await s.execute(insert(ProcessedUpdate).values(key="w", seen_at=text("CURRENT_TIMESTAMP")))
    waiting = update(ProcessedUpdate).values(owner=text("'o' || pause(:p)"))
    async with db.transaction() as s:
        await s.execute(text("SELECT 1"))
        trips.clear()
        await s.execute(waiting, {"p": 0.05})  # first seen: the thread, 50 ms elapsed, no work
        await s.execute(waiting, {"p": 0.0})  # quick all the same: inline
        assert trips == ["_run"], trips
        trips.clear()
        for _ in range(sqlite_driver.WAITS):  # inline, waiting past the limit each time
            await s.execute(waiting, {"p": sqlite_driver.WAIT_LIMIT * 1.5})
        assert trips == [], trips
        await s.execute(waiting, {"p": 0.0})  # now slow for good: the thread
        assert trips == ["_run"], trips
