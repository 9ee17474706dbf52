"""Follow-through wired from the App: the outbox sender and the timers (deadlines, escalations,
follow-up visits, the daily report, retention), as `serve` Components and for `complaint-bot jobs`."""

from __future__ import annotations

import asyncio
import logging
import time
from contextlib import suppress
from datetime import date

from aiohttp import web

from bot.app import App
from bot.metrics import metered, timer_pass_done
from core.followthrough.ratelimit import RateLimiter, limiter_for
from core.followthrough.retention import Retention
from core.followthrough.sender import Sender, worker_id
from core.followthrough.timers import Timers
from core.reports.service import Reports

log = logging.getLogger(__name__)


def build_sender(app: App, *, limiter: RateLimiter | None = None, worker: str | None = None) -> Sender:
    cfg = app.settings.followthrough.sender
    return Sender(app.db, app.outbox, metered(app.senders),
                  limiter or limiter_for(app.clock, cfg.shared_limits, app.settings.redis_url), app.clock,
                  worker=worker or worker_id("sender"), batch=cfg.batch, concurrency=cfg.concurrency,
                  deliver_timeout=cfg.deliver_timeout)


def build_reports(app: App) -> Reports:
    return Reports(app.db, app.clock, app.policy, app.tz, app.settings.followthrough.reports)


def build_retention(app: App) -> Retention:
    return Retention(app.db, app.clock, app.settings.followthrough.retention)


def build_timers(app: App, *, worker: str | None = None) -> Timers:
    ft = app.settings.followthrough
    worker = worker or worker_id("timers")
    reports, retention = build_reports(app), build_retention(app)

    async def daily_report(day: date) -> bool:
        return await reports.post_daily(day, worker=worker)

    async def retention_job(day: date) -> bool:
        return await retention.run_daily(day, worker=worker)

    return Timers(app.db, app.clock, app.tickets, app.calendar, ft, worker=worker,
                  daily_report=daily_report if ft.reports.daily_enabled else None,
                  retention=retention_job if ft.retention.enabled else None)


STATISTICS_EVERY = 3600.0  # seconds between refreshes of the database's planner statistics


class _Loop:
    """A background loop that stops cleanly: the current pass finishes, then the task ends."""

    name = "loop"

    def __init__(self) -> None:
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def setup_routes(self, web_app: web.Application) -> None:
        return None

    async def start(self) -> None:
        self._stop.clear()
        self._task = asyncio.create_task(self.run(self._stop), name=self.name)

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            try:
                await asyncio.wait_for(self._task, 30)
            except TimeoutError:
                self._task.cancel()
                with suppress(asyncio.CancelledError):
                    await self._task
            self._task = None

    async def run(self, stop: asyncio.Event) -> None:
        raise NotImplementedError


class SenderComponent(_Loop):
    name = "sender"

    def __init__(self, app: App) -> None:
        super().__init__()
        self.app = app
        self.sender = build_sender(app)

    async def run(self, stop: asyncio.Event) -> None:
        try:
            await self.sender.run_forever(stop, self.app.settings.followthrough.sender.poll_seconds)
        finally:
            await self.sender.limiter.close()


class TimersComponent(_Loop):
    name = "timers"

    def __init__(self, app: App) -> None:
        super().__init__()
        self.app = app
        self.timers = build_timers(app)

    async def run(self, stop: asyncio.Event) -> None:
        pause = self.app.settings.followthrough.timers.poll_seconds
        statistics_due = 0.0
        while not stop.is_set():
            try:
                if time.monotonic() >= statistics_due:
                    await self.app.db.refresh_statistics()  # SQLite's planner needs them as tables grow
                    statistics_due = time.monotonic() + STATISTICS_EVERY
                fired = await self.timers.run_once()
                timer_pass_done()
                if fired:
                    log.info("timers fired: %s", ", ".join(f"{k}={v}" for k, v in sorted(fired.items())))
            except Exception:  # the database went away for a moment: log, wait, go on
                log.exception("timer pass failed")
            with suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), pause)


def follow_through_components(app: App) -> list[_Loop]:
    """The sender when channels registered senders; the timers unless turned off (JOBS_ENABLED)."""
    ft = app.settings.followthrough
    parts: list[_Loop] = []
    if app.senders and ft.sender.enabled:
        parts.append(SenderComponent(app))
    if ft.timers.enabled:
        parts.append(TimersComponent(app))
    return parts
