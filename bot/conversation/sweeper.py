"""The draft sweep (one reminder, then expiry) and the `serve` component that runs it every minute.
Safe beside other processes sweeping too: each change is saved with the state's version check, and
a conversation the resident is writing in right now is left to them."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime

from bot.component import Loop, pause
from bot.conversation.engine import DialogEngine
from bot.dialogs import reminders
from bot.dialogs.state import StateError, decode, encode
from core.clock import Clock
from core.db.engine import Database
from core.messages import Text
from core.service import chats

log = logging.getLogger(__name__)


class DraftSweeper(Loop):
    name = "dialog-drafts"

    def __init__(self, engine: DialogEngine, *, db: Database, clock: Clock, every: float = 60.0) -> None:
        super().__init__()
        # the engine's store and per-conversation locks: a sweep never races a step of the same chat
        self.store, self.locks, self.settings = engine.store, engine.locks, engine.settings
        self.db, self.clock, self.every = db, clock, every

    async def sweep(self, now: datetime) -> int:
        """Drafts left alone: one reminder, then expiry (each an outbox row to the resident).
        Returns how many conversations it touched."""
        touched = 0
        for key in await self.store.due(now):
            async with self.locks.hold(key):
                saved = await self.store.load(key)
                if saved.data is None:
                    continue
                try:
                    state = decode(saved.data)
                except StateError:
                    # unreadable: stop looking at it; the next message resets it with an apology
                    await self.store.save(key, saved.data, expected=saved.version, now=now, due=None)
                    continue
                reminder = reminders.sweep(state, now, self.settings)
                if not await self.store.save(
                    key, encode(state), expected=saved.version, now=now, due=reminders.due(state, self.settings)
                ):
                    continue  # the resident is writing right now: leave it to them
                if reminder is not None:
                    await chats.note_to_resident(
                        self.db, now, channel=state.channel, chat=state.chat, sender=state.sender,
                        purpose=reminder.purpose, messages=[Text(reminder.text)])
                    touched += 1
        await self.store.purge(now - self.settings.purge_after)
        return touched

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                touched = await self.sweep(self.clock.now())
                if touched:
                    log.info("draft sweep: %d conversation(s) reminded or expired", touched)
            except Exception:  # a bad round must not stop the timer
                log.exception("draft sweep failed")
            await pause(stop, self.every)
