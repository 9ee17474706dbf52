"""The working-day calendar as the head keeps it at the desk: public holidays and make-up working
days (调休) for years the chinesecalendar package does not know yet, and who changed what."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from core.db.base import Base


class CalendarDay(Base):
    """One exception to Monday–Friday: a holiday (workday False) or a make-up working day (True)."""

    __tablename__ = "calendar_days"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    workday: Mapped[bool] = mapped_column(Boolean)
    name: Mapped[str | None] = mapped_column(String(40))  # 春节, 国庆节 …
    changed_at: Mapped[datetime]
    changed_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class CalendarChange(Base):
    """The audit of the calendar: each day added, changed or removed, by whom and when."""

    __tablename__ = "calendar_changes"
    __table_args__ = (Index("ix_calendar_changes_at", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    change: Mapped[str] = mapped_column(String(20))  # holiday / workday / removed
    name: Mapped[str | None] = mapped_column(String(40))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    at: Mapped[datetime]
