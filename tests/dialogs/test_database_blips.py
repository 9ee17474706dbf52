"""A database blip during a dialog step (#14): PostgreSQL terminates our connections mid-step. The
step is tried again on a fresh connection and the resident gets the real answer, never the stored
apology 「抱歉，系统开了个小差」; if the database stays away, `Unavailable` (nothing saved, nothing
answered) so that the channel makes the platform resend."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text as sql
from sqlalchemy.exc import OperationalError

from bot.app import App
from bot.conversation.engine import DialogEngine, state_key
from bot.dialogs import texts as tx
from bot.dialogs.effects import FileTicket
from core.db.blips import is_transient
from core.errors import Unavailable
from core.messages import Incoming
from tests.blips import BackendKiller
from tests.dialogs.conftest import resident, tickets
from tests.world import World

FULL = "楼下烧烤店每天晚上12点还在吵，幸福里小区3栋2单元501，电话13812345678"


@pytest.fixture
async def killer(app: App) -> AsyncIterator[BackendKiller]:
    k = await BackendKiller(app.db).start()
    yield k
    await k.close()


def kill_while_loading(engine: DialogEngine, killer: BackendKiller, times: int) -> None:
    """Mid-step: the step's transaction has read the saved state; its server process dies before
    it reads the rest."""
    load = engine.context.load

    async def dying(inc: Incoming, s: Any) -> Any:
        if killer.kills < times:
            assert await killer.kill() >= 1
        return await load(inc, s)

    engine.context.load = dying  # type: ignore[method-assign]


async def test_a_dropped_connection_mid_step_is_retried_on_a_fresh_one(
        world: World, engine: DialogEngine, app: App, killer: BackendKiller) -> None:
    me = resident(engine)
    kill_while_loading(engine, killer, times=1)
    readback = await me.say(FULL)
    assert killer.kills == 1
    assert tx.SORRY not in me.said
    assert "请核对" in me.said, readback


async def test_a_filing_cut_off_by_a_dropped_connection_is_filed_once(
        world: World, engine: DialogEngine, app: App, killer: BackendKiller) -> None:
    me = resident(engine)
    await me.say(FULL)
    run = engine.executor.run

    async def dying(effect: Any, inc: Incoming, ctx: Any) -> Any:
        if isinstance(effect, FileTicket) and killer.kills == 0:
            await killer.kill()
        return await run(effect, inc, ctx)

    engine.executor.run = dying  # type: ignore[method-assign]
    await me.pick(tx.SUBMIT)
    assert killer.kills == 1
    (t,) = await tickets(app)
    assert t.number in me.said and "幸福里网格" in me.said and tx.SORRY not in me.said


async def test_a_database_that_stays_away_leaves_nothing_answered_and_the_resend_works(
        world: World, engine: DialogEngine, app: App, killer: BackendKiller) -> None:
    me = resident(engine)
    kill_while_loading(engine, killer, times=10)
    with pytest.raises(Unavailable):
        await me.say(FULL)
    async with app.db.transaction() as s:  # nothing saved of that step
        saved = await engine.store.load(state_key(Incoming(channel=me.channel, sender=me.sender, chat=me.chat,
                                                           chat_kind="private")), session=s)
        assert saved.version == 0
        assert (await s.execute(sql("SELECT 1"))).scalar_one() == 1
    killer.kills = 10  # the database is back: the platform's resend
    await me.send(text=FULL, message_id=str(me.counter))
    assert "请核对" in me.said


def test_sqlite_busy_past_its_timeout_is_a_blip_and_a_bug_is_not(tmp_path: Path) -> None:
    """SQLite has no server to lose; its blip is a lock held past the busy timeout."""
    path = tmp_path / "locked.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    other = sqlite3.connect(path, timeout=0)
    try:
        other.execute("SELECT * FROM t")
    except sqlite3.OperationalError as exc:
        locked = exc
    holder.close()
    other.close()
    assert is_transient(OperationalError("SELECT * FROM t", {}, locked))
    assert not is_transient(OperationalError("SELECT nope", {}, sqlite3.OperationalError("no such column: nope")))
    assert not is_transient(ValueError("a bug"))


async def test_residents_writing_while_the_server_drops_connections_all_get_real_answers(
        world: World, engine: DialogEngine, app: App, killer: BackendKiller) -> None:
    """The issue's load: many residents at once, their connections terminated now and then. Each
    message gets its real answer (a step that gives up is resent, as the platform would)."""
    import asyncio

    people = [resident(engine, f"load-{i}") for i in range(24)]

    async def kill_now_and_then() -> None:
        for _ in range(6):
            await asyncio.sleep(0.15)
            await killer.kill()

    async def write(person: Any) -> str:
        for _ in range(5):
            try:
                await person.say(FULL)
                return str(person.said)
            except Unavailable:
                await asyncio.sleep(0.2)  # the platform resends
        raise AssertionError(f"{person.sender} never answered")

    killing = asyncio.create_task(kill_now_and_then())
    answers = await asyncio.gather(*(write(p) for p in people))
    await killing
    assert killer.kills == 6
    assert all(tx.SORRY not in a and "请核对" in a for a in answers), answers
