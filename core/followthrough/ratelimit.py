"""Rate limits for the sender: GCRA (the generic cell rate algorithm, a token bucket kept as one
timestamp per key). `RateLimit(key, count, per_seconds)` lets `count` messages through at once and
then one every `per_seconds / count`. A message passes only if every limit that applies to it has
room (all or nothing), so a refused message consumes nothing.

In memory for one process; in Redis (one atomic script) when several `serve` processes share the
platform's limits. Time comes from the injected clock."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, Protocol

from core.clock import Clock
from core.delivery import RateLimit

log = logging.getLogger(__name__)


class RateLimiter(Protocol):
    async def acquire(self, limits: Sequence[RateLimit]) -> float:
        """0 when the message may go now (its share is taken), else the seconds to wait."""
        ...

    async def close(self) -> None: ...


class MemoryRateLimiter:
    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._tat: dict[str, float] = {}  # theoretical arrival time per key, epoch seconds
        self._calls = 0

    async def acquire(self, limits: Sequence[RateLimit]) -> float:
        now = self.clock.now().timestamp()
        wait, new = 0.0, {}
        for limit in limits:
            _check(limit)
            interval = limit.per_seconds / limit.count
            tat = max(self._tat.get(limit.key, now), now)
            new[limit.key] = tat + interval
            wait = max(wait, tat + interval - limit.per_seconds - now)
        if wait > 1e-9:
            return wait
        self._tat.update(new)
        self._calls += 1
        if self._calls % 1000 == 0:  # forget keys whose buckets are full again
            self._tat = {k: v for k, v in self._tat.items() if v > now}
        return 0.0

    async def close(self) -> None:
        return None


# KEYS: the limits' keys; ARGV: now, then (interval, per_seconds) for each key
_GCRA = """
local now = tonumber(ARGV[1])
local wait = 0
local new = {}
for i = 1, #KEYS do
  local interval = tonumber(ARGV[2 * i])
  local per = tonumber(ARGV[2 * i + 1])
  local tat = tonumber(redis.call('GET', KEYS[i]) or now)
  if tat < now then tat = now end
  new[i] = tat + interval
  local w = new[i] - per - now
  if w > wait then wait = w end
end
if wait > 0.000000001 then return tostring(wait) end
for i = 1, #KEYS do
  redis.call('SET', KEYS[i], tostring(new[i]), 'PX', math.ceil((new[i] - now) * 1000) + 1000)
end
return '0'
"""


class RedisRateLimiter:
    """Shared by every process that uses the same Redis and prefix."""

    def __init__(self, clock: Clock, client: Any, prefix: str = "ccb:rl:") -> None:
        self.clock, self.client, self.prefix = clock, client, prefix
        self._script = client.register_script(_GCRA)

    @classmethod
    def from_url(cls, clock: Clock, url: str, prefix: str = "ccb:rl:") -> RedisRateLimiter:
        from redis.asyncio import Redis

        return cls(clock, Redis.from_url(url), prefix)

    async def acquire(self, limits: Sequence[RateLimit]) -> float:
        if not limits:
            return 0.0
        args: list[float] = [self.clock.now().timestamp()]
        for limit in limits:
            _check(limit)
            args += [limit.per_seconds / limit.count, limit.per_seconds]
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
