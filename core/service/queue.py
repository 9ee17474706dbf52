"""The desk's queue: tickets by deadline or newest, filtered (status, grid, category, urgency,
overdue, needs a dispatcher, asked for 人工), searched (number, the phone's last four digits, words),
a page at a time, with the count of each filter. `grid_ids` limits everything to those grids (what a
grid worker may read, as core.service.permissions decides); None means every ticket."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, TypeVar

from sqlalchemy import ColumnElement, Select, and_, case, exists, false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.db.engine import Database
from core.db.models import Grid, Staff, Ticket, TicketEvent, ticket_is_open
from core.enums import EventType, Role, Status
from core.service.numbering import parse_number

Sort = Literal["deadline", "newest"]
Q = TypeVar("Q", bound=Select[*tuple[Any, ...]])
MAX_PAGE_SIZE = 500
MAX_WORDS = 5
_LAST4 = re.compile(r"^\d{4}$")
_DISPATCH_STATUSES = (Status.SUBMITTED.value, Status.RETURNED.value)


@dataclass(frozen=True)
class QueueFilter:
    status: str | None = None  # one status (any, closed ones too); None: every open ticket
    grid: str | None = None  # grid code, or "-" for tickets with no grid
    category: str | None = None
    urgency: str | None = None
    overdue: bool = False
    dispatch: bool = False  # needs a dispatcher: unrouted, returned or flagged
    human: bool = False  # the resident asked for a person (人工)
    search: str = ""
    sort: Sort = "deadline"
    page: int = 1
    size: int = 50


@dataclass(frozen=True)
class QueueRow:
    id: int
    number: str
    status: str
    kind: str
    category: str
    urgency: str
    description: str
    community: str | None
    building: str | None
    unit: str | None
    room: str | None
    address_text: str | None
    contact_phone: str | None
    grid_code: str | None
    grid_name: str | None
    assignee: str | None
    needs_dispatcher: bool
    flag_reason: str | None
    escalation_level: int
    created_at: datetime
    updated_at: datetime
    due_at: datetime
    version: int


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    total: int
    page: int
    size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))


@dataclass(frozen=True)
class QueueCounts:
    """How many open tickets each filter would show (within the reader's grids)."""

    open: int = 0
    overdue: int = 0
    dispatch: int = 0
    human: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    by_urgency: dict[str, int] = field(default_factory=dict)
    by_grid: dict[str, int] = field(default_factory=dict)  # grid code ("-": none) → open tickets
    by_category: dict[str, int] = field(default_factory=dict)


def _asked_for_human() -> ColumnElement[bool]:
    """Flagged by the resident themself (人工); the flag sets needs_dispatcher, which comes first."""
    return and_(Ticket.needs_dispatcher.is_(True), exists().where(
        TicketEvent.ticket_id == Ticket.id, TicketEvent.type == EventType.FLAGGED.value,
        TicketEvent.actor_role == Role.RESIDENT.value))


def _needs_dispatcher() -> ColumnElement[bool]:
    return or_(Ticket.status.in_(_DISPATCH_STATUSES), Ticket.needs_dispatcher.is_(True))


def _visible(query: Q, grid_ids: Collection[int] | None) -> Q:
    if grid_ids is None:
        return query
    if not grid_ids:
        return query.where(false())
    return query.where(Ticket.grid_id.in_(sorted(grid_ids)))


def _search(query: Q, text: str) -> Q:
    text = text.strip()[:100]
    if not text:
        return query
    number = parse_number(text)
    if number is not None:
        return query.where(Ticket.number == number)
    if _LAST4.match(text):
        return query.where(Ticket.contact_phone.like(f"%{text}"))
    words = [w for w in re.split(r"\s+", text) if w][:MAX_WORDS]
    for word in words:
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(or_(Ticket.description.like(pattern, escape="\\"),
                                Ticket.community.like(pattern, escape="\\"),
                                Ticket.address_text.like(pattern, escape="\\")))
    return query


def _filtered(query: Q, f: QueueFilter, now: datetime) -> Q:
    query = query.where(Ticket.status == f.status) if f.status else query.where(ticket_is_open())
    if f.grid == "-":
        query = query.where(Ticket.grid_id.is_(None))
    elif f.grid:
        query = query.where(Ticket.grid_id == select(Grid.id).where(Grid.code == f.grid).scalar_subquery())
    if f.category:
        query = query.where(Ticket.category == f.category)
    if f.urgency:
        query = query.where(Ticket.urgency == f.urgency)
    if f.overdue:
        query = query.where(Ticket.due_at < now)
    if f.dispatch:
        query = query.where(_needs_dispatcher())
    if f.human:
        query = query.where(_asked_for_human())
    return _search(query, f.search)


_ROW = (
    select(Ticket.id, Ticket.number, Ticket.status, Ticket.kind, Ticket.category, Ticket.urgency,
           Ticket.description, Ticket.community, Ticket.building, Ticket.unit, Ticket.room, Ticket.address_text,
           Ticket.contact_phone, Grid.code.label("grid_code"), Grid.name.label("grid_name"),
           Staff.name.label("assignee"), Ticket.needs_dispatcher, Ticket.flag_reason, Ticket.escalation_level,
           Ticket.created_at, Ticket.updated_at, Ticket.due_at, Ticket.version)
    .outerjoin(Grid, Grid.id == Ticket.grid_id)
    .outerjoin(Staff, Staff.id == Ticket.assignee_id)
)


class Queue:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def page(self, f: QueueFilter, now: datetime, *, grid_ids: Collection[int] | None = None) -> QueuePage:
        size = max(1, min(f.size, MAX_PAGE_SIZE))
        page = max(1, f.page)
        async with self.db.transaction() as s:
            return await queue_page(s, f, now, grid_ids=grid_ids, size=size, page=page)

    async def counts(self, now: datetime, *, grid_ids: Collection[int] | None = None) -> QueueCounts:
        async with self.db.transaction() as s:
            return await queue_counts(s, now, grid_ids=grid_ids)

    async def rows_by_number(self, numbers: Collection[str], *,
                             grid_ids: Collection[int] | None = None) -> list[QueueRow]:
        """The queue rows of these tickets (a live update re-renders only what changed)."""
        if not numbers:
            return []
        async with self.db.transaction() as s:
            query = _visible(_ROW.where(Ticket.number.in_(sorted(numbers))), grid_ids)
            return [QueueRow(**r._mapping) for r in await s.execute(query)]


async def queue_page(s: AsyncSession, f: QueueFilter, now: datetime, *, grid_ids: Collection[int] | None,
                     size: int, page: int) -> QueuePage:
    base = _visible(_filtered(select(Ticket.id), f, now), grid_ids)
    total = int((await s.execute(select(func.count()).select_from(base.subquery()))).scalar_one())
    order = ((Ticket.created_at.desc(), Ticket.id.desc()) if f.sort == "newest"
             else (Ticket.due_at, Ticket.id))
    query = _visible(_filtered(_ROW, f, now), grid_ids).order_by(*order).limit(size).offset((page - 1) * size)
    rows = [QueueRow(**r._mapping) for r in await s.execute(query)]
    return QueuePage(rows, total, page, size)


async def queue_counts(s: AsyncSession, now: datetime, *, grid_ids: Collection[int] | None) -> QueueCounts:
    totals = (await s.execute(_visible(select(
        func.count(),
        func.coalesce(func.sum(case((Ticket.due_at < now, 1), else_=0)), 0),
        func.coalesce(func.sum(case((_needs_dispatcher(), 1), else_=0)), 0),
    ).where(ticket_is_open()), grid_ids))).one()
    human = (await s.execute(_visible(select(func.count()).where(ticket_is_open(), _asked_for_human()),
                                      grid_ids))).scalar_one()
    grouped: dict[str, dict[str, int]] = {}
    for name, column in (("status", Ticket.status), ("urgency", Ticket.urgency), ("category", Ticket.category)):
        rows = await s.execute(_visible(select(column, func.count()).where(ticket_is_open()), grid_ids)
                               .group_by(column))
        grouped[name] = {str(k): int(n) for k, n in rows}
    grid_rows = await s.execute(_visible(
        select(Grid.code, func.count()).select_from(Ticket).outerjoin(Grid, Grid.id == Ticket.grid_id)
        .where(ticket_is_open()), grid_ids).group_by(Grid.code))
    return QueueCounts(open=int(totals[0]), overdue=int(totals[1]), dispatch=int(totals[2]), human=int(human),
                       by_status=grouped["status"], by_urgency=grouped["urgency"],
                       by_grid={(code or "-"): int(n) for code, n in grid_rows}, by_category=grouped["category"])
