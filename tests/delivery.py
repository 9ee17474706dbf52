"""Handing one outbox row to a channel's sender the way the outbox sender loop does
(core/followthrough/sender.py): the row's first message takes its place in the rate limits first,
and a row with no room yet is given back unsent (the loop releases it; the platform is not asked)."""

from __future__ import annotations

from core.delivery import ChannelSender, Delivery, DeliveryResult
from core.followthrough.ratelimit import RateLimiter


async def hand_over(limiter: RateLimiter, sender: ChannelSender, item: Delivery) -> DeliveryResult:
    wait = await limiter.acquire(sender.limits(item))
    if wait > 0:
        return DeliveryResult("retry", retry_after=wait, reason="no room in the rate limits yet")
    return await sender.deliver(item)
