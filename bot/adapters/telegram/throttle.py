"""Telegram's sending limits, kept in this process: a sliding window per limit key (a chat, a
group's minute, the whole bot) and pauses ordered by a 429's retry_after.

The outbox sender loop enforces `TelegramSender.limits()` for outbox rows; this throttle also paces
direct replies and the extra messages of a multi-message delivery, which that loop does not see.
Time comes from the injected clock and waiting from the injected sleep, so tests run the real limits
in virtual time.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from core.clock import Clock
from core.delivery import RateLimit

Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class TelegramLimits:
    """Telegram's published guidance: about one message a second in a chat, twenty a minute in a
    group, thirty a second in all. The chat's rate is kept over three seconds, so a reply of three
    messages goes out at once and a longer burst settles to one a second."""

    per_chat: tuple[int, float] = (3, 3.0)
    per_group: tuple[int, float] = (20, 60.0)
    overall: tuple[int, float] = (30, 1.0)

    def for_chat(self, bot_id: int, chat_id: str | int) -> list[RateLimit]:
        chat = str(chat_id)
        limits = [
            RateLimit(f"telegram:{bot_id}:chat:{chat}", *self.per_chat),
            RateLimit(f"telegram:{bot_id}:all", *self.overall),
        ]
        if chat.startswith("-"):  # groups and supergroups have negative ids
            limits.append(RateLimit(f"telegram:{bot_id}:group:{chat}", *self.per_group))
        return limits


class Throttle:
    def __init__(self, clock: Clock, sleep: Sleep = asyncio.sleep) -> None:
        self._clock, self._sleep = clock, sleep
        self._sent: dict[str, deque[float]] = {}
        self._paused_until: dict[str, float] = {}
        self._lock = asyncio.Lock()
        self._acquisitions = 0

    def _now(self) -> float:
        return self._clock.now().timestamp()

    async def acquire(self, limits: Sequence[RateLimit]) -> None:
        """Wait until one more message fits every limit, then count it."""
        while True:
            async with self._lock:
                now = self._now()
                wait = max((self._wait(limit, now) for limit in limits), default=0.0)
                if wait <= 0:
                    for limit in limits:
                        window = self._sent.get(limit.key)
                        if window is None or window.maxlen != limit.count:
                            window = self._sent[limit.key] = deque(window or (), maxlen=limit.count)
                        window.append(now)
                    self._prune(now)
                    return
            await self._sleep(wait)

    def delay(self, limits: Sequence[RateLimit]) -> float:
        """How long `acquire` would wait now (without counting anything)."""
        now = self._now()
        return max((self._wait(limit, now) for limit in limits), default=0.0)

    def _wait(self, limit: RateLimit, now: float) -> float:
        paused = self._paused_until.get(limit.key, 0.0) - now
        window = self._sent.get(limit.key)
        if window is None or len(window) < limit.count:
            return paused
        return max(paused, window[0] + limit.per_seconds - now)

    def pause(self, key: str, seconds: float) -> None:
        """Telegram said 429 with retry_after for this key: nothing goes to it before then."""
        self._paused_until[key] = max(self._paused_until.get(key, 0.0), self._now() + seconds)

    def paused_for(self, key: str) -> float:
        return max(0.0, self._paused_until.get(key, 0.0) - self._now())

    def _prune(self, now: float) -> None:
        # forget chats that have been quiet for a while, so the maps do not grow with every chat ever
        self._acquisitions += 1
        if self._acquisitions % 1000:
            return
        for key in [k for k, w in self._sent.items() if not w or now - w[-1] > 3600]:
            del self._sent[key]
        for key in [k for k, until in self._paused_until.items() if until < now]:
            del self._paused_until[key]
