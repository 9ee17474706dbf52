"""The conversations' entry point for every channel: `DialogEngine.handle(incoming)` → the replies.

One message is one step: load the chat's saved state, let the (pure) dialogs decide, save the new
state with a version check, then run the service calls the step asked for and let the dialogs
finish with their results. Saving before the calls means a second delivery of the same chat sees
"submitting" and cannot file twice; a version conflict before the calls simply redoes the step on
the fresher state, and one after them replays the results onto it.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import String, and_, bindparam, cast, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.app import App
from bot.dialogs import intake
from bot.dialogs import texts as tx
from bot.dialogs.context import BindingInfo, Context, StaffInfo
from bot.dialogs.effects import Effect
from bot.dialogs.executor import Executor
from bot.dialogs.inputs import word
from bot.dialogs.router import route
from bot.dialogs.settings import DialogSettings
from bot.dialogs.state import ConvState, StateError, decode, encode, new_state
from bot.dialogs.step import Step
from bot.dialogs.store import DatabaseStateStore, RedisStateStore, Saved, StateStore
from bot.dialogs.survey import TYPED
from bot.dialogs.understand import Community, Reader, communities_from_patterns
from bot.metrics import dialog_step
from core.db.engine import run_core
from core.db.models import (
    ChannelIdentity,
    Grid,
    Resident,
    SurveyAnswer,
    Ticket,
)
from core.enums import Status
from core.messages import Incoming, OutMessage, Text
from core.outbox import enqueue

log = logging.getLogger(__name__)

# the columns a step needs of the active grids (a plain row read: no ORM objects per message)
# the patterns as the stored JSON text: every step compares the rows with the last ones, and
# decoding hundreds of grids' patterns on every message only to find them unchanged cost ~1 ms
_GRIDS = (
    select(Grid.id, Grid.code, Grid.name, cast(Grid.address_patterns, String).label("patterns"),
           Grid.center_lat, Grid.center_lng, Grid.radius_m)
    .where(Grid.active.is_(True))
    .order_by(Grid.code)
)
# who writes privately: resident (with the phone they gave last time) and staff ids
_IDENTITY = (
    select(ChannelIdentity.resident_id, ChannelIdentity.staff_id, Resident.phone)
    .outerjoin(Resident, Resident.id == ChannelIdentity.resident_id)
    .where(ChannelIdentity.channel == bindparam("channel"), ChannelIdentity.external_id == bindparam("external_id"))
)

ATTEMPTS = 4  # optimistic-concurrency retries of one step
MAX_EFFECTS = 8  # a step's chain of service calls; more means a bug, not a conversation


def state_key(inc: Incoming) -> str:
    """A private chat has one conversation; in a group each member has their own (their prompts)."""
    if inc.chat_kind == "group":
        return f"{inc.channel}:g:{inc.chat}:{inc.sender}"[:300]
    return f"{inc.channel}:p:{inc.chat}"[:300]


class DialogEngine:
    def __init__(self, app: App, store: StateStore, *, settings: DialogSettings | None = None) -> None:
        self.app = app
        self.store = store
        self.settings = settings or DialogSettings.from_settings(app.settings)
        self.reader = Reader(app.assessor)
        self.executor = Executor(app)
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}
        self._communities_key: tuple[Any, ...] | None = None
        self._communities_memo: tuple[Community, ...] = ()

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
        async with self._lock(key):
            for _ in range(ATTEMPTS):
                # one short transaction per step: read the state and what the step may know, decide
                # (no waiting in between), write the new state. The effects call the core after it
                # has committed, in transactions of their own.
                async with self.app.db.transaction() as s:
                    saved = await self.store.load(key, session=s)
                    ctx = await self._context(inc, s)
                    state, reset = self._decode(saved, inc)
                    before = None if reset else encode(state)
                    step = route(state.model_copy(deep=True), inc, ctx)
                    replies = ([Text(tx.STATE_RESET)] if reset else []) + list(step.replies)
                    version = saved.version
                    after = encode(step.state)
                    if after != before:
                        if not await self.store.save(
                            key, after, expected=version, now=ctx.now, due=self._due(step.state), session=s
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
            if await self.store.save(key, form, expected=version, now=ctx.now, due=self._due(state)):
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

    def _decode(self, saved: Saved, inc: Incoming) -> tuple[ConvState, bool]:
        if saved.data is None:
            return new_state(inc.channel, inc.chat, inc.sender), False
        try:
            return decode(saved.data), False
        except StateError as exc:
            log.warning("dialog state for %s:%s unreadable (%s): starting over", inc.channel, inc.chat, exc)
            return new_state(inc.channel, inc.chat, inc.sender), True

    def _due(self, state: ConvState) -> datetime | None:
        d = state.draft
        if d is None:
            return None
        if d.reminded or d.stage == "submitting":
            return d.touched_at + self.settings.expire_after
        return d.touched_at + self.settings.remind_after

    @asynccontextmanager
    async def _lock(self, key: str) -> AsyncIterator[None]:
        # one step at a time per chat inside this process (the version check covers other processes)
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    # ---- what a step may know -------------------------------------------------------------------

    async def _context(self, inc: Incoming, s: AsyncSession) -> Context:
        """What the step may know, read in the caller's transaction (with the saved state)."""
        now = self.app.clock.now()
        resident_id = last_phone = None
        pending = found = row = None
        grids = (await s.execute(_GRIDS)).all()
        if inc.chat_kind == "private":
            identity = (
                await run_core(s, _IDENTITY, {"channel": inc.channel, "external_id": inc.sender})
            ).one_or_none()
            if identity is not None and identity.resident_id is not None:
                resident_id, last_phone = identity.resident_id, identity.phone
                if word(inc.text) in TYPED:
                    pending = await _pending_survey(s, resident_id)
            # most who write privately are residents: no staff lookup for an identity without staff
            maybe_staff = identity is not None and identity.staff_id is not None
        else:
            maybe_staff = True
            # who may act in a group: the group's binding
            row = await self.app.directory.group_binding(inc.channel, inc.chat, session=s)
        if maybe_staff:
            found = await self.app.directory.staff_by_identity(inc.channel, inc.sender, session=s)
        staff = (
            StaffInfo(found.staff.id, found.staff.name, found.staff.role, found.grid_ids, found.identity.id)
            if found is not None
            else None
        )
        binding = BindingInfo(row.purpose, row.grid_id) if row is not None else None
        communities = self._communities(tuple(grids))
        return Context(
            now=now,
            tz=self.app.tz,
            settings=self.settings,
            gas_phone=self.app.settings.gas_company_phone,
            communities=communities,
            reader=self.reader,
            resident_id=resident_id,
            last_phone=last_phone,
            staff=staff,
            binding=binding,
            pending_survey=pending,
            sender_name=inc.sender_name,
            in_group=inc.chat_kind == "group",
        )

    def _communities(self, grids: tuple[Any, ...]) -> tuple[Community, ...]:
        """The communities the grids cover, rebuilt only when the grid rows change (they rarely do;
        every step reads them, so an edit from another process is seen on the next message)."""
        # plain values, the patterns still JSON text: compared as they come
        if grids != self._communities_key:
            built = []
            for gid, code, name, patterns, lat, lng, radius in grids:
                center = (lat, lng) if lat is not None and lng is not None else None
                names = (json.loads(patterns) if patterns else None) or []
                c = communities_from_patterns(code, gid, name, names, center, radius)
                if c is not None:
                    built.append(c)
            self._communities_key, self._communities_memo = grids, tuple(built)
        return self._communities_memo

    # ---- timers ---------------------------------------------------------------------------------

    async def sweep(self, now: datetime) -> int:
        """Drafts left alone: one reminder, then expiry (each an outbox row to the resident).
        Returns how many conversations it touched."""
        touched = 0
        for key in await self.store.due(now):
            async with self._lock(key):
                saved = await self.store.load(key)
                if saved.data is None:
                    continue
                try:
                    state = decode(saved.data)
                except StateError:
                    # unreadable: stop looking at it; the next message resets it with an apology
                    await self.store.save(key, saved.data, expected=saved.version, now=now, due=None)
                    continue
                message, purpose = self._sweep_one(state, now)
                if not await self.store.save(
                    key, encode(state), expected=saved.version, now=now, due=self._due(state)
                ):
                    continue  # the resident is writing right now: leave it to them
                if message is not None:
                    await self._notify(state, now, purpose, message)
                    touched += 1
        await self.store.purge(now - self.settings.purge_after)
        return touched

    def _sweep_one(self, state: ConvState, now: datetime) -> tuple[str | None, str]:
        d = state.draft
        if d is None:
            return None, ""
        summary = d.summary()
        if now - d.touched_at >= self.settings.expire_after:
            state.draft = None
            state.withdraw(intake.DRAFT)
            if d.stage == "submitting":
                return None, ""
            return tx.draft_expired(summary), "draft_expired"
        if not d.reminded and d.stage == "collecting" and now - d.touched_at >= self.settings.remind_after:
            d.reminded = True
            return tx.draft_reminder(summary), "draft_reminder"
        return None, ""

    async def _notify(self, state: ConvState, now: datetime, purpose: str, message: str) -> None:
        async with self.app.db.transaction() as s:
            identity_id = (
                await s.execute(
                    select(ChannelIdentity.id).where(
                        ChannelIdentity.channel == state.channel,
                        ChannelIdentity.external_id == state.sender,
                    )
                )
            ).scalar_one_or_none()
            enqueue(
                s,
                now,
                channel=state.channel,
                address=state.chat,
                audience="resident",
                purpose=purpose,
                messages=[Text(message)],
                identity_id=identity_id,
            )

    async def close(self) -> None:
        await self.store.close()


async def _pending_survey(s: Any, resident_id: int) -> tuple[str, int] | None:
    answered = exists().where(
        and_(
            SurveyAnswer.ticket_id == Ticket.id,
            SurveyAnswer.round == Ticket.round,
            SurveyAnswer.resident_id == resident_id,
        )
    )
    row = (
        await s.execute(
            select(Ticket.number, Ticket.round)
            .where(
                Ticket.resident_id == resident_id,
                Ticket.status == Status.RESOLVED.value,
                ~answered,
            )
            .order_by(Ticket.resolved_at.desc())
            .limit(1)
        )
    ).one_or_none()
    return (row.number, int(row.round)) if row is not None else None


def build_store(app: App, settings: DialogSettings) -> StateStore:
    if app.settings.redis_url:
        return RedisStateStore(app.settings.redis_url, prefix=settings.redis_prefix)
    return DatabaseStateStore(app.db)


def build_engine(app: App) -> DialogEngine:
    """The engine every channel of this process shares; state in Redis if REDIS_URL, else the DB."""
    cached = app.extras.get("dialog_engine")
    if isinstance(cached, DialogEngine):
        return cached
    settings = DialogSettings.from_settings(app.settings)
    engine = DialogEngine(app, build_store(app, settings), settings=settings)
    app.extras["dialog_engine"] = engine
    return engine
