"""The desk's queue: tickets by deadline or newest, filtered (status, grid, category, urgency,
overdue, needs a dispatcher, asked for 人工), searched (number, the phone's last four digits, words),
a page at a time, with the count of each filter. `grid_ids` limits everything to those grids (what a
grid worker may read, as core.service.permissions decides); None means every ticket.

Sized for a table of millions where only the open tickets are many at once: the next and previous
pages continue from the last / first row shown (keyset, the row's sort key and id in the link)
instead of skipping rows with OFFSET; a page's total is counted up to COUNT_CAP rows and then shown
as "more than" (the closed tickets of years would otherwise be counted on every page view); the
per-filter counts read the open tickets once, from one covering partial index.

A page number typed into the address (no cursor) is read with OFFSET only within the counted rows
(TYPED_PAGES pages, COUNT_CAP rows): deeper, the page would cost a walk over every row before it, and
the total is "1000+" anyway, so the page says so (`too_deep`) and the desk offers a jump to a date
instead (`jump`: a keyset seek on the sort key, as cheap at any depth as the 下一页 links)."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any, Literal, TypeVar

from sqlalchemy import ColumnElement, Select, and_, exists, false, func, or_, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from core.db.engine import Database
from core.db.models import Grid, Staff, Ticket, TicketEvent, ticket_is_open
from core.enums import EventType, Role, Status
from core.service.numbering import parse_number

Sort = Literal["deadline", "newest"]
Q = TypeVar("Q", bound=Select[*tuple[Any, ...]])
MAX_PAGE_SIZE = 500
MAX_WORDS = 5
COUNT_CAP = 1000  # a page's total is exact up to this many tickets, then "1000+"
_LAST4 = re.compile(r"^\d{4}$")
_CURSOR = re.compile(r"^(\d{4}-\d\d-\d\dT[\d:.]+\+00:00)~(\d{1,12})$")
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
    after: str | None = None  # cursor of the last row of the page before (the "next" link)
    before: str | None = None  # cursor of the first row of the page after (the "previous" link)
    jump: datetime | None = None  # start here (jump_to): due from then on, or filed before it (newest)


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
    total: int  # exact, or COUNT_CAP when `more` (there are more than that)
    page: int
    size: int
    more: bool = False
    next_after: str | None = None  # cursor for the next page, None on the last one
    prev_before: str | None = None  # cursor for the previous page, None on the first one
    too_deep: bool = False  # a typed page number past the counted rows: not read (see typed_pages)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def typed_pages(self) -> int:
        """How deep a typed page number may go: the pages the count has seen."""
        return typed_pages(self.size)


def typed_pages(size: int) -> int:
    return max(1, COUNT_CAP // size)


def jump_to(day: date, tz: tzinfo, sort: Sort) -> datetime:
    """Where a jump to a local day starts: by deadline, the tickets due from that day on; newest
    first, the tickets filed on that day or before (the key below the next day's start)."""
    return datetime.combine(day + timedelta(days=sort == "newest"), time.min, tzinfo=tz).astimezone(UTC)


def cursor_of(moment: datetime, ticket_id: int) -> str:
    return f"{moment.isoformat()}~{ticket_id}"


def parse_cursor(text: str) -> tuple[datetime, int] | None:
    """The (sort key, id) a cursor names; None for anything else (a link edited by hand)."""
    match = _CURSOR.match(text)
    if match is None:
        return None
    try:
        return datetime.fromisoformat(match[1]), int(match[2])
    except ValueError:
        return None


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


def _search(query: Q, text: str, postgresql: bool) -> Q:
    text = text.strip()[:100]
    if not text:
        return query
    number = parse_number(text)
    if number is not None:
        return query.where(Ticket.number == number)
    if _LAST4.match(text):
        # the same as LIKE '%1234', written so that PostgreSQL can use ix_tickets_phone_last4
        return query.where(func.right(Ticket.contact_phone, 4) == text) if postgresql else \
            query.where(Ticket.contact_phone.like(f"%{text}"))
    words = [w for w in re.split(r"\s+", text) if w][:MAX_WORDS]
    for word in words:
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(or_(Ticket.description.like(pattern, escape="\\"),
                                Ticket.community.like(pattern, escape="\\"),
                                Ticket.address_text.like(pattern, escape="\\")))
    return query


def _filtered(query: Q, f: QueueFilter, now: datetime, postgresql: bool = False) -> Q:
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
    return _search(query, f.search, postgresql)


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
        # 0: a cursor's page whose number the link did not carry (after a jump)
        page = max(0 if f.after or f.before else 1, f.page)
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
    """`page` 0: a page whose number is not known (after a jump); it is shown without one."""
    postgresql = s.get_bind().dialect.name == "postgresql"
    base = _visible(_filtered(select(Ticket.id), f, now, postgresql), grid_ids)
    # counting stops at COUNT_CAP + 1 rows: what a page shows of a million closed tickets is "1000+"
    total = int((await s.execute(select(func.count()).select_from(base.limit(COUNT_CAP + 1).subquery())))
                .scalar_one())
    key = Ticket.created_at if f.sort == "newest" else Ticket.due_at
    ascending = f.sort != "newest"
    after = parse_cursor(f.after) if f.after else None
    before = parse_cursor(f.before) if f.before and after is None else None
    jumped = after is None and before is None and f.jump is not None
    if jumped:
        assert f.jump is not None
        after = (f.jump, 0)  # (key, id) past (jump, 0) in the sort's direction: the key from the jump on
    elif after is None and before is None and total > COUNT_CAP and page > typed_pages(size):
        return QueuePage([], COUNT_CAP, page, size, more=True, too_deep=True)
    query = _visible(_filtered(_ROW, f, now, postgresql), grid_ids)
    if after or before:
        value, ticket_id = after or before  # type: ignore[misc]
        forward = after is not None
        up = forward == ascending
        query = query.where(tuple_(key, Ticket.id) > tuple_(value, ticket_id) if up else
                            tuple_(key, Ticket.id) < tuple_(value, ticket_id))
        query = query.order_by(*((key, Ticket.id) if up else (key.desc(), Ticket.id.desc()))).limit(size + 1)
        rows = [QueueRow(**r._mapping) for r in await s.execute(query)]
        extra = len(rows) > size
        rows = rows[:size]
        if not forward:
            rows.reverse()
        has_next, has_prev = (extra, True) if forward else (True, extra)
        if jumped:  # one probe of the index for a row before the jump
            has_prev = bool((await s.execute(base.where(
                tuple_(key, Ticket.id) < tuple_(value, 0) if ascending else tuple_(key, Ticket.id) > tuple_(value, 0))
                .limit(1))).first())
        page = (max(page, 2) if page and not jumped else 0) if has_prev else 1
    else:
        order = (key, Ticket.id) if ascending else (key.desc(), Ticket.id.desc())
        query = query.order_by(*order).limit(size + 1).offset((page - 1) * size)
        rows = [QueueRow(**r._mapping) for r in await s.execute(query)]
        has_next, has_prev = len(rows) > size, page > 1
        rows = rows[:size]

    def cursor(r: QueueRow) -> str:
        return cursor_of(r.created_at if f.sort == "newest" else r.due_at, r.id)

    return QueuePage(rows, min(total, COUNT_CAP), page, size, more=total > COUNT_CAP,
                     next_after=cursor(rows[-1]) if rows and has_next else None,
                     prev_before=cursor(rows[0]) if rows and has_prev else None)


async def queue_counts(s: AsyncSession, now: datetime, *, grid_ids: Collection[int] | None) -> QueueCounts:
    """One pass over the open tickets (an index-only scan of ix_tickets_open_facets on PostgreSQL),
    grouped by every faceted column at once and summed here, instead of one scan per filter."""
    facets = (Ticket.status, Ticket.urgency, Ticket.category, Ticket.grid_id, Ticket.needs_dispatcher)
    # overdue as a filtered count, not a grouping key: the groups then follow the index's order
    rows = (await s.execute(_visible(
        select(*facets, func.count(), func.count().filter(Ticket.due_at < now)).where(ticket_is_open()), grid_ids)
        .group_by(*facets))).all()
    codes = {grid_id: code for grid_id, code in await s.execute(select(Grid.id, Grid.code))}
    counts = QueueCounts()
    total = late_total = dispatch = flagged_total = 0
    for status, urgency, category, grid_id, flagged, n, late in rows:
        n = int(n)
        total += n
        late_total += int(late)
        dispatch += n if flagged or status in _DISPATCH_STATUSES else 0
        flagged_total += n if flagged else 0
        for facet, value in ((counts.by_status, status), (counts.by_urgency, urgency),
                             (counts.by_category, category),
                             (counts.by_grid, codes.get(grid_id, "-") if grid_id is not None else "-")):
            facet[str(value)] = facet.get(str(value), 0) + n
    human = (await s.execute(_visible(select(func.count()).where(
        ticket_is_open(), _asked_for_human()), grid_ids))).scalar_one() if flagged_total else 0
    return QueueCounts(open=total, overdue=late_total, dispatch=dispatch, human=int(human),
                       by_status=counts.by_status, by_urgency=counts.by_urgency, by_grid=counts.by_grid,
                       by_category=counts.by_category)
