"""Sliding-window rate limits: in memory for one process, in Redis shared by several."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest

from core.clock import ManualClock
from core.delivery import RateLimit
from core.followthrough.ratelimit import MemoryRateLimiter, RedisRateLimiter, limiter_for
from tests.conftest import IN_CI, REDIS_URL, START

PER_CHAT = RateLimit("chat:1", 1, 1.0)  # Telegram: about one message a second per chat
PER_GROUP = RateLimit("group:1", 20, 60.0)  # and 20 a minute per group


async def drain(limiter, clock: ManualClock, limits: list[RateLimit], seconds: float, step: float = 0.25) -> int:  # type: ignore[no-untyped-def]
    """How many messages get through in `seconds`, trying every `step`."""
    sent, waited = 0, 0.0
    while waited < seconds:
        while await limiter.acquire(limits) == 0:
            sent += 1
        clock.advance(seconds=step)
        waited += step
    return sent


async def test_memory_limits_burst_then_steady_rate() -> None:
    clock = ManualClock(START)
    limiter = MemoryRateLimiter(clock)
    # never more than one a second in the chat, never more than 20 in any minute in the group
    assert await drain(limiter, clock, [PER_CHAT, PER_GROUP], 0.9) == 1
    assert await drain(limiter, clock, [PER_CHAT, PER_GROUP], 19) == 19
    assert await drain(limiter, clock, [PER_CHAT, PER_GROUP], 40) == 0  # 20 in the first minute: wait
    assert await drain(limiter, clock, [PER_CHAT, PER_GROUP], 60) == 20
    # t = 120 s: the one sent at 60 s has left the window; the next must wait a second for the chat
    assert await limiter.acquire([PER_CHAT, PER_GROUP]) == 0
    assert await limiter.acquire([PER_CHAT, PER_GROUP]) == pytest.approx(1.0)


async def test_a_refused_message_takes_nothing() -> None:
    clock = ManualClock(START)
    limiter = MemoryRateLimiter(clock)
    other = RateLimit("chat:2", 1, 1.0)
    tight = RateLimit("global", 2, 1.0)
    assert await limiter.acquire([PER_CHAT, tight]) == 0
    assert await limiter.acquire([PER_CHAT, tight]) == pytest.approx(1.0)  # chat 1 must wait …
    assert await limiter.acquire([other, tight]) == 0  # … and its refusal did not use the global share


@pytest.fixture
async def redis_client() -> AsyncIterator[object]:
    from redis.asyncio import Redis

    client = Redis.from_url(REDIS_URL)
    try:
        await asyncio.wait_for(client.ping(), 2)
    except Exception as exc:  # not reachable: skip, unless CI promised Redis
        await client.aclose()
        if IN_CI:
            pytest.fail(f"CI=true but Redis at {REDIS_URL} is not reachable: {exc}")
        pytest.skip(f"Redis not reachable at {REDIS_URL} ({exc})")
    yield client
    await client.aclose()


async def test_redis_limits_are_shared_by_processes(redis_client: object) -> None:
    clock = ManualClock(START)
    prefix = f"test:{uuid.uuid4().hex}:"
    first, second = RedisRateLimiter(clock, redis_client, prefix), RedisRateLimiter(clock, redis_client, prefix)
    group = RateLimit("group:9", 20, 60.0)
    results = [await (first if i % 2 else second).acquire([group]) for i in range(25)]
    assert results.count(0) == 20  # two "processes", one budget
    assert min(r for r in results if r) == pytest.approx(60.0)  # the first place frees in a minute
    clock.advance(seconds=59)
    assert await first.acquire([group]) == pytest.approx(1.0)
    clock.advance(seconds=1)
    assert await second.acquire([group]) == 0
    keys = await redis_client.keys(prefix + "*")  # type: ignore[attr-defined]
    assert keys and all([await redis_client.pttl(k) > 0 for k in keys])  # type: ignore[attr-defined]
    await redis_client.delete(*keys)  # type: ignore[attr-defined]


def test_limiter_choice() -> None:
    clock = ManualClock(START)
    assert isinstance(limiter_for(clock, "auto", None), MemoryRateLimiter)
    assert isinstance(limiter_for(clock, "memory", "redis://x"), MemoryRateLimiter)
    with pytest.raises(ValueError):
        limiter_for(clock, "redis", None)


async def _peek_and_pause(limiter, clock: ManualClock) -> None:  # type: ignore[no-untyped-def]
    chat = [RateLimit("chat:7", 2, 1.0)]
    assert await limiter.peek(chat) == 0
    assert await limiter.acquire(chat) == 0 and await limiter.acquire(chat) == 0
    assert await limiter.peek(chat) == pytest.approx(1.0)  # looking takes nothing …
    assert await limiter.peek(chat) == pytest.approx(1.0)
    clock.advance(seconds=1)
    assert await limiter.peek(chat) == 0  # … and the window moves on
    await limiter.pause("chat:7", 5)  # "429 Too Many Requests, retry after 5"
    await limiter.pause("chat:7", 2)  # a shorter pause never cuts a longer one short
    assert await limiter.paused_for("chat:7") == pytest.approx(5)
    assert await limiter.acquire(chat) == pytest.approx(5) and await limiter.peek(chat) == pytest.approx(5)
    assert await limiter.acquire([RateLimit("chat:8", 2, 1.0)]) == 0  # other keys are not paused
    clock.advance(seconds=5)
    assert await limiter.paused_for("chat:7") == 0 and await limiter.acquire(chat) == 0


async def test_memory_peek_and_pause() -> None:
    clock = ManualClock(START)
    await _peek_and_pause(MemoryRateLimiter(clock), clock)


async def test_redis_peek_and_pause_are_shared(redis_client: object) -> None:
    clock = ManualClock(START)
    prefix = f"test:{uuid.uuid4().hex}:"
    await _peek_and_pause(RedisRateLimiter(clock, redis_client, prefix), clock)
    one, other = RedisRateLimiter(clock, redis_client, prefix), RedisRateLimiter(clock, redis_client, prefix)
    await one.pause("chat:9", 3)  # one process hears the 429 …
    assert await other.acquire([RateLimit("chat:9", 5, 1.0)]) == pytest.approx(3)  # … every process waits
    keys = await redis_client.keys(prefix + "*")  # type: ignore[attr-defined]
    await redis_client.delete(*keys)  # type: ignore[attr-defined]
