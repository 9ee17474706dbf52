"""A `serve` component that runs the draft sweep (one reminder, then expiry) every minute. Safe to
run beside other timers that call `DialogEngine.sweep` too: the sweep is idempotent."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from aiohttp import web

from bot.app import App
from bot.dialogs.engine import build_engine

log = logging.getLogger(__name__)


class DraftSweeper:
    name = "dialog-drafts"

    def __init__(self, app: App, *, every: float = 60.0) -> None:
        self.app, self.every = app, every
        self._task: asyncio.Task[None] | None = None

    def setup_routes(self, web_app: web.Application) -> None:
        return None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name=self.name)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await build_engine(self.app).close()

    async def _loop(self) -> None:
        engine = build_engine(self.app)
        while True:
            try:
                touched = await engine.sweep(self.app.clock.now())
                if touched:
                    log.info("draft sweep: %d conversation(s) reminded or expired", touched)
            except Exception:  # a bad round must not stop the timer
                log.exception("draft sweep failed")
            await asyncio.sleep(self.every)
