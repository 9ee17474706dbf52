"""One access_token for every process: concurrent callers in several processes cause one fetch,
and the token everybody uses is the one WeChat still accepts — in the database and in Redis."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.adapters.wechat import token as token_module
from bot.adapters.wechat.api import WeChatAPI
from bot.adapters.wechat.token import AccessTokens, TokenUnavailable
from core.clock import ManualClock
from core.db.engine import Database
from core.keyvalue import DatabaseStore, RedisStore, SharedStore
from tests.fakes.wechat_api import FakeWeChatAPI
from tests.wechat.conftest import APP_ID, SECRET


async def _processes(api: FakeWeChatAPI, store: SharedStore, clock: ManualClock, n: int,
                     endpoint: str) -> list[tuple[WeChatAPI, AccessTokens]]:
    out = []
    for _ in range(n):
        client = WeChatAPI(api.url, APP_ID, SECRET, token_endpoint=endpoint)
        out.append((client, AccessTokens(client, store, clock)))
    return out


async def _one_fetch_for_everyone(api: FakeWeChatAPI, store: SharedStore, clock: ManualClock,
                                  endpoint: str) -> None:
    procs = await _processes(api, store, clock, 3, endpoint)
    try:
        tokens = await asyncio.gather(*(t.get() for _, t in procs for _ in range(15)))
        assert len(set(tokens)) == 1 and api.token_requests == 1
        assert tokens[0] in api.valid_tokens  # with `token`, a second fetch would have killed it
        # near WeChat's expiry, one refresh again
        clock.advance(seconds=7200 - 200)
        renewed = await asyncio.gather(*(t.get() for _, t in procs for _ in range(5)))
        assert len(set(renewed)) == 1 and renewed[0] != tokens[0] and api.token_requests == 2
    finally:
        for client, _ in procs:
            await client.close()


@pytest.mark.parametrize("endpoint", ["stable", "plain"])
async def test_one_fetch_shared_through_the_database(
        db: Database, clock: ManualClock, wechat_api: FakeWeChatAPI, endpoint: str) -> None:
    await _one_fetch_for_everyone(wechat_api, DatabaseStore(db, clock), clock, endpoint)


@pytest.mark.parametrize("backend", ["sqlite"])  # the database plays no part here
async def test_one_fetch_shared_through_redis(
        redis_store: RedisStore, clock: ManualClock, wechat_api: FakeWeChatAPI, backend: str) -> None:
    await _one_fetch_for_everyone(wechat_api, redis_store, clock, "plain")


async def _rejected_token_is_replaced_once(api: FakeWeChatAPI, store: SharedStore, clock: ManualClock) -> None:
    procs = await _processes(api, store, clock, 2, "stable")
    try:
        first = await procs[0][1].get()
        # both processes hear 40001 for the same token: one replacement, not two
        await asyncio.gather(procs[0][1].reject(first), procs[1][1].reject(first))
        again = await asyncio.gather(procs[0][1].get(), procs[1][1].get())
        assert again[0] == again[1] != first
        assert api.token_requests <= 4  # one plain + at most one forced refresh per process
    finally:
        for client, _ in procs:
            await client.close()


async def test_a_rejected_token_is_replaced(db: Database, clock: ManualClock, wechat_api: FakeWeChatAPI) -> None:
    await _rejected_token_is_replaced_once(wechat_api, DatabaseStore(db, clock), clock)


@pytest.mark.parametrize("backend", ["sqlite"])
async def test_a_rejected_token_is_replaced_in_redis(
        redis_store: RedisStore, clock: ManualClock, wechat_api: FakeWeChatAPI, backend: str) -> None:
    await _rejected_token_is_replaced_once(wechat_api, redis_store, clock)


async def _leases(store: SharedStore, clock: ManualClock) -> None:
    assert await store.lease("lock", "a", timedelta(seconds=30))
    assert await store.lease("lock", "a", timedelta(seconds=30))  # the holder may renew
    assert not await store.lease("lock", "b", timedelta(seconds=30))
    clock.advance(seconds=31)  # the holder died: its lease runs out
    assert await store.lease("lock", "b", timedelta(seconds=30))
    await store.release("lock", "a")  # not a's any more: no effect
    assert not await store.lease("lock", "a", timedelta(seconds=30))
    await store.release("lock", "b")
    assert await store.lease("lock", "a", timedelta(seconds=30))
    await store.put("k", "v1", timedelta(seconds=10))
    assert not await store.delete("k", only_if="v0")
    assert await store.get("k") == "v1"
    clock.advance(seconds=11)
    assert await store.get("k") is None


async def test_database_leases_and_values(db: Database, clock: ManualClock) -> None:
    await _leases(DatabaseStore(db, clock), clock)


@pytest.mark.parametrize("backend", ["sqlite"])
async def test_redis_leases_and_values(redis_store: RedisStore, clock: ManualClock, backend: str) -> None:
    await _leases(redis_store, clock)


async def test_a_stuck_refresh_elsewhere_is_waited_for_then_reported(
        db: Database, clock: ManualClock, wechat_api: FakeWeChatAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(token_module, "WAIT", 0.3)
    store = DatabaseStore(db, clock)
    assert await store.lease(f"wechat:access_token_lock:{APP_ID}", "another-process", timedelta(seconds=30))
    [(client, tokens)] = await _processes(wechat_api, store, clock, 1, "stable")
    try:
        with pytest.raises(TokenUnavailable):
            await tokens.get()
        assert wechat_api.token_requests == 0
        clock.advance(seconds=31)  # that process died; its lease expires
        assert await tokens.get()
        assert wechat_api.token_requests == 1
    finally:
        await client.close()
