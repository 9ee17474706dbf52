"""A real ChannelSender for tests: records what it was given, and answers what it is told to
(sent by default; retry with retry_after like a 429, failed, blocked, deferred), optionally slowly."""

from __future__ import annotations

import asyncio
from collections import defaultdict, deque
from collections.abc import Callable

from core.delivery import Delivery, DeliveryResult, RateLimit


class RecordingChannel:
    def __init__(self, channel: str = "test", *, delay: float = 0.0,
                 limits: Callable[[Delivery], list[RateLimit]] | None = None) -> None:
        self.channel = channel
        self.delay = delay
        self._limits = limits
        self.delivered: list[Delivery] = []  # accepted ("sent") deliveries, in order
        self.attempts: list[Delivery] = []  # every call
        self._answers: dict[str, deque[DeliveryResult]] = defaultdict(deque)
        self.always: dict[str, DeliveryResult] = {}
        self._refs = 0

    def limits(self, item: Delivery) -> list[RateLimit]:
        return self._limits(item) if self._limits else []

    def answer(self, address: str, *results: DeliveryResult) -> None:
        """The next answers for `address`, in order; afterwards `sent` again."""
        self._answers[address].extend(results)

    async def deliver(self, item: Delivery) -> DeliveryResult:
        self.attempts.append(item)
        if self.delay:
            await asyncio.sleep(self.delay)
        queue = self._answers.get(item.address)
        result = queue.popleft() if queue else self.always.get(item.address, DeliveryResult("sent"))
        if result.outcome == "sent":
            self._refs += 1
            self.delivered.append(item)
            result = DeliveryResult("sent", platform_ref=f"{item.channel}-msg-{self._refs}")
        return result

    def to(self, address: str) -> list[Delivery]:
        return [d for d in self.delivered if d.address == address]
