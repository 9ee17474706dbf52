"""The one writer of tickets — the machinery every change to a ticket goes through: one transaction that reads the ticket (locked),
checks, changes it, appends its event and writes the outbox rows the event causes (the notifier), retried
when someone else changed the ticket first. The per-actor parts of the service (filing, the grid's work,
the resident's and the desk's actions, the timers') are written on top of it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from core import lifecycle
from core.clock import Clock
from core.db.engine import Database
from core.db.models import Grid, SurveyAnswer, Ticket, TicketEvent, TicketFollower
from core.deadlines import DeadlinePolicy
from core.enums import Complexity, EventType, Role, Status, Urgency
from core.errors import Conflict, InvalidInput, NotFound
from core.lifecycle import Action
from core.messages import MediaRef
from core.service import permissions
from core.service.actor import Actor
from core.service.notify import Notifier
from core.service.once import Once, claim_for_ticket
from core.service.permissions import Verb
from core.texts import errors, notes, refusals

MAX_NOTE = 1000
MAX_PHOTOS = 9

T = TypeVar("T")


class TicketWriter:
    def __init__(self, db: Database, clock: Clock, policy: DeadlinePolicy, notifier: Notifier) -> None:
        self.db, self.clock, self.policy, self.notifier = db, clock, policy, notifier

    async def run(self, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
        await self.policy.calendar.refresh()  # holidays the head entered at the desk (re-read now and then)
        for attempt in range(3):
            try:
                async with self.db.transaction() as s:
                    return await work(s)
            except (StaleDataError, IntegrityError):
                # someone changed the ticket between our read and our write, or the same new
                # resident was created by a concurrent message: read again and re-decide
                if attempt == 2:
                    raise Conflict(errors.CONFLICT) from None
        raise AssertionError("unreachable")

    async def change(self, number: str, work: Callable[[AsyncSession, Ticket, datetime], Awaitable[None]],
                     *, visible_to: Actor | None = None, once: Once | None = None) -> Ticket:
        claimed: list[bool] = []

        async def run(s: AsyncSession) -> Ticket:
            claimed.clear()
            t = await self.load(s, number, lock=True)
            if visible_to is not None and visible_to.role is Role.RESIDENT:
                follower = (t.resident_id != visible_to.resident_id
                            and await self.is_follower(s, t, visible_to.resident_id))
                await permissions.require(s, visible_to, Verb.READ, t, follower=follower)
            t_now = self.clock.now()
            if once is not None:
                # a timer's change: only if still due and not fired before (claimed in this transaction)
                if not await claim_for_ticket(s, once, t, t_now):
                    return t
                claimed.append(True)
            await work(s, t, t_now)
            t.updated_at = t_now
            return t

        result = await self.run(run)
        if once is not None:
            once.fired = bool(claimed)
        return result

    async def load(self, s: AsyncSession, number: str, *, lock: bool = False) -> Ticket:
        query = select(Ticket).where(Ticket.number == number)
        if lock:
            query = query.with_for_update()
        t = (await s.execute(query)).scalar_one_or_none()
        if t is None:
            raise unknown_ticket(number)
        return t

    async def transition(self, s: AsyncSession, t: Ticket, action: Action, actor: Actor, type_: EventType,
                         now: datetime, *, note: str | None = None, attachments: list[Any] | None = None,
                         data: dict[str, Any] | None = None) -> TicketEvent:
        before = Status(t.status)
        after = lifecycle.target(action, before, t.number)
        t.status = after.value
        return await self.event(s, t, type_, actor, before, after, now, note=note,
                                attachments=attachments, data=data)

    def event_values(self, t: Ticket, type_: EventType, actor: Actor, before: Status | None,
                     after: Status | None, now: datetime, *, note: str | None = None,
                     attachments: list[Any] | None = None, data: dict[str, Any] | None = None
                      ) -> dict[str, Any]:
        return dict(
            ticket_id=t.id, type=type_.value, at=now, actor_role=actor.role.value,
            actor_staff_id=actor.staff_id, actor_resident_id=actor.resident_id,
            from_status=before.value if before else None, to_status=after.value if after else None,
            note=note, attachments=attachments or [], data=data or {},
        )

    async def event(self, s: AsyncSession, t: Ticket, type_: EventType, actor: Actor,
                    before: Status | None, after: Status | None, now: datetime, *, note: str | None = None,
                    attachments: list[Any] | None = None, data: dict[str, Any] | None = None,
                    notify: bool = True) -> TicketEvent:
        ev = TicketEvent(**self.event_values(t, type_, actor, before, after, now, note=note,
                                             attachments=attachments, data=data))
        s.add(ev)
        await s.flush()
        if notify:
            await self.notifier.on_event(s, t, ev, now)
        return ev

    async def grid(self, s: AsyncSession, code: str) -> Grid:
        grid = (await s.execute(select(Grid).where(Grid.code == code))).scalar_one_or_none()
        if grid is None or not grid.active:
            raise NotFound(errors.no_grid(code))
        return grid

    async def answer(self, s: AsyncSession, ticket_id: int, round_: int, resident_id: int | None
                      ) -> SurveyAnswer | None:
        return (await s.execute(select(SurveyAnswer).where(
            SurveyAnswer.ticket_id == ticket_id, SurveyAnswer.round == round_,
            SurveyAnswer.resident_id == resident_id))).scalar_one_or_none()

    async def is_follower(self, s: AsyncSession, t: Ticket, resident_id: int | None) -> bool:
        if resident_id is None:
            return False
        return (await s.execute(select(func.count()).select_from(TicketFollower).where(
            TicketFollower.ticket_id == t.id, TicketFollower.resident_id == resident_id))).scalar_one() > 0

    async def reopen_round(self, s: AsyncSession, t: Ticket, actor: Actor, now: datetime, reason: str | None, *,
                           dissatisfied: bool = False) -> None:
        lifecycle.target(Action.REOPEN, Status(t.status), t.number)
        t.round += 1
        t.reopen_count += 1
        t.assignee_id, t.resolved_at, t.closed_at = None, None, None
        d = self.policy.compute(now, category=t.category, urgency=Urgency(t.urgency),
                                complexity=Complexity(t.complexity))
        t.due_at, t.claim_due_at, t.escalate_at = d.due_at, d.claim_due_at, d.escalate_at
        data: dict[str, Any] = {"round": t.round, "dissatisfied": dissatisfied}
        if t.escalation_level:
            # the new round has new deadlines: the old round's escalation no longer applies, and
            # keeping it would make the timers' next escalation look already done
            data["escalation_reset"] = {"from_level": t.escalation_level, "why": notes.ESCALATION_RESET}
            t.escalation_level, t.escalated_at = 0, None
        await self.transition(s, t, Action.REOPEN, actor, EventType.REOPENED, now, note=reason, data=data)

    async def check(self, number: str, actor: Actor, verb: Verb) -> Ticket:
        """Would `verb` be allowed now? Raises the refusal, as the action itself would (a chat asks
        before prompting for a note that could not be used). Returns the ticket as read."""
        async with self.db.transaction() as s:
            t = await self.load(s, number)
            follower = (actor.role is Role.RESIDENT and t.resident_id != actor.resident_id
                        and await self.is_follower(s, t, actor.resident_id))
            await permissions.require(s, actor, verb, t, follower=follower)
            return t


def unknown_ticket(number: str) -> NotFound:
    return NotFound(refusals.unknown_ticket(number))


def clean_note(note: str | None, photos: Sequence[MediaRef], empty_message: str) -> str:
    note = (note or "").strip()
    if not note and not photos:
        raise InvalidInput(empty_message)
    if len(note) > MAX_NOTE:
        raise InvalidInput(errors.note_too_long(MAX_NOTE))
    if len(photos) > MAX_PHOTOS:
        raise InvalidInput(errors.too_many_photos(MAX_PHOTOS))
    return note or notes.PHOTOS_ONLY


def short(text: str | None) -> str | None:
    return text[:MAX_NOTE] if text else text
