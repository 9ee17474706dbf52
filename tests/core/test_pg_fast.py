"""The claim's and the state save's statements sent straight to asyncpg (core/db/pg_fast.py) keep
what SQLAlchemy gave them: the session's transaction (they stand or fall with it, even as its first
statement), the types both ways, SQLAlchemy's errors, and a fresh connection after a broken one."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Integer, String, bindparam, literal, select, text
from sqlalchemy.exc import DBAPIError

from bot.conversation.store import DatabaseStateStore
from core.clock import ManualClock
from core.db import pg_fast
from core.db.blips import is_transient
from core.db.engine import Database, run_core
from core.db.models import DialogState, ProcessedUpdate
from core.db.types import JSONType, UTCDateTime
from core.inbound import InboundLog
from tests.blips import BackendKiller

_ECHO = select(bindparam("p_at", type_=UTCDateTime()).label("at"), bindparam("p_doc", type_=JSONType).label("doc"),
               bindparam("p_n", type_=Integer).label("n"), literal(None, String).label("nothing"),
               literal("固定").label("fixed"))
_DIVIDE = select((literal(1, Integer) // bindparam("p_zero", type_=Integer)).label("x"))


@pytest.fixture(params=["transaction", "step_transaction"])
def pg(backend: str, db: Database, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Database:
    """Each test twice: in the session's transaction and in a dialog step's (no session unless asked,
    core/db/pg_session.py), which `transaction` then stands for."""
    if backend != "postgresql":
        pytest.skip("the fast path is PostgreSQL's")
    if request.param == "step_transaction":
        monkeypatch.setattr(db, "transaction", db.step_transaction)
    return db


async def _claim(log: InboundLog, db: Database, clock: ManualClock, key: str, *, fail: bool = False,
                 store: DatabaseStateStore | None = None) -> None:
    """Claim `key` as a WeChat message does (the transaction's first statement), save a dialog state
    with the claim's answer riding when `store`, then raise if `fail`."""
    async with db.transaction() as s:
        claim, _ = await log.claim_noting(key, person="wechat:o1", session=s, again=False, channel="wechat",
                                          external_id="o1", now=clock.now(), kv_key=None, said="你好", attachments=())
        assert claim is not None
        if store is not None:
            rider = store.rider()
            await log.finish(key, {"reply": "收到"}, session=s, rider=rider)
            assert await store.save(f"state:{key}", {"step": 1}, expected=0, now=clock.now(), due=None,
                                    session=s, rider=rider)
        if fail:
            raise RuntimeError("the step failed")


async def _stored(db: Database, key: str) -> tuple[bool, bool, bool]:
    """(claimed, answered, state saved) for `key`."""
    async with db.transaction() as s:
        done = (await s.execute(select(ProcessedUpdate.done_at).where(ProcessedUpdate.key == key))).all()
        state = (await s.execute(select(DialogState.version).where(DialogState.key == f"state:{key}"))).all()
    return bool(done), bool(done) and done[0][0] is not None, bool(state)


async def test_rows_come_back_as_sqlalchemy_reads_them(pg: Database, clock: ManualClock) -> None:
    params = {"p_at": clock.now() + timedelta(hours=8), "p_doc": {"文字": ["中文", 1], "n": None}, "p_n": 7}
    prepared = pg_fast.Prepared(_ECHO)
    async with pg.transaction() as s:
        fast = await pg_fast.first(s, prepared, params)
        slow = (await run_core(s, _ECHO, params)).first()
    assert slow is not None
    assert fast._fields == tuple(slow._fields) == ("at", "doc", "n", "nothing", "fixed")
    assert tuple(fast) == tuple(slow)
    assert fast.at == clock.now() + timedelta(hours=8) and fast.at.utcoffset() == timedelta(0)


async def test_the_first_statement_opens_the_transaction_it_stands_or_falls_with(
        pg: Database, clock: ManualClock) -> None:
    log = InboundLog(pg, clock)
    with pytest.raises(RuntimeError):
        await _claim(log, pg, clock, "fast:rolled-back", fail=True)
    assert await _stored(pg, "fast:rolled-back") == (False, False, False)  # not committed on its own
    await _claim(log, pg, clock, "fast:kept")
    assert await _stored(pg, "fast:kept") == (True, False, False)


async def test_the_claim_and_the_save_with_its_rider_are_one_transaction(pg: Database, clock: ManualClock) -> None:
    log, store = InboundLog(pg, clock), DatabaseStateStore(pg)
    with pytest.raises(RuntimeError):
        await _claim(log, pg, clock, "fast:both-failed", store=store, fail=True)
    assert await _stored(pg, "fast:both-failed") == (False, False, False)
    await _claim(log, pg, clock, "fast:both", store=store)
    assert await _stored(pg, "fast:both") == (True, True, True)


async def test_a_failing_statement_raises_sqlalchemys_error_and_rolls_back(pg: Database, clock: ManualClock) -> None:
    log = InboundLog(pg, clock)
    with pytest.raises(DBAPIError) as raised:
        async with pg.transaction() as s:
            await log.claim_noting("fast:then-error", person="wechat:o1", session=s, again=False, channel="wechat",
                                   external_id="o1", now=clock.now(), kv_key=None, said=None, attachments=())
            await pg_fast.first(s, pg_fast.Prepared(_DIVIDE), {"p_zero": 0})
    assert "division by zero" in str(raised.value) and not is_transient(raised.value)
    assert not raised.value.connection_invalidated
    assert await _stored(pg, "fast:then-error") == (False, False, False)
    await _claim(log, pg, clock, "fast:after-error")  # the connection went back clean
    assert await _stored(pg, "fast:after-error") == (True, False, False)


async def test_a_dropped_connection_fails_one_try_and_the_next_prepares_again(
        pg: Database, clock: ManualClock) -> None:
    killer = await BackendKiller(pg).start()
    try:
        log = InboundLog(pg, clock)
        await _claim(log, pg, clock, "fast:before-kill")  # prepared on the pooled connection
        assert await killer.kill() >= 1
        with pytest.raises(DBAPIError) as raised:
            await _claim(log, pg, clock, "fast:killed")
        assert raised.value.connection_invalidated and is_transient(raised.value)
        await _claim(log, pg, clock, "fast:killed")  # the retry: a fresh connection
        assert await _stored(pg, "fast:killed") == (True, False, False)
    finally:
        await killer.close()


@pytest.mark.parametrize("path", ["fast", "sqlalchemy"])
async def test_prepared_statements_the_server_forgot_cost_one_try(pg: Database, path: str) -> None:
    """`DISCARD ALL` behind the pool's back: the connection's prepared statements are gone on the
    server, not in asyncpg's (or SQLAlchemy's) cache. One try fails as a blip; the next gets a
    fresh connection instead of failing on that one forever."""
    prepared = pg_fast.Prepared(_ECHO)
    params = {"p_at": None, "p_doc": {}, "p_n": 1}

    async def echo() -> int:
        async with pg.transaction() as s:
            row = await pg_fast.first(s, prepared, params) if path == "fast" else \
                (await run_core(s, _ECHO, params)).first()
        assert row is not None
        return int(row.n)

    await pg.engine.dispose()  # one pooled connection: the next transaction takes the one discarded
    assert await echo() == 1
    async with pg.engine.connect() as conn:
        raw = await conn.get_raw_connection()
        assert raw.driver_connection is not None
        await raw.driver_connection.execute("DISCARD ALL")  # outside a transaction, as a pooler does
    with pytest.raises(DBAPIError) as raised:
        await echo()
    assert is_transient(raised.value)
    assert await echo() == 1
    async with pg.transaction() as s:  # and the search_path the tests' schema needs is set again
        assert (await s.execute(text("SELECT count(*) FROM dialog_states"))).scalar_one() >= 0
