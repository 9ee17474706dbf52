"""The platforms' rate limits — the one limiter of the deployment, for the outbox sender and for the
replies a channel sends at once: `RateLimit(key, count, per_seconds)` means at most `count`
messages in any window of `per_seconds` (a sliding-window log: the times of the last `count`
messages per key). A message passes only if every limit that applies to it has room (all or
nothing), so a refused message uses up nothing; the answer says how long to wait. A platform that
says "too many requests, retry after N s" pauses a key: nothing passes it before then.

In memory for one process; in Redis (one atomic script) when several `serve` processes share the
platform's limits. Time comes from the injected clock."""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Protocol

from core.clock import Clock
from core.delivery import RateLimit

log = logging.getLogger(__name__)


Sleep = Callable[[float], Awaitable[None]]


class RateLimiter(Protocol):
    async def acquire(self, limits: Sequence[RateLimit]) -> float:
        """0 when the message may go now (its place is taken), else the seconds to wait."""
        ...

    async def peek(self, limits: Sequence[RateLimit]) -> float:
        """How long `acquire` would ask to wait now, taking nothing."""
        ...

    async def pause(self, key: str, seconds: float) -> None:
        """The platform said retry after `seconds`: nothing under `key` passes before then."""
        ...

    async def paused_for(self, key: str) -> float:
        """Seconds left of `key`'s pause (0: not paused)."""
        ...

    async def close(self) -> None: ...


async def wait_and_take(limiter: RateLimiter, limits: Sequence[RateLimit], sleep: Sleep = asyncio.sleep) -> None:
    """Wait until one more message fits every limit, then take its place."""
    while (wait := await limiter.acquire(limits)) > 0:
        await sleep(wait)


class MemoryRateLimiter:
    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._sent: dict[str, deque[float]] = {}  # per key: times of recent messages, epoch seconds
        self._paused_until: dict[str, float] = {}  # per key: epoch seconds
        self._calls = 0

    async def acquire(self, limits: Sequence[RateLimit]) -> float:
        now = self.clock.now().timestamp()
        wait = self._wait(limits, now)
        if wait > 0:
            return wait
        for limit in limits:
            self._sent[limit.key].append(now)
        self._calls += 1
        if self._calls % 1000 == 0:  # forget idle keys and pauses that ran out
            self._sent = {k: v for k, v in self._sent.items() if v}
            self._paused_until = {k: t for k, t in self._paused_until.items() if t > now}
        return 0.0

    async def peek(self, limits: Sequence[RateLimit]) -> float:
        return self._wait(limits, self.clock.now().timestamp())

    async def pause(self, key: str, seconds: float) -> None:
        until = self.clock.now().timestamp() + seconds
        self._paused_until[key] = max(self._paused_until.get(key, 0.0), until)

    async def paused_for(self, key: str) -> float:
        return max(0.0, self._paused_until.get(key, 0.0) - self.clock.now().timestamp())

    def _wait(self, limits: Sequence[RateLimit], now: float) -> float:
        wait = 0.0
        for limit in limits:
            _check(limit)
            wait = max(wait, self._paused_until.get(limit.key, 0.0) - now)
            times = self._sent.setdefault(limit.key, deque())
            while times and times[0] <= now - limit.per_seconds:
                times.popleft()
            if len(times) >= limit.count:
                wait = max(wait, times[len(times) - limit.count] + limit.per_seconds - now)
        return wait

    async def close(self) -> None:
        return None


# KEYS: the limits' windows, then their pauses (2n keys); ARGV: now, take (1) or only look (0),
# then (count, per_seconds) for each limit, then a unique member
_SLIDING_WINDOW = """
local now = tonumber(ARGV[1])
local take = ARGV[2] == '1'
local n = #KEYS / 2
local wait = 0
for i = 1, n do
  local paused = tonumber(redis.call('GET', KEYS[n + i]) or '0')
  if paused - now > wait then wait = paused - now end
  local count = tonumber(ARGV[2 * i + 1])
  local per = tonumber(ARGV[2 * i + 2])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - per)
  local sent = redis.call('ZCARD', KEYS[i])
  if sent >= count then
    local edge = redis.call('ZRANGE', KEYS[i], sent - count, sent - count, 'WITHSCORES')
    local w = tonumber(edge[2]) + per - now
    if w > wait then wait = w end
  end
end
if wait > 0 or not take then return tostring(wait) end
for i = 1, n do
  local per = tonumber(ARGV[2 * i + 2])
  redis.call('ZADD', KEYS[i], now, ARGV[#ARGV])
  redis.call('PEXPIRE', KEYS[i], math.ceil(per * 1000) + 1000)
end
return '0'
"""
# KEYS: the pause; ARGV: until (epoch seconds), milliseconds to keep it. A later pause never shortens one.
_PAUSE = """
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
end
return 1
"""


class RedisRateLimiter:
    """Shared by every process that uses the same Redis and prefix."""

    def __init__(self, clock: Clock, client: Any, prefix: str = "ccb:rl:") -> None:
        self.clock, self.client, self.prefix = clock, client, prefix
        self._script = client.register_script(_SLIDING_WINDOW)
        self._pause = client.register_script(_PAUSE)

    @classmethod
    def from_url(cls, clock: Clock, url: str, prefix: str = "ccb:rl:") -> RedisRateLimiter:
        from redis.asyncio import Redis

        return cls(clock, Redis.from_url(url), prefix)

    async def acquire(self, limits: Sequence[RateLimit]) -> float:
        return await self._run(limits, take=True)

    async def peek(self, limits: Sequence[RateLimit]) -> float:
        return await self._run(limits, take=False)

    async def pause(self, key: str, seconds: float) -> None:
        until = self.clock.now().timestamp() + seconds
        await self._pause(keys=[self._pause_key(key)], args=[until, max(1, int(seconds * 1000)) + 1000])

    async def paused_for(self, key: str) -> float:
        until = await self.client.get(self._pause_key(key))
        return max(0.0, float(until or 0) - self.clock.now().timestamp())

    def _pause_key(self, key: str) -> str:
        return f"{self.prefix}pause:{key}"

    async def _run(self, limits: Sequence[RateLimit], *, take: bool) -> float:
        if not limits:
            return 0.0
        now = self.clock.now().timestamp()
        args: list[float | str] = [now, "1" if take else "0"]
        for limit in limits:
            _check(limit)
            args += [limit.count, limit.per_seconds]
        args.append(f"{now:.6f}:{secrets.token_hex(6)}")
        keys = [self.prefix + limit.key for limit in limits] + [self._pause_key(limit.key) for limit in limits]
        result = await self._script(keys=keys, args=args)
        return max(0.0, float(result.decode() if isinstance(result, bytes) else result))

    async def close(self) -> None:
        await self.client.aclose()


def _check(limit: RateLimit) -> None:
    if limit.count < 1 or limit.per_seconds <= 0:
        raise ValueError(f"bad rate limit {limit!r}")


def limiter_for(clock: Clock, mode: str, redis_url: str | None) -> RateLimiter:
    """`auto`: Redis when it is configured (several processes share the platform's limits)."""
    if mode == "redis" or (mode == "auto" and redis_url):
        if not redis_url:
            raise ValueError("[sender] shared_limits = redis needs REDIS_URL")
        return RedisRateLimiter.from_url(clock, redis_url)
    return MemoryRateLimiter(clock)
