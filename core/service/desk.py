"""The desk's own service calls, beside the ticket service: reading a whole ticket for a staff
member (only if the rules let them), 显示电话 (an audited event), a reply to the resident (an event
whose outbox row the notifier writes), and the stale-form check. Each change is one transaction:
the permission check on the stored facts, the event with the acting staff member, the outbox rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.clock import Clock
from core.db.desk_models import PhoneTask
from core.db.engine import Database
from core.db.models import (
    ChannelIdentity,
    Grid,
    Resident,
    Staff,
    SurveyAnswer,
    Ticket,
    TicketEvent,
    TicketFollower,
)
from core.enums import EventType
from core.errors import InvalidInput, NotFound
from core.messages import MediaRef
from core.service import permissions
from core.service.actor import Actor
from core.service.conversation import Said, conversation
from core.service.notify import Notifier
from core.service.permissions import StaffFacts, TicketFacts, Verb
from core.service.stale import check_version
from core.texts import errors, refusals

MAX_REPLY = 600  # WeChat's customer-service text allows more, but a reply is read on a phone
TICKET_VERBS = (Verb.CLAIM, Verb.PROGRESS, Verb.RESOLVE, Verb.RETURN, Verb.ASSIGN, Verb.ASSIGN_WORKER, Verb.RECLASSIFY, Verb.MERGE,
                Verb.SPLIT, Verb.ESCALATE, Verb.REOPEN, Verb.CLOSE, Verb.CANCEL, Verb.NOTE, Verb.REPLY,
                Verb.REVEAL_PHONE, Verb.LEGAL_HOLD, Verb.FOLLOW_UP, Verb.DOWNGRADE, Verb.URGE)


@dataclass(frozen=True)
class Follower:
    resident_id: int
    name: str | None
    channel: str | None
    joined_at: datetime


@dataclass(frozen=True)
class Reach:
    """How the resident's own chat can be reached now (shown beside the reply box)."""

    channel: str
    last_inbound_at: datetime | None
    pushes_since_inbound: int
    unsubscribed: bool
    blocked: bool


@dataclass
class TicketView:
    ticket: Ticket
    events: list[TicketEvent]
    staff_names: dict[int, str]
    grid: Grid | None
    assignee: Staff | None
    resident: Resident | None
    followers: list[Follower]
    merged_here: list[Ticket]  # duplicates merged into this ticket
    merged_into: Ticket | None
    answers: list[SurveyAnswer]
    said: list[Said]
    identity_ids: list[int]
    reach: Reach | None
    phone_tasks: list[PhoneTask]
    allowed: set[Verb] = field(default_factory=set)
    staff: StaffFacts | None = None


class DeskService:
    def __init__(self, db: Database, clock: Clock, notifier: Notifier) -> None:
        self.db, self.clock, self.notifier = db, clock, notifier

    async def view(self, number: str, actor: Actor) -> TicketView:
        """Everything the ticket page shows; NotFound when the actor may not read it (as for a
        number that does not exist)."""
        async with self.db.transaction() as s:
            t = await _ticket(s, number)
            staff = await permissions.require(s, actor, Verb.READ, t)
            events = list((await s.execute(select(TicketEvent).where(TicketEvent.ticket_id == t.id)
                                           .order_by(TicketEvent.id))).scalars())
            staff_ids = {e.actor_staff_id for e in events if e.actor_staff_id} | ({t.assignee_id} - {None})
            names = {st.id: st.name for st in (await s.execute(
                select(Staff).where(Staff.id.in_(staff_ids)))).scalars()} if staff_ids else {}
            identities = list((await s.execute(select(ChannelIdentity).where(
                or_(ChannelIdentity.resident_id == t.resident_id,
                    ChannelIdentity.id == t.origin_identity_id)))).scalars())
            origin = next((i for i in identities if i.id == t.origin_identity_id), None)
            followers = [Follower(r.id, r.name, i.channel if i else None, f.joined_at) for f, r, i in await s.execute(
                select(TicketFollower, Resident, ChannelIdentity).join(Resident, Resident.id == TicketFollower.resident_id)
                .outerjoin(ChannelIdentity, ChannelIdentity.id == TicketFollower.identity_id)
                .where(TicketFollower.ticket_id == t.id).order_by(TicketFollower.joined_at))]
            view = TicketView(
                ticket=t, events=events, staff_names=names,
                grid=await s.get(Grid, t.grid_id) if t.grid_id else None,
                assignee=await s.get(Staff, t.assignee_id) if t.assignee_id else None,
                resident=await s.get(Resident, t.resident_id),
                followers=followers,
                merged_here=list((await s.execute(select(Ticket).where(Ticket.merged_into_id == t.id)
                                                  .order_by(Ticket.id))).scalars()),
                merged_into=await s.get(Ticket, t.merged_into_id) if t.merged_into_id else None,
                answers=list((await s.execute(select(SurveyAnswer).where(SurveyAnswer.ticket_id == t.id)
                                              .order_by(SurveyAnswer.id))).scalars()),
                said=await conversation(s, [i.id for i in identities]),
                identity_ids=[i.id for i in identities],
                reach=Reach(origin.channel, origin.last_inbound_at, origin.pushes_since_inbound or 0,
                            origin.unsubscribed_at is not None, origin.blocked_at is not None) if origin else None,
                phone_tasks=list((await s.execute(select(PhoneTask).where(PhoneTask.ticket_id == t.id)
                                                  .order_by(PhoneTask.id))).scalars()),
                staff=staff,
            )
            view.allowed = permissions.allowed_verbs(actor, TICKET_VERBS, TicketFacts.of(t), staff=staff)
            return view

    async def reveal_phone(self, number: str, actor: Actor) -> str:
        """显示电话: the full contact number, for those the rules allow; each reveal is an event."""
        async with self.db.transaction() as s:
            t = await _ticket(s, number)
            await permissions.require(s, actor, Verb.REVEAL_PHONE, t)
            s.add(_event(t, EventType.PHONE_REVEALED, actor, self.clock.now()))
            return t.contact_phone or ""

    async def reply(self, number: str, actor: Actor, text: str, *, version: int | None = None) -> Ticket:
        """Write to the resident in their own chat: a REPLIED event; the notifier puts the message in
        the outbox for their identity (the channel's sender then respects its limits)."""
        text = (text or "").strip()
        if not text:
            raise InvalidInput(errors.REPLY_EMPTY)
        if len(text) > MAX_REPLY:
            raise InvalidInput(errors.reply_too_long(MAX_REPLY))
        async with self.db.transaction() as s:
            t = await _ticket(s, number, lock=True)
            await permissions.require(s, actor, Verb.REPLY, t)
            check_version(t, version)
            now = self.clock.now()
            ev = _event(t, EventType.REPLIED, actor, now, note=text)
            s.add(ev)
            t.updated_at = now
            await s.flush()
            await self.notifier.on_event(s, t, ev, now)
            return t

    async def photo(self, number: str, actor: Actor, event_id: int, index: int) -> MediaRef:
        """A photo of the ticket (event 0: the resident's, else an event's attachment), for those
        who may read the ticket."""
        async with self.db.transaction() as s:
            t = await _ticket(s, number)
            await permissions.require(s, actor, Verb.READ, t)
            if event_id == 0:
                photos = list(t.photos or [])
            else:
                ev = await s.get(TicketEvent, event_id)
                photos = list(ev.attachments or []) if ev is not None and ev.ticket_id == t.id else []
        if not 0 <= index < len(photos):
            raise NotFound(errors.NO_PHOTO)
        return MediaRef.from_json(photos[index])

    async def ensure_version(self, number: str, version: int | None) -> None:
        """A form made from an older state of the ticket is refused (the caller acts next)."""
        if version is None:
            return
        async with self.db.transaction() as s:
            check_version(await _ticket(s, number), version)


async def _ticket(s: AsyncSession, number: str, *, lock: bool = False) -> Ticket:
    query = select(Ticket).where(Ticket.number == number)
    if lock:
        query = query.with_for_update()
    t = (await s.execute(query)).scalar_one_or_none()
    if t is None:
        raise NotFound(refusals.unknown_ticket(number))
    return t


def _event(t: Ticket, kind: EventType, actor: Actor, now: datetime, *, note: str | None = None,
           data: dict[str, object] | None = None) -> TicketEvent:
    return TicketEvent(ticket_id=t.id, type=kind.value, at=now, actor_role=actor.role.value,
                       actor_staff_id=actor.staff_id, actor_resident_id=actor.resident_id, note=note,
                       attachments=[], data=dict(data or {}))
