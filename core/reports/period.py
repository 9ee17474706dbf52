"""Report periods: a local calendar day, ISO week (Monday–Sunday) or calendar month, in the
configured time zone. `end` is exclusive."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

PeriodKind = Literal["daily", "weekly", "monthly"]
KINDS: tuple[PeriodKind, ...] = ("daily", "weekly", "monthly")


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    first_day: date
    last_day: date  # inclusive
    tz: ZoneInfo

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first_day, time(0), tzinfo=self.tz)

    @property
    def end(self) -> datetime:
        return datetime.combine(self.last_day + timedelta(days=1), time(0), tzinfo=self.tz)

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    def contains(self, moment: datetime | None) -> bool:
        return moment is not None and self.start <= moment < self.end

    @property
    def label(self) -> str:
        if self.kind == "daily":
            return f"{self.first_day:%Y-%m-%d}"
        if self.kind == "weekly":
            iso = self.first_day.isocalendar()
            return f"{iso.year}年第{iso.week}周（{self.first_day:%m-%d}至{self.last_day:%m-%d}）"
        return f"{self.first_day.year}年{self.first_day.month}月"


def period_for(kind: PeriodKind, day: date, tz: ZoneInfo) -> Period:
    """The period of `kind` that contains `day`."""
    if kind == "daily":
        return Period(kind, day, day, tz)
    if kind == "weekly":
        monday = day - timedelta(days=day.weekday())
        return Period(kind, monday, monday + timedelta(days=6), tz)
    if kind == "monthly":
        first = day.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        return Period(kind, first, following - timedelta(days=1), tz)
    raise ValueError(f"unknown report period {kind!r}")


def default_day(now: datetime, tz: ZoneInfo) -> date:
    """Reports look back: the default is yesterday (local), so the daily report in the morning covers
    the whole previous day and `monthly` on the 1st covers the month just ended."""
    return now.astimezone(tz).date() - timedelta(days=1)
