"""The head keeps the working-day calendar at the desk: public holidays and make-up working days
(调休) for a year chinesecalendar does not know yet (the State Council publishes the next year's
arrangement in November; a new package comes later). Stored in `calendar_days`, every change
audited in `calendar_changes`; the WorkCalendar of every process reads them (`loader`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from core.clock import Clock
from core.db.calendar_models import CalendarChange, CalendarDay
from core.db.engine import Database
from core.db.models import Staff
from core.errors import InvalidInput
from core.service import permissions
from core.service.actor import Actor
from core.service.permissions import Verb
from core.texts import calendar as say
from core.workcalendar import WorkCalendar, package_knows

MAX_NAME = 40
MAX_DAYS = 15  # one entry: a holiday of up to 15 days (春节 is 8 or 9)


@dataclass(frozen=True)
class Day:
    day: date
    workday: bool  # a make-up working day (调休) if True, else a day off
    name: str | None


@dataclass(frozen=True)
class Year:
    year: int
    source: str | None  # "package", "desk", "config" or None (unknown: Monday–Friday)
    editable: bool
    days: list[Day]


@dataclass(frozen=True)
class Change:
    day: date
    change: str
    name: str | None
    staff: str | None
    at: datetime


async def load_days(db: Database) -> dict[date, bool]:
    """Every stored day (the WorkCalendar's loader)."""
    async with db.transaction() as s:
        return {d: bool(w) for d, w in (await s.execute(select(CalendarDay.day, CalendarDay.workday))).all()}


class CalendarDays:
    def __init__(self, db: Database, clock: Clock, calendar: WorkCalendar) -> None:
        self.db, self.clock, self.calendar = db, clock, calendar

    async def years(self) -> list[Year]:
        """This year's and next year's arrangement as the calendar knows them now."""
        await self.calendar.refresh(force=True)
        this = self.calendar.local_date(self.clock.now()).year
        async with self.db.transaction() as s:
            names = {d.day: d.name for d in (await s.execute(select(CalendarDay).where(
                CalendarDay.day >= date(this, 1, 1), CalendarDay.day <= date(this + 1, 12, 31)))).scalars()}
        result = []
        for year in (this, this + 1):
            days = [Day(d, w, n or names.get(d)) for d, w, n in self.calendar.exceptions(year)]
            result.append(Year(year, self.calendar.source(year), self.editable(year), days))
        return result

    def editable(self, year: int) -> bool:
        this = self.calendar.local_date(self.clock.now()).year
        return this <= year <= this + 1 and not package_knows(year) and self.calendar.source(year) != "config"

    async def set_days(self, actor: Actor, days: list[date], workday: bool, name: str | None = None) -> None:
        """Add holidays or make-up working days (or turn one into the other): all or nothing, each
        day audited."""
        name = (name or "").strip() or None
        if name is not None and len(name) > MAX_NAME:
            raise InvalidInput(say.name_too_long(MAX_NAME))
        if not days or len(days) > MAX_DAYS:
            raise InvalidInput(say.too_many_days(MAX_DAYS))
        for day in days:
            self._check_year(day)
            if workday and day.weekday() < 5:
                raise InvalidInput(say.workday_not_weekend(day))
            if not workday and day.weekday() >= 5 and name is None:
                raise InvalidInput(say.weekend_holiday_needs_name(day))
        async with self.db.transaction() as s:
            await permissions.require(s, actor, Verb.MANAGE_CALENDAR)
            now = self.clock.now()
            rows = {r.day: r for r in (await s.execute(select(CalendarDay).where(CalendarDay.day.in_(days)))).scalars()}
            if all(d in rows and rows[d].workday == workday and rows[d].name == name for d in days):
                raise InvalidInput(say.already(days[0], workday))
            for day in days:
                row = rows.get(day)
                if row is None:
                    s.add(CalendarDay(day=day, workday=workday, name=name, changed_at=now, changed_by=actor.staff_id))
                elif (row.workday, row.name) == (workday, name):
                    continue
                else:
                    row.workday, row.name, row.changed_at, row.changed_by = workday, name, now, actor.staff_id
                s.add(CalendarChange(day=day, change="workday" if workday else "holiday", name=name,
                                     staff_id=actor.staff_id, at=now))
        await self.calendar.refresh(force=True)

    async def remove_day(self, actor: Actor, day: date) -> None:
        self._check_year(day)
        async with self.db.transaction() as s:
            await permissions.require(s, actor, Verb.MANAGE_CALENDAR)
            row = await s.get(CalendarDay, day)
            if row is None:
                raise InvalidInput(say.not_stored(day))
            await s.delete(row)
            s.add(CalendarChange(day=day, change="removed", name=row.name, staff_id=actor.staff_id,
                                 at=self.clock.now()))
        await self.calendar.refresh(force=True)

    async def changes(self, limit: int = 30) -> list[Change]:
        async with self.db.transaction() as s:
            rows = (await s.execute(select(CalendarChange, Staff.name).outerjoin(Staff, Staff.id == CalendarChange.staff_id)
                                    .order_by(CalendarChange.id.desc()).limit(limit))).all()
        return [Change(c.day, c.change, c.name, name, c.at) for c, name in rows]

    def _check_year(self, day: date) -> None:
        this = self.calendar.local_date(self.clock.now()).year
        if not this <= day.year <= this + 1:
            raise InvalidInput(say.year_out_of_range(this, this + 1))
        if package_knows(day.year):
            raise InvalidInput(say.package_knows(day.year))
        if self.calendar.source(day.year) == "config":
            raise InvalidInput(say.config_owns(day.year))

