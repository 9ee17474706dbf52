"""Helpers for timer tests: walk the ManualClock in steps, running timer passes, and read back what
the timers did as (local time, event, detail)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.app import App
from core.clock import ManualClock
from core.db.models import Ticket, TicketEvent
from core.followthrough.timers import Timers

SHANGHAI = ZoneInfo("Asia/Shanghai")
TIMER_EVENTS = ("reminded", "escalated", "flagged", "closed")


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


async def walk(timers: Timers | list[Timers], clock: ManualClock, until: datetime, step: timedelta) -> None:
    runners = timers if isinstance(timers, list) else [timers]
    while True:
        for runner in runners:
            await runner.run_once()
        if clock.now() + step > until:
            break
        clock.advance(step)


async def walk_plan(timers: Timers | list[Timers], clock: ManualClock,
                    plan: list[tuple[datetime, timedelta]]) -> None:
    """Walk in segments: fine steps where something is due, coarse ones between. A timer that fired
    wrongly inside a coarse stretch still shows up (at the next pass), so nothing is hidden."""
    for until, step in plan:
        await walk(timers, clock, until, step)
        if clock.now() < until:
            clock.set(until)


async def fired(app: App, number: str) -> list[tuple[str, str, str]]:
    """(local "MM-DD HH:MM", event type, reminder kind / escalation level / reason) of timer events."""
    async with app.db.transaction() as s:
        rows = (await s.execute(select(TicketEvent).join(Ticket, Ticket.id == TicketEvent.ticket_id).where(
            Ticket.number == number, TicketEvent.actor_role == "system",
            TicketEvent.type.in_(TIMER_EVENTS)).order_by(TicketEvent.id))).scalars().all()
    out = []
    for ev in rows:
        detail = str(ev.data.get("reminder") or ev.data.get("level") or ev.data.get("outcome") or ev.note or "")
        out.append((f"{ev.at.astimezone(SHANGHAI):%m-%d %H:%M}", ev.type, detail))
    return out


def without_daily_jobs(app: App) -> App:
    """Timer tests that are not about the daily report or retention leave them out (faster passes)."""
    from dataclasses import replace

    ft = app.settings.followthrough
    app.settings = replace(app.settings, followthrough=replace(
        ft, reports=replace(ft.reports, daily_enabled=False), retention=replace(ft.retention, enabled=False)))
    return app
