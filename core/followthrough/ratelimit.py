"""Rate limits for the sender, as the platforms state them: `RateLimit(key, count, per_seconds)`
means at most `count` messages in any window of `per_seconds` (a sliding-window log: the times of
the last `count` messages per key). A message passes only if every limit that applies to it has
room (all or nothing), so a refused message uses up nothing; the answer says how long to wait.

In memory for one process; in Redis (one atomic script) when several `serve` processes share the
platform's limits. Time comes from the injected clock."""

from __future__ import annotations

import logging
import secrets
from collections import deque
from collections.abc import Sequence
from typing import Any, Protocol

from core.clock import Clock
from core.delivery import RateLimit

log = logging.getLogger(__name__)


class RateLimiter(Protocol):
    async def acquire(self, limits: Sequence[RateLimit]) -> float:
        """0 when the message may go now (its place is taken), else the seconds to wait."""
        ...

    async def close(self) -> None: ...


class MemoryRateLimiter:
    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._sent: dict[str, deque[float]] = {}  # per key: times of recent messages, epoch seconds
        self._calls = 0

    async def acquire(self, limits: Sequence[RateLimit]) -> float:
        now = self.clock.now().timestamp()
        wait = 0.0
        for limit in limits:
            _check(limit)
            times = self._sent.setdefault(limit.key, deque())
            while times and times[0] <= now - limit.per_seconds:
                times.popleft()
            if len(times) >= limit.count:
                wait = max(wait, times[len(times) - limit.count] + limit.per_seconds - now)
        if wait > 0:
            return wait
        for limit in limits:
            self._sent[limit.key].append(now)
        self._calls += 1
        if self._calls % 1000 == 0:  # forget idle keys
            self._sent = {k: v for k, v in self._sent.items() if v}
        return 0.0

    async def close(self) -> None:
        return None


# KEYS: the limits' keys; ARGV: now, then (count, per_seconds) for each key, then a unique member
_SLIDING_WINDOW = """
local now = tonumber(ARGV[1])
local wait = 0
for i = 1, #KEYS do
  local count = tonumber(ARGV[2 * i])
  local per = tonumber(ARGV[2 * i + 1])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - per)
  local n = redis.call('ZCARD', KEYS[i])
  if n >= count then
    local edge = redis.call('ZRANGE', KEYS[i], n - count, n - count, 'WITHSCORES')
    local w = tonumber(edge[2]) + per - now
    if w > wait then wait = w end
  end
end
if wait > 0 then return tostring(wait) end
for i = 1, #KEYS do
  local per = tonumber(ARGV[2 * i + 1])
  redis.call('ZADD', KEYS[i], now, ARGV[#ARGV])
  redis.call('PEXPIRE', KEYS[i], math.ceil(per * 1000) + 1000)
end
return '0'
"""


class RedisRateLimiter:
    """Shared by every process that uses the same Redis and prefix."""

    def __init__(self, clock: Clock, client: Any, prefix: str = "ccb:rl:") -> None:
        self.clock, self.client, self.prefix = clock, client, prefix
        self._script = client.register_script(_SLIDING_WINDOW)

    @classmethod
    def from_url(cls, clock: Clock, url: str, prefix: str = "ccb:rl:") -> RedisRateLimiter:
        from redis.asyncio import Redis

        return cls(clock, Redis.from_url(url), prefix)

    async def acquire(self, limits: Sequence[RateLimit]) -> float:
        if not limits:
            return 0.0
        now = self.clock.now().timestamp()
        args: list[float | str] = [now]
        for limit in limits:
            _check(limit)
            args += [limit.count, limit.per_seconds]
        args.append(f"{now:.6f}:{secrets.token_hex(6)}")
        result = await self._script(keys=[self.prefix + limit.key for limit in limits], args=args)
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
