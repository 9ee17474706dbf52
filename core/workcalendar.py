"""Working days on the Chinese public-holiday calendar, make-up workdays (调休) included.

`chinesecalendar` knows only the years the State Council had published when it was released. The
arrangement for a new year (usually published in November) can be entered in the configuration
(`[calendar] holidays = [...]`, `workdays = [...]`) without waiting for a new package. For a year
known to neither we fall back to Monday–Friday and log a warning once per year: a deadline a few
days off is better than a crash in the middle of filing a complaint.

The head may also enter a new year's arrangement at the desk (administration → 节假日): those days
are stored in the database and read here through `load_from` — every process re-reads them at most
every `every` seconds (`refresh`, called before each ticket write and each timer tick), so a change
takes effect everywhere within that time, without a restart. The configuration wins over stored
days; both win over the package.
"""

from __future__ import annotations

import logging
import time as monotonic_time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import chinese_calendar

from core.errors import InvalidInput

log = logging.getLogger(__name__)


class WorkCalendar:
    def __init__(self, timezone: str = "Asia/Shanghai", workday_end: time = time(18, 0), *,
                 holidays: Iterable[date] = (), workdays: Iterable[date] = ()) -> None:
        """`holidays` and `workdays` (make-up working days, 调休) override the package, and make
        their years known."""
        self.tz = ZoneInfo(timezone)
        self.workday_end = workday_end
        self._warned_years: set[int] = set()
        self._days: dict[date, bool] = {}
        self._overrides = {d: False for d in holidays} | {d: True for d in workdays}
        self._configured_years = {d.year for d in self._overrides}
        self._stored: dict[date, bool] = {}
        self._stored_years: set[int] = set()
        self._loader: Callable[[], Awaitable[Mapping[date, bool]]] | None = None
        self._every = 30.0
        self._loaded_at: float | None = None

    # ---- days stored at the desk ---------------------------------------------------------------

    def load_from(self, loader: Callable[[], Awaitable[Mapping[date, bool]]], every: float = 30.0) -> None:
        """Read stored days (holiday False / make-up workday True) with `loader` on `refresh`."""
        self._loader, self._every, self._loaded_at = loader, every, None

    async def refresh(self, *, force: bool = False) -> None:
        """Re-read the stored days if `every` seconds have passed (or `force`). A failed read keeps
        what was known and is tried again next time."""
        if self._loader is None:
            return
        now = monotonic_time.monotonic()
        if not force and self._loaded_at is not None and now - self._loaded_at < self._every:
            return
        self._loaded_at = now  # one reader at a time: the others use what is known meanwhile
        try:
            days = await self._loader()
        except Exception as exc:  # the database away for a moment must not stop a filing
            log.warning("could not read the stored holiday calendar: %s", exc)
            self._loaded_at = None if force else now
            return
        self.use_stored(days)

    def use_stored(self, days: Mapping[date, bool]) -> None:
        if dict(days) != self._stored:
            self._stored = dict(days)
            self._stored_years = {d.year for d in self._stored}
            self._days.clear()

    @classmethod
    def from_config(cls, timezone: str, config: Mapping[str, Any]) -> WorkCalendar:
        """The [calendar] table: `holidays` and `workdays` as lists of dates (TOML dates or
        "YYYY-MM-DD" strings), `workday_end` as "HH:MM"."""
        unknown = set(config) - {"holidays", "workdays", "workday_end"}
        if unknown:
            raise InvalidInput(f"unknown [calendar] setting(s): {', '.join(sorted(unknown))}")
        try:
            end = time.fromisoformat(str(config.get("workday_end", "18:00")))
            holidays = [_date(d) for d in config.get("holidays", [])]
            workdays = [_date(d) for d in config.get("workdays", [])]
        except (TypeError, ValueError) as exc:
            raise InvalidInput(f"[calendar]: {exc}") from None
        both = set(holidays) & set(workdays)
        if both:
            raise InvalidInput(f"[calendar]: listed as both holiday and workday: {', '.join(map(str, sorted(both)))}")
        return cls(timezone, end, holidays=holidays, workdays=workdays)

    def is_workday(self, day: date) -> bool:
        # asked about the same few weeks over and over (every deadline counts days forward)
        known = self._days.get(day)
        if known is None:
            known = self._days[day] = self._lookup(day)
        return known

    def _lookup(self, day: date) -> bool:
        if day in self._overrides:
            return self._overrides[day]
        if day.year not in self._configured_years and day in self._stored:
            return self._stored[day]
        if day.year in self._configured_years or day.year in self._stored_years:
            return day.weekday() < 5  # the configured arrangement lists every exception
        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:
            if day.year not in self._warned_years:
                self._warned_years.add(day.year)
                log.warning(
                    "holiday calendar has no data for %s: counting Monday-Friday as working days "
                    "(upgrade the chinesecalendar package when the State Council publishes it)",
                    day.year,
                )
            return day.weekday() < 5

    def knows_year(self, year: int) -> bool:
        return self.source(year) is not None

    def source(self, year: int) -> str | None:
        """Who states `year`'s arrangement: "config", "desk" (stored), "package", or None."""
        if year in self._configured_years:
            return "config"
        if year in self._stored_years:
            return "desk"
        return "package" if package_knows(year) else None

    def exceptions(self, year: int) -> list[tuple[date, bool, str | None]]:
        """`year`'s days off on weekdays and holidays by name (workday False) and weekend working
        days (True), with the holiday's name where known, in date order."""
        found: list[tuple[date, bool, str | None]] = []
        day = date(year, 1, 1)
        while day.year == year:
            work = self.is_workday(day)
            name = _holiday_name(day) if self.source(year) == "package" else None
            if work != (day.weekday() < 5) or (not work and (name or day in self._stored or day in self._overrides)):
                found.append((day, work, name))
            day += timedelta(days=1)
        return found

    def local_date(self, moment: datetime) -> date:
        return moment.astimezone(self.tz).date()

    def add_workdays(self, start: datetime, days: int) -> datetime:
        """The end of the `days`-th working day after `start`'s local date (the start day itself
        does not count, as in "3个工作日内"). Returns an aware datetime in the calendar's timezone."""
        if days < 0:
            raise ValueError("days must be >= 0")
        day = self.local_date(start)
        if days == 0:
            while not self.is_workday(day):
                day += timedelta(days=1)
        counted = 0
        while counted < days:
            day += timedelta(days=1)
            if self.is_workday(day):
                counted += 1
        return datetime.combine(day, self.workday_end, tzinfo=self.tz)

    def workdays_between(self, start: datetime, end: datetime) -> int:
        """Whole working days after `start`'s local date up to and including `end`'s local date."""
        first, last = self.local_date(start), self.local_date(end)
        count = 0
        day = first + timedelta(days=1)
        while day <= last:
            if self.is_workday(day):
                count += 1
            day += timedelta(days=1)
        return count


def package_knows(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 6, 1))
        return True
    except NotImplementedError:
        return False


def _holiday_name(day: date) -> str | None:
    try:
        holiday, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        return None
    return HOLIDAY_NAMES.get(str(name), str(name)) if holiday and name else None


# chinesecalendar names its holidays in English; the desk shows them in Chinese
HOLIDAY_NAMES = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节", "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节", "Mid-autumn Festival": "中秋节", "National Day": "国庆节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}


def _date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
