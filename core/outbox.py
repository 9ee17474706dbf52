"""The outbox table's operations: enqueue (inside a caller's transaction), lease due rows to a
sender (FOR UPDATE SKIP LOCKED, so several `serve` processes never take the same row), record the
outcome, hand deferred updates to a channel when the person writes again (and pushes still waiting
to go, to the answer that would otherwise overtake them), keep an answer held behind an earlier
message another process is still answering (`held_by`, `move_held`), and list dead letters."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Boolean, bindparam, exists, func, or_, select, text, type_coerce, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from core import messages as m
from core.clock import Clock
from core.db import pending
from core.db.engine import Database, run_core
from core.db.models import ChannelIdentity, OutboxMessage, ProcessedUpdate, SentRef
from core.delivery import Delivery, DeliveryResult
from core.privacy import Audience, redact

MAX_ATTEMPTS = 8
LEASE = timedelta(seconds=120)


@dataclass(frozen=True)
class StatusCount:
    channel: str
    status: str
    count: int
    oldest: datetime | None = None  # when the oldest of these rows was written


def enqueue(
    s: AsyncSession, now: datetime, *, channel: str, address: str, audience: str, purpose: str,
    messages: Sequence[m.OutMessage], ticket_id: int | None = None, event_id: int | None = None,
    identity_id: int | None = None, edit_key: str | None = None, held_by: str | None = None,
) -> OutboxMessage:
    """Add a message to the caller's transaction: it is sent only if that transaction commits.

    A row addressed to a group carries no personal data whoever wrote it (a reply, a report, an
    alert): the group rule of core/privacy.py is applied here once more. (The notifier renders each
    message for its audience itself and writes through `enqueue_later`.) `held_by`: an answer
    not to be sent while that inbound claim (an earlier message's) is unanswered and leased."""
    if audience == "group":
        messages = [_for_group(msg) for msg in messages]
    row = OutboxMessage(
        created_at=now, channel=channel, address=address, audience=audience, purpose=purpose,
        ticket_id=ticket_id, event_id=event_id, identity_id=identity_id, payload=m.dump(list(messages)),
        edit_key=edit_key, status="pending", attempts=0, next_attempt_at=now, held_by=held_by,
    )
    s.add(row)
    return row


def enqueue_later(
    s: AsyncSession, now: datetime, *, channel: str, address: str, audience: str, purpose: str,
    messages: Sequence[m.OutMessage], ticket_id: int | None = None, event_id: int | None = None,
    identity_id: int | None = None, edit_key: str | None = None,
) -> None:
    """Like `enqueue`, for writers that never look at the row again (the notifier): written with the
    transaction's other held-back rows in one INSERT when it commits (`core.db.pending`)."""
    pending.insert_later(s, OutboxMessage, dict(
        created_at=now, channel=channel, address=address, audience=audience, purpose=purpose,
        ticket_id=ticket_id, event_id=event_id, identity_id=identity_id, payload=m.dump(list(messages)),
        edit_key=edit_key, status="pending", attempts=0, next_attempt_at=now,
    ))


def _for_group(message: m.OutMessage) -> m.OutMessage:
    match message:
        case m.Text(text=text):
            return replace(message, text=redact(text, Audience.GROUP))
        case m.Notice(text=text):
            return replace(message, text=redact(text, Audience.GROUP))
        case m.Choices(prompt=prompt):
            return replace(message, prompt=redact(prompt, Audience.GROUP))
        case m.Photo(caption=caption) if caption:
            return replace(message, caption=redact(caption, Audience.GROUP))
    return message


def _held(row: Any, now: datetime) -> Any:
    """`row` waits behind an earlier message's claim that is unanswered and leased (a claim that
    went stale, its process dead, holds nothing back)."""
    return row.held_by.is_not(None) & exists().where(
        ProcessedUpdate.key == row.held_by, ProcessedUpdate.done_at.is_(None), ProcessedUpdate.lease_until > now)


async def move_held(s: AsyncSession, now: datetime, key: str, *, held_by: str | None) -> int:
    """In the transaction that stores the answer to inbound `key`: the answers another process
    held behind it (still pending) go after the rows this answer wrote (new rows, so that the
    sender, which sends a chat's rows in id order, sends them later; held behind `held_by` in turn
    if this answer is held itself). Returns how many."""
    held = list((await s.execute(select(OutboxMessage).where(
        OutboxMessage.held_by == key, OutboxMessage.status == "pending").order_by(OutboxMessage.id)
        .with_for_update())).scalars())  # the select flushed this answer's rows: they come first
    for row in held:
        row.status, row.last_error = "superseded", f"moved after the answer to {key}"
        s.add(OutboxMessage(
            created_at=row.created_at, channel=row.channel, address=row.address, audience=row.audience,
            purpose=row.purpose, ticket_id=row.ticket_id, event_id=row.event_id, identity_id=row.identity_id,
            payload=row.payload, edit_key=row.edit_key, status="pending", attempts=0, next_attempt_at=now,
            held_by=held_by))
    return len(held)


def backoff(attempts: int) -> float:
    """Seconds before the next try: 2, 4, 8 … capped at 10 minutes, with jitter."""
    base: float = min(600.0, 2.0 ** max(1, attempts))
    return base * (0.8 + 0.4 * random.random())


# asked on every message a resident sends (WeChat): built once
# plain rows, not ORM objects: every WeChat message looks (and almost always finds nothing)
_DEFERRED = (
    select(OutboxMessage.id, OutboxMessage.channel, OutboxMessage.address, OutboxMessage.audience,
           OutboxMessage.purpose, OutboxMessage.payload, OutboxMessage.ticket_id, OutboxMessage.identity_id,
           OutboxMessage.edit_key, OutboxMessage.attempts)
    .where(OutboxMessage.channel == bindparam("p_channel"), OutboxMessage.address == bindparam("p_address"),
           OutboxMessage.status == "deferred")
    .order_by(OutboxMessage.id)
    .with_for_update(skip_locked=True)
)

# one person's unfinished rows of one purpose, oldest first, locked against a sender leasing them meanwhile
# (no SKIP LOCKED: a row a sender is leasing now is waited for, then seen as "sending")
_WAITING = (
    select(OutboxMessage.id, OutboxMessage.channel, OutboxMessage.address, OutboxMessage.audience,
           OutboxMessage.purpose, OutboxMessage.payload, OutboxMessage.ticket_id, OutboxMessage.identity_id,
           OutboxMessage.edit_key, OutboxMessage.attempts, OutboxMessage.status, OutboxMessage.held_by)
    .where(OutboxMessage.channel == bindparam("p_channel"), OutboxMessage.address == bindparam("p_address"),
           OutboxMessage.purpose == bindparam("p_purpose"), OutboxMessage.status.in_(("pending", "sending")))
    .order_by(OutboxMessage.id)
    .with_for_update()
)

# both at once, for an answer stored in the transaction that read them (WeChat's usual path): one
# read of the person's rows instead of two (deferred rows then wait for a sender's lock too)
_FOR_ANSWER = (
    select(*_WAITING.selected_columns)
    .where(OutboxMessage.channel == bindparam("p_channel"), OutboxMessage.address == bindparam("p_address"),
           (OutboxMessage.status == "deferred")
           | ((OutboxMessage.purpose == bindparam("p_purpose")) & OutboxMessage.status.in_(("pending", "sending"))))
    .order_by(OutboxMessage.id)
    .with_for_update()
)

# whether `take_for_answer` would find anything for the person of the channel_identities row in
# the statement (a column of the statement that notes they wrote: it is read only when there is);
# written out, as SQLAlchemy leaves a correlated column unqualified in a RETURNING on SQLite
WAITING_FOR_IDENTITY = type_coerce(text(
    "EXISTS (SELECT 1 FROM outbox WHERE outbox.channel = channel_identities.channel"
    " AND outbox.address = channel_identities.external_id AND (outbox.status = 'deferred'"
    " OR (outbox.purpose = 'reply' AND outbox.status IN ('pending', 'sending'))))"), Boolean).label("waiting")

_TAKEN_WITH_REPLY = (update(OutboxMessage).where(OutboxMessage.id.in_(bindparam("p_ids", expanding=True)))
                     .values(status="sent", sent_at=bindparam("p_now"), platform_ref="with-reply"))


@dataclass(frozen=True)
class Waiting:
    """What `take_waiting` found for a person: the rows the answer carries ahead of itself, or
    (`behind`) rows it cannot carry, which it must follow through the outbox."""

    taken: list[Delivery] = field(default_factory=list)
    behind: bool = False


class Outbox:
    def __init__(self, db: Database, clock: Clock, *, max_attempts: int = MAX_ATTEMPTS) -> None:
        self.db, self.clock, self.max_attempts = db, clock, max_attempts

    async def lease_due(self, worker: str, *, channels: Sequence[str] | None = None, limit: int = 50
                        ) -> list[Delivery]:
        """Take up to `limit` due rows for this worker. A row whose lease ran out (its sender died)
        becomes due again.

        Per address, rows go out in the order they were written: a row is taken only when every
        earlier unfinished row for the same chat is taken with it, so a retry waiting out its
        backoff holds back what follows it. An older card edit (same `edit_key` and chat) with a
        newer one still to send is superseded instead of sent: only the newest text matters."""
        now = self.clock.now()
        async with self.db.transaction() as s:
            earlier = aliased(OutboxMessage)
            waiting = exists().where(
                earlier.channel == OutboxMessage.channel, earlier.address == OutboxMessage.address,
                earlier.id < OutboxMessage.id,
                or_((earlier.status == "pending") & ((earlier.next_attempt_at > now) | _held(earlier, now)),
                    (earlier.status == "sending") & (earlier.locked_until >= now)),
            )
            due = select(OutboxMessage.id).where(or_(
                (OutboxMessage.status == "pending") & (OutboxMessage.next_attempt_at <= now)
                & ~_held(OutboxMessage, now),
                (OutboxMessage.status == "sending") & (OutboxMessage.locked_until < now),
            ), ~waiting)
            if channels is not None:
                due = due.where(OutboxMessage.channel.in_(list(channels)))
            ids = list((await s.execute(
                due.order_by(OutboxMessage.id).limit(limit).with_for_update(skip_locked=True))).scalars())
            if not ids:
                return []
            rows = list((await s.execute(select(OutboxMessage).where(OutboxMessage.id.in_(ids))
                                         .order_by(OutboxMessage.id))).scalars())
            rows = await self._in_order(s, rows)
            rows = await self._supersede(s, rows, now)
            if not rows:
                return []
            await s.execute(update(OutboxMessage).where(OutboxMessage.id.in_([r.id for r in rows])).values(
                status="sending", locked_until=now + LEASE, locked_by=worker))
            refs = await self._refs(s, rows)
            return [_delivery(r, refs.get((r.channel, r.address, r.edit_key or ""))) for r in rows]

    async def _in_order(self, s: AsyncSession, rows: list[OutboxMessage]) -> list[OutboxMessage]:
        """Drop rows with an earlier unfinished row for the same chat that we did not take (another
        sender holds it, or took it between our query and our lock)."""
        taken = {r.id for r in rows}
        addresses = {(r.channel, r.address) for r in rows}
        open_rows = await s.execute(select(OutboxMessage.id, OutboxMessage.channel, OutboxMessage.address).where(
            OutboxMessage.status.in_(("pending", "sending")),
            OutboxMessage.address.in_({a for _, a in addresses}),
            OutboxMessage.id < max(taken),
        ))
        first_missing: dict[tuple[str, str], int] = {}
        for row_id, channel, address in open_rows.all():
            key = (channel, address)
            if key in addresses and row_id not in taken:
                first_missing[key] = min(row_id, first_missing.get(key, row_id))
        return [r for r in rows if (r.channel, r.address) not in first_missing
                or r.id < first_missing[(r.channel, r.address)]]

    async def _supersede(self, s: AsyncSession, rows: list[OutboxMessage], now: datetime) -> list[OutboxMessage]:
        keyed = [r for r in rows if r.edit_key]
        if not keyed:
            return rows
        newer = await s.execute(select(OutboxMessage.id, OutboxMessage.channel, OutboxMessage.address,
                                       OutboxMessage.edit_key).where(
            OutboxMessage.status.in_(("pending", "sending")),
            OutboxMessage.edit_key.in_({r.edit_key for r in keyed}),
            OutboxMessage.id > min(r.id for r in keyed),
        ))
        latest: dict[tuple[str, str, str], int] = {}
        for row_id, channel, address, edit_key in newer.all():
            key = (channel, address, edit_key or "")
            latest[key] = max(row_id, latest.get(key, row_id))
        kept = []
        for r in rows:
            newest = latest.get((r.channel, r.address, r.edit_key or ""))
            if r.edit_key and newest is not None and newest > r.id:
                r.status, r.last_error, r.sent_at = "superseded", f"superseded by #{newest}", None
                r.locked_until, r.locked_by = None, None
            else:
                kept.append(r)
        return kept

    async def put(self, *, channel: str, address: str, audience: str, purpose: str,
                  messages: Sequence[m.OutMessage], not_before: datetime | None = None) -> None:
        """A message for the sender, in a transaction of its own (a reply the platform would not
        take at once: late rather than lost), due from `not_before`."""
        now = self.clock.now()
        async with self.db.transaction() as s:
            row = enqueue(s, now, channel=channel, address=address, audience=audience, purpose=purpose,
                          messages=messages)
            if not_before is not None:
                row.next_attempt_at = not_before

    async def release(self, outbox_ids: Sequence[int], worker: str, not_before: datetime) -> int:
        """Give leased rows back unsent, without counting an attempt (a rate limit said "later")."""
        if not outbox_ids:
            return 0
        async with self.db.transaction() as s:
            result = await s.execute(update(OutboxMessage).where(
                OutboxMessage.id.in_(list(outbox_ids)), OutboxMessage.status == "sending",
                OutboxMessage.locked_by == worker,
            ).values(status="pending", locked_until=None, locked_by=None, next_attempt_at=not_before))
            return int(result.rowcount)  # type: ignore[attr-defined]

    async def record(self, delivery: Delivery, result: DeliveryResult, *, worker: str | None = None) -> str:
        """Store what the channel said. Returns the row's new status."""
        now = self.clock.now()
        async with self.db.transaction() as s:
            row = await s.get(OutboxMessage, delivery.id, with_for_update=True)
            if row is None:
                return "missing"
            if worker is not None and row.locked_by not in (None, worker):
                return row.status  # our lease ran out and another sender owns it now
            row.locked_until, row.locked_by = None, None
            if result.outcome == "postponed":  # not tried: no attempt counted
                row.status, row.last_error = "pending", result.reason or None
                row.next_attempt_at = now + timedelta(seconds=max(1.0, result.retry_after or 60.0))
                return row.status
            row.attempts += 1
            row.last_error = result.reason or None
            if result.outcome == "sent":
                row.status, row.sent_at, row.platform_ref = "sent", now, result.platform_ref
                if row.edit_key and result.platform_ref:
                    await self._remember_ref(s, row, result.platform_ref, now)
            elif result.outcome == "deferred":
                row.status = "deferred"
            elif result.outcome == "retry" and row.attempts < self.max_attempts:
                wait = max(result.retry_after or 0.0, backoff(row.attempts))
                row.status, row.next_attempt_at = "pending", now + timedelta(seconds=wait)
            else:
                row.status = "dead"
                if result.outcome == "retry":
                    row.last_error = f"gave up after {row.attempts} attempts: {result.reason}"
                if result.outcome == "blocked" and row.identity_id:
                    identity = await s.get(ChannelIdentity, row.identity_id)
                    if identity is not None and identity.blocked_at is None:
                        identity.blocked_at = now
            return row.status

    async def take_deferred(self, channel: str, address: str, *,
                            session: AsyncSession | None = None) -> list[Delivery]:
        """Deferred updates for someone who just wrote to us: the channel delivers them with its
        reply, so they are marked sent here, in order (in the caller's transaction if given)."""
        now = self.clock.now()
        async with self.db.using(session) as s:
            rows = list(await run_core(s, _DEFERRED, {"p_channel": channel, "p_address": address}))
            if rows:
                await run_core(s, _TAKEN_WITH_REPLY, {"p_ids": [r.id for r in rows], "p_now": now})
            return [_delivery(r, None) for r in rows]

    async def take_for_answer(self, channel: str, address: str, *, session: AsyncSession,
                              purpose: str = "reply") -> tuple[list[Delivery], list[Any]]:
        """`take_deferred` and the read of `take_waiting` in one statement, in the transaction that
        will store the answer: the deferred updates (taken) and the waiting rows, to hand to
        `take_waiting(rows=…)` in this same transaction."""
        rows = list(await run_core(session, _FOR_ANSWER, {"p_channel": channel, "p_address": address,
                                                          "p_purpose": purpose}))
        deferred = [r for r in rows if r.status == "deferred"]
        if deferred:
            await run_core(session, _TAKEN_WITH_REPLY, {"p_ids": [r.id for r in deferred], "p_now": self.clock.now()})
        return [_delivery(r, None) for r in deferred], [r for r in rows if r.status != "deferred"]

    async def take_waiting(self, channel: str, address: str, *, carry: Callable[[Delivery], bool],
                           session: AsyncSession, purpose: str = "reply", rows: list[Any] | None = None) -> Waiting:
        """Earlier answers (purpose "reply": late ones, or what a passive answer could not carry)
        still waiting to be pushed to someone the next answer is being built for, in the caller's
        transaction (the one that stores that answer): without this it would overtake them. If
        every one of them can go with the answer (`carry`), they are taken as `take_deferred` takes
        deferred updates (marked sent "with-reply", so taking and answering commit together: never
        both pushed and carried, never lost). If one cannot (a sender is pushing it now, or the
        answer cannot carry it), none is taken: the answer follows them through the outbox.
        Updates (other purposes) are left to the sender: caused by the step being answered, they
        come after its answer. An answer held behind another message (`held_by`) is not taken
        either: it goes when that message's answer has gone. `rows`: as `take_for_answer` read
        them in this transaction (not read again)."""
        if rows is None:
            rows = list(await run_core(session, _WAITING, {"p_channel": channel, "p_address": address,
                                                           "p_purpose": purpose}))
        if not rows:
            return Waiting()
        waiting = [_delivery(r, None) for r in rows]
        if any(r.status != "pending" or r.held_by for r in rows) or not all(carry(d) for d in waiting):
            return Waiting(behind=True)
        await run_core(session, _TAKEN_WITH_REPLY, {"p_ids": [d.id for d in waiting], "p_now": self.clock.now()})
        return Waiting(waiting)

    async def statistics(self, *, channels: Sequence[str] | None = None, statuses: Sequence[str] | None = None,
                         session: AsyncSession | None = None) -> list[StatusCount]:
        """How many rows each channel has in each status (and when the oldest was written), by
        channel then status: the one count every view of the outbox reads (`outbox stats`,
        `wechat status`, `wecom status`, /metrics)."""
        query = select(OutboxMessage.channel, OutboxMessage.status, func.count(), func.min(OutboxMessage.created_at)
                       ).group_by(OutboxMessage.channel, OutboxMessage.status).order_by(
            OutboxMessage.channel, OutboxMessage.status)
        if channels is not None:
            query = query.where(OutboxMessage.channel.in_(list(channels)))
        if statuses is not None:
            query = query.where(OutboxMessage.status.in_(list(statuses)))
        async with self.db.using(session) as s:
            return [StatusCount(channel, status, int(n), first)
                    for channel, status, n, first in (await s.execute(query)).all()]

    async def held(self, *, channels: Sequence[str] | None = None, limit: int = 20) -> list[OutboxMessage]:
        """Rows waiting for a person, newest first: deferred (until the resident writes again) or
        dead (until an operator requeues them)."""
        query = select(OutboxMessage).where(OutboxMessage.status.in_(("deferred", "dead")))
        if channels is not None:
            query = query.where(OutboxMessage.channel.in_(list(channels)))
        async with self.db.transaction() as s:
            return list((await s.execute(query.order_by(OutboxMessage.id.desc()).limit(limit))).scalars())

    async def taken_with_reply(self, ids: Sequence[int], *, session: AsyncSession | None = None) -> list[Delivery]:
        """Updates `take_deferred` handed to an answer that never went out (its process died):
        taken again, in order, by whoever answers in its place."""
        async with self.db.using(session) as s:
            rows = (await s.execute(select(OutboxMessage).where(
                OutboxMessage.id.in_([int(i) for i in ids]), OutboxMessage.status == "sent",
                OutboxMessage.platform_ref == "with-reply").order_by(OutboxMessage.id))).scalars()
            return [_delivery(r, None) for r in rows]

    async def dead_letters(self, limit: int = 100) -> list[OutboxMessage]:
        async with self.db.transaction() as s:
            return list((await s.execute(select(OutboxMessage).where(OutboxMessage.status == "dead")
                                         .order_by(OutboxMessage.id.desc()).limit(limit))).scalars())

    async def requeue(self, outbox_id: int) -> bool:
        """An operator sends a dead letter again."""
        async with self.db.transaction() as s:
            row = await s.get(OutboxMessage, outbox_id, with_for_update=True)
            if row is None or row.status not in ("dead", "deferred"):
                return False
            row.status, row.attempts, row.next_attempt_at = "pending", 0, self.clock.now()
            return True

    async def _refs(self, s: AsyncSession, rows: list[OutboxMessage]) -> dict[tuple[str, str, str], str]:
        keyed = [r for r in rows if r.edit_key]
        if not keyed:
            return {}
        found = await s.execute(select(SentRef).where(
            SentRef.edit_key.in_({r.edit_key for r in keyed}),
            SentRef.address.in_({r.address for r in keyed}),
        ))
        return {(ref.channel, ref.address, ref.edit_key): ref.platform_ref for ref in found.scalars()}

    async def _remember_ref(self, s: AsyncSession, row: OutboxMessage, ref: str, now: datetime) -> None:
        assert row.edit_key is not None
        existing = await s.get(SentRef, (row.channel, row.address, row.edit_key))
        if existing is None:
            s.add(SentRef(channel=row.channel, address=row.address, edit_key=row.edit_key,
                          platform_ref=ref, updated_at=now))
        else:
            existing.platform_ref, existing.updated_at = ref, now


def _delivery(row: Any, previous_ref: str | None) -> Delivery:
    return Delivery(
        id=row.id, channel=row.channel, address=row.address, audience=row.audience, purpose=row.purpose,
        messages=tuple(m.load(row.payload)), ticket_id=row.ticket_id, identity_id=row.identity_id,
        edit_key=row.edit_key, previous_ref=previous_ref, attempts=row.attempts,
    )

