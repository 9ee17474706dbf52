"""A dialog step's transaction on SQLite (core/db/sqlite_step.py): Core statements through `run_core`
go straight to the connection, with no ORM session, and read back as through SQLAlchemy; errors are
SQLAlchemy's and roll the whole step back; what this path does not take goes through a session
that joins the same transaction. (tests/core/test_pg_session.py runs the lazy session's own tests
on both databases.)"""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import bindparam, event, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.clock import ManualClock
from core.db import pending
from core.db.desk_models import InboundMessage
from core.db.engine import Database, run_core
from core.db.models import ChannelIdentity, ProcessedUpdate

_PU = ProcessedUpdate.__table__
_ADD = insert(ProcessedUpdate).values(key=bindparam("p_key"), seen_at=bindparam("p_at"), owner="bench",
                                      result=bindparam("p_result"), person=bindparam("p_person"))
_DONE = (update(ProcessedUpdate).where(ProcessedUpdate.key == bindparam("p_key"))
         .values(done_at=bindparam("p_at")).returning(ProcessedUpdate.key, ProcessedUpdate.done_at,
                                                       ProcessedUpdate.result, ProcessedUpdate.behind))
_READ = select(_PU.c.key, _PU.c.seen_at, _PU.c.result, (_PU.c.done_at.is_(None)).label("open")).where(
    _PU.c.key.like(bindparam("p_like"))).order_by(_PU.c.key)
_LEASED = (update(ProcessedUpdate).where(ProcessedUpdate.key.in_(bindparam("p_keys", expanding=True)))
           .values(lease_until=bindparam("p_at")))  # an expanding IN: rendered at execution


@pytest.fixture
def lite(backend: str, db: Database) -> Database:
    if backend != "sqlite":
        pytest.skip("SQLite's step transaction")
    return db


class _Sessions:
    """ORM sessions made meanwhile (a transaction created by any Session)."""

    def __init__(self) -> None:
        self.made: list[Any] = []

    def __enter__(self) -> _Sessions:
        event.listen(Session, "after_transaction_create", self._made)
        return self

    def __exit__(self, *_: Any) -> None:
        event.remove(Session, "after_transaction_create", self._made)

    def _made(self, session: Any, _transaction: Any) -> None:
        self.made.append(session)


async def _keys(db: Database, like: str) -> list[str]:
    async with db.transaction() as s:
        return [r.key for r in await run_core(s, _READ, {"p_like": like})]


async def _fill(s: Any, clock: ManualClock, prefix: str) -> tuple[Any, ...]:
    """The same statements, read the same ways, in either kind of transaction."""
    for n, result in enumerate(({"said": "水管漏水", "n": 1}, None)):
        await run_core(s, _ADD, {"p_key": f"{prefix}:{n}", "p_at": clock.now() + timedelta(seconds=n),
                                 "p_result": result, "p_person": None})
    done = (await run_core(s, _DONE, {"p_key": f"{prefix}:0", "p_at": clock.now()})).one()
    missing = (await run_core(s, _DONE, {"p_key": f"{prefix}:none", "p_at": clock.now()})).first()
    rows = list(await run_core(s, _READ, {"p_like": f"{prefix}:%"}))
    changed = (await run_core(s, update(ProcessedUpdate).where(ProcessedUpdate.key.like(bindparam("p_like")))
                              .values(owner="other"), {"p_like": f"{prefix}:%"})).rowcount
    first = (await run_core(s, _READ, {"p_like": f"{prefix}:%"})).scalar()
    return (tuple(done), done.done_at, done.result, missing, [tuple(r) for r in rows],
            [dict(r._mapping) for r in rows], [(r.key, r.open) for r in rows], changed, first)


async def test_rows_read_back_as_through_the_session(lite: Database, clock: ManualClock) -> None:
    async with lite.transaction() as s:
        through_session = await _fill(s, clock, "a")
    with _Sessions() as sessions:
        async with lite.step_transaction() as s:
            straight = await _fill(s, clock, "b")
            assert s.lazy  # type: ignore[attr-defined]
    assert sessions.made == []

    def renamed(value: Any) -> Any:
        return repr(value).replace("'b:", "'a:")

    assert renamed(straight) == repr(through_session)
    assert straight[1].tzinfo is not None and straight[2] == {"said": "水管漏水", "n": 1}  # aware UTC, JSON
    assert [type(v) for v in straight[4][0]] == [type(v) for v in through_session[4][0]]
    assert straight[7] == 2
    assert await _keys(lite, "b:%") == ["b:0", "b:1"]


async def test_an_error_is_sqlalchemys_and_the_whole_step_rolls_back(lite: Database, clock: ManualClock) -> None:
    with pytest.raises(IntegrityError) as raised:
        async with lite.step_transaction() as s:
            await run_core(s, _ADD, {"p_key": "dup:1", "p_at": clock.now(), "p_result": None, "p_person": "住户"})
            await run_core(s, _ADD, {"p_key": "dup:1", "p_at": clock.now(), "p_result": None, "p_person": "住户"})
    assert "住户" not in str(raised.value)  # parameters hidden, as the engine's
    assert await _keys(lite, "dup:%") == []  # the first statement went with the step
    assert lite.engine.sync_engine.pool.checkedout() == 0
    async with lite.step_transaction() as s:  # the connection is clean for the next
        await run_core(s, _ADD, {"p_key": "dup:2", "p_at": clock.now(), "p_result": None, "p_person": None})
    assert await _keys(lite, "dup:%") == ["dup:2"]


@pytest.mark.parametrize("fail", [False, True])
async def test_a_statement_this_path_does_not_take_joins_through_the_session(
        lite: Database, clock: ManualClock, fail: bool) -> None:
    with pytest.raises(RuntimeError) if fail else _nothing():
        async with lite.step_transaction() as s:
            await run_core(s, _ADD, {"p_key": f"in:{fail}:1", "p_at": clock.now(), "p_result": None,
                                     "p_person": None})
            assert s.lazy  # type: ignore[attr-defined]
            leased = await run_core(s, _LEASED, {"p_keys": [f"in:{fail}:1"], "p_at": clock.now()})
            assert leased.rowcount == 1 and not s.lazy  # type: ignore[attr-defined]  # the session, same transaction
            await run_core(s, _ADD, {"p_key": f"in:{fail}:2", "p_at": clock.now(), "p_result": None,
                                     "p_person": None})
            if fail:
                raise RuntimeError("the step failed")
    assert await _keys(lite, f"in:{fail}:%") == ([] if fail else [f"in:{fail}:1", f"in:{fail}:2"])
    assert lite.engine.sync_engine.pool.checkedout() == 0


@pytest.mark.parametrize("rows", [1, 2])
async def test_what_they_wrote_goes_in_with_the_step(lite: Database, clock: ManualClock, rows: int) -> None:
    async with lite.transaction() as s:
        s.add(ChannelIdentity(channel="wechat", external_id="o-said", created_at=clock.now()))
    async with lite.transaction() as s:
        identity = (await s.execute(select(ChannelIdentity.id))).scalar_one()
    with _Sessions() as sessions:
        async with lite.step_transaction() as s:
            for n in range(rows):
                pending.insert_later(s, InboundMessage, {"identity_id": identity, "at": clock.now(),
                                                         "text": f"第{n}句", "attachments": []})
    assert len(sessions.made) == rows - 1  # one row straight to the driver; more through the session
    async with lite.transaction() as s:
        kept = (await s.execute(select(InboundMessage.text, InboundMessage.attachments)
                                .order_by(InboundMessage.id))).all()
    assert [tuple(r) for r in kept] == [(f"第{n}句", []) for n in range(rows)]


async def test_a_step_waits_for_another_writer_and_takes_turns_with_the_others(
        lite: Database, clock: ManualClock) -> None:
    # another process holds SQLite's write lock: the step's BEGIN IMMEDIATE waits for it (its
    # statements never run outside a transaction)
    other = sqlite3.connect(lite.engine.url.database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")

    async def step(key: str) -> None:
        async with lite.step_transaction() as s:
            await run_core(s, _ADD, {"p_key": key, "p_at": clock.now(), "p_result": None, "p_person": None})
            await asyncio.sleep(0)  # others run meanwhile: none of them gets the connection
            await run_core(s, _DONE, {"p_key": key, "p_at": clock.now()})

    async def plain(key: str) -> None:  # a transaction of the session's kind among them
        async with lite.transaction() as s:
            await run_core(s, _ADD, {"p_key": key, "p_at": clock.now(), "p_result": None, "p_person": None})

    try:
        first = asyncio.create_task(step("turn:0"))
        await asyncio.sleep(0.3)
        assert not first.done()
        other.execute("COMMIT")
        await asyncio.gather(first, *(step(f"turn:{n}") for n in range(1, 6)), plain("turn:plain"))
    finally:
        other.close()
    async with lite.transaction() as s:
        done = (await s.execute(select(ProcessedUpdate.key).where(ProcessedUpdate.done_at.is_not(None))
                                .order_by(ProcessedUpdate.key))).scalars().all()
    assert done == [f"turn:{n}" for n in range(6)]
    assert await _keys(lite, "turn:plain") == ["turn:plain"]


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *_: Any) -> None:
        return None
