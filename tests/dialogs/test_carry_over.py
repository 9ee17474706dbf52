"""DIALOG_STATE=auto now keeps the state in the database (#17); what the earlier default left in
Redis is moved at start (bot/conversation/carry_over.py): a draft begun before the upgrade goes on
after it, nothing is moved twice, and a newer database row is not overwritten."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

from bot.app import App, conversation_engine
from bot.conversation.carry_over import carry_over, carry_over_at_start
from bot.conversation.store import DatabaseStateStore, RedisStateStore
from bot.dialogs import texts as tx
from core.clock import ManualClock
from core.keyvalue import DatabaseStore, RedisStore
from tests.conftest import REDIS_URL, START
from tests.dialogs.conftest import resident, tickets
from tests.world import World


async def left_in_redis(store: RedisStateStore) -> list[str]:
    return [k async for k in store.redis.scan_iter(f"{store.prefix}*")]


async def test_a_draft_begun_in_redis_goes_on_in_the_database_after_the_upgrade(
        world: World, app: App, clock: ManualClock, redis_store: RedisStateStore) -> None:
    me = resident(conversation_engine(app, redis_store))
    await me.say("楼道灯坏了")
    await me.say("幸福里小区3栋")
    assert tx.ASK_PHONE not in me.said and await left_in_redis(redis_store)

    moved = await carry_over(app.db, clock, REDIS_URL, prefix=redis_store.prefix)
    assert (moved.conversations, moved.kept) == (1, 0)
    assert await left_in_redis(redis_store) == []  # the state and its due time
    me.engine = conversation_engine(app)  # auto with no Redis: the database
    assert isinstance(me.engine.store, DatabaseStateStore)
    assert len(await me.engine.store.due(clock.now() + timedelta(hours=3))) == 1  # its reminder time came along
    await me.say("昨晚")
    await me.say("13812345678")
    await me.pick(tx.SUBMIT)
    (ticket,) = await tickets(app)
    assert (ticket.building, ticket.occurred_text, ticket.contact_phone) == ("3", "昨晚", "13812345678")
    assert not await carry_over(app.db, clock, REDIS_URL, prefix=redis_store.prefix)  # nothing twice


async def test_the_newer_copy_wins_and_the_version_moves_past_both(
        app: App, clock: ManualClock, redis_store: RedisStateStore) -> None:
    database = DatabaseStateStore(app.db)
    # the database's copy is newer (saved after Redis'): kept
    await redis_store.save("t:p:newer-db", {"from": "redis"}, expected=0, now=START, due=None)
    await database.save("t:p:newer-db", {"from": "database"}, expected=0, now=START + timedelta(minutes=5), due=None)
    # the database's copy is older (left from a spell with the state there): replaced
    await database.save("t:p:older-db", {"from": "database"}, expected=0, now=START, due=None)
    await database.save("t:p:older-db", {"from": "database", "n": 2}, expected=1, now=START, due=None)
    await redis_store.save("t:p:older-db", {"from": "redis"}, expected=0, now=START + timedelta(days=1), due=None)
    await redis_store.redis.hset(redis_store._key("t:p:unreadable"), mapping={"version": "2", "state": "{not json"})

    moved = await carry_over(app.db, clock, REDIS_URL, prefix=redis_store.prefix)
    assert (moved.conversations, moved.kept) == (1, 1)
    assert (await database.load("t:p:newer-db")).data == {"from": "database"}
    replaced = await database.load("t:p:older-db")
    assert replaced == type(replaced)(3, {"from": "redis"})  # past the database's 2 and Redis' 1
    assert (await database.load("t:p:unreadable")).version == 0
    assert await left_in_redis(redis_store) == []


async def test_the_options_shown_move_with_their_expiry(app: App, clock: ManualClock,
                                                         redis_store: RedisStateStore) -> None:
    shared = RedisStore(REDIS_URL, clock, prefix=redis_store.prefix + "kv:")
    database = DatabaseStore(app.db, clock)
    try:
        await shared.put("wechat:options:oLive", json.dumps({"1": "i:submit"}), timedelta(hours=2))
        await shared.put("wechat:options:oGone", json.dumps({"1": "i:submit"}), timedelta(minutes=1))
        clock.advance(minutes=2)
        moved = await carry_over(app.db, clock, REDIS_URL, prefix=redis_store.prefix, shared_prefix=shared.prefix)
        assert moved.options == 1
        assert json.loads(await database.get("wechat:options:oLive") or "{}") == {"1": "i:submit"}
        assert await database.get("wechat:options:oGone") is None
        clock.advance(hours=2)
        assert await database.get("wechat:options:oLive") is None  # the expiry it had
        assert [k async for k in shared.redis.scan_iter(f"{shared.prefix}*")] == []
    finally:
        await shared.close()


async def test_start_moves_only_when_redis_is_set_and_not_where_the_state_is(
        app: App, redis_store: RedisStateStore) -> None:
    assert await carry_over_at_start(app.settings, app.db, app.clock) is None  # no REDIS_URL
    with_redis = replace(app.settings, redis_url=REDIS_URL)
    assert await carry_over_at_start(with_redis, app.db, app.clock) is not None  # auto: the database, so move
    in_redis = replace(app.settings, redis_url=REDIS_URL, dialog_state="redis")
    assert await carry_over_at_start(in_redis, app.db, app.clock) is None
