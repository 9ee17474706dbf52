"""What arrives from a platform: exactly-once bookkeeping and the resident's reply window.

`claim(key)` is an INSERT … ON CONFLICT on `processed_updates`: across processes and retries only
one caller holds a key at a time. A claim has an owner (a process) and a lease: the owner renews
the lease while it works (`keep`), and marks the key done when it has answered (`finish`, which
also stores the reply for channels that must give a retry the same answer: WeChat resends after
5 s). A claim left unanswered by a process that died (kill -9) is not renewed; once its lease has
run out, the next attempt takes it over and runs the step again (steps are idempotent). A claim
that is done is never handed out again.

A claim also says whose message it is (`person`), so that answers go in turn across processes: the
claim tells whether an earlier message of the same person was still being answered by another
process (`Claim.earlier`; nothing more is asked when none was). Such an answer waits for that one
(`earlier_answering`, `wait_answered`), and if it cannot wait longer it is queued in the outbox
held behind it (`finish(..., behind=key)`): the earlier answer, when it is stored, moves the held
rows after its own (core/outbox.py `move_held`); a claim that goes stale holds nothing back.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    Boolean,
    String,
    bindparam,
    delete,
    func,
    select,
    text,
    type_coerce,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from core.clock import Clock
from core.db import grid_version, pg_fast
from core.db.engine import Database, dialect_insert, run_core
from core.db.models import ChannelIdentity, ProcessedUpdate
from core.db.types import JSONType, UTCDateTime
from core.inbound_statements import claiming_noting, kv_value, note_inbound_statement
from core.messages import Rider
from core.outbox import WAITING_FOR_IDENTITY, move_held
from core.service.conversation import inbound_kept, record_inbound
from core.service.dialog_states import Saved

log = logging.getLogger(__name__)

# WeChat resends 5 s apart, three times: a lease shorter than that lets a resend reach a claim
# its killed owner left. A live owner renews it every quarter lease while its step runs.
LEASE = timedelta(seconds=4)
POLL = 0.1  # seconds between looks at a claim someone else holds (claim_or_wait)

# every message runs these: built once (building a statement costs about as much as running it)
_FINISH = (update(ProcessedUpdate).where(ProcessedUpdate.key == bindparam("p_key"))
           .values(done_at=bindparam("p_done_at"), result=bindparam("p_result"))
           .returning(ProcessedUpdate.behind))  # whether an answer is held behind this one
# the same, to go in a dialog state's save (core.messages.Rider: its parameters not named as the save's)
_FINISH_RIDING = (update(ProcessedUpdate).where(ProcessedUpdate.key == bindparam("p_claim_key"))
                  .values(done_at=bindparam("p_done_at"), result=bindparam("p_result"))
                  .returning(ProcessedUpdate.behind))
_PU = ProcessedUpdate.__table__
_OTHER = _PU.alias("other")


def _earlier_of(me: Any) -> Any:
    """Claims of `me`'s person that came before it, are unanswered and still leased by another
    process (this process' own are answered in turn by CallbackEndpoint._in_turn)."""
    return ((_OTHER.c.person == me.c.person) & (_OTHER.c.key != me.c.key) & _OTHER.c.done_at.is_(None)
            & (_OTHER.c.lease_until > bindparam("p_now")) & (_OTHER.c.owner != bindparam("p_owner"))
            & ((_OTHER.c.seen_at < me.c.seen_at) | ((_OTHER.c.seen_at == me.c.seen_at) & (_OTHER.c.key < me.c.key))))


# the claim's RETURNING says whether there is one (the common answer then asks nothing more);
# written out, as SQLAlchemy neither correlates a subquery in an INSERT's RETURNING with the row
# nor qualifies its columns there on SQLite
_EARLIER_ON_CLAIM = type_coerce(text(
    "EXISTS (SELECT 1 FROM processed_updates AS other"
    " WHERE other.person = processed_updates.person AND other.key != processed_updates.key"
    " AND other.done_at IS NULL AND other.lease_until > :p_now AND other.owner != :p_owner"
    " AND (other.seen_at < processed_updates.seen_at"
    " OR (other.seen_at = processed_updates.seen_at AND other.key < processed_updates.key)))"
).bindparams(bindparam("p_now", type_=UTCDateTime(timezone=True)), bindparam("p_owner", type_=String())),
    Boolean).label("earlier")
_ME = _PU.alias("me")
# the latest of them (an answer held behind it follows every earlier one: each moves what is held
# behind it after its own answer)
_EARLIER = (select(_OTHER.c.key).select_from(_ME).join(_OTHER, _earlier_of(_ME))
            .where(_ME.c.key == bindparam("p_key"))
            .order_by(_OTHER.c.seen_at.desc(), _OTHER.c.key.desc()).limit(1))
_STATE = select(_PU.c.done_at, _PU.c.lease_until).where(_PU.c.key == bindparam("p_key"))
# an answer is held behind a claim only while that claim is unanswered and leased; the row lock
# this takes makes the claim's own `finish` wait, then see `behind` and move the held answer
_HOLD = (update(ProcessedUpdate)
         .where(ProcessedUpdate.key == bindparam("p_key"), ProcessedUpdate.done_at.is_(None),
                ProcessedUpdate.lease_until > bindparam("p_now"))
         .values(behind=True))
_NOTE = (update(ProcessedUpdate)
         .where(ProcessedUpdate.key == bindparam("p_key"), ProcessedUpdate.done_at.is_(None))
         .values(result=bindparam("p_result")))
_RENEW = (update(ProcessedUpdate)
          .where(ProcessedUpdate.key.in_(bindparam("p_keys", expanding=True)),
                 ProcessedUpdate.owner == bindparam("p_owner"), ProcessedUpdate.done_at.is_(None))
          .values(lease_until=bindparam("p_until")))
_NOTE_INBOUND = note_inbound_statement("p_now")
_WHO = select(ChannelIdentity.id, ChannelIdentity.staff_id, ChannelIdentity.resident_id, kv_value("p_now"),
              grid_version.VERSION, WAITING_FOR_IDENTITY).where(
    ChannelIdentity.channel == bindparam("p_channel"), ChannelIdentity.external_id == bindparam("p_external_id"))


def process_owner() -> str:
    """This process as a claim's owner: host and pid for the operator, and a random part (a pid
    comes back after a restart)."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{secrets.token_hex(4)}"


@dataclass(frozen=True)
class Claim:
    """A key now held by this process."""

    # from an owner whose lease had run out (or, claiming `again`, this process' own from a try whose
    # COMMIT landed): what the first claim committed with it (the message recorded) stands
    taken_over: bool = False
    left: dict[str, Any] | None = None  # what that owner noted before it stopped (`note`)
    # an earlier message of the same person was being answered by another process: this answer
    # must not overtake that one (`earlier_answering`)
    earlier: bool = False


class NotHeld(Exception):
    """The claim an answer was to be held behind is answered or stale now: answer in the open."""


class InboundLog:
    def __init__(self, db: Database, clock: Clock, *, owner: str | None = None, lease: timedelta = LEASE) -> None:
        self.db, self.clock, self.lease = db, clock, lease
        self.owner = (owner or process_owner())[:100]
        self.renew_every = lease.total_seconds() / 4
        self._held: set[str] = set()
        self._renewing: asyncio.Task[None] | None = None
        table = ProcessedUpdate.__table__
        insert = dialect_insert(db.is_sqlite)(ProcessedUpdate).values(
            key=bindparam("p_key"), seen_at=bindparam("p_seen_at"), owner=bindparam("p_owner"),
            lease_until=bindparam("p_until"), person=bindparam("p_person"))
        # taken over only while unanswered and unrenewed; a claim from before leases existed
        # counts from when it was seen
        stale = table.c.done_at.is_(None) & (
            (table.c.lease_until <= bindparam("p_seen_at"))
            | (table.c.lease_until.is_(None) & (table.c.seen_at < bindparam("p_stale_before"))))
        # a claim taken over keeps what its owner noted, and says so: its result is never NULL then
        # (a new claim's is), whatever the clock says
        taken = {"owner": insert.excluded.owner, "lease_until": insert.excluded.lease_until,
                 "result": func.coalesce(table.c.result, bindparam("p_taken", type_=JSONType))}
        self._claim = insert.on_conflict_do_update(index_elements=[table.c.key], set_=taken, where=stale).returning(
            table.c.seen_at, table.c.result, _EARLIER_ON_CLAIM)
        # again, after a try whose transaction may have committed: this process' own unanswered claim too
        mine = (table.c.owner == bindparam("p_owner")) & table.c.done_at.is_(None)
        self._claim_again = insert.on_conflict_do_update(
            index_elements=[table.c.key], set_=taken, where=stale | mine).returning(
            table.c.seen_at, table.c.result, _EARLIER_ON_CLAIM)
        # on PostgreSQL, the claim and noting that the person wrote as one statement (one round trip
        # fewer): the note runs only when the claim was taken, as when they were two statements
        # (sent straight to asyncpg: core/db/pg_fast.py)
        self._claim_noting = None if db.is_sqlite else tuple(
            pg_fast.Prepared(claiming_noting(c)) for c in (self._claim, self._claim_again))

    async def claim(self, key: str, *, person: str | None = None, session: AsyncSession | None = None,
                    again: bool = False) -> Claim | None:
        """This process now holds `key` (first seen, or taken over from a dead owner), or None:
        it is done, or another owner's lease still runs. With `session`, the claim is part of the
        caller's transaction (and stands only if that commits). `person`: who wrote it (channel
        and id), for answering their messages in turn. `again`: this process claimed `key` in a
        transaction that failed, perhaps after its COMMIT landed: its own unanswered claim is
        taken back (the caller must not be claiming `key` anywhere else in this process)."""
        now = self.clock.now()
        async with self.db.using(session) as s:
            row = (await run_core(s, self._claim_again if again else self._claim, {
                "p_key": key[:200], "p_seen_at": now, "p_owner": self.owner, "p_until": now + self.lease,
                "p_stale_before": now - self.lease, "p_person": person[:200] if person else None,
                "p_now": now, "p_taken": {}})).first()
        return None if row is None else self._claimed(key, row, again)

    async def claim_noting(self, key: str, *, person: str, session: AsyncSession, again: bool, channel: str,
                           external_id: str, now: datetime, kv_key: str | None, said: str | None,
                           attachments: Sequence[dict[str, Any]], state_key: str | None = None
                           ) -> tuple[Claim | None, Any]:
        """`claim`, and when it is taken, note that `external_id` wrote at `now` in the same statement
        (`note_writer`'s first statement; what it returned comes back with the claim: None when the
        identity is not recorded), and record what they wrote (`said`, `attachments`) when the claim
        is new and the identity known and not staff's (as `note_writer` records it; an identity not
        recorded yet is not: the caller's `note_writer` makes it and records). Only where `can_note`
        (PostgreSQL)."""
        assert self._claim_noting is not None
        at = self.clock.now()
        row = await pg_fast.first(session, self._claim_noting[1 if again else 0], {
            "p_key": key[:200], "p_seen_at": at, "p_owner": self.owner, "p_until": at + self.lease,
            "p_stale_before": at - self.lease, "p_person": person[:200], "p_now": at, "p_taken": {},
            "p_channel": channel, "p_external_id": external_id, "p_noted_at": now, "p_kv_key": kv_key,
            "p_state_key": state_key,
            "p_record": bool(said or attachments), **{f"p_{k}": v for k, v in inbound_kept(said, attachments).items()},
        })
        if row is None:
            return None, None
        return self._claimed(key, row, again), (row if row.id is not None else None)

    @property
    def can_note(self) -> bool:
        return self._claim_noting is not None

    def _claimed(self, key: str, row: Any, again: bool) -> Claim:
        taken_over = row.result is not None
        if taken_over and not again:
            log.warning("inbound %s: taking over a claim nobody renewed (its process stopped?)", key[:200])
        return Claim(taken_over, row.result if taken_over else None, bool(row.earlier))

    async def claim_or_wait(self, key: str, *, patience: float, person: str | None = None) -> Claim | None:
        """`claim`, and if another owner holds `key` unanswered, wait up to `patience` seconds for
        it to answer (None) or for its lease to run out (ours then)."""
        deadline = time.monotonic() + patience
        while True:
            claim = await self.claim(key, person=person)
            if claim is not None:
                return claim
            done, _ = await self.result(key)
            if done or time.monotonic() >= deadline:
                return None
            await asyncio.sleep(POLL)

    def keep(self, key: str) -> None:
        """Renew `key`'s lease while this process works on it, until `finish` or `release`."""
        self._held.add(key[:200])
        if self._renewing is None or self._renewing.done():
            self._renewing = asyncio.create_task(self._renew_forever(), name="inbound-claims")

    async def renew(self) -> int:
        """Push the lease of every key this process keeps; how many were still ours."""
        keys = sorted(self._held)
        if not keys:
            return 0
        async with self.db.transaction() as s:
            result = await run_core(s, _RENEW, {"p_keys": keys, "p_owner": self.owner,
                                                "p_until": self.clock.now() + self.lease})
            return int(result.rowcount)

    async def _renew_forever(self) -> None:
        while self._held:
            await asyncio.sleep(self.renew_every)
            try:
                await self.renew()
            except Exception as exc:  # the database blinked: the next round tries again
                log.warning("renewing %d inbound claim(s) failed: %s", len(self._held), exc)

    async def note(self, key: str, left: dict[str, Any], *, session: AsyncSession | None = None) -> None:
        """Record on the unanswered claim what a successor must know if this process dies (e.g. the
        kept updates it took to send with its answer)."""
        async with self.db.using(session) as s:
            await run_core(s, _NOTE, {"p_key": key[:200], "p_result": left})

    async def finish(self, key: str, result: dict[str, Any] | None = None, *,
                     session: AsyncSession | None = None, behind: str | None = None,
                     rider: Rider | None = None) -> None:
        """Mark `key` answered (`result`: what a resend gets). `behind`: the answer's outbox rows,
        written in `session`, are held behind that earlier claim (raises NotHeld if it is answered
        or stale by now: the caller's transaction rolls back and it answers in the open). Answers
        another process held behind this one are moved after the rows this answer wrote.
        `rider`: a dialog step's state save in `session`, which takes the UPDATE along when it can
        (PostgreSQL: one statement for both; moving the held answers follows it)."""
        now = self.clock.now()
        if rider is not None and rider.takes_sql and behind is None:
            rider.sql = (_FINISH_RIDING, {"p_claim_key": key[:200], "p_done_at": now, "p_result": result})

            async def then(s: AsyncSession, held: Any) -> None:
                if held is not None and held.behind:
                    moved = await move_held(s, now, key[:200], held_by=None)
                    log.info("inbound %s: %d answer(s) held behind it follow it", key[:200], moved)

            rider.then = then
            self._held.discard(key[:200])
            return
        async with self.db.using(session) as s:
            if behind is not None and not (await run_core(s, _HOLD, {"p_key": behind[:200], "p_now": now})).rowcount:
                raise NotHeld(behind)
            held = (await run_core(s, _FINISH, {"p_key": key[:200], "p_done_at": now, "p_result": result})).first()
            if held is not None and held.behind:
                moved = await move_held(s, now, key[:200], held_by=behind)
                log.info("inbound %s: %d answer(s) held behind it follow it", key[:200], moved)
        self._held.discard(key[:200])

    async def earlier_answering(self, key: str) -> str | None:
        """The latest earlier message of `key`'s person still being answered by another process
        (its key), if any: the answer to `key` must wait for it or be held behind it."""
        async with self.db.transaction() as s:
            return (await run_core(s, _EARLIER, {"p_key": key[:200], "p_now": self.clock.now(),
                                                 "p_owner": self.owner})).scalar_one_or_none()

    async def wait_answered(self, key: str, *, until: float) -> bool:
        """Poll `key` until it is answered or stale (True), or until time.monotonic() reaches
        `until` (False: still being answered)."""
        while True:
            async with self.db.transaction() as s:
                row = (await run_core(s, _STATE, {"p_key": key[:200]})).first()
            if row is None or row.done_at is not None or row.lease_until is None \
                    or row.lease_until <= self.clock.now():
                return True
            if time.monotonic() + POLL > until:
                return False
            await asyncio.sleep(POLL)

    def drop(self, key: str) -> None:
        """Stop renewing `key` (this process did not get it after all)."""
        self._held.discard(key[:200])

    async def release(self, key: str) -> None:
        """Give `key` up unanswered (the step failed): the next attempt may take it over at once."""
        self._held.discard(key[:200])
        try:
            async with self.db.transaction() as s:
                await s.execute(update(ProcessedUpdate).where(
                    ProcessedUpdate.key == key[:200], ProcessedUpdate.owner == self.owner,
                    ProcessedUpdate.done_at.is_(None)).values(lease_until=self.clock.now()))
        except Exception as exc:  # then its lease runs out by itself
            log.warning("releasing inbound claim %s failed: %s", key[:200], exc)

    async def close(self) -> None:
        """Stop renewing (on shutdown; what is still kept runs out with its lease)."""
        self._held.clear()
        if self._renewing is not None:
            self._renewing.cancel()
            await asyncio.gather(self._renewing, return_exceptions=True)
            self._renewing = None

    async def result(self, key: str) -> tuple[bool, dict[str, Any] | None]:
        """(done, stored result) for a key seen before."""
        async with self.db.transaction() as s:
            row = await s.get(ProcessedUpdate, key[:200])
            if row is None:
                return False, None
            return row.done_at is not None, row.result if row.done_at is not None else None

    async def forget_older_than(self, age: timedelta) -> int:
        """Housekeeping: platforms stop retrying within minutes; keep a day to be safe."""
        async with self.db.transaction() as s:
            result = await s.execute(delete(ProcessedUpdate).where(ProcessedUpdate.seen_at < self.clock.now() - age))
            return int(result.rowcount)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Noted:
    """What noting that someone wrote learned of them on the way (`note_writer`)."""

    known: bool  # their identity was recorded before
    found: bool  # it is now (False only for an unknown identity not created)
    resident_id: int | None = None
    staff_id: int | None = None
    phone: str | None = None  # the phone their resident gave last time (not read for an identity just made)
    kv: str | None = None  # the unexpired shared value asked for (None when not asked for, or not set)
    grids_version: str | None = None  # the grids' token (core/db/grid_version.py); None: not read
    waiting: bool = True  # anything in the outbox for them that `Outbox.take_for_answer` takes or reads
    saved: Saved | None = None  # the dialog state asked for (`state_key`), None: not read


async def note_inbound(db: Database, channel: str, external_id: str, now: datetime, *,
                       create: bool = False, session: AsyncSession | None = None, text: str | None = None,
                       attachments: Sequence[dict[str, Any]] = ()) -> bool:
    """The person just wrote: WeChat's 48-hour customer-service window opens again with a fresh
    quota, and an earlier block or unsubscribe no longer holds (they are talking to us).

    An unknown identity is recorded when the dialog first files for it — or here, with `create`,
    for channels that must track the window from the very first message (WeChat: the notice that
    a ticket was assigned follows the message that filed it). Returns whether it was known.

    `text` / `attachments`: what they wrote, kept for the desk's view of the conversation."""
    noted = await note_writer(db, channel, external_id, now, create=create, session=session, text=text,
                              attachments=attachments)
    return noted.known


async def note_writer(db: Database, channel: str, external_id: str, now: datetime, *,
                      create: bool = False, session: AsyncSession | None = None, text: str | None = None,
                      attachments: Sequence[dict[str, Any]] = (), kv_key: str | None = None,
                      noted: Any = False, state_key: str | None = None) -> Noted:
    """`note_inbound`, saying who wrote as it learned in the same statement (a step then need not
    read it again), the unexpired value of `kv_key` in the shared store's table and the dialog state
    saved under `state_key` (asked in that statement too: a known identity costs one statement,
    whatever is asked). `noted`: that statement ran already (`InboundLog.claim_noting`), and this
    is what it returned (None: nothing)."""
    who = {"p_channel": channel, "p_external_id": external_id}
    async with db.using(session) as s:
        found = noted if noted is not False else (await run_core(s, _NOTE_INBOUND, {
            **who, "p_now": now, "p_kv_key": kv_key, "p_state_key": state_key})).one_or_none()
        known = found is not None
        if not known and create:
            await s.execute(dialect_insert(db.is_sqlite)(ChannelIdentity).values(
                channel=channel, external_id=external_id, created_at=now, last_inbound_at=now, pushes_since_inbound=0,
            ).on_conflict_do_nothing())  # created by someone else meanwhile: they noted it too
            if text or attachments or kv_key is not None:
                found = (await run_core(s, _WHO, {**who, "p_now": now, "p_kv_key": kv_key})).one_or_none()
        if (text or attachments) and found is not None and found.staff_id is None:
            record_inbound(s, found.id, now, text, attachments)  # residents (and people yet to be), not staff
        if found is None:
            return Noted(known, False)
        if known:
            saved = None if state_key is None else \
                Saved(0, None) if found.state_version is None else Saved(int(found.state_version), dict(found.state))
            return Noted(True, True, found.resident_id, found.staff_id, found.phone, found.kv, found.grids_version,
                         bool(found.waiting), saved)
        # created here (or meanwhile by another process, which may have set more): read again
        return Noted(False, True, found.resident_id, found.staff_id, None, found.kv, found.grids_version,
                     bool(found.waiting))


async def set_blocked(db: Database, channel: str, external_id: str, when: datetime | None) -> int:
    """The platform told us the person blocked the bot (`when`) or unblocked it (None), before any
    delivery had to fail. Returns how many identities changed."""
    async with db.transaction() as s:
        result = await s.execute(update(ChannelIdentity)
                                 .where(ChannelIdentity.channel == channel,
                                        ChannelIdentity.external_id == external_id)
                                 .values(blocked_at=when))
        return int(result.rowcount)  # type: ignore[attr-defined]


async def identity(db: Database, channel: str, external_id: str) -> ChannelIdentity | None:
    async with db.transaction() as s:
        return (await s.execute(select(ChannelIdentity).where(
            ChannelIdentity.channel == channel, ChannelIdentity.external_id == external_id))).scalar_one_or_none()


# ---- the reply window: how many pushes a person may still get ------------------------------------


@dataclass(frozen=True)
class Reach:
    """What the platform lets us push to a person: a channel that limits pushes after the person's
    last message (WeChat: 48 hours, 5 pushes) counts them on the channel identity."""

    known: bool
    identity_id: int | None = None
    last_inbound_at: datetime | None = None
    pushes_since_inbound: int = 0
    unsubscribed: bool = False


async def reach(db: Database, channel: str, external_id: str) -> Reach:
    async with db.transaction() as s:
        row = (await s.execute(select(ChannelIdentity).where(
            ChannelIdentity.channel == channel, ChannelIdentity.external_id == external_id))).scalar_one_or_none()
        if row is None:
            return Reach(known=False)
        return Reach(True, row.id, row.last_inbound_at, row.pushes_since_inbound or 0, row.unsubscribed_at is not None)


async def take_pushes(db: Database, channel: str, external_id: str, count: int, *, wrote_after: datetime,
                      quota: int) -> bool:
    """Spend `count` pushes, atomically, if the person wrote after `wrote_after`, is still subscribed
    and that many are left of `quota` (two senders never both spend the last one)."""
    async with db.transaction() as s:
        result = await s.execute(
            update(ChannelIdentity)
            .where(ChannelIdentity.channel == channel, ChannelIdentity.external_id == external_id,
                   ChannelIdentity.last_inbound_at > wrote_after,
                   ChannelIdentity.pushes_since_inbound + count <= quota,
                   ChannelIdentity.unsubscribed_at.is_(None))
            .values(pushes_since_inbound=ChannelIdentity.pushes_since_inbound + count))
        return bool(result.rowcount)  # type: ignore[attr-defined]


async def give_back_pushes(db: Database, channel: str, external_id: str, count: int) -> None:
    """Pushes that never reached the platform (a network error) do not count."""
    async with db.transaction() as s:
        await s.execute(
            update(ChannelIdentity)
            .where(ChannelIdentity.channel == channel, ChannelIdentity.external_id == external_id,
                   ChannelIdentity.pushes_since_inbound >= count)
            .values(pushes_since_inbound=ChannelIdentity.pushes_since_inbound - count))


async def spend_all_pushes(db: Database, channel: str, external_id: str, quota: int) -> None:
    """The platform said the window is shut or the quota spent: believe it until the person writes."""
    async with db.transaction() as s:
        await s.execute(update(ChannelIdentity)
                        .where(ChannelIdentity.channel == channel, ChannelIdentity.external_id == external_id)
                        .values(pushes_since_inbound=quota))


async def set_unsubscribed(db: Database, channel: str, external_id: str, now: datetime, *,
                           session: AsyncSession | None = None) -> None:
    async with db.using(session) as s:
        await s.execute(update(ChannelIdentity)
                        .where(ChannelIdentity.channel == channel, ChannelIdentity.external_id == external_id)
                        .values(unsubscribed_at=now))
