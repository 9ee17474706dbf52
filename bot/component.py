"""A part of `complaint-bot serve`: it may add routes to the one aiohttp server and may run in the
background. `Loop` is the background kind that wakes every so often and stops cleanly."""

from __future__ import annotations

import asyncio
from contextlib import suppress
from typing import Protocol

from aiohttp import web

STOP_GRACE = 30.0  # seconds a loop's current pass may take to finish when serve stops


class Component(Protocol):
    name: str

    def setup_routes(self, web_app: web.Application) -> None: ...

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


class Loop:
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
                await asyncio.wait_for(self._task, STOP_GRACE)
            except TimeoutError:
                self._task.cancel()
                with suppress(asyncio.CancelledError):
                    await self._task
            self._task = None

    async def run(self, stop: asyncio.Event) -> None:
        raise NotImplementedError


async def pause(stop: asyncio.Event, seconds: float) -> None:
    """Wait `seconds`, or less if the loop is told to stop."""
    with suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)
