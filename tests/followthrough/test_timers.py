"""Timers on the injected clock, through nights, a weekend and the National Day holiday: each fires
once, at the right moment, and never again — also with two runners on one PostgreSQL database."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.app import build_app, build_timers
from core.clock import ManualClock
from core.db.engine import Database
from core.db.models import OutboxMessage, Ticket, TimerFiring
from core.enums import Urgency
from core.followthrough.timers import in_quiet_hours, working_instant
from core.workcalendar import WorkCalendar
from tests.followthrough.timeline import fired, local, walk, walk_plan, without_daily_jobs
from tests.world import World

H = timedelta(hours=1)
# Monday 11-23 10:00 → Thursday 12-03 10:00: hourly where timers are due, six-hourly between
WEEK_PLAN = [(local(2026, 11, 25, 10), H), (local(2026, 12, 2, 12), 6 * H), (local(2026, 12, 3, 10), H)]


async def test_deadline_chain_through_a_night_and_a_weekend(world: World, clock: ManualClock) -> None:
    app = without_daily_jobs(world.app)
    number = await world.file()  # Monday 2026-11-23 10:00, simple: due Tuesday 10:00
    timers = build_timers(app)
    await walk_plan(timers, clock, WEEK_PLAN)
    assert await fired(app, number) == [
        ("11-23 14:00", "reminded", "unclaimed"),  # claim_due_at (4 h), nobody claimed
        # 50 % fell at 22:00 and 80 % at 05:12, both in the quiet hours: one nudge in the morning
        ("11-24 08:00", "reminded", "deadline"),
        ("11-24 10:00", "escalated", "1"),  # overdue → the supervisors
        ("11-24 10:00", "reminded", "first_response"),
        ("12-02 18:00", "escalated", "2"),  # 7 working days after filing, the weekend not counted
    ]
    async with app.db.transaction() as s:
        t = (await s.execute(select(Ticket).where(Ticket.number == number))).scalar_one()
        alerts = (await s.execute(select(OutboxMessage.address, OutboxMessage.purpose).where(
            OutboxMessage.purpose.in_(("escalation", "reminder"))).order_by(OutboxMessage.id))).all()
    assert t.escalation_level == 2
    assert ("group-sup", "escalation") in alerts and ("group-A", "reminder") in alerts
    assert ("s1", "escalation") in alerts  # level 2 reaches the supervisor in person too


async def test_national_day_holiday(world: World, clock: ManualClock) -> None:
    app = without_daily_jobs(world.app)
    clock.set(local(2026, 9, 30, 10))  # the last working day before the holiday (10-01..07)
    number = await world.file("物业前台态度很差", category="服务质量")  # complex: 3 working days
    async with app.db.transaction() as s:
        t = (await s.execute(select(Ticket).where(Ticket.number == number))).scalar_one()
    # 10-08, 10-09 and the make-up Saturday 10-10 are the three working days
    assert t.due_at == local(2026, 10, 10, 18)
    assert t.escalate_at == local(2026, 10, 15, 18)
    timers = build_timers(app)
    await walk(timers, clock, local(2026, 9, 30, 14), timedelta(hours=2))
    clock.set(local(2026, 9, 30, 15))
    await app.tickets.claim(number, world.actor(world.worker))
    clock.set(local(2026, 9, 30, 16))
    await walk_plan(timers, clock, [(local(2026, 10, 8, 8), 6 * H), (local(2026, 10, 11, 8), 2 * H),
                                    (local(2026, 10, 15, 8), 6 * H), (local(2026, 10, 16, 10), 2 * H)])
    assert await fired(app, number) == [
        ("09-30 14:00", "reminded", "unclaimed"),
        # half of the working time is gone at 10-09 02:00 (the holiday does not count): next morning
        ("10-09 08:00", "reminded", "deadline"),
        ("10-10 08:00", "reminded", "deadline"),  # 80 %, on the make-up working Saturday
        ("10-10 18:00", "escalated", "1"),
        ("10-15 18:00", "escalated", "2"),
    ]


async def test_emergency_unclaimed_escalates_at_night(world: World, clock: ManualClock) -> None:
    app = without_daily_jobs(world.app)
    clock.set(local(2026, 11, 29, 2))  # Sunday, 02:00
    number = await world.file("电梯困人了，快来人", urgency=Urgency.EMERGENCY, category="工程维修")
    timers = build_timers(app)
    await walk(timers, clock, local(2026, 11, 29, 4), timedelta(minutes=5))
    night = [
        ("11-29 02:10", "escalated", "1"),  # claim_due_at: 10 minutes, quiet hours or not
        # an emergency is chased at night too: half and 80 % of its hour, then no answer by 03:00
        ("11-29 02:30", "reminded", "deadline"),
        ("11-29 02:50", "reminded", "deadline"),
        ("11-29 03:00", "reminded", "first_response"),
    ]
    assert await fired(app, number) == night
    clock.set(local(2026, 11, 29, 4, 30))
    await app.tickets.claim(number, world.actor(world.worker))
    clock.set(local(2026, 12, 8, 17))
    await walk(timers, clock, local(2026, 12, 8, 19), timedelta(minutes=30))
    assert await fired(app, number) == [*night, ("12-08 18:00", "escalated", "2")]
    async with app.db.transaction() as s:
        kinds = (await s.execute(select(TimerFiring.kind).where(TimerFiring.subject > 0)
                                 .order_by(TimerFiring.kind))).scalars().all()
    # overdue (due 03:00) was decided once, and changed nothing: the level was already 1
    assert kinds == ["emergency", "first_response", "manager", "overdue", "reminder", "reminder"]


async def test_returned_and_bounced(world: World, clock: ManualClock) -> None:
    app = without_daily_jobs(world.app)
    number = await world.file()
    timers = build_timers(app)
    clock.advance(minutes=30)
    await app.tickets.return_(number, world.actor(world.worker), "不属于本网格")
    await walk(timers, clock, local(2026, 11, 23, 15), timedelta(minutes=30))
    assert await fired(app, number) == [("11-23 14:30", "escalated", "1")]  # 4 h without a new dispatch
    dispatcher = world.actor(world.dispatcher)
    for _ in range(2):
        await app.tickets.assign(number, "A", dispatcher)
        await app.tickets.return_(number, world.actor(world.worker), "不属于本网格")
    await walk(timers, clock, clock.now() + timedelta(hours=1), timedelta(minutes=30))
    await app.tickets.assign(number, "A", dispatcher)
    await app.tickets.return_(number, world.actor(world.worker), "不属于本网格")  # the 4th time
    await walk(timers, clock, clock.now() + timedelta(hours=1), timedelta(minutes=30))
    flags = [f for f in await fired(app, number) if f[1] == "flagged"]
    assert len(flags) == 2 and "退回3次" in flags[0][2] and "退回4次" in flags[1][2]
    async with app.db.transaction() as s:
        desk = (await s.execute(select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.address == "group-desk", OutboxMessage.purpose == "flagged"))).scalar_one()
    assert desk == 2


async def test_quiet_hours_hold_nudges_until_morning(world: World, clock: ManualClock) -> None:
    app = without_daily_jobs(world.app)
    clock.set(local(2026, 11, 23, 21))
    number = await world.file()  # due Tuesday 21:00
    timers = build_timers(app)
    await walk(timers, clock, local(2026, 11, 24, 23, 30), timedelta(minutes=30))
    events = await fired(app, number)
    assert ("11-24 08:00", "reminded", "unclaimed") in events  # claim_due_at was 01:00
    assert ("11-24 21:00", "escalated", "1") in events
    assert all(not in_quiet_hours(local(2026, 11, int(at[3:5]), int(at[6:8])).time(),
                                  app.settings.followthrough.timers.quiet_start,
                                  app.settings.followthrough.timers.quiet_end) for at, _, _ in events)


async def test_daily_report_is_posted_each_morning_once(world: World, clock: ManualClock) -> None:
    app = world.app
    await world.file()
    timers = [build_timers(app), build_timers(app)]
    await walk(timers, clock, local(2026, 11, 25, 12), 3 * H)
    async with app.db.transaction() as s:
        posts = (await s.execute(select(OutboxMessage.address, OutboxMessage.created_at).where(
            OutboxMessage.purpose == "daily_report").order_by(OutboxMessage.created_at))).all()
    # passes every 3 h from Monday 10:00: the first pass after 08:30 posts, once a day (and on the
    # first day the report goes out late rather than never)
    assert [(a, at.astimezone(local(2026, 1, 1).tzinfo).strftime("%m-%d %H:%M")) for a, at in posts] == [
        ("group-desk", "11-23 10:00"), ("group-desk", "11-24 10:00"), ("group-desk", "11-25 10:00")]


@pytest.mark.parametrize("backend", ["postgresql"])
async def test_two_runners_on_postgres_fire_each_timer_once(
        world: World, clock: ManualClock, db_url: str, pg_schema: str) -> None:
    app = world.app
    numbers = [await world.file(f"第{i}个问题：楼道灯坏了") for i in range(4)]
    clock.advance(minutes=5)
    emergency = await world.file("燃气泄漏了", urgency=Urgency.EMERGENCY)
    second_db = Database(db_url, schema=pg_schema)
    try:
        other = build_app(app.settings, clock=clock, db=second_db)  # as if a second process
        runners = [build_timers(app, worker="one"), build_timers(other, worker="two")]
        plan = [(local(2026, 11, 25, 10), 2 * H), (local(2026, 12, 2, 10), 12 * H), (local(2026, 12, 2, 19), H)]
        tick = 0
        for until, step in plan:
            while clock.now() <= until:
                # side by side, each starting first in turn: whoever starts first tends to win
                # every claim of the pass, so "two" also runs alone now and then (both take part
                # whatever the scheduling; what is asserted is that each timer fires once)
                if tick % 4 == 3:
                    await runners[1].run_once()
                order = runners if tick % 2 == 0 else runners[::-1]
                await asyncio.gather(*(r.run_once() for r in order))
                clock.advance(step)
                tick += 1
    finally:
        await second_db.dispose()
    for number in numbers:
        assert [kind for _, _, kind in await fired(app, number)] == [
            "unclaimed", "deadline", "1", "first_response", "2"]
    assert [kind for _, _, kind in await fired(app, emergency)] == ["1", "first_response", "2"]
    async with app.db.transaction() as s:
        workers = set((await s.execute(select(TimerFiring.worker))).scalars())
        daily = (await s.execute(select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.purpose == "daily_report"))).scalar_one()
    assert workers == {"one", "two"}  # both took part
    assert daily == 10  # 11-23 … 12-02, one a day


def test_working_instant_skips_holidays() -> None:
    calendar = WorkCalendar()
    start, end = local(2026, 9, 30, 10), local(2026, 10, 10, 18)
    assert working_instant(calendar, start, end, 0.5) == local(2026, 10, 9, 2)
    # no working time at all (filed and due inside the holiday): plain elapsed time
    assert working_instant(calendar, local(2026, 10, 2, 10), local(2026, 10, 2, 12), 0.5) == local(2026, 10, 2, 11)
