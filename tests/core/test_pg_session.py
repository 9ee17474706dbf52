"""A dialog step's transaction (core/db/pg_session.py; on SQLite core/db/sqlite_step.py): no ORM
session for the statements that go straight to the driver, and when something asks for one midway,
that session is the same transaction: what ran before it commits or rolls back with what runs
through it. On both databases: the claim goes straight to asyncpg on PostgreSQL (its CTE), to
SQLite's connection through `run_core` there."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from core.clock import ManualClock
from core.db import pg_session
from core.db.engine import Database
from core.db.models import ProcessedUpdate
from core.inbound import InboundLog


@pytest.fixture
def pg(db: Database) -> Database:
    return db  # (either database: the name kept from when this was PostgreSQL's alone)


async def _claim(log: InboundLog, s: Any, clock: ManualClock, key: str) -> None:
    if log.can_note:
        claim, _ = await log.claim_noting(key, person="wechat:o9", session=s, again=False, channel="wechat",
                                          external_id="o9", now=clock.now(), kv_key=None, said=None, attachments=())
    else:
        claim = await log.claim(key, person="wechat:o9", session=s)
    assert claim is not None


async def _claimed(db: Database, *keys: str) -> list[str]:
    async with db.transaction() as s:
        return list((await s.execute(select(ProcessedUpdate.key).where(ProcessedUpdate.key.in_(keys))
                                     .order_by(ProcessedUpdate.key))).scalars())


async def test_statements_straight_to_the_driver_make_no_session_and_commit_once(
        pg: Database, clock: ManualClock) -> None:
    log = InboundLog(pg, clock)
    sessions: list[Any] = []
    commits: list[Any] = []

    def made(session: Any, _transaction: Any) -> None:
        sessions.append(session)

    def committed(connection: Any) -> None:
        commits.append(connection)

    event.listen(Session, "after_transaction_create", made)
    event.listen(pg.engine.sync_engine, "commit", committed)
    try:
        async with pg.step_transaction() as s:
            await _claim(log, s, clock, "lazy:a")
            await _claim(log, s, clock, "lazy:b")
            s.info["seen"] = True  # the transaction's info, still no session
            assert isinstance(s, pg_session.LazySession) and s.lazy
    finally:
        event.remove(Session, "after_transaction_create", made)
        event.remove(pg.engine.sync_engine, "commit", committed)
    assert sessions == [] and len(commits) == 1  # the engine's listeners hear the one commit
    assert await _claimed(pg, "lazy:a", "lazy:b") == ["lazy:a", "lazy:b"]
    assert pg.engine.sync_engine.pool.checkedout() == 0


@pytest.mark.parametrize("fail", [False, True])
async def test_a_session_asked_for_midway_is_the_same_transaction(pg: Database, clock: ManualClock,
                                                                  fail: bool) -> None:
    log = InboundLog(pg, clock)
    with pytest.raises(RuntimeError) if fail else _nothing():
        async with pg.step_transaction() as s:
            await _claim(log, s, clock, f"lazy:raw-{fail}")
            s.expire_all()  # a session now, with no statement of its own: it must still end what ran
            assert not s.lazy  # type: ignore[attr-defined]
            await _claim(log, s, clock, f"lazy:through-session-{fail}")
            s.add(ProcessedUpdate(key=f"lazy:orm-{fail}", seen_at=clock.now()))
            if fail:
                raise RuntimeError("the step failed")
    expected = [] if fail else [f"lazy:orm-{fail}", f"lazy:raw-{fail}", f"lazy:through-session-{fail}"]
    assert await _claimed(pg, f"lazy:raw-{fail}", f"lazy:through-session-{fail}", f"lazy:orm-{fail}") == expected
    assert pg.engine.sync_engine.pool.checkedout() == 0


async def test_a_session_that_runs_nothing_still_ends_what_ran_before_it(pg: Database, clock: ManualClock) -> None:
    log = InboundLog(pg, clock)
    async with pg.step_transaction() as s:
        await _claim(log, s, clock, "lazy:before-session")
        s.expunge_all()  # a session, asked for nothing that touches the database
    assert await _claimed(pg, "lazy:before-session") == ["lazy:before-session"]
    assert pg.engine.sync_engine.pool.checkedout() == 0


async def test_a_cancelled_step_rolls_back_and_gives_its_connection_back(pg: Database, clock: ManualClock) -> None:
    log = InboundLog(pg, clock)
    started = asyncio.Event()

    async def step() -> None:
        async with pg.step_transaction() as s:
            await _claim(log, s, clock, "lazy:cancelled")
            started.set()
            await asyncio.sleep(30)

    task = asyncio.create_task(step())
    await started.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert await _claimed(pg, "lazy:cancelled") == []
    assert pg.engine.sync_engine.pool.checkedout() == 0


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *_: Any) -> None:
        return None
