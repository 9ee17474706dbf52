"""The conversations' entry point for every channel: `DialogEngine.handle(incoming)` → the replies.

One message is one step: load the chat's saved state, let the (pure) dialogs decide, save the new
state with a version check, then run the service calls the step asked for and let the dialogs
finish with their results. Saving before the calls means a second delivery of the same chat sees
"submitting" and cannot file twice; a version conflict before the calls simply redoes the step on
the fresher state, and one after them replays the results onto it.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.conversation.context import ContextLoader
from bot.conversation.executor import Executor
from bot.conversation.store import Saved, StateStore
from bot.dialogs import reminders
from bot.dialogs import texts as tx
from bot.dialogs.context import Context
from bot.dialogs.effects import Effect
from bot.dialogs.router import route
from bot.dialogs.settings import DialogSettings
from bot.dialogs.state import ConvState, StateError, decode, encode, new_state
from bot.dialogs.step import Step
from bot.locks import KeyedLocks
from bot.metrics import dialog_step
from core.db.engine import Database
from core.messages import Incoming, OutMessage, Text

log = logging.getLogger(__name__)

ATTEMPTS = 4  # optimistic-concurrency retries of one step
MAX_EFFECTS = 8  # a step's chain of service calls; more means a bug, not a conversation


def state_key(inc: Incoming) -> str:
    """A private chat has one conversation; in a group each member has their own (their prompts)."""
    if inc.chat_kind == "group":
        return f"{inc.channel}:g:{inc.chat}:{inc.sender}"[:300]
    return f"{inc.channel}:p:{inc.chat}"[:300]


class DialogEngine:
    def __init__(self, *, db: Database, store: StateStore, context: ContextLoader, executor: Executor,
                 settings: DialogSettings, locks: KeyedLocks | None = None) -> None:
        self.db, self.store, self.context, self.executor = db, store, context, executor
        self.settings = settings
        # one step at a time per conversation in this process (the version check covers the others);
        # the draft sweep takes the same locks
        self.locks = locks or KeyedLocks()

    # ---- the channels' entry point --------------------------------------------------------------

    async def handle(self, incoming: Incoming) -> list[OutMessage]:
        """Everything a person did in a chat → the replies to send back to that same chat.
        Never raises for bad input: a polite reply instead."""
        try:
            return await dialog_step(incoming.channel, self._handle(incoming))
        except Exception:
            log.exception("dialog step failed for %s:%s", incoming.channel, incoming.chat)
            return [Text(tx.SORRY)]

    async def _handle(self, inc: Incoming) -> list[OutMessage]:
        key = state_key(inc)
        async with self.locks.hold(key):
            for _ in range(ATTEMPTS):
                # one short transaction per step: read the state and what the step may know, decide
                # (no waiting in between), write the new state. The effects call the core after it
                # has committed, in transactions of their own.
                async with self.db.transaction() as s:
                    saved = await self.store.load(key, session=s)
                    ctx = await self.context.load(inc, s)
                    state, reset = self._decode(saved, inc)
                    before = None if reset else encode(state)
                    step = route(state, inc, ctx)  # no copy: nothing reads `state` after this
                    replies = ([Text(tx.STATE_RESET)] if reset else []) + list(step.replies)
                    version = saved.version
                    after = encode(step.state)
                    if after != before:
                        if not await self.store.save(
                            key, after, expected=version, now=ctx.now,
                            due=reminders.due(step.state, self.settings), session=s,
                        ):
                            continue  # another delivery moved this chat first: decide again on its state
                        version += 1
                if step.effects:
                    replies += await self._run_effects(key, step, version, inc, ctx)
                return replies
        log.warning("dialog state for %s kept changing under us; gave up", key)
        return [Text(tx.SORRY)]

    async def _run_effects(
        self, key: str, step: Step, version: int, inc: Incoming, ctx: Context
    ) -> list[OutMessage]:
        state, queue = step.state, list(step.effects)
        saved_form = encode(state)
        replies: list[OutMessage] = []
        done: list[tuple[Effect, Any]] = []
        while queue:
            if len(done) >= MAX_EFFECTS:
                log.error("effect chain too long in %s: %s", key, [type(e).__name__ for e, _ in done])
                break
            effect = queue.pop(0)
            result = await self.executor.run(effect, inc, ctx)
            following = effect.then(state.model_copy(deep=True), effect, result, ctx)
            done.append((effect, result))
            state = following.state
            replies += following.replies
            queue = list(following.effects) + queue
        for _ in range(ATTEMPTS):
            form = encode(state)
            if form == saved_form:
                break
            if await self.store.save(key, form, expected=version, now=ctx.now,
                                     due=reminders.due(state, self.settings)):
                break
            # someone else moved the chat while we called the core: apply our results to theirs
            fresh = await self.store.load(key)
            state, _ = self._decode(fresh, inc)
            version, saved_form = fresh.version, encode(state)
            for effect, result in done:
                state = effect.then(state.model_copy(deep=True), effect, result, ctx).state
        else:
            log.warning("could not save the outcome of %s for %s", [type(e).__name__ for e, _ in done], key)
        return replies

    @staticmethod
    def _decode(saved: Saved, inc: Incoming) -> tuple[ConvState, bool]:
        """The saved state, a fresh one (nothing saved yet), or a fresh one flagged as a reset."""
        if saved.data is None:
            return new_state(inc.channel, inc.chat, inc.sender), False
        try:
            return decode(saved.data), False
        except StateError as exc:
            log.warning("dialog state for %s:%s unreadable (%s): starting over", inc.channel, inc.chat, exc)
            return new_state(inc.channel, inc.chat, inc.sender), True

    async def close(self) -> None:
        await self.store.close()
