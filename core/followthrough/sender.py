"""The sender: drains the outbox through the channels' `ChannelSender`s.

One pass: lease due rows (FOR UPDATE SKIP LOCKED, so two `serve` processes never hold the same
row), serve each chat in the order its rows were written and different chats side by side, ask
the rate limiter before each message, deliver, record the outcome. A rate limit gives the row back
unsent (no attempt counted); a retry waits out its backoff (or the platform's retry_after) and holds
back the chat's later rows; a row that gives up becomes a dead letter and the dispatchers hear of it.

Rows for channels without a sender are left pending for a process that has one.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import select

from core import messages as m
from core.clock import Clock
from core.db.engine import Database
from core.db.models import GroupBinding, Ticket
from core.delivery import ChannelSender, Delivery, DeliveryResult
from core.followthrough.ratelimit import RateLimiter
from core.outbox import Outbox, enqueue
from core.texts import desk as to_desk

log = logging.getLogger(__name__)

ALERT_PURPOSE = "delivery_alert"
MAX_ALERT_LINES = 10


def worker_id(prefix: str = "sender") -> str:
    return f"{prefix}:{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


@dataclass
class PassResult:
    leased: int = 0
    sent: int = 0
    retried: int = 0
    deferred: int = 0
    dead: int = 0
    postponed: int = 0  # given back because of a rate limit
    wait: float | None = None  # the shortest rate-limit wait seen, seconds
    dead_letters: list[tuple[Delivery, DeliveryResult]] = field(default_factory=list)


class Sender:
    def __init__(self, db: Database, outbox: Outbox, channels: Mapping[str, ChannelSender], limiter: RateLimiter,
                 clock: Clock, *, worker: str | None = None, batch: int = 50, concurrency: int = 8,
                 deliver_timeout: float = 60.0) -> None:
        self.db, self.outbox, self.channels, self.limiter, self.clock = db, outbox, channels, limiter, clock
        self.worker = worker or worker_id()
        self.batch, self.deliver_timeout = batch, deliver_timeout
        self._slots = asyncio.Semaphore(concurrency)

    async def run_once(self) -> PassResult:
        result = PassResult()
        if not self.channels:
            return result
        items = await self.outbox.lease_due(self.worker, channels=list(self.channels), limit=self.batch)
        result.leased = len(items)
        chats: dict[tuple[str, str], list[Delivery]] = {}
        for item in items:  # lease_due returns them in the order they were written
            chats.setdefault((item.channel, item.address), []).append(item)
        await asyncio.gather(*(self._serve_chat(chat, result) for chat in chats.values()))
        if result.dead_letters:
            await self._alert(result.dead_letters)
        return result

    async def _serve_chat(self, items: list[Delivery], result: PassResult) -> None:
        async with self._slots:
            for n, item in enumerate(items):
                channel = self.channels[item.channel]
                wait = await self.limiter.acquire(channel.limits(item))
                if wait > 0:
                    rest = [i.id for i in items[n:]]
                    await self.outbox.release(rest, self.worker, self.clock.now() + timedelta(seconds=wait))
                    result.postponed += len(rest)
                    result.wait = wait if result.wait is None else min(result.wait, wait)
                    return
                outcome = await self._deliver(channel, item)
                status = await self.outbox.record(item, outcome, worker=self.worker)
                if status == "sent":
                    result.sent += 1
                elif status == "deferred":
                    result.deferred += 1
                elif status == "dead":
                    result.dead += 1
                    result.dead_letters.append((item, outcome))
                elif status == "pending":
                    result.retried += 1
                    # the chat's later rows wait for this one (lease_due keeps them back meanwhile)
                    await self.outbox.release([i.id for i in items[n + 1:]], self.worker, self.clock.now())
                    return

    async def _deliver(self, channel: ChannelSender, item: Delivery) -> DeliveryResult:
        try:
            return await asyncio.wait_for(channel.deliver(item), self.deliver_timeout)
        except TimeoutError:
            log.warning("outbox #%s: %s did not answer within %.0fs", item.id, item.channel, self.deliver_timeout)
            return DeliveryResult("retry", reason=f"timeout after {self.deliver_timeout:.0f}s")
        except Exception as exc:  # a channel bug must not stop the sender: retry, then dead letter
            log.exception("outbox #%s: %s raised", item.id, item.channel)
            return DeliveryResult("retry", reason=f"{type(exc).__name__}: {exc}"[:500])

    async def _alert(self, dead: list[tuple[Delivery, DeliveryResult]]) -> None:
        """Tell the dispatchers' groups, once per pass. A failed alert is only logged: an alert
        about an alert would loop."""
        for item, outcome in dead:
            log.error("outbox #%s dead: %s %s to %s (%s): %s", item.id, item.channel, item.purpose,
                      item.audience, outcome.outcome, outcome.reason)
        reportable = [(i, o) for i, o in dead if i.purpose != ALERT_PURPOSE]
        if not reportable:
            return
        now = self.clock.now()
        async with self.db.transaction() as s:
            ticket_ids = {i.ticket_id for i, _ in reportable if i.ticket_id}
            numbers = dict((await s.execute(select(Ticket.id, Ticket.number).where(
                Ticket.id.in_(ticket_ids)))).all()) if ticket_ids else {}
            lines = [to_desk.dead_letter_line(i.id, numbers.get(i.ticket_id) if i.ticket_id else None, i.audience,
                                          i.purpose, i.channel, o.outcome, o.reason)
                     for i, o in reportable[:MAX_ALERT_LINES]]
            text = to_desk.dead_letter_alert(lines, max(0, len(reportable) - MAX_ALERT_LINES))
            groups = (await s.execute(select(GroupBinding).where(
                GroupBinding.purpose == "dispatchers", GroupBinding.unbound_at.is_(None)))).scalars()
            for group in groups:
                enqueue(s, now, channel=group.channel, address=group.chat_id, audience="group",
                        purpose=ALERT_PURPOSE, messages=[m.Text(text)])

    async def run_forever(self, stop: asyncio.Event, poll_seconds: float = 1.0) -> None:
        log.info("sender %s started for channels: %s", self.worker, ", ".join(self.channels) or "none")
        while not stop.is_set():
            try:
                result = await self.run_once()
            except Exception:  # the database went away for a moment: log, wait, go on
                log.exception("sender pass failed")
                result = PassResult()
            if result.leased and result.postponed < result.leased:
                continue  # there may be more right away
            pause = poll_seconds if result.wait is None else min(poll_seconds, result.wait)
            try:
                await asyncio.wait_for(stop.wait(), max(pause, 0.05))
            except TimeoutError:
                pass
