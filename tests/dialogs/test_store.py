"""The state stores: the same checks on the database (SQLite, PostgreSQL) and on Redis."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.app import App, conversation_engine, draft_sweeper
from bot.conversation.store import DatabaseStateStore, RedisStateStore, StateStore
from bot.dialogs import texts as tx
from core.clock import ManualClock
from core.db.engine import Database
from tests.conftest import START
from tests.dialogs.conftest import resident, tickets
from tests.world import World


@pytest.fixture(params=["database", "redis"])
def store(request: pytest.FixtureRequest, db: Database) -> StateStore:
    if request.param == "redis":
        return request.getfixturevalue("redis_store")  # type: ignore[no-any-return]
    return DatabaseStateStore(db)


async def test_versioned_check_and_set(store: StateStore) -> None:
    empty = await store.load("t:p:1")
    assert (empty.version, empty.data) == (0, None)
    assert await store.save("t:p:1", {"a": 1}, expected=0, now=START, due=None)
    assert not await store.save("t:p:1", {"a": 2}, expected=0, now=START, due=None)  # someone was first
    saved = await store.load("t:p:1")
    assert (saved.version, saved.data) == (1, {"a": 1})
    assert await store.save("t:p:1", {"a": 3, "文字": "中文"}, expected=1, now=START, due=None)
    assert not await store.save("t:p:1", {"a": 4}, expected=1, now=START, due=None)
    assert await store.load("t:p:1") == type(saved)(2, {"a": 3, "文字": "中文"})


async def test_only_one_of_many_concurrent_writers_wins(store: StateStore) -> None:
    await store.save("t:p:race", {"n": 0}, expected=0, now=START, due=None)
    results = await asyncio.gather(
        *(store.save("t:p:race", {"n": i}, expected=1, now=START, due=None) for i in range(8))
    )
    assert sorted(results) == [False] * 7 + [True]


async def test_due_lists_what_the_sweep_must_look_at(store: StateStore) -> None:
    await store.save("t:p:a", {}, expected=0, now=START, due=START + timedelta(hours=2))
    await store.save("t:p:b", {}, expected=0, now=START, due=START + timedelta(hours=1))
    await store.save("t:p:c", {}, expected=0, now=START, due=None)
    assert await store.due(START) == []
    assert await store.due(START + timedelta(hours=3)) == ["t:p:b", "t:p:a"]
    await store.save("t:p:b", {}, expected=1, now=START, due=None)  # nothing pending any more
    assert await store.due(START + timedelta(hours=3)) == ["t:p:a"]


async def test_key_length_is_checked(store: StateStore) -> None:
    with pytest.raises(ValueError):
        await store.load("x" * 301)


async def test_database_purges_idle_conversations(db: Database) -> None:
    store = DatabaseStateStore(db)
    await store.save("t:p:idle", {}, expected=0, now=START, due=None)
    await store.save("t:p:draft", {}, expected=0, now=START, due=START + timedelta(days=90))
    assert await store.purge(START + timedelta(days=1)) == 1
    assert (await store.load("t:p:idle")).version == 0 and (await store.load("t:p:draft")).version == 1


async def test_corrupt_redis_value_reads_as_unreadable_state(redis_store: RedisStateStore) -> None:
    await redis_store.redis.hset(redis_store._key("t:p:bad"), mapping={"version": "3", "state": "{not json"})
    saved = await redis_store.load("t:p:bad")
    assert saved.version == 3 and saved.data == {"corrupt": True}


async def test_conversation_survives_a_restart_on_redis(
    world: World, app: App, clock: ManualClock, redis_store: RedisStateStore
) -> None:
    me = resident(conversation_engine(app, redis_store))
    await me.say("楼道灯坏了")
    await me.say("幸福里小区3栋")
    me.engine = conversation_engine(app, RedisStateStore("", prefix=redis_store.prefix, client=redis_store.redis))
    await me.say("昨晚")
    assert tx.ASK_PHONE in me.said
    clock.advance(hours=3)
    assert await draft_sweeper(app, me.engine).sweep(clock.now()) == 1  # reminded once
    await me.say("13812345678")
    assert tx.resume_question("楼道灯坏了") in me.said
    await me.pick(tx.RESUME_GO)
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert (t.building, t.occurred_text, t.contact_phone) == ("3", "昨晚", "13812345678")


async def test_build_engine_picks_redis_when_dialog_state_is_redis(app: App) -> None:
    from dataclasses import replace

    assert isinstance(app.engine.store, DatabaseStateStore)
    assert app.engine is app.engine  # one engine per process, shared by the channels
    with_redis = replace(app, settings=replace(app.settings, redis_url="redis://127.0.0.1:6379/15", dialog_state="redis"))
    engine = with_redis.engine
    try:
        assert isinstance(engine.store, RedisStateStore)
    finally:
        await engine.close()


async def test_a_burst_larger_than_the_redis_pool_waits_for_connections(redis_store: RedisStateStore) -> None:
    """A few hundred messages at once (the WeChat bench's saturation: each step loads and saves its
    state) need more connections than the pool's 100: they wait for one rather than fail."""
    from core.keyvalue import REDIS_CONNECTIONS

    loads = await asyncio.gather(*(redis_store.load(f"t:p:burst{n}") for n in range(3 * REDIS_CONNECTIONS)))
    assert all(saved.version == 0 for saved in loads)


async def test_kv_writes_riding_a_database_save_stand_only_if_it_lands(db: Database, clock: ManualClock) -> None:
    """On PostgreSQL the options a WeChat answer shows (a `kv` key set or deleted) go in the state's
    save statement (#17); they stand only if the save landed. SQLite's store takes none."""
    from core.keyvalue import DatabaseStore
    from core.messages import Rider

    store, kv = DatabaseStateStore(db), DatabaseStore(db, clock)
    rider = store.rider()
    assert kv.ride(rider, "k:shown", "[1]", timedelta(days=7)) is (not db.is_sqlite)
    if db.is_sqlite:
        assert rider.write is None
        return
    assert not kv.ride(Rider(takes_sql=True, database=object()), "k:shown", "[1]",
                       timedelta(days=7))  # the state in another database: not taken
    async with db.transaction() as s:
        assert await store.save("chat", {"n": 1}, expected=0, now=clock.now(), due=None, session=s, rider=rider)
    assert await kv.get("k:shown") == "[1]"

    for value in ("[2]", None):  # a save that does not land (version 0 is gone): the write does not stand
        stale = store.rider()
        assert kv.ride(stale, "k:shown", value, timedelta(days=7))
        assert not kv.ride(stale, "k:other", "[3]", timedelta(days=7))  # one write rides: the next its own
        async with db.transaction() as s:
            assert not await store.save("chat", {"n": 2}, expected=0, now=clock.now(), due=None, session=s,
                                        rider=stale)
        assert await kv.get("k:shown") == "[1]"

    cleared = store.rider()
    kv.ride(cleared, "k:shown", None, timedelta(days=7))
    async with db.transaction() as s:
        assert await store.save("chat", {"n": 2}, expected=1, now=clock.now(), due=None, session=s, rider=cleared)
    assert await kv.get("k:shown") is None and (await store.load("chat")).data == {"n": 2}
