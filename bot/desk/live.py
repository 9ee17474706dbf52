"""Live updates: whatever writes a ticket event (a chat, an import, another desk, a timer, another
`serve` process) or a resident's message reaches every open desk page within about a second.

One reader per process follows the tables themselves (core.service.changes), so no writer has to
remember to publish: on PostgreSQL a trigger's NOTIFY wakes it at once (polling stays as the
safety net), on SQLite it polls, which also sees what `complaint-bot chat` or `import` write from
other processes. Each open page is a subscriber with a bounded queue; a page too slow to keep up
is told to reload its state instead of being waited for. The page's event stream is
views/events.py."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from core.db.engine import Database
from core.service.changes import Change, ChangeReader, pg_listener

log = logging.getLogger(__name__)

QUEUE_LIMIT = 1000


@dataclass(eq=False)
class Subscriber:
    grid_ids: Collection[int] | None  # None: every ticket
    desk: bool  # sees residents' messages (the conversation)
    queue: asyncio.Queue[Change | None] = field(default_factory=lambda: asyncio.Queue(QUEUE_LIMIT))
    overflowed: bool = False

    def wants(self, change: Change) -> bool:
        if change.kind == "inbound":
            return self.desk
        if self.grid_ids is None:
            return True
        return any(g is not None and g in self.grid_ids for g in (change.grid_id, change.from_grid_id))


class LiveFeed:
    def __init__(self, db: Database, *, poll_seconds: float | None = None) -> None:
        self.db = db
        self.reader = ChangeReader(db)
        self.poll = poll_seconds if poll_seconds is not None else (0.5 if db.is_sqlite else 2.0)
        self.subscribers: set[Subscriber] = set()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._listener: Any = None
        self._stopping = False

    async def start(self) -> None:
        self._stopping = False
        await self.reader.start()
        if not self.db.is_sqlite:
            self._listener = await pg_listener(self.db, self._wake.set)
        self._task = asyncio.create_task(self._run(), name="desk-live-feed")

    async def stop(self) -> None:
        self._stopping = True
        if self._task is not None:
            self._wake.set()
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, TimeoutError):
                await asyncio.wait_for(asyncio.shield(self._task), 10)
            self._task = None
        if self._listener is not None:
            with contextlib.suppress(Exception):
                await self._listener.close()
            self._listener = None
        for sub in list(self.subscribers):
            self._close(sub)

    def subscribe(self, grid_ids: Collection[int] | None, *, desk: bool) -> Subscriber:
        sub = Subscriber(grid_ids, desk)
        self.subscribers.add(sub)
        return sub

    def unsubscribe(self, sub: Subscriber) -> None:
        self.subscribers.discard(sub)

    async def _run(self) -> None:
        # a flag, not only cancel(): on Python 3.11 asyncio.wait_for can swallow a cancellation that
        # arrives as its wait ends, and the loop would then run on while stop() waits for it
        while not self._stopping:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.poll):
                    await self._wake.wait()
            self._wake.clear()
            if self._stopping:
                return
            try:
                changes = await self.reader.read()
            except Exception:  # the database is away for a moment: try again on the next turn
                log.warning("desk live feed: reading changes failed", exc_info=True)
                continue
            for change in changes:
                self.publish(change)

    def publish(self, change: Change) -> None:
        for sub in list(self.subscribers):
            if not sub.wants(change):
                continue
            try:
                sub.queue.put_nowait(change)
            except asyncio.QueueFull:
                sub.overflowed = True
                self._close(sub)

    def _close(self, sub: Subscriber) -> None:
        self.subscribers.discard(sub)
        with contextlib.suppress(asyncio.QueueFull):
            sub.queue.put_nowait(None)
