"""A grid worker in the WeCom app's chat: card buttons (接单 / 进展 / 办结 / 退回), typed commands
(进展 261123-0001 已到现场 …), photos then words for progress and results, return reasons, 我的工单,
and binding by invite code. Every action is the core service call the other chats make, as the
staff member bound to the WeCom userid, from Place("wecom"); the core decides who may do what.

A prompt's state (which ticket, which verb, the photos so far) lives in the shared store for a
while, so any `serve` process can take the worker's next message."""

from __future__ import annotations

import asyncio
import json
import re
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import asdict
from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.adapters.wecom_app import texts as tx
from bot.adapters.wecom_app.inbound import CHANNEL
from bot.conversation import worker_calls as calls
from bot.dialogs import worker_words as words
from bot.dialogs.inputs import bind_code, clean, word
from core.enums import Role
from core.errors import DomainError, SoundsUnfinished
from core.keyvalue import SharedStore
from core.messages import MediaRef, OutMessage, Text
from core.privacy import Audience, View
from core.service import keys
from core.service.actor import Actor, Place
from core.service.directory import Directory, StaffIdentity
from core.service.queries import TicketQueries
from core.service.tickets import TicketService
from core.texts import workers as to_workers

PROMPT_TTL = timedelta(hours=2)
STAFF_VIEW = View.of(Audience.STAFF)  # 我的工单 lists tickets the worker may not hold
MAX_PHOTOS = 9
MAX_TEXT = 1000
_BARE_CODE = re.compile(r"^[A-Z2-9]{8}$")  # an invite code sent on its own
_DONE = {keys.CLAIM: tx.CLAIMED, keys.PROGRESS: tx.PROGRESS_ADDED, keys.RESOLVE: tx.RESOLVED, keys.RETURN: tx.RETURNED}


class WeComWorkers:
    def __init__(self, *, tickets: TicketService, directory: Directory, queries: TicketQueries,
                 store: SharedStore, tz: ZoneInfo) -> None:
        self.tickets, self.directory, self.queries, self.store, self.tz = tickets, directory, queries, store, tz
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    # ---- what arrives ------------------------------------------------------------------------------

    async def on_text(self, userid: str, text: str) -> list[OutMessage]:
        text = clean(text)
        if len(text) > MAX_TEXT:
            return [Text(tx.TOO_LONG.format(limit=MAX_TEXT))]
        async with self._lock(userid):
            staff = await self._staff(userid)
            code = bind_code(text) or (text.upper() if _BARE_CODE.match(text.upper()) else None)
            if staff is None:
                return await self._bind(userid, code) if code else [Text(tx.NOT_BOUND)]
            return await self._staff_text(staff, userid, text, code)

    async def on_photo(self, userid: str, photo: MediaRef) -> list[OutMessage]:
        async with self._lock(userid):
            if await self._staff(userid) is None:
                return [Text(tx.NOT_BOUND)]
            pending = await self._pending(userid)
            if pending is None or pending.step != "note":
                return [Text(tx.PHOTO_WITHOUT_TASK)]
            if len(pending.photos) < MAX_PHOTOS:
                pending.photos.append(photo.to_json())
            await self._keep(userid, pending)
            return [Text(tx.PHOTOS_KEPT.format(count=len(pending.photos)))]

    async def on_click(self, userid: str, key: str) -> list[OutMessage]:
        action = keys.decode(key)
        if action is None or action.verb not in _DONE:
            return [Text(tx.EXPIRED_BUTTON)]
        async with self._lock(userid):
            staff = await self._staff(userid)
            if staff is None:
                return [Text(tx.NOT_BOUND)]
            return await self._start(staff, userid, action.verb, action.number, "")

    async def on_enter(self, userid: str) -> list[OutMessage]:
        return [Text(tx.HELP if await self._staff(userid) is not None else tx.NOT_BOUND)]

    # ---- a bound worker's words --------------------------------------------------------------------

    async def _staff_text(self, staff: StaffIdentity, userid: str, text: str, code: str | None) -> list[OutMessage]:
        w = word(text)
        if w in tx.CANCEL_WORDS:
            dropped = await self.store.delete(_key(userid))
            return [Text(tx.CANCELLED if dropped else tx.NOTHING_TO_CANCEL)]
        if w in tx.HELP_WORDS:
            return [Text(tx.HELP)]
        if w in tx.MINE_WORDS:
            return [Text(await self._mine(staff))]
        pending = await self._pending(userid)
        command = words.command_in(text, awaiting=pending is not None)  # while a note is awaited, 「搞定了」 is the note
        if command is not None:
            try:  # 「接单」 alone, 「接单 0005」: the one ticket of their grids it can mean
                number = await calls.whole_number(self.queries, command.verb, command.number, staff.grid_ids,
                                                  staff.staff.id)
            except DomainError as exc:
                return [Text(exc.message)]
            return await self._start(staff, userid, command.verb, number, command.rest)
        if pending is not None:
            return await self._answer(staff, userid, pending, text)
        if code is not None:
            return [Text(tx.ALREADY_BOUND.format(name=staff.staff.name))]
        return [Text(tx.UNKNOWN)]

    async def _start(self, staff: StaffIdentity, userid: str, verb: str, number: str, rest: str) -> list[OutMessage]:
        """A verb on a ticket, from a button or typed: done at once when it has what it needs,
        else checked (so a refusal comes before the question) and asked for."""
        await self.store.delete(_key(userid))  # a new command replaces an unfinished one
        move = words.start(verb, number, rest)
        if isinstance(move, words.Act):
            return await self._act(staff, userid, move)
        try:
            await calls.check(self.tickets, self._actor(staff), verb, number)
        except DomainError as exc:
            return [Text(exc.message)]
        step = words.first_step(verb)
        await self._keep(userid, words.Prompt(verb, number, step))
        if step == "reason":
            return [Text(tx.ASK_RETURN.format(number=number) + "\n" + tx.return_reasons())]
        ask = tx.ASK_PROGRESS if verb == keys.PROGRESS else tx.ASK_RESOLVE
        return [Text(ask.format(number=number))]

    async def _answer(self, staff: StaffIdentity, userid: str, p: words.Prompt, text: str) -> list[OutMessage]:
        """The words a prompt asked for; a digit chooses from a numbered list (1 记为进展 / 2 仍然办结, the reasons)."""
        options = {"reason": len(tx.RETURN_REASONS), "unfinished": len(tx.UNFINISHED_AS)}.get(p.step, 0)
        w = word(text)
        move = words.answer(p, text, int(w) - 1 if w.isdigit() and 1 <= int(w) <= options else None)
        if isinstance(move, words.Act):
            return await self._act(staff, userid, move)
        if move.what == "return_note":
            p.reason, p.step = move.reason, "return_note"
            await self._keep(userid, p)
            return [Text(tx.ASK_RETURN_NOTE.format(reason=p.reason))]
        if move.what == "unfinished":
            return [Text(tx.unfinished(p.number, p.note or ""))]
        return [Text(tx.NEED_WORDS)]

    async def _act(self, staff: StaffIdentity, userid: str, act: words.Act) -> list[OutMessage]:
        try:
            t = await calls.perform(self.tickets, self._actor(staff), act.number, act)
        except SoundsUnfinished as exc:
            # the note reads as work still to come (明天派人去看): asked — 1 record it as progress, 2 resolve all the same
            # (closing sends the resident a survey for work not done); the photos sent go with either
            await self._keep(userid, words.Prompt(keys.RESOLVE, exc.number, "unfinished", note=exc.note,
                                             photos=[m.to_json() for m in act.photos]))
            return [Text(tx.unfinished(exc.number, exc.note))]
        except DomainError as exc:
            if not words.keeps_prompt(exc.code):
                await self.store.delete(_key(userid))
            return [Text(exc.message)]
        await self.store.delete(_key(userid))
        return [Text(_DONE[act.verb].format(number=t.number))]

    def _actor(self, staff: StaffIdentity) -> Actor:
        return Actor.staff(staff.staff.id, Role(staff.staff.role), staff.identity.id, place=Place("wecom"))

    async def _mine(self, staff: StaffIdentity) -> str:
        tickets = await self.queries.for_staff(staff.staff.id, staff.grid_ids)
        return to_workers.work_list(tickets, STAFF_VIEW, self.tz)

    async def _bind(self, userid: str, code: str) -> list[OutMessage]:
        try:
            staff = await self.directory.redeem_staff_invite(CHANNEL, userid, code)
        except DomainError as exc:
            return [Text(exc.message)]
        return [Text(tx.BOUND.format(name=staff.name))]

    # ---- state ---------------------------------------------------------------------------------------

    async def _staff(self, userid: str) -> StaffIdentity | None:
        return await self.directory.staff_by_identity(CHANNEL, userid)

    async def _pending(self, userid: str) -> words.Prompt | None:
        raw = await self.store.get(_key(userid))
        if raw is None:
            return None
        try:
            return words.Prompt(**json.loads(raw))
        except (ValueError, TypeError):
            return None

    async def _keep(self, userid: str, pending: words.Prompt) -> None:
        await self.store.put(_key(userid), json.dumps(asdict(pending), ensure_ascii=False), PROMPT_TTL)

    @asynccontextmanager
    async def _lock(self, userid: str) -> AsyncIterator[None]:
        # one step at a time per worker in this process: photos and words arrive close together
        # (the lock lives while someone holds or waits for it)
        lock = self._locks.get(userid)
        if lock is None:
            lock = self._locks[userid] = asyncio.Lock()
        async with lock:
            yield


def _key(userid: str) -> str:
    return f"wecom_app:prompt:{userid}"
