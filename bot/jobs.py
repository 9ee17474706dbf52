"""The follow-through as `serve` components: the outbox sender and the timers (deadlines,
escalations, follow-up visits, the daily report, retention). The composition root (bot/app.py)
builds the sender and the timers and hands them in."""

from __future__ import annotations

import asyncio
import logging
import time

from bot.component import Loop, pause
from bot.metrics import timer_pass_done
from core.db.engine import Database
from core.followthrough.sender import Sender
from core.followthrough.timers import Timers

log = logging.getLogger(__name__)

STATISTICS_EVERY = 3600.0  # seconds between refreshes of the database's planner statistics


class SenderComponent(Loop):
    name = "sender"

    def __init__(self, sender: Sender, *, poll_seconds: float) -> None:
        super().__init__()
        self.sender, self.poll_seconds = sender, poll_seconds

    async def run(self, stop: asyncio.Event) -> None:
        await self.sender.run_forever(stop, self.poll_seconds)


class TimersComponent(Loop):
    name = "timers"

    def __init__(self, timers: Timers, db: Database, *, poll_seconds: float) -> None:
        super().__init__()
        self.timers, self.db, self.poll_seconds = timers, db, poll_seconds

    async def run(self, stop: asyncio.Event) -> None:
        statistics_due = 0.0
        while not stop.is_set():
            try:
                if time.monotonic() >= statistics_due:
                    await self.db.refresh_statistics()  # SQLite's planner needs them as tables grow
                    statistics_due = time.monotonic() + STATISTICS_EVERY
                fired = await self.timers.run_once()
                timer_pass_done()
                if fired:
                    log.info("timers fired: %s", ", ".join(f"{k}={v}" for k, v in sorted(fired.items())))
            except Exception:  # the database went away for a moment: log, wait, go on
                log.exception("timer pass failed")
            await pause(stop, self.poll_seconds)
