"""The contract between the outbox and the channels: the sender (follow-through) hands each due
outbox row to its channel's `ChannelSender` and records what came back. Channels never touch the
outbox table themselves."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from core.messages import OutMessage

Outcome = Literal["sent", "retry", "postponed", "deferred", "failed", "blocked"]


@dataclass(frozen=True)
class Delivery:
    id: int  # the outbox row
    channel: str
    address: str  # chat id, openid, robot URL…
    audience: str  # resident / group / staff
    purpose: str  # card / assigned / progress / survey / alert …
    messages: tuple[OutMessage, ...]
    ticket_id: int | None = None
    identity_id: int | None = None
    edit_key: str | None = None
    previous_ref: str | None = None  # platform id of the earlier message with the same edit_key
    attempts: int = 0  # earlier attempts


@dataclass(frozen=True)
class DeliveryResult:
    """sent: done (platform_ref kept for later edits); retry: try again later (retry_after seconds
    if the platform said so); postponed: not tried at all — the channel's own budget (a daily
    quota) says wait retry_after seconds; no attempt is counted, so it never becomes a dead letter
    for waiting; deferred: cannot be delivered now, keep it for the resident's next
    message (WeChat outside the 48 h window); failed: permanent, goes to the dead-letter list;
    blocked: the person blocked the bot or unsubscribed, stop trying them."""

    outcome: Outcome
    platform_ref: str | None = None
    retry_after: float | None = None
    reason: str = ""


@dataclass(frozen=True)
class RateLimit:
    """At most `count` messages per `per_seconds` for everything sharing `key`."""

    key: str
    count: int
    per_seconds: float


class ChannelSender(Protocol):
    channel: str

    def limits(self, item: Delivery) -> list[RateLimit]: ...

    async def deliver(self, item: Delivery) -> DeliveryResult: ...
