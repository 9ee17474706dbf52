"""The report's figures. Each is defined in docs/reports.md exactly as computed here; a change to one
is a change to both. Conventions: the period P is [start, end) in local time; "at the end" means the
state replayed from the ticket's events up to `end`, so a report for a past period gives the same
figures whenever it is run (except for tickets retention deleted since); a grid filter means the
ticket's current grid."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.db.engine import Database
from core.db.models import Grid, Staff, StaffGrid, SurveyAnswer, Ticket, TicketEvent
from core.deadlines import DeadlinePolicy
from core.enums import FINAL_STATUSES, OPEN_STATUSES, Complexity, EventType, Kind, Rating, Status, Urgency
from core.errors import NotFound
from core.privacy import Audience, redact
from core.reports.period import Period
from core.texts.common import address_label

FINAL = [s.value for s in FINAL_STATUSES]
SATISFIED = (Rating.SATISFIED.value, Rating.BASIC.value)
RATED = (Rating.SATISFIED.value, Rating.BASIC.value, Rating.DISSATISFIED.value)
UNROUTED = "未派单"


@dataclass(frozen=True)
class Rate:
    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    @property
    def percent(self) -> str:
        return "—" if self.value is None else f"{self.value * 100:.1f}%"


@dataclass(frozen=True)
class OverdueRow:
    number: str
    status: str
    urgency: str
    category: str
    grid: str
    due_at: datetime
    hours_over: float  # at the end of the period
    escalation_level: int


@dataclass(frozen=True)
class OpenRow:
    number: str
    status: str
    urgency: str
    category: str
    grid: str
    address: str
    created_at: datetime
    due_at: datetime
    overdue: bool
    latest: str  # the latest event, in words


@dataclass(frozen=True)
class RecurringRow:
    address: str
    category: str
    count: int
    numbers: tuple[str, ...]


@dataclass
class WorkerRow:
    name: str
    grids: str
    claimed: int = 0
    progress: int = 0
    resolved: int = 0
    resolved_on_time: int = 0
    returned: int = 0
    open_at_end: int = 0
    handling_hours: list[float] = field(default_factory=list)

    @property
    def average_hours(self) -> float | None:
        return sum(self.handling_hours) / len(self.handling_hours) if self.handling_hours else None


@dataclass(frozen=True)
class GridRow:
    grid: str
    filed: int
    feedback_on_time: Rate
    resolved_on_time: Rate


@dataclass
class Report:
    period: Period
    generated_at: datetime
    grid: str | None  # "code 名称" when filtered
    filed: int = 0
    by_kind: list[tuple[str, int]] = field(default_factory=list)
    by_category: list[tuple[str, int]] = field(default_factory=list)
    by_grid: list[tuple[str, int]] = field(default_factory=list)
    by_channel: list[tuple[str, int]] = field(default_factory=list)
    by_urgency: list[tuple[str, int]] = field(default_factory=list)
    feedback_on_time: Rate = Rate(0, 0)
    closure: Rate = Rate(0, 0)
    follow_up: Rate = Rate(0, 0)
    satisfaction: Rate = Rate(0, 0)
    satisfaction_by_category: list[tuple[str, Rate]] = field(default_factory=list)
    dissatisfied: int = 0
    closed_without_answer: int = 0
    resolved_on_time: Rate = Rate(0, 0)
    per_grid: list[GridRow] = field(default_factory=list)
    overdue: list[OverdueRow] = field(default_factory=list)
    resolved_late: int = 0
    returns: int = 0
    returns_by_reason: list[tuple[str, int]] = field(default_factory=list)
    returns_by_grid: list[tuple[str, int]] = field(default_factory=list)
    dispatch_accuracy: Rate = Rate(0, 0)
    recurring: list[RecurringRow] = field(default_factory=list)
    recurring_threshold: int = 3
    workload: list[WorkerRow] = field(default_factory=list)
    open_tickets: list[OpenRow] = field(default_factory=list)
    trend: list[tuple[date, int, int]] = field(default_factory=list)  # day, filed, closed


@dataclass
class _Replay:
    """A ticket's state at the end of the period, from its events."""

    status: str | None = None
    assignee: int | None = None
    latest: TicketEvent | None = None
    claims: dict[int, datetime] = field(default_factory=dict)  # round → last claim
    round_starts: dict[int, datetime] = field(default_factory=dict)


async def compute(db: Database, period: Period, policy: DeadlinePolicy, *, now: datetime,
                  grid_code: str | None = None, recurring_threshold: int = 3) -> Report:
    async with db.transaction() as s:
        return await _compute(s, period, policy, now, grid_code, recurring_threshold)


async def _compute(s: AsyncSession, period: Period, policy: DeadlinePolicy, now: datetime,
                   grid_code: str | None, recurring_threshold: int) -> Report:
    start, end = period.start, period.end
    grids = {g.id: g for g in (await s.execute(select(Grid))).scalars()}
    grid: Grid | None = None
    if grid_code is not None:
        grid = next((g for g in grids.values() if g.code == grid_code), None)
        if grid is None:
            raise NotFound(f"没有网格 {grid_code}")
    report = Report(period=period, generated_at=now, grid=f"{grid.code} {grid.name}" if grid else None,
                    recurring_threshold=recurring_threshold)

    def in_grid(query: Select[Any]) -> Select[Any]:
        return query.where(Ticket.grid_id == grid.id) if grid is not None else query

    def grid_name(grid_id: int | None) -> str:
        return grids[grid_id].name if grid_id in grids else UNROUTED

    # every ticket whose state at the end may not be final, or that changed during the period
    relevant = list((await s.execute(in_grid(select(Ticket).where(
        Ticket.created_at < end,
        # NULL-safe "not (final and closed before the period)"
        or_(Ticket.status.not_in(FINAL), Ticket.closed_at.is_(None), Ticket.closed_at >= start),
    )).order_by(Ticket.id))).scalars())
    by_id = {t.id: t for t in relevant}
    events: dict[int, list[TicketEvent]] = defaultdict(list)
    if by_id:
        for ev in (await s.execute(select(TicketEvent).where(
                TicketEvent.ticket_id.in_(list(by_id)), TicketEvent.at < end).order_by(TicketEvent.id))).scalars():
            events[ev.ticket_id].append(ev)
    replay = {tid: _replay(by_id[tid], events[tid]) for tid in by_id}

    # ---- intake: tickets filed in P ----------------------------------------------------------------
    filed = [t for t in relevant if period.contains(t.created_at)]
    report.filed = len(filed)
    report.by_kind = _count(Kind(t.kind).label for t in filed)
    report.by_category = _count(t.category for t in filed)
    report.by_grid = _count(grid_name(t.grid_id) for t in filed)
    report.by_channel = _count(t.channel for t in filed)
    report.by_urgency = _count(Urgency(t.urgency).label for t in filed)

    # ---- 反馈及时率: first answer by first_response_due_at, for tickets whose deadline fell in P ------
    due_in_p = list((await s.execute(in_grid(select(Ticket).where(
        Ticket.first_response_due_at >= start, Ticket.first_response_due_at < end)))).scalars())
    feedback = [t for t in due_in_p if not (
        t.status in (Status.CANCELLED.value, Status.MERGED.value)
        and t.closed_at is not None and t.closed_at <= t.first_response_due_at)]
    on_time = [t for t in feedback if t.first_response_at is not None and t.first_response_at <= t.first_response_due_at]
    report.feedback_on_time = Rate(len(on_time), len(feedback))

    # ---- 结案率: tickets filed in P that are closed at the end (cancelled/merged ones left out) -----
    closable = [t for t in filed if replay[t.id].status not in (Status.CANCELLED.value, Status.MERGED.value)]
    report.closure = Rate(sum(replay[t.id].status == Status.CLOSED.value for t in closable), len(closable))

    # ---- resolution rounds in P: 回访率, 按时办结率 ---------------------------------------------------
    answers = await _owner_answers(s, by_id, end)
    rounds: list[tuple[Ticket, int, TicketEvent]] = []
    for tid, evs in events.items():
        round_ = 1
        for ev in evs:
            if ev.type == EventType.REOPENED.value:
                round_ += 1
            elif ev.type == EventType.RESOLVED.value and period.contains(ev.at):
                rounds.append((by_id[tid], round_, ev))
    followed = [r for r in rounds if (r[0].id, r[1]) in answers and answers[(r[0].id, r[1])].rating != Rating.NO_ANSWER.value]
    report.follow_up = Rate(len(followed), len(rounds))
    late_flags = {(t.id, rnd): ev.at > _round_due(t, rnd, replay[t.id], policy) for t, rnd, ev in rounds}
    report.resolved_on_time = Rate(sum(not late for late in late_flags.values()), len(rounds))
    report.resolved_late = sum(late_flags.values())

    # ---- 满意率: answers given in P by the ticket's resident (no_answer is not an answer) ------------
    given = [(by_id[tid], a) for (tid, _), a in answers.items() if period.contains(a.answered_at)]
    rated = [(t, a) for t, a in given if a.rating in RATED]
    report.satisfaction = Rate(sum(a.rating in SATISFIED for _, a in rated), len(rated))
    report.dissatisfied = sum(a.rating == Rating.DISSATISFIED.value for _, a in rated)
    report.closed_without_answer = sum(a.rating == Rating.NO_ANSWER.value for _, a in given)
    per_category: dict[str, list[bool]] = defaultdict(list)
    for t, a in rated:
        per_category[t.category].append(a.rating in SATISFIED)
    report.satisfaction_by_category = [(c, Rate(sum(v), len(v))) for c, v in sorted(per_category.items())]

    # ---- per grid ---------------------------------------------------------------------------------
    grid_ids = sorted({t.grid_id for t in filed} | {t.grid_id for t in feedback} | {t.grid_id for t, _, _ in rounds},
                      key=lambda g: (g is None, grid_name(g)))
    on_time_ids = {t.id for t in on_time}
    for gid in grid_ids:
        fb = [t for t in feedback if t.grid_id == gid]
        rs = [(t, rnd) for t, rnd, _ in rounds if t.grid_id == gid]
        report.per_grid.append(GridRow(
            grid_name(gid), sum(t.grid_id == gid for t in filed),
            Rate(sum(t.id in on_time_ids for t in fb), len(fb)),
            Rate(sum(not late_flags[(t.id, rnd)] for t, rnd in rs), len(rs))))

    # ---- overdue at the end, open tickets -----------------------------------------------------------
    for t in relevant:
        state = replay[t.id]
        if state.status is None or Status(state.status) in FINAL_STATUSES:
            continue
        is_open = Status(state.status) in OPEN_STATUSES
        overdue = is_open and t.due_at < end
        if overdue:
            report.overdue.append(OverdueRow(
                t.number, Status(state.status).label, Urgency(t.urgency).label, t.category, grid_name(t.grid_id),
                t.due_at, (end - t.due_at).total_seconds() / 3600, t.escalation_level))
        report.open_tickets.append(OpenRow(
            t.number, Status(state.status).label, Urgency(t.urgency).label, t.category, grid_name(t.grid_id),
            address_label(t), t.created_at, t.due_at, overdue, _describe(state.latest)))
    report.overdue.sort(key=lambda r: r.due_at)
    report.open_tickets.sort(key=lambda r: (not r.overdue, r.due_at))

    # ---- returns (退回) in P: from this grid, when filtered ------------------------------------------
    returned = list((await s.execute(select(TicketEvent).where(
        TicketEvent.type == EventType.RETURNED.value, TicketEvent.at >= start, TicketEvent.at < end)
        .order_by(TicketEvent.id))).scalars())
    if grid is not None:
        returned = [ev for ev in returned if ev.data.get("from_grid_id") == grid.id]
    report.returns = len(returned)
    report.returns_by_reason = _count(str(ev.data.get("reason") or ev.note or "未说明") for ev in returned)
    report.returns_by_grid = _count(grid_name(ev.data.get("from_grid_id")) for ev in returned)

    # ---- dispatch accuracy: the first check (RECLASSIFIED) of each ticket, if it fell in P ----------
    checks = (await s.execute(in_grid(select(TicketEvent).join(Ticket, Ticket.id == TicketEvent.ticket_id).where(
        TicketEvent.type == EventType.RECLASSIFIED.value, TicketEvent.at < end)).order_by(TicketEvent.id))).scalars()
    first_check: dict[int, TicketEvent] = {}
    for ev in checks:
        first_check.setdefault(ev.ticket_id, ev)
    checked = [ev for ev in first_check.values() if period.contains(ev.at)]
    report.dispatch_accuracy = Rate(sum(not ev.data.get("corrected") for ev in checked), len(checked))

    # ---- recurring problems: same 小区/楼栋/单元 and category, filed in P ------------------------------
    groups: dict[tuple[str, str, str, str], list[Ticket]] = defaultdict(list)
    for t in filed:
        if t.community and t.community.strip():
            key = (t.community.strip(), (t.building or "").strip(), (t.unit or "").strip(), t.category)
            groups[key].append(t)
    for (community, building, unit, category), members in groups.items():
        if len(members) >= recurring_threshold:
            place = community + (f"{building}栋" if building else "") + (f"{unit}单元" if unit else "")
            report.recurring.append(RecurringRow(place, category, len(members),
                                                 tuple(sorted(t.number for t in members))))
    report.recurring.sort(key=lambda r: (-r.count, r.address))

    # ---- per-worker workload ---------------------------------------------------------------------
    report.workload = await _workload(s, events, by_id, replay, late_flags, period, grid)

    # ---- trend: tickets filed and closed per day ----------------------------------------------------
    report.trend = await _trend(s, period, grid)
    return report


def _replay(t: Ticket, evs: list[TicketEvent]) -> _Replay:
    state = _Replay()
    round_ = 1
    state.round_starts[1] = t.created_at
    for ev in evs:
        if ev.to_status:
            state.status = ev.to_status
        kind = ev.type
        taker = _taker(ev)
        if taker is not None:
            state.assignee = taker
            state.claims[round_] = ev.at
        elif kind in (EventType.RETURNED.value, EventType.ASSIGNED.value, EventType.REOPENED.value):
            state.assignee = None
        if kind == EventType.REOPENED.value:
            round_ += 1
            state.round_starts[round_] = ev.at
        if kind not in (EventType.NOTE.value, EventType.FOLLOWER_JOINED.value):
            state.latest = ev
    return state


def _taker(ev: TicketEvent) -> int | None:
    """The worker who takes the ticket with this event: the claimer, or the named worker the desk
    assigned it to (指派, an ASSIGNED event naming an assignee); None for any other event."""
    if ev.type == EventType.CLAIMED.value:
        return ev.actor_staff_id
    if ev.type == EventType.ASSIGNED.value and ev.data and ev.data.get("assignee_id") is not None:
        return int(ev.data["assignee_id"])
    return None


def _round_due(t: Ticket, round_: int, state: _Replay, policy: DeadlinePolicy) -> datetime:
    """The resolution deadline of a round: the ticket's own for its current round; earlier rounds'
    deadlines were overwritten on reopening, so they are computed again the same way."""
    if round_ == t.round:
        return t.due_at
    started = state.round_starts.get(round_, t.created_at)
    return policy.compute(started, category=t.category, urgency=Urgency(t.urgency),
                          complexity=Complexity(t.complexity)).due_at


async def _owner_answers(s: AsyncSession, by_id: dict[int, Ticket], end: datetime
                         ) -> dict[tuple[int, int], SurveyAnswer]:
    if not by_id:
        return {}
    rows = (await s.execute(select(SurveyAnswer).where(
        SurveyAnswer.ticket_id.in_(list(by_id)), SurveyAnswer.answered_at < end))).scalars()
    return {(a.ticket_id, a.round): a for a in rows if a.resident_id == by_id[a.ticket_id].resident_id}


async def _workload(s: AsyncSession, events: dict[int, list[TicketEvent]], by_id: dict[int, Ticket],
                    replay: dict[int, _Replay], late: dict[tuple[int, int], bool], period: Period,
                    grid: Grid | None) -> list[WorkerRow]:
    staff = {st.id: st for st in (await s.execute(select(Staff))).scalars()}
    member_rows = (await s.execute(select(StaffGrid.staff_id, Grid.name).join(Grid, Grid.id == StaffGrid.grid_id))).all()
    memberships: dict[int, list[str]] = defaultdict(list)
    for staff_id, name in member_rows:
        memberships[staff_id].append(name)
    rows: dict[int, WorkerRow] = {}

    def row(staff_id: int) -> WorkerRow:
        if staff_id not in rows:
            st = staff.get(staff_id)
            rows[staff_id] = WorkerRow(st.name if st else f"#{staff_id}", "、".join(sorted(memberships[staff_id])))
        return rows[staff_id]

    for tid, evs in events.items():
        round_ = 1
        claimed_at: datetime | None = None
        holder: int | None = None
        taken: set[int] = set()  # who took this round (own claim or the desk's assignment): counted once
        for ev in evs:
            if ev.type == EventType.REOPENED.value:
                round_ += 1
                claimed_at, holder, taken = None, None, set()
            elif ev.type == EventType.RETURNED.value:
                holder = None
            taker = _taker(ev)
            if taker is not None:
                if taker != holder:  # the handling time runs from when this worker took it
                    claimed_at, holder = ev.at, taker
                if taker not in taken and period.contains(ev.at):
                    row(taker).claimed += 1
                taken.add(taker)
            if ev.actor_staff_id is None or not period.contains(ev.at):
                continue
            if ev.type == EventType.PROGRESS.value:
                row(ev.actor_staff_id).progress += 1
            elif ev.type == EventType.RETURNED.value:
                row(ev.actor_staff_id).returned += 1
            elif ev.type == EventType.RESOLVED.value:
                r = row(ev.actor_staff_id)
                r.resolved += 1
                r.resolved_on_time += not late.get((tid, round_), False)
                if claimed_at is not None:
                    r.handling_hours.append((ev.at - claimed_at).total_seconds() / 3600)
    for state in replay.values():
        if state.assignee is not None and state.status and Status(state.status) in OPEN_STATUSES:
            row(state.assignee).open_at_end += 1
    return sorted(rows.values(), key=lambda r: (-(r.resolved + r.claimed + r.open_at_end), r.name))


async def _trend(s: AsyncSession, period: Period, grid: Grid | None) -> list[tuple[date, int, int]]:
    days = max(period.days, 14)
    first = period.last_day - timedelta(days=days - 1)
    start = datetime.combine(first, datetime.min.time(), tzinfo=period.tz)
    end = period.end
    created = select(Ticket.created_at).where(Ticket.created_at >= start, Ticket.created_at < end)
    closed = select(TicketEvent.at).join(Ticket, Ticket.id == TicketEvent.ticket_id).where(
        TicketEvent.type == EventType.CLOSED.value, TicketEvent.at >= start, TicketEvent.at < end)
    if grid is not None:
        created, closed = created.where(Ticket.grid_id == grid.id), closed.where(Ticket.grid_id == grid.id)
    filed_per_day = Counter(at.astimezone(period.tz).date() for at in (await s.execute(created)).scalars())
    closed_per_day = Counter(at.astimezone(period.tz).date() for at in (await s.execute(closed)).scalars())
    return [(first + timedelta(days=i), filed_per_day[first + timedelta(days=i)],
             closed_per_day[first + timedelta(days=i)]) for i in range(days)]


def _count(values: Iterable[str]) -> list[tuple[str, int]]:
    return sorted(Counter(values).items(), key=lambda kv: (-kv[1], kv[0]))


def _describe(ev: TicketEvent | None) -> str:
    """The latest event in a few words, as a group may see it (the report goes to the desk's group)."""
    if ev is None:
        return ""
    label = EventType(ev.type).label
    note = redact(ev.note, Audience.GROUP)
    return f"{label}：{note[:60]}" if note else label
