"""Timers: what must happen later without anyone remembering it. Nothing is scheduled in memory:
each pass asks the database which tickets have a deadline behind them and a timer that has not
fired, and fires it through the ticket service with a `Once` claim — a `timer_firings` row written
in the same transaction as the effect. Any number of processes may run passes; each timer fires
once. Time comes only from the injected clock.

Per ticket and resolution round:
  reminder          the grid, at each configured fraction of the working time from filing (or reopening)
                    to due_at
  unclaimed         the grid, when nobody claimed a non-emergency ticket by claim_due_at
  emergency         escalation level 1, when nobody claimed an emergency by claim_due_at
  first_response    the grid, when the resident got no first answer by first_response_due_at
  overdue           escalation level 1 (the supervisors), when an open ticket passed due_at
  manager           escalation level 2 (the head, seed 004), when it is still open at escalate_at
  redispatch        escalation level 1, when a returned ticket was not dispatched again in time
  bounced           the dispatcher, when a ticket was returned more than `bounce_limit` times
  survey_reminder   the resident, once, when the survey is unanswered some hours after it reached them
  phone_followup    the grid: phone the resident and record the answer (buttons fu:<n>:<round>:<rating>)
  close_unanswered  closed as "no answer" (never as satisfied) when there is still no answer
Daily: the 热线日报 to the dispatchers (`daily_report`), retention (`retention`). (Dialog drafts are
swept by the dialogs' own component, bot.dialogs.sweeper.)

Non-emergency nudges wait out the quiet hours (default 22:00–08:00 local)."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import partial

from sqlalchemy import String, and_, cast, exists, func, literal, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from core.clock import Clock
from core.db.engine import Database
from core.db.models import OutboxMessage, SurveyAnswer, Ticket, TicketEvent, TimerFiring, ticket_is_open
from core.enums import OPEN_STATUSES, EventType, Status, Urgency
from core.errors import DomainError
from core.followthrough.settings import FollowThroughSettings
from core.service.actor import Actor
from core.service.once import Once, StillDue
from core.service.tickets import TicketService
from core.texts import notes
from core.workcalendar import WorkCalendar

log = logging.getLogger(__name__)

UNCLAIMED_STATUSES = (Status.SUBMITTED.value, Status.ASSIGNED.value, Status.REOPENED.value)
GRID_STATUSES = (Status.ASSIGNED.value, Status.ACCEPTED.value, Status.REOPENED.value)

# a daily job gets the local date; it claims ("<kind>", 0, 1, date) itself, in the transaction of its
# effect, and returns whether it was the one that fired
DailyJob = Callable[[date], Awaitable[bool]]


def workday_at(calendar: WorkCalendar, start: datetime, days: int, at: time) -> datetime:
    """`at` o'clock on the `days`-th working day after `start`'s local date."""
    day, counted = calendar.local_date(start), 0
    while counted < days:
        day += timedelta(days=1)
        if calendar.is_workday(day):
            counted += 1
    return datetime.combine(day, at, tzinfo=calendar.tz)


def working_instant(calendar: WorkCalendar, start: datetime, end: datetime, fraction: float) -> datetime:
    """The moment when `fraction` of the working time between `start` and `end` has passed; working
    time is the part of [start, end] that falls on working days (holidays and weekends do not
    count, make-up workdays do). With no working time at all, plain elapsed time is used."""
    tz = calendar.tz
    spans: list[tuple[datetime, datetime]] = []
    day = calendar.local_date(start)
    while True:
        day_start = datetime.combine(day, time(0), tzinfo=tz)
        day_end = day_start + timedelta(days=1)
        lo, hi = max(start, day_start), min(end, day_end)
        if lo < hi and calendar.is_workday(day):
            spans.append((lo, hi))
        if day_end >= end:
            break
        day += timedelta(days=1)
    total = sum(((hi - lo) for lo, hi in spans), timedelta())
    if total <= timedelta():
        return start + (end - start) * fraction
    target = total * fraction
    for lo, hi in spans:
        if target <= hi - lo:
            return lo + target
        target -= hi - lo
    return end


def in_quiet_hours(local: time, start: time, end: time) -> bool:
    if start == end:
        return False
    if start < end:
        return start <= local < end
    return local >= start or local < end  # over midnight


@dataclass(frozen=True)
class _Due:
    number: str
    round: int
    step: str = ""


@dataclass(frozen=True)
class _Spec:
    """A simple timer: which tickets are due (`condition`), keyed by `step`, and the jobs for them."""

    kind: str
    condition: ColumnElement[bool]
    make: Callable[[list[_Due]], list[_Job]]
    step: ColumnElement[str] | None = None


@dataclass(frozen=True)
class _Job:
    """A timer found due: `fire` makes the change through the ticket service under `Once`."""

    kind: str
    due: _Due
    fire: Callable[[Once], Awaitable[object]]
    still: StillDue | None = None


class Timers:
    def __init__(self, db: Database, clock: Clock, tickets: TicketService, calendar: WorkCalendar,
                 settings: FollowThroughSettings, *, worker: str | None = None,
                 daily_report: DailyJob | None = None, retention: DailyJob | None = None) -> None:
        self.db, self.clock, self.tickets, self.calendar = db, clock, tickets, calendar
        self.settings, self.worker = settings, worker
        self.daily_report, self.retention = daily_report, retention

    # ---- the pass -------------------------------------------------------------------------------

    async def run_once(self) -> dict[str, int]:
        """Fire everything that is due now. Returns how many timers of each kind fired."""
        await self.calendar.refresh()  # holidays entered at the desk since the last tick
        now = self.clock.now()
        local = now.astimezone(self.calendar.tz)
        quiet = in_quiet_hours(local.time(), self.settings.timers.quiet_start, self.settings.timers.quiet_end)
        specs = [self._emergency(now), self._overdue(now, quiet), self._manager(now, quiet),
                 self._redispatch(now, quiet), self._bounced(quiet), self._unclaimed(now, quiet),
                 self._first_response(now, quiet)]
        jobs: list[_Job] = []
        daily: list[tuple[str, DailyJob]] = []
        try:
            async with self.db.transaction() as s:  # one short read for the whole pass
                found = await self._candidates(s, specs)
                for spec in specs:
                    jobs += spec.make(found.get(spec.kind, []))
                jobs += await self._reminders(s, now, quiet)
                jobs += await self._follow_up(s, now, quiet)
                daily = await self._daily_due(s, local)
        except Exception:  # the database went away for a moment: the next pass tries again
            log.exception("timer pass could not read what is due")
            return {}
        fired: dict[str, int] = {}
        for job in jobs:
            once = Once(kind=job.kind, round=job.due.round, step=job.due.step, worker=self.worker,
                        still_due=job.still)
            try:
                await job.fire(once)
            except DomainError as exc:  # the ticket moved on since we looked; the claim rolled back
                log.info("timer %s on %s skipped: %s", job.kind, job.due.number, exc.message)
            except Exception:  # one broken ticket must not stop the others
                log.exception("timer %s on %s failed", job.kind, job.due.number)
            if once.fired:
                fired[job.kind] = fired.get(job.kind, 0) + 1
        for kind, run in daily:
            try:
                if await run(local.date()):
                    fired[kind] = 1
            except Exception:
                log.exception("daily job %s failed", kind)
        return fired

    # ---- escalations ----------------------------------------------------------------------------

    def _emergency(self, now: datetime) -> _Spec:
        async def still(s: AsyncSession, t: Ticket, now: datetime) -> bool:
            return t.status in UNCLAIMED_STATUSES and t.claim_due_at <= now

        return _Spec("emergency", and_(
            Ticket.urgency == Urgency.EMERGENCY.value, Ticket.status.in_(UNCLAIMED_STATUSES),
            Ticket.claim_due_at <= now),
            make=partial(self._escalations, "emergency", 1, notes.EMERGENCY_UNCLAIMED, still))

    def _overdue(self, now: datetime, quiet: bool) -> _Spec:
        async def still(s: AsyncSession, t: Ticket, now: datetime) -> bool:
            return Status(t.status) in OPEN_STATUSES and t.due_at <= now

        return _Spec("overdue", and_(ticket_is_open(), Ticket.due_at <= now, _urgent_only(quiet)),
                     make=partial(self._escalations, "overdue", 1, notes.OVERDUE, still))

    def _manager(self, now: datetime, quiet: bool) -> _Spec:
        async def still(s: AsyncSession, t: Ticket, now: datetime) -> bool:
            return Status(t.status) in OPEN_STATUSES and t.escalate_at <= now

        days = self.tickets.policy.default.escalate_workdays
        return _Spec("manager", and_(ticket_is_open(), Ticket.escalate_at <= now, _urgent_only(quiet)),
                     make=partial(self._escalations, "manager", 2, notes.unresolved_after(days), still))

    def _redispatch(self, now: datetime, quiet: bool) -> _Spec:
        hours = self.settings.timers.redispatch_hours
        returned_at = (select(func.max(TicketEvent.at)).where(
            TicketEvent.ticket_id == Ticket.id, TicketEvent.type == EventType.RETURNED.value)
            .correlate(Ticket).scalar_subquery())

        async def still(s: AsyncSession, t: Ticket, now: datetime) -> bool:
            return t.status == Status.RETURNED.value

        return _Spec("redispatch", and_(Ticket.status == Status.RETURNED.value,
                                        returned_at <= now - timedelta(hours=hours), _urgent_only(quiet)),
                     step=cast(Ticket.return_count, String),
                     make=partial(self._escalations, "redispatch", 1, notes.not_redispatched(hours), still))

    def _bounced(self, quiet: bool) -> _Spec:
        limit = self.settings.timers.bounce_limit

        def make(rows: list[_Due]) -> list[_Job]:
            return [_Job("bounced", due, partial(self._flag, due.number,
                                                 notes.bounced(due.step))) for due in rows]

        return _Spec("bounced", and_(ticket_is_open(), Ticket.return_count > limit, _urgent_only(quiet)),
                     step=cast(Ticket.return_count, String), make=make)

    def _escalations(self, kind: str, level: int, reason: str, still: StillDue, rows: list[_Due]) -> list[_Job]:
        return [_Job(kind, due, partial(self._escalate, due.number, level, reason), still) for due in rows]

    async def _escalate(self, number: str, level: int, reason: str, once: Once) -> None:
        await self.tickets.escalate(number, Actor.system(), level, reason, once=once)

    async def _flag(self, number: str, reason: str, once: Once) -> None:
        await self.tickets.flag(number, Actor.system(), reason, once=once)

    async def _remind(self, number: str, reminder: str, note: str, data: dict[str, object] | None,
                      once: Once) -> None:
        await self.tickets.remind(number, reminder, note=note, data=dict(data or {}), once=once)

    # ---- nudges to the grid ---------------------------------------------------------------------

    async def _reminders(self, s: AsyncSession, now: datetime, quiet: bool) -> list[_Job]:
        """At each fraction of the *working* time between filing (or reopening) and the deadline, so
        nudges land on working days. When several fractions have passed at once (quiet hours, a
        process that was down), only the latest is sent: one nudge, not a burst."""
        fractions = sorted(self.settings.timers.reminder_fractions)
        if not fractions:
            return []
        started = func.coalesce(
            select(func.max(TicketEvent.at)).where(
                TicketEvent.ticket_id == Ticket.id, TicketEvent.type == EventType.REOPENED.value)
            .correlate(Ticket).scalar_subquery(), Ticket.created_at)
        rows = (await s.execute(
            select(Ticket.id, Ticket.number, Ticket.round, Ticket.due_at, started)
            .where(ticket_is_open(), Ticket.status.in_(GRID_STATUSES), Ticket.due_at > now,
                   _urgent_only(quiet), self._not_fired("reminder", literal(f"{fractions[-1]:g}")))
            .order_by(Ticket.due_at))).all()
        fired_steps = await self._fired_steps(s, ("reminder",), [r[0] for r in rows])

        async def still(s: AsyncSession, t: Ticket, now: datetime) -> bool:
            return t.status in GRID_STATUSES and now < t.due_at

        jobs = []
        for ticket_id, number, round_, due_at, start in rows:
            passed = [f for f in fractions if now >= working_instant(self.calendar, start, due_at, f)]
            if not passed or f"{passed[-1]:g}" in fired_steps[("reminder", ticket_id, round_)]:
                continue
            latest = passed[-1]
            jobs.append(_Job("reminder", _Due(number, round_, f"{latest:g}"), partial(
                self._remind, number, "deadline", notes.deadline_passed(latest), {"percent": round(latest * 100)}),
                still))
        return jobs

    def _unclaimed(self, now: datetime, quiet: bool) -> _Spec:
        claimable = (Status.ASSIGNED.value, Status.REOPENED.value)

        async def still(s: AsyncSession, t: Ticket, now: datetime) -> bool:
            return t.status in claimable

        return _Spec("unclaimed", and_(Ticket.urgency != Urgency.EMERGENCY.value, Ticket.status.in_(claimable),
                                       Ticket.claim_due_at <= now, Ticket.due_at > now, _urgent_only(quiet)),
                     make=partial(self._reminder_jobs, "unclaimed", notes.UNCLAIMED, still))

    def _first_response(self, now: datetime, quiet: bool) -> _Spec:
        async def still(s: AsyncSession, t: Ticket, now: datetime) -> bool:
            return t.first_response_at is None and t.status in GRID_STATUSES

        return _Spec("first_response", and_(ticket_is_open(), Ticket.status.in_(GRID_STATUSES),
                                            Ticket.first_response_at.is_(None), Ticket.first_response_due_at <= now,
                                            _urgent_only(quiet)),
                     make=partial(self._reminder_jobs, "first_response", notes.NO_FIRST_RESPONSE, still))

    def _reminder_jobs(self, kind: str, note: str, still: StillDue, rows: list[_Due]) -> list[_Job]:
        return [_Job(kind, due, partial(self._remind, due.number, kind, note, None), still) for due in rows]

    # ---- the follow-up visit (回访) ---------------------------------------------------------------

    async def _follow_up(self, s: AsyncSession, now: datetime, quiet: bool) -> list[_Job]:
        """Resolved tickets whose resident has not answered this round's survey: one reminder to
        the resident, then a phone task for the grid, then closing as "no answer". None of it is
        urgent, so it waits out the quiet hours."""
        if quiet:
            return []
        f = self.settings.followup
        rows = (await s.execute(
            select(Ticket.id, Ticket.number, Ticket.round, Ticket.resolved_at)
            .where(Ticket.status == Status.RESOLVED.value, Ticket.resolved_at.is_not(None), ~_answered(),
                   self._not_fired("close_unanswered", literal("")))
            .order_by(Ticket.resolved_at))).all()
        kinds = ("survey_reminder", "phone_followup", "close_unanswered")
        done = await self._fired_steps(s, kinds, [r[0] for r in rows])
        wait = timedelta(hours=f.survey_reminder_hours)
        jobs: list[_Job] = []
        for ticket_id, number, round_, resolved_at in rows:
            if resolved_at is None:
                continue
            due = _Due(number, round_)
            # one stage per pass, the latest that is due: a later stage makes the earlier ones moot
            if now >= workday_at(self.calendar, resolved_at, f.close_after_workdays, f.workday_start):
                jobs.append(_Job("close_unanswered", due, partial(self._close, number), _still_unanswered))
            elif now >= workday_at(self.calendar, resolved_at, f.phone_after_workdays, f.workday_start):
                if "" not in done[("phone_followup", ticket_id, round_)]:
                    jobs.append(_Job("phone_followup", due, partial(
                        self._remind, number, "phone_followup", "居民未评价，转电话回访", None), _still_unanswered))
            elif "" not in done[("survey_reminder", ticket_id, round_)] and now >= resolved_at + wait:
                jobs.append(_Job("survey_reminder", due, partial(self._remind, number, "survey", "回访提醒", None),
                                 partial(_survey_reminder_due, wait=wait)))
        return jobs

    async def _close(self, number: str, once: Once) -> None:
        await self.tickets.close_unanswered(number, once=once)

    # ---- daily jobs -----------------------------------------------------------------------------

    async def _daily_due(self, s: AsyncSession, local: datetime) -> list[tuple[str, DailyJob]]:
        candidates: list[tuple[str, DailyJob]] = []
        for kind, job, at in (("daily_report", self.daily_report, self.settings.reports.daily_at),
                              ("retention", self.retention, self.settings.retention.run_at)):
            if job is None or local.time() < at:
                continue
            if kind == "daily_report" and self.settings.reports.daily_workdays_only \
                    and not self.calendar.is_workday(local.date()):
                continue
            candidates.append((kind, job))
        if not candidates:
            return []
        done = set((await s.execute(select(TimerFiring.kind).where(
            TimerFiring.kind.in_([kind for kind, _ in candidates]), TimerFiring.subject == 0,
            TimerFiring.step == local.date().isoformat()))).scalars())
        return [(kind, job) for kind, job in candidates if kind not in done]

    # ---- machinery ------------------------------------------------------------------------------

    def _not_fired(self, kind: str, step: ColumnElement[str]) -> ColumnElement[bool]:
        return ~exists().where(TimerFiring.kind == kind, TimerFiring.subject == Ticket.id,
                               TimerFiring.round == Ticket.round, TimerFiring.step == step)

    async def _candidates(self, s: AsyncSession, specs: list[_Spec]) -> dict[str, list[_Due]]:
        """Every simple timer's due tickets in one statement (UNION ALL): a pass stays cheap."""
        parts = []
        for spec in specs:
            step = spec.step if spec.step is not None else literal("")
            parts.append(select(literal(spec.kind).label("kind"), Ticket.number.label("number"),
                                Ticket.round.label("round"), step.label("step"))
                         .where(spec.condition, self._not_fired(spec.kind, step))
                         .order_by(Ticket.id).limit(self.settings.timers.batch).subquery())
        query = union_all(*(select(part) for part in parts))
        found: dict[str, list[_Due]] = defaultdict(list)
        for kind, number, round_, step_value in (await s.execute(query)).all():
            found[kind].append(_Due(number, round_, str(step_value)))
        return found

    async def _fired_steps(self, s: AsyncSession, kinds: tuple[str, ...], ticket_ids: list[int]
                           ) -> defaultdict[tuple[str, int, int], set[str]]:
        steps: defaultdict[tuple[str, int, int], set[str]] = defaultdict(set)
        for start in range(0, len(ticket_ids), 500):
            rows = await s.execute(select(TimerFiring.kind, TimerFiring.subject, TimerFiring.round,
                                          TimerFiring.step).where(
                TimerFiring.kind.in_(kinds), TimerFiring.subject.in_(ticket_ids[start:start + 500])))
            for kind, subject, round_, step in rows.all():
                steps[(kind, subject, round_)].add(step)
        return steps


def _urgent_only(quiet: bool) -> ColumnElement[bool]:
    """During quiet hours only emergencies are chased."""
    if quiet:
        return Ticket.urgency == Urgency.EMERGENCY.value
    return literal(True)


def _answered() -> ColumnElement[bool]:
    return exists().where(SurveyAnswer.ticket_id == Ticket.id, SurveyAnswer.round == Ticket.round,
                          SurveyAnswer.resident_id == Ticket.resident_id)


async def _has_answer(s: AsyncSession, t: Ticket) -> bool:
    found = await s.execute(select(SurveyAnswer.id).where(
        SurveyAnswer.ticket_id == t.id, SurveyAnswer.round == t.round, SurveyAnswer.resident_id == t.resident_id))
    return found.first() is not None


async def _still_unanswered(s: AsyncSession, t: Ticket, now: datetime) -> bool:
    return t.status == Status.RESOLVED.value and not await _has_answer(s, t)


async def _survey_reminder_due(s: AsyncSession, t: Ticket, now: datetime, *, wait: timedelta) -> bool:
    """The survey must have reached the resident `wait` ago: one still held for WeChat's window
    (deferred until they write again) or not yet sent does not count — a reminder would only pile
    up behind it."""
    if not await _still_unanswered(s, t, now):
        return False
    reached = await _survey_reached(s, t)
    return reached is not None and now >= reached + wait


async def _survey_reached(s: AsyncSession, t: Ticket) -> datetime | None:
    """When this round's survey reached the resident: None while one is still on its way (pending,
    or deferred until they write again). A ticket without any survey row counts from resolution."""
    rows = (await s.execute(select(OutboxMessage.status, OutboxMessage.sent_at).where(
        OutboxMessage.ticket_id == t.id, OutboxMessage.purpose == "survey",
        OutboxMessage.created_at >= t.resolved_at))).all()
    if any(status in ("pending", "sending", "deferred") for status, _ in rows):
        return None
    sent = [at for status, at in rows if status == "sent" and at is not None]
    return max(sent) if sent else t.resolved_at
