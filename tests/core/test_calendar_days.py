"""Next year's holidays entered by the head (core/service/calendar_days.py): validated, head only,
audited, stored, and read by the WorkCalendar of every process (deadlines), and by `doctor`."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from functools import partial

import pytest
from sqlalchemy import select

from bot.app import App, build_app
from bot.doctor import Options, Verdict, examine, local
from core.clock import ManualClock
from core.db.calendar_models import CalendarChange
from core.db.engine import Database
from core.enums import Kind
from core.errors import InvalidInput, NotAllowed
from core.service.calendar_days import CalendarDays, load_days
from core.workcalendar import WorkCalendar, package_knows
from tests.conftest import SHANGHAI
from tests.world import World

NEW_YEAR_EVE = datetime(2026, 12, 31, 10, 0, tzinfo=SHANGHAI)  # a Thursday
NEW_YEAR = date(2027, 1, 1)  # a Friday

pytestmark = pytest.mark.skipif(package_knows(2027), reason="chinesecalendar knows 2027 already")


def service(app: App) -> CalendarDays:
    return CalendarDays(app.db, app.clock, app.calendar)


async def test_the_head_enters_next_year_and_deadlines_follow(app: App, world: World) -> None:
    app.clock.set(NEW_YEAR_EVE)  # type: ignore[attr-defined]
    head = world.actor(world.supervisor)
    number = await world.file("请问物业费怎么交", kind=Kind.CONSULT)  # answered within 1 working day
    due_before = (await app.queries.detail(number)).ticket.due_at
    years = await service(app).years()
    assert [(y.year, y.source, y.editable) for y in years] == [(2026, "package", False), (2027, None, True)]

    await service(app).set_days(head, [NEW_YEAR], False, "元旦")
    await service(app).set_days(head, [date(2027, 2, 6)], True)  # a Saturday worked (调休)
    assert not app.calendar.is_workday(NEW_YEAR) and app.calendar.is_workday(date(2027, 2, 6))
    assert app.calendar.source(2027) == "desk"
    number = await world.file("请问物业费怎么交", kind=Kind.CONSULT)
    due_after = (await app.queries.detail(number)).ticket.due_at
    assert (due_before.astimezone(SHANGHAI).date(), due_after.astimezone(SHANGHAI).date()) == (
        NEW_YEAR, date(2027, 1, 4))  # 元旦 is off now: the next working day is Monday

    [_, next_year] = await service(app).years()
    assert [(d.day, d.workday, d.name) for d in next_year.days] == [
        (NEW_YEAR, False, "元旦"), (date(2027, 2, 6), True, None)]
    await service(app).remove_day(head, date(2027, 2, 6))
    assert not app.calendar.is_workday(date(2027, 2, 6))  # a plain Saturday again
    async with app.db.transaction() as s:
        audit = [(c.day, c.change, c.staff_id) for c in (await s.execute(
            select(CalendarChange).order_by(CalendarChange.id))).scalars()]
    assert audit == [(NEW_YEAR, "holiday", world.supervisor.id), (date(2027, 2, 6), "workday", world.supervisor.id),
                     (date(2027, 2, 6), "removed", world.supervisor.id)]
    assert [c.staff for c in await service(app).changes()] == ["孙主任"] * 3


async def test_refusals(app: App, world: World) -> None:
    app.clock.set(NEW_YEAR_EVE)  # type: ignore[attr-defined]
    head, cal = world.actor(world.supervisor), service(app)
    with pytest.raises(NotAllowed):
        await cal.set_days(world.actor(world.dispatcher), [NEW_YEAR], False, "元旦")
    with pytest.raises(InvalidInput, match="已由 chinesecalendar"):
        await cal.set_days(head, [date(2026, 12, 31)], False, "x")
    with pytest.raises(InvalidInput, match="只能录入2026年或2027年"):
        await cal.set_days(head, [date(2028, 1, 3)], False, "元旦")
    with pytest.raises(InvalidInput, match="调休上班日只能是周六或周日"):
        await cal.set_days(head, [date(2027, 1, 4)], True)
    with pytest.raises(InvalidInput, match="请填写节日名称"):
        await cal.set_days(head, [date(2027, 1, 2)], False)
    # all or nothing: one bad day in a range writes none of it
    with pytest.raises(InvalidInput):
        await cal.set_days(head, [date(2027, 12, 31), date(2028, 1, 1)], False, "元旦")
    assert await load_days(app.db) == {}
    with pytest.raises(InvalidInput, match="不在录入的节假日安排中"):
        await cal.remove_day(head, NEW_YEAR)
    await cal.set_days(head, [NEW_YEAR], False, "元旦")
    with pytest.raises(InvalidInput, match="已经是节假日"):
        await cal.set_days(head, [NEW_YEAR], False, "元旦")


async def test_another_process_sees_it_after_a_short_refresh(app: App, world: World) -> None:
    app.clock.set(NEW_YEAR_EVE)  # type: ignore[attr-defined]
    other = build_app(replace(app.settings), clock=ManualClock(NEW_YEAR_EVE),  # its own engine, as a process
                      db=Database(app.settings.database_url, schema=app.db.schema))
    try:
        other.calendar.load_from(partial(load_days, other.db), every=0.0)  # "a short refresh": now
        await other.calendar.refresh()
        assert other.calendar.is_workday(NEW_YEAR)
        await service(app).set_days(world.actor(world.supervisor), [NEW_YEAR], False, "元旦")
        assert other.calendar.is_workday(NEW_YEAR)  # nothing read yet
        await world.file()  # any ticket write re-reads (here through the first app; the other's next)
        await other.tickets.add_note((await world.file()), world.actor(world.dispatcher), "看看")
        assert not other.calendar.is_workday(NEW_YEAR)
    finally:
        await other.db.dispose()


async def test_the_loader_failing_keeps_what_was_known() -> None:
    calls = 0

    async def broken() -> dict[date, bool]:
        nonlocal calls
        calls += 1
        raise OSError("database away")

    cal = WorkCalendar()
    cal.use_stored({NEW_YEAR: False})
    cal.load_from(broken, every=0.0)
    await cal.refresh()
    assert calls == 1 and not cal.is_workday(NEW_YEAR)


async def test_doctor_sees_the_stored_year(app: App, world: World, backend: str) -> None:
    if backend != "sqlite":
        pytest.skip("the doctor reads DATABASE_URL's own schema; the PostgreSQL tests use a private one")
    app.clock.set(NEW_YEAR_EVE)  # type: ignore[attr-defined]
    options = Options(timeout=5, clock=ManualClock(NEW_YEAR_EVE))
    result = await examine(app.settings, options, checks=[local._calendar])
    assert [f.verdict for f in result.findings if "2027" in f.found] == [Verdict.FAIL]
    await service(app).set_days(world.actor(world.supervisor), [NEW_YEAR], False, "元旦")
    result = await examine(app.settings, options, checks=[local._calendar])
    [finding] = [f for f in result.findings if "2027" in f.found]
    assert finding.verdict is Verdict.OK and "entered at the desk" in finding.found
