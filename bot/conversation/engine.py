"""The conversations' entry point for every channel: `DialogEngine.handle(incoming)` → the replies.

One message is one step: load the chat's saved state, let the (pure) dialogs decide, save the new
state with a version check, then run the service calls the step asked for and let the dialogs
finish with their results. Saving before the calls means a second delivery of the same chat sees
"submitting" and cannot file twice; a version conflict before the calls simply redoes the step on
the fresher state, and one after them replays the results onto it.

A channel may hand `handle_closing` the work it does once it has the replies (WeChat: the stored
answer and the options shown): when the step calls no service and saves a new state, that work
runs in the step's own transaction, one commit for both, and its result comes back with the
replies. It runs just before the state's save, so that its last writes can go with that save
(`core.messages.Rider`: in the save's statement or script, one round trip fewer); a save that
does not land rolls the whole try back. Its `opening` work (WeChat: claiming the message, noting
the writer, taking what waits for them, and reading the state along when it is in the same
database) runs first in that same transaction, before the step is routed, and again only if that
transaction did not commit: a message costs one transaction on the usual path.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any, TypeVar

from bot.conversation.context import ContextLoader
from bot.conversation.executor import Executor
from bot.conversation.store import Saved, StateStore
from bot.dialogs import reminders
from bot.dialogs import texts as tx
from bot.dialogs.context import Context
from bot.dialogs.effects import Effect, Filed, FileTicket, RecoverFiling
from bot.dialogs.router import route
from bot.dialogs.settings import DialogSettings
from bot.dialogs.state import SCHEMA_VERSION, ConvState, StateError, decode, encode, new_state
from bot.dialogs.step import Step
from bot.locks import KeyedLocks
from bot.metrics import dialog_step
from core.db.blips import is_transient
from core.db.engine import Database
from core.errors import Unavailable
from core.messages import Closing, ClosingFailed, Incoming, NotOpened, Opening, OutMessage, Text

log = logging.getLogger(__name__)
R = TypeVar("R")

ATTEMPTS = 4  # optimistic-concurrency retries of one step
MAX_EFFECTS = 8  # a step's chain of service calls; more means a bug, not a conversation
BLIP_TRIES = 3  # a database blip: the step (or the service call) again on a fresh connection
BLIP_PAUSE = 0.2  # seconds before the second try, doubling


@dataclass
class _Saving:
    """The state a try of the step was saving when the database failed: if it turns out saved
    (the COMMIT went through, its answer did not), the next try goes on from it."""

    version: int
    data: dict[str, Any]
    step: Step
    ctx: Context
    replies: list[OutMessage]
    closed: Any = None  # what the closing work returned in that try (it committed with the state)


def _encoded(saved: Saved, state: ConvState) -> dict[str, Any]:
    """`encode(state)` of the state just decoded from `saved`: the saved form itself when it is of
    the current schema (what `encode` wrote), without encoding it again. Should it differ from
    what `encode` would give, the step saves the state once more, in `encode`'s form."""
    data = saved.data
    if data is not None and data.get("v") == SCHEMA_VERSION:
        return data
    return encode(state)


@dataclass
class _Opened:
    """The channel's opening work for one message: the message as it routes it, and whether a
    transaction that ran it has committed (then it does not run again)."""

    original: Incoming
    inc: Incoming
    done: bool


class _Moved(Exception):
    """The state changed since the step read it (another delivery of the chat saved first): the
    try's transaction rolls back, and the step is decided again on the fresher state."""


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
        Never raises for bad input: a polite reply instead. A database blip is tried again on a
        fresh connection; if it persists, `Unavailable`: nothing was answered, and the channel
        answers so that the platform sends the message again (an apology stored as the answer
        would be all the resends got)."""
        replies, _ = await self.handle_closing(incoming, None)
        return replies

    async def handle_closing(self, incoming: Incoming, closing: Closing[R] | None,
                             opening: Opening | None = None) -> tuple[list[OutMessage], R | None]:
        """`handle`, and when the step calls no service and saves a new state, `closing(session,
        replies)` in the step's transaction: its result (None if it did not run or did not commit)
        with the replies. A try whose COMMIT landed but whose answer was lost is not run again (the
        saved state shows it), so the closing work runs once. `opening(session, incoming)` runs
        first in the step's transaction (see `Opening`); when the step fails, it is committed on
        its own before the apology, so that what the channel records of the message stands."""
        opened = _Opened(incoming, incoming, done=opening is None)
        try:
            return await dialog_step(incoming.channel, self._handle(opened, closing, opening))
        except (Unavailable, ClosingFailed, NotOpened):
            raise
        except Exception as exc:
            log.exception("dialog step failed for %s:%s", incoming.channel, incoming.chat)
            if not opened.done:  # neither the step nor its opening committed: no apology stored
                raise ClosingFailed(f"opening the step for {incoming.channel}:{incoming.chat}") from exc
            return [Text(tx.SORRY)], None

    async def _open_alone(self, opened: _Opened, opening: Opening) -> None:
        """The opening work in its own transaction (the step's failed for good)."""
        async with self.db.transaction() as s:
            opened.inc, _, _ = await opening(s, opened.original, None)
        opened.done = True

    async def _handle(self, opened: _Opened, closing: Closing[R] | None, opening: Opening | None
                      ) -> tuple[list[OutMessage], R | None]:
        key = state_key(opened.original)
        async with self.locks.hold(key):
            saving: list[_Saving] = []
            for attempt in range(BLIP_TRIES):
                try:
                    decided = await self._decide(key, opened, saving, closing, opening)
                except Exception as exc:
                    if not is_transient(exc):
                        if opening is not None and not opened.done and not isinstance(exc, (NotOpened, ClosingFailed)):
                            await self._open_alone(opened, opening)
                        raise
                    log.warning("dialog step for %s hit a database blip (%s: %s); try %d of %d",
                                key, type(exc).__name__, str(exc)[:200], attempt + 1, BLIP_TRIES)
                    await asyncio.sleep(BLIP_PAUSE * 2 ** attempt)
                    continue
                if decided is None:
                    log.warning("dialog state for %s kept changing under us; gave up", key)
                    if opening is not None and not opened.done:  # each try rolled it back
                        await self._open_alone(opened, opening)
                    return [Text(tx.SORRY)], None
                step, version, ctx, replies, closed = decided
                if step.effects:
                    replies += await self._run_effects(key, step, version, opened.inc, ctx)
                return replies, closed
            raise Unavailable(f"dialog step for {key}: the database failed {BLIP_TRIES} times")

    async def _decide(self, key: str, opened: _Opened, saving: list[_Saving], closing: Closing[R] | None,
                      opening: Opening | None) -> tuple[Step, int, Context, list[OutMessage], R | None] | None:
        """Route the message on the saved state and save the outcome: (step, saved version,
        context, replies, what `closing` returned), or None if the state kept changing under us."""
        for _ in range(ATTEMPTS):
            # one short transaction per step: read the state and what the step may know, decide
            # (no waiting in between), write the new state. The effects call the core after it
            # has committed, in transactions of their own.
            try:
                decided = await self._try(key, opened, saving, closing, opening)
            except _Moved:
                continue  # rolled back, the opening work with it: all again on the fresher state
            opened.done = True  # its transaction committed
            return decided
        return None

    async def _try(self, key: str, opened: _Opened, saving: list[_Saving], closing: Closing[R] | None,
                   opening: Opening | None) -> tuple[Step, int, Context, list[OutMessage], R | None]:
        """One try of `_decide` in one transaction (_Moved: another delivery moved the chat first)."""
        async with self.db.step_transaction() as s:  # (its statements go straight to the driver)
            landed = saving[-1] if saving else None
            opens = opening is not None and not opened.done
            known = saved = None
            if opens and landed is None and self.store.in_database:
                # the opening's statement reads the state along (one statement fewer)
                assert opening is not None
                opened.inc, known, saved = await opening(s, opened.original, key)
                opens = False
            if saved is None:
                saved = await self.store.load(key, session=s)
            if landed is not None and saved.version == landed.version and saved.data == landed.data:
                # the try the database failed under had saved: the message is not routed twice
                return landed.step, landed.version, landed.ctx, landed.replies, landed.closed
            saving.clear()
            if opens:
                assert opening is not None
                opened.inc, known, _ = await opening(s, opened.original, None)
            inc = opened.inc
            ctx = await (self.context.load(inc, s) if known is None else self.context.load(inc, s, known=known))
            state, reset = self._decode(saved, inc)
            before = None if reset else _encoded(saved, state)
            step = route(state, inc, ctx)  # no copy: nothing reads `state` after this
            replies = ([Text(tx.STATE_RESET)] if reset else []) + list(step.replies)
            version = saved.version
            after = encode(step.state)
            closed = None
            if after != before:
                saving.append(_Saving(version + 1, after, step, ctx, list(replies)))
                rider = self.store.rider()
                if closing is not None and not step.effects:
                    # only with a state to save: a retry whose COMMIT landed knows it by that state
                    # and does not run the closing work twice. Before the save, so that its last
                    # writes can go with it (the rider); a save that does not land rolls them back.
                    try:
                        closed = saving[-1].closed = await closing(s, list(replies), rider)
                    except Exception as exc:  # a blip among its causes is retried as any other
                        raise ClosingFailed(f"closing the step for {key}: {exc}") from exc
                if not await self.store.save(
                    key, after, expected=version, now=ctx.now,
                    due=reminders.due(step.state, self.settings), session=s, rider=rider,
                ):
                    saving.clear()
                    raise _Moved(key)  # another delivery moved this chat first: decide again on its state
                if rider.then is not None:
                    try:
                        await rider.then(s, rider.row)
                    except Exception as exc:
                        raise ClosingFailed(f"closing the step for {key}: {exc}") from exc
                version += 1
            return step, version, ctx, replies, closed

    async def _call(self, effect: Effect, inc: Incoming, ctx: Context) -> Any:
        """One service call, again on a fresh connection after a blip. A filing whose answer was
        lost may have been written: the retry looks for it first."""
        for attempt in range(BLIP_TRIES):
            try:
                if attempt and isinstance(effect, FileTicket):
                    found = await self.executor.run(RecoverFiling(draft=effect.draft, then=effect.then), inc, ctx)
                    if isinstance(found, Filed):
                        return found
                return await self.executor.run(effect, inc, ctx)
            except Exception as exc:
                if not is_transient(exc):
                    raise
                log.warning("%s for %s hit a database blip (%s: %s); try %d of %d", type(effect).__name__,
                            inc.chat, type(exc).__name__, str(exc)[:200], attempt + 1, BLIP_TRIES)
                await asyncio.sleep(BLIP_PAUSE * 2 ** attempt)
        raise Unavailable(f"{type(effect).__name__} for {inc.channel}:{inc.chat}: the database failed {BLIP_TRIES} times")

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
            result = await self._call(effect, inc, ctx)
            following = effect.then(state.model_copy(deep=True), effect, result, ctx)
            done.append((effect, result))
            state = following.state
            replies += following.replies
            queue = list(following.effects) + queue
        for _ in range(ATTEMPTS + BLIP_TRIES):
            form = encode(state)
            if form == saved_form:
                break
            try:
                if await self.store.save(key, form, expected=version, now=ctx.now,
                                         due=reminders.due(state, self.settings)):
                    break
                # someone else moved the chat while we called the core: apply our results to theirs
                fresh = await self.store.load(key)
            except Exception as exc:
                if not is_transient(exc):
                    raise
                # the calls are made and their replies true: if the state cannot be saved, a
                # filing left "submitting" is found again by RecoverFiling
                log.warning("saving the outcome for %s hit a database blip (%s)", key, type(exc).__name__)
                await asyncio.sleep(BLIP_PAUSE)
                continue
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
