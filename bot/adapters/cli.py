"""The terminal channel ("cli"): what `complaint-bot chat` prints. Outbox rows on channel "cli" (the
worker groups' cards, the resident's updates) are delivered by printing them inline."""

from __future__ import annotations

from collections.abc import Callable

from core.delivery import Delivery, DeliveryResult, RateLimit

CHANNEL = "cli"


class CliSender:
    """A ChannelSender that hands each delivery to `show` (the chat command prints it)."""

    channel = CHANNEL

    def __init__(self, show: Callable[[Delivery], None]) -> None:
        self.show = show

    def limits(self, item: Delivery) -> list[RateLimit]:
        return []  # a terminal has no rate limits

    async def deliver(self, item: Delivery) -> DeliveryResult:
        self.show(item)
        return DeliveryResult("sent", platform_ref=f"cli:{item.id}")
