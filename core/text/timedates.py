"""Date arithmetic for time phrases: an hour said with a part of the day, months and years back, a day that may not
exist. Split from ``core.text.timephrase``, which reads the words."""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import chinese_calendar

__all__ = ["at", "before", "holiday_date", "hour_with_part", "safe_date", "shift_months"]


def hour_with_part(h: int, rule: str) -> int:
    if rule == "noon":
        return h + 12 if 1 <= h <= 2 else h
    if rule == "pm":
        return h + 12 if h < 12 else h
    if rule == "evening":
        if h == 12:
            return 24
        return h + 24 if h <= 4 else (h + 12 if h < 12 else h)
    if rule == "night":
        if h == 12:
            return 24
        return h + 24 if h <= 5 else (h + 12 if h < 12 else h)
    return h


def shift_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def at(now: datetime, d: date, hour: int, minute: int = 0) -> datetime:
    extra, hour = divmod(hour, 24)
    return datetime.combine(d + timedelta(days=extra), time(hour, minute), tzinfo=now.tzinfo)


def before(now: datetime, amount: float, unit: str) -> datetime:
    if unit == "minutes":
        return now - timedelta(minutes=amount)
    if unit == "hours":
        return now - timedelta(hours=amount)
    if unit == "days":
        return now - timedelta(days=amount)
    whole = int(amount)
    frac_days = (amount - whole) * (30 if unit == "months" else 365)
    months = whole if unit == "months" else whole * 12
    d = shift_months(now.date(), -months)
    return datetime.combine(d, now.timetz()) - timedelta(days=frac_days)


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


@lru_cache(maxsize=256)  # a few holidays a year: the day-by-day search runs once for each
def holiday_date(name: str, month: int, day: int, year: int) -> date:
    """The first day off of holiday ``name`` (chinesecalendar's name) in ``year``, searched from a month before its
    usual date: lunar holidays move by weeks. Without the library's data for that year (or without a name), the
    usual date."""
    if name:
        first = date(year, max(month - 1, 1), 1)
        try:
            for n in range(100):
                d = first + timedelta(days=n)
                off, which = chinese_calendar.get_holiday_detail(d)
                if off and which == name:  # not a weekend made a workday for it (调休)
                    return d
        except NotImplementedError:  # a year the library does not cover
            pass
    return safe_date(year, month, day) or date(year, month, 1)
