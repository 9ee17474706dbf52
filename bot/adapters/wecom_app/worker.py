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
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.adapters.wecom_app import texts as tx
from bot.adapters.wecom_app.inbound import CHANNEL
from bot.dialogs import worker_texts as wtx
from bot.dialogs.inputs import (
    SHORT,
    bind_code,
    clean,
    meaningful,
    word,
    worker_command,
    worker_own_words,
    worker_verb_alone,
)
from bot.dialogs.worker_words import split_reason, unfinished_answer
from core.enums import Role, Status
from core.errors import DomainError, SoundsUnfinished
from core.keyvalue import SharedStore
from core.messages import MediaRef, OutMessage, Text
from core.privacy import Audience, View
from core.service import keys
from core.service.actor import Actor, Place
from core.service.directory import Directory, StaffIdentity
from core.service.permissions import Verb
from core.service.queries import TicketQueries
from core.service.tickets import TicketService
from core.texts.common import address_label, fmt_time

PROMPT_TTL = timedelta(hours=2)
STAFF_VIEW = View.of(Audience.STAFF)  # 我的工单 lists tickets the worker may not hold
MAX_PHOTOS = 9
MAX_TEXT = 1000
_BARE_CODE = re.compile(r"^[A-Z2-9]{8}$")  # an invite code sent on its own
_VERBS = {keys.CLAIM: Verb.CLAIM, keys.PROGRESS: Verb.PROGRESS, keys.RESOLVE: Verb.RESOLVE, keys.RETURN: Verb.RETURN}


@dataclass
class Pending:
    verb: str  # prog / done / ret
    number: str
    step: str  # note / reason / return_note / unfinished
    reason: str | None = None
    note: str | None = None  # a resolution note that reads as work still to come, while the worker decides
    photos: list[dict[str, Any]] = field(default_factory=list)


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
        if action is None or action.verb not in _VERBS:
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
        command = worker_command(text) or worker_verb_alone(text)
        if command is None and await self._pending(userid) is None:
            command = worker_own_words(text)  # 「搞定了 门吸换了」; while a note is awaited it is the note
        if command is not None:
            number = command.number
            if number == SHORT:  # 「接单」 alone: the one ticket of their grids it can mean
                found = await self.queries.open_for(command.verb, staff.grid_ids, staff.staff.id)
                if len(found) != 1:
                    return [Text(wtx.which_ticket(command.verb, found))]
                number = found[0]
            elif number.startswith(SHORT):  # 「接单 0005」: the one open ticket of their grids ending in it
                found = await self.queries.open_by_serial(number[len(SHORT):], staff.grid_ids)
                if len(found) != 1:
                    serial = number[len(SHORT):]
                    return [Text(wtx.serial_ambiguous(serial, found) if found else wtx.serial_not_found(serial))]
                number = found[0]
            return await self._start(staff, userid, command.verb, number, command.rest)
        pending = await self._pending(userid)
        if pending is not None:
            return await self._answer(staff, userid, pending, text)
        if code is not None:
            return [Text(tx.ALREADY_BOUND.format(name=staff.staff.name))]
        return [Text(tx.UNKNOWN)]

    async def _start(self, staff: StaffIdentity, userid: str, verb: str, number: str, rest: str) -> list[OutMessage]:
        """A verb on a ticket, from a button or typed: done at once when it has what it needs,
        else checked (so a refusal comes before the question) and asked for."""
        await self.store.delete(_key(userid))  # a new command replaces an unfinished one
        if verb == keys.CLAIM:
            return await self._act(staff, verb, number)
        if verb == keys.RETURN and rest:
            reason, note = split_reason(rest)
            return await self._act(staff, verb, number, reason=reason, note=note)
        if verb in (keys.PROGRESS, keys.RESOLVE) and meaningful(rest, 1):
            return await self._act(staff, verb, number, note=rest, userid=userid)
        try:
            await self.tickets.check(number, self._actor(staff), _VERBS[verb])
        except DomainError as exc:
            return [Text(exc.message)]
        if verb == keys.RETURN:
            await self._keep(userid, Pending(verb, number, "reason"))
            return [Text(tx.ASK_RETURN.format(number=number) + "\n" + tx.return_reasons())]
        await self._keep(userid, Pending(verb, number, "note"))
        ask = tx.ASK_PROGRESS if verb == keys.PROGRESS else tx.ASK_RESOLVE
        return [Text(ask.format(number=number))]

    async def _answer(self, staff: StaffIdentity, userid: str, p: Pending, text: str) -> list[OutMessage]:
        """The words a prompt asked for."""
        if p.step == "reason":
            w = word(text)
            if w.isdigit() and 1 <= int(w) <= len(tx.RETURN_REASONS):
                p.reason, p.step = tx.RETURN_REASONS[int(w) - 1], "return_note"
                await self._keep(userid, p)
                return [Text(tx.ASK_RETURN_NOTE.format(reason=p.reason))]
            reason, note = split_reason(text)
            return await self._act(staff, p.verb, p.number, reason=reason, note=note, userid=userid)
        if p.step == "return_note":
            note = None if word(text) in tx.SKIP_WORDS else text
            return await self._act(staff, p.verb, p.number, reason=p.reason, note=note, userid=userid)
        photos = tuple(MediaRef.from_json(m) for m in p.photos)
        if p.step == "unfinished":  # 1 记为进展 / 2 仍然办结, or words that say it is done after all
            answer = {"1": "progress", "2": "resolve"}.get(word(text)) or unfinished_answer(text)
            if answer == "progress":
                return await self._act(staff, keys.PROGRESS, p.number, note=p.note, photos=photos, userid=userid)
            if answer == "resolve":
                return await self._act(staff, keys.RESOLVE, p.number, note=p.note, photos=photos, userid=userid,
                                       unfinished_confirmed=True)
            if answer == "done":  # words that say it is done after all: resolved with them
                return await self._act(staff, keys.RESOLVE, p.number, note=text, photos=photos, userid=userid)
            return [Text(tx.unfinished(p.number, p.note or ""))]
        if not meaningful(text, 1):
            return [Text(tx.NEED_WORDS)]
        return await self._act(staff, p.verb, p.number, note=text, photos=photos, userid=userid)

    async def _act(self, staff: StaffIdentity, verb: str, number: str, *, note: str | None = None,
                   reason: str | None = None, photos: tuple[MediaRef, ...] = (), userid: str | None = None,
                   unfinished_confirmed: bool = False) -> list[OutMessage]:
        actor = self._actor(staff)
        try:
            if verb == keys.CLAIM:
                t = await self.tickets.claim(number, actor)
                done = tx.CLAIMED
            elif verb == keys.PROGRESS:
                t = await self.tickets.add_progress(number, actor, note or "", photos)
                done = tx.PROGRESS_ADDED
            elif verb == keys.RESOLVE:
                t = await self.tickets.resolve(number, actor, note or "", photos,
                                               unfinished_confirmed=unfinished_confirmed)
                done = tx.RESOLVED
            else:
                t = await self.tickets.return_(number, actor, reason or tx.RETURN_REASONS[-1], note)
                done = tx.RETURNED
        except SoundsUnfinished as exc:
            if userid is None:
                return [Text(exc.message)]
            # the note reads as work still to come (明天派人去看): asked — 1 record it as progress, 2 resolve all the same
            # (closing sends the resident a survey for work not done); the photos sent go with either
            await self._keep(userid, Pending(keys.RESOLVE, exc.number, "unfinished", note=exc.note,
                                             photos=[m.to_json() for m in photos]))
            return [Text(tx.unfinished(exc.number, exc.note))]
        except DomainError as exc:
            if userid is not None and exc.code != "invalid_input":
                await self.store.delete(_key(userid))  # a refusal ends the prompt; a bad note may be retried
            return [Text(exc.message)]
        if userid is not None:
            await self.store.delete(_key(userid))
        return [Text(done.format(number=t.number))]

    def _actor(self, staff: StaffIdentity) -> Actor:
        return Actor.staff(staff.staff.id, Role(staff.staff.role), staff.identity.id, place=Place("wecom"))

    async def _mine(self, staff: StaffIdentity) -> str:
        tickets = await self.queries.for_staff(staff.staff.id, staff.grid_ids)
        if not tickets:
            return tx.MINE_EMPTY
        lines = [tx.MINE_HEADER.format(count=len(tickets))]
        for n, t in enumerate(tickets, 1):
            status = Status(t.status).label + ("" if t.assignee_id else tx.MINE_WAITING)
            lines.append(tx.MINE_LINE.format(n=n, number=t.number, status=status, category=t.category,
                                             address=address_label(t, STAFF_VIEW), due=fmt_time(t.due_at, self.tz)))
        return "\n".join(lines)

    async def _bind(self, userid: str, code: str) -> list[OutMessage]:
        try:
            staff = await self.directory.redeem_staff_invite(CHANNEL, userid, code)
        except DomainError as exc:
            return [Text(exc.message)]
        return [Text(tx.BOUND.format(name=staff.name))]

    # ---- state ---------------------------------------------------------------------------------------

    async def _staff(self, userid: str) -> StaffIdentity | None:
        return await self.directory.staff_by_identity(CHANNEL, userid)

    async def _pending(self, userid: str) -> Pending | None:
        raw = await self.store.get(_key(userid))
        if raw is None:
            return None
        try:
            return Pending(**json.loads(raw))
        except (ValueError, TypeError):
            return None

    async def _keep(self, userid: str, pending: Pending) -> None:
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
