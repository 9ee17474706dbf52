"""Reading tickets: by number, by resident, the open queue, the overdue list, the timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.db.engine import Database
from core.db.models import Grid, Resident, Staff, Ticket, TicketEvent, TicketFollower, ticket_is_open
from core.enums import Status, Urgency
from core.lifecycle import RULES, Action
from core.service import keys
from core.service.actor import Actor
from core.service.permissions import StaffFacts, TicketFacts, Verb, decide

_ACTIONS = {keys.CLAIM: Action.CLAIM, keys.PROGRESS: Action.PROGRESS, keys.RESOLVE: Action.RESOLVE,
            keys.RETURN: Action.RETURN}


@dataclass(frozen=True)
class Headline:
    """What a short notice says about a ticket (a template message's fields)."""

    number: str
    status: str  # the status' label, as people read it
    category: str


@dataclass(frozen=True)
class TicketDetail:
    ticket: Ticket
    events: list[TicketEvent]
    grid: Grid | None
    assignee: Staff | None
    staff_names: dict[int, str]
    grid_names: dict[str, str]  # by code: events keep the code, people read the name (usertest29b: 派单至网格 XFL)


class TicketQueries:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def by_number(self, number: str) -> Ticket | None:
        async with self.db.transaction() as s:
            return await by_number(s, number)

    async def headline(self, ticket_id: int) -> Headline | None:
        async with self.db.transaction() as s:
            row = (await s.execute(select(Ticket.number, Ticket.status, Ticket.category)
                                   .where(Ticket.id == ticket_id))).one_or_none()
        return None if row is None else Headline(row.number, Status(row.status).label, row.category)

    async def detail(self, number: str) -> TicketDetail | None:
        async with self.db.transaction() as s:
            t = await by_number(s, number)
            if t is None:
                return None
            events = list((await s.execute(select(TicketEvent).where(TicketEvent.ticket_id == t.id)
                                           .order_by(TicketEvent.id))).scalars())
            staff_ids = {e.actor_staff_id for e in events if e.actor_staff_id} | ({t.assignee_id} - {None})
            names = {st.id: st.name for st in (await s.execute(
                select(Staff).where(Staff.id.in_(staff_ids)))).scalars()} if staff_ids else {}
            grid = await s.get(Grid, t.grid_id) if t.grid_id else None
            assignee = await s.get(Staff, t.assignee_id) if t.assignee_id else None
            codes = {str(e.data["grid"]) for e in events if e.data and e.data.get("grid")}
            grid_names = {g.code: g.name for g in (await s.execute(
                select(Grid).where(Grid.code.in_(codes)))).scalars()} if codes else {}
            return TicketDetail(t, events, grid, assignee, names, grid_names)

    async def visible_to_resident(self, number: str, resident_id: int) -> TicketDetail | None:
        """The ticket if it is the resident's own or one they joined; None otherwise, exactly as for
        a number that does not exist."""
        detail = await self.detail(number)
        if detail is None:
            return None
        if detail.ticket.resident_id == resident_id:
            return detail
        async with self.db.transaction() as s:
            follows = (await s.execute(select(TicketFollower).where(
                TicketFollower.ticket_id == detail.ticket.id, TicketFollower.resident_id == resident_id,
            ))).scalar_one_or_none()
        return detail if follows else None

    async def visible_to_staff(self, number: str, staff: StaffFacts, actor: Actor) -> TicketDetail | None:
        """The ticket if `staff` may read it (their grid's, one they hold, or any for the desk:
        permissions' READ); None otherwise, exactly as for a number that does not exist. usertest28: a
        worker's 查询 of their own grid's ticket was told 没有找到."""
        detail = await self.detail(number)
        if detail is None or decide(actor, Verb.READ, TicketFacts.of(detail.ticket), staff=staff) is not None:
            return None
        return detail

    async def resident_name(self, resident_id: int | None) -> str | None:
        if resident_id is None:
            return None
        async with self.db.transaction() as s:
            return (await s.execute(select(Resident.name).where(Resident.id == resident_id))).scalar_one_or_none()

    async def for_resident(self, resident_id: int, limit: int = 10) -> list[Ticket]:
        async with self.db.transaction() as s:
            followed = select(TicketFollower.ticket_id).where(TicketFollower.resident_id == resident_id)
            rows = await s.execute(
                select(Ticket).where(or_(Ticket.resident_id == resident_id, Ticket.id.in_(followed)))
                .order_by(Ticket.created_at.desc(), Ticket.id.desc()).limit(limit)
            )
            return list(rows.scalars())

    async def for_staff(self, staff_id: int, grid_ids: frozenset[int], limit: int = 20) -> list[Ticket]:
        """A worker's open tickets (我的工单): those they hold, then their grids' unclaimed ones;
        the nearest deadline first within each."""
        async with self.db.transaction() as s:
            waiting = Ticket.status.in_([Status.ASSIGNED.value, Status.REOPENED.value]) & Ticket.grid_id.in_(
                list(grid_ids)) & Ticket.assignee_id.is_(None)
            rows = await s.execute(
                select(Ticket).where(ticket_is_open(), or_(Ticket.assignee_id == staff_id, waiting))
                .order_by(case((Ticket.assignee_id == staff_id, 0), else_=1), Ticket.due_at).limit(limit))
            return list(rows.scalars())

    async def open_by_serial(self, serial: str, grid_ids: frozenset[int]) -> list[str]:
        """The numbers of the open tickets of `grid_ids` ending in `serial` (「0005」 for 261207-0005), newest first:
        what a worker means by the serial alone, in their group or to the bot."""
        if not serial.isdigit() or not grid_ids:
            return []
        query = select(Ticket.number).where(ticket_is_open(), Ticket.number.like(f"%-{serial}"),
                                            Ticket.grid_id.in_(grid_ids))
        async with self.db.transaction() as s:
            return list((await s.execute(query.order_by(Ticket.created_at.desc()).limit(5))).scalars())

    async def open_for(self, verb: str, grid_ids: frozenset[int], staff_id: int | None) -> list[str]:
        """What a worker's command word alone (「接单」, 「办结 灯已换好」) can mean: the numbers of the tickets of
        `grid_ids` the verb (a core.service.keys worker verb) acts on, a claimed one only when `staff_id` claimed it,
        emergencies first (the list is the worker's choice: a child locked in a car must not be the fourth
        number), then newest first (at most 5)."""
        statuses = RULES[_ACTIONS[verb]].allowed_from
        if not grid_ids:
            return []
        query = select(Ticket.number).where(
            Ticket.status.in_([s.value for s in statuses]), Ticket.grid_id.in_(grid_ids),
            or_(Ticket.status != Status.ACCEPTED.value, Ticket.assignee_id == staff_id))
        async with self.db.transaction() as s:
            first = case((Ticket.urgency == Urgency.EMERGENCY.value, 0), else_=1)
            return list((await s.execute(query.order_by(first, Ticket.created_at.desc(), Ticket.number.desc())
                                         .limit(5))).scalars())

    async def open_queue(self, *, grid_id: int | None = None, limit: int = 50) -> list[Ticket]:
        """Open tickets, the nearest deadline first (emergencies have the nearest)."""
        async with self.db.transaction() as s:
            return await open_queue(s, grid_id=grid_id, limit=limit)

    async def overdue(self, now: datetime, *, limit: int = 100) -> list[Ticket]:
        async with self.db.transaction() as s:
            return await overdue(s, now, limit=limit)

    async def dispatch_queue(self, limit: int = 50) -> list[Ticket]:
        """What the dispatcher must look at: unrouted, returned, or flagged for a human."""
        async with self.db.transaction() as s:
            rows = await s.execute(
                select(Ticket).where(ticket_is_open(), or_(
                    Ticket.status.in_([Status.SUBMITTED.value, Status.RETURNED.value]),
                    Ticket.needs_dispatcher.is_(True),
                )).order_by(Ticket.due_at).limit(limit)
            )
            return list(rows.scalars())


    async def for_desk(self, now: datetime, limit: int = 20) -> list[Ticket]:
        """A dispatcher's 我的工单 (they hold no tickets; it listed nothing, branch left29): what waits for the desk
        (unrouted, returned, flagged for a human), then the overdue ones not among them."""
        waiting = await self.dispatch_queue(limit)
        seen = {t.id for t in waiting}
        late = [t for t in await self.overdue(now, limit=limit) if t.id not in seen]
        return (waiting + late)[:limit]


async def by_number(s: AsyncSession, number: str) -> Ticket | None:
    return (await s.execute(select(Ticket).where(Ticket.number == number))).scalar_one_or_none()


async def open_queue(s: AsyncSession, *, grid_id: int | None = None, limit: int = 50) -> list[Ticket]:
    # this and the overdue list read the partial index on open tickets' deadlines (SQLite: once its
    # statistics exist, see Database.refresh_statistics; tests/core/test_query_plans.py)
    query = select(Ticket).where(ticket_is_open())
    if grid_id is not None:
        query = query.where(Ticket.grid_id == grid_id)
    return list((await s.execute(query.order_by(Ticket.due_at).limit(limit))).scalars())


async def overdue(s: AsyncSession, now: datetime, *, limit: int = 100) -> list[Ticket]:
    rows = await s.execute(
        select(Ticket).where(ticket_is_open(), Ticket.due_at < now).order_by(Ticket.due_at).limit(limit)
    )
    return list(rows.scalars())
