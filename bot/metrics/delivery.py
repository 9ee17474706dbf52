"""A channel's sender, each delivery attempt counted by outcome and timed."""

from __future__ import annotations

import time

from bot.metrics.instruments import instruments
from core.delivery import ChannelSender, Delivery, DeliveryResult, RateLimit


class MeteredSender:
    def __init__(self, inner: ChannelSender) -> None:
        self.inner = inner
        self.channel = inner.channel

    def limits(self, item: Delivery) -> list[RateLimit]:
        return self.inner.limits(item)

    async def deliver(self, item: Delivery) -> DeliveryResult:
        metrics = instruments()
        started = time.perf_counter()
        outcome = "error"  # raised: the sender counts it as a retry
        try:
            result = await self.inner.deliver(item)
            outcome = result.outcome
            return result
        finally:
            metrics.delivery_seconds.labels(self.channel).observe(time.perf_counter() - started)
            metrics.delivery_attempts.labels(self.channel, outcome).inc()
