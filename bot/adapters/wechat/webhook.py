"""The Official Account's webhook on the shared aiohttp server.

GET answers WeChat's URL check (echostr). POST takes a message: verify (signature, safe-mode
decryption), dedupe (the MsgId is claimed once across processes: WeChat resends after 5 s, up to
three times), hand it to the dialogs, and answer with one passive reply — within a budget well
under WeChat's 5 s. A step that takes longer is answered `success` and its reply is pushed as
customer-service messages through the outbox when it is ready; if the person writes again before
that push has gone, it goes in the next passive reply, ahead of that answer (or the answer follows
it: never overtakes it). A resend that comes while the first attempt is running waits for that
attempt's stored reply, within the same budget. The claim
is this process' while it renews its lease: a process killed mid-step stops renewing, and a
resend after the lease runs the step again (core/inbound.py).

When the dialog step calls no service and saves its state (most steps), the answer is stored in
the step's own transaction (`handle_closing`): the render is pure, so the answer is known before
its commit, and a retried try whose commit landed is recognised by the state it saved. Otherwise
(and when an earlier answer to the same person is still being stored) one more transaction
stores it after the step. A message that the dialogs take, from a person with no answer of this
process still being stored, is claimed in that same transaction too (`handle_closing`'s opening:
the claim, the window noted, who wrote and the options shown read in that statement, the person's
waiting rows read once): one transaction per message. Other messages are claimed in a short
transaction of their own first.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Coroutine
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, TypeVar

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession
from wechatpy.replies import ImageReply, TextReply

from bot.adapters.callback import CallbackEndpoint
from bot.adapters.wechat import texts as tx
from bot.adapters.wechat.inbound import CHANNEL, Inbound, read
from bot.adapters.wechat.options import OptionsMemory
from bot.adapters.wechat.protocol import Envelope, Refused, WeChatProtocol
from bot.adapters.wechat.render import carried, match_choice, may_choose, render_reply
from bot.adapters.wechat.window import ReplyWindow
from bot.metrics import wechat_late_reply
from core.clock import Clock
from core.db.engine import Database
from core.delivery import Delivery
from core.errors import DomainError, Unavailable
from core.inbound import LEASE, note_writer
from core.messages import (
    Closing,
    ClosingConversations,
    ClosingFailed,
    Conversations,
    Incoming,
    MediaRef,
    NotOpened,
    Opening,
    OutMessage,
    Photo,
    Rider,
    Text,
)
from core.outbox import Outbox, Waiting, enqueue
from core.service.chats import Known, Writer
from core.service.conversation import attachments_of
from core.service.dialog_states import Saved

log = logging.getLogger(__name__)
T = TypeVar("T")

SUCCESS = "success"  # WeChat's "received, nothing to say now"
POLL = 0.1  # seconds between looks at a resend's stored reply (another process is handling it)
RESERVE = 0.3  # seconds of the budget kept for storing the answer after the dialog step
Answer = tuple[list[OutMessage], dict[str, Any] | None]  # the replies; what was stored with the step


@dataclass
class _Arrival:
    # the numbered options shown last; None: not read, as what was said cannot be one of them
    options: dict[str, str] | None = field(default_factory=dict)
    deferred: list[Delivery] = field(default_factory=list)  # updates kept for this person
    earlier: bool = False  # an earlier message of theirs was being answered by another process
    # the person's rows waiting to go (outbox take_for_answer), read in `read_in` with the deferred
    waiting: list[Any] | None = None
    read_in: AsyncSession | None = None
    known: Known | None = None  # who wrote and the grids' token, as noting them read it (None: not read)
    saved: Saved | None = None  # the step's dialog state, as noting them read it (None: not read)
    tries: int = 0  # how many times the claim was made (a retry claims `again`)


def _may_choose(said: Incoming | None) -> bool:
    """Whether what was said could be a numbered option's answer (then the options are read)."""
    return said is not None and not said.command and may_choose(said.text)


class WeChatWebhook(CallbackEndpoint):
    """The `Component` for `serve`: one route, no background loop of its own (late replies go
    through the outbox like every other push)."""

    name = "wechat"

    def __init__(self, *, db: Database, clock: Clock, outbox: Outbox, protocol: WeChatProtocol,
                 options: OptionsMemory, dialogs: Conversations, path: str = "/wechat", budget: float = 3.5,
                 max_body: int = 65536, claim_lease: timedelta = LEASE) -> None:
        super().__init__(db=db, clock=clock, path=path, budget=budget, max_body=max_body, claim_lease=claim_lease)
        self.outbox, self.protocol, self.options, self.dialogs = outbox, protocol, options, dialogs
        # dialogs that can store the answer in their step's transaction (the dialog engine)
        self._closing = dialogs if isinstance(dialogs, ClosingConversations) else None
        self.window = ReplyWindow(db)
        self._inflight: dict[str, asyncio.Future[dict[str, Any] | None]] = {}

    # ---- GET: the URL check -------------------------------------------------------------------

    async def verify(self, request: web.Request) -> web.Response:
        try:
            echostr = self.protocol.check_echo(request.query, self.clock.now())
        except Refused as refused:
            return self._refuse(request, refused)
        return web.Response(text=echostr)

    # ---- POST: a message ------------------------------------------------------------------------

    async def receive(self, request: web.Request) -> web.Response:
        started = time.monotonic()  # the budget is elapsed time, not the business clock
        now = self.clock.now()
        try:
            body = await self._body(request)
            envelope = self.protocol.open(request.query, body, now)
            inbound = read(envelope.fields, now)
        except Refused as refused:
            return self._refuse(request, refused)
        if inbound.key in self._inflight:  # this process is at it: a resend, whatever its lease says
            return await self._resend(inbound, envelope, started)
        earlier = self._answering.get(inbound.openid)
        if self._closing is not None and inbound.opens_window and inbound.incoming is not None \
                and (earlier is None or earlier.done()):
            # the usual path: claimed in the step's transaction (registered as in flight first, so
            # that a resend to this process waits for it instead of claiming)
            return await self._answer(inbound, envelope, started, _Arrival(), now=now)

        claiming = self._start(self._arrive(inbound, now))
        try:
            arrival = await asyncio.wait_for(asyncio.shield(claiming), max(0.0, self._left(started) - RESERVE))
        except TimeoutError:
            # the database is slow, not away: the claim goes on; if it is ours, the reply is
            # pushed when ready, and a resend finds the claim
            log.warning("wechat message %s: claim over budget, answering success", inbound.key)
            wechat_late_reply("claim")
            claiming.add_done_callback(lambda t: self._spawn(self._claimed_late(inbound, t)))
            return self._success()
        except Exception:
            # the database is away: nothing was claimed, so WeChat's resend will be handled
            log.exception("wechat message %s could not be claimed", inbound.key)
            return web.Response(status=503, text="try again")
        if arrival is None:
            return await self._resend(inbound, envelope, started)
        return await self._answer(inbound, envelope, started, arrival)

    async def _answer(self, inbound: Inbound, envelope: Envelope, started: float, arrival: _Arrival, *,
                      now: datetime | None = None) -> web.Response:
        """Converse and answer a claimed message; with `now`, the message is claimed in the step's
        transaction (at that time) instead."""
        self.log.keep(inbound.key)
        future: asyncio.Future[dict[str, Any] | None] = asyncio.get_running_loop().create_future()
        self._inflight[inbound.key] = future
        # the answer may be stored with the step only when no earlier answer to this person is
        # still being stored, in this process or another (it must go out first; another's is
        # known once claimed: `_converse` looks again)
        earlier = self._answering.get(inbound.openid)
        in_turn = not arrival.earlier and (earlier is None or earlier.done())
        storing = asyncio.Event()  # set when the step begins to store a passive answer
        task = self._start(self._in_turn(inbound.openid, future, self._converse(
            inbound, arrival, (started, storing) if in_turn else None, opening_at=now)))
        stored: dict[str, Any] | None = None
        try:
            try:
                replies, stored = await self._within(task, max(0.0, self._left(started) - RESERVE))
            except TimeoutError:
                if not storing.is_set():
                    raise
                # the step began storing its passive answer in time: awaited, as `_depart` is
                replies, stored = await task
            if stored is None:  # not stored with the step
                stored = await self._answer_in_turn(
                    inbound.key, arrival.earlier, self._left(started) - RESERVE,
                    lambda behind: self._depart(inbound, arrival, replies, passive=True, behind=behind))
        except TimeoutError:
            log.warning("wechat step for %s over budget: answering success, reply follows as a push", inbound.key)
            wechat_late_reply("step")
            task.add_done_callback(lambda t: self._spawn(self._depart_late(inbound, arrival, t, future)))
            return self._success()
        except NotOpened:  # another attempt holds the message: answer what it answers
            self.log.drop(inbound.key)
            self._inflight.pop(inbound.key, None)
            answered = await self._answered_elsewhere(inbound, started)
            future.set_result(answered if answered is not None else {})  # copies waiting here: the same
            return self._reply(envelope, inbound, answered)
        except Unavailable as exc:
            log.warning("wechat step for %s: %s; answering 503 so that WeChat resends", inbound.key, exc)
        except Exception:
            log.exception("wechat step for %s could not be recorded", inbound.key)
        self._inflight.pop(inbound.key, None)
        future.set_result(stored)
        if stored is None:
            # nothing answered and nothing stored: the claim goes back and a 5xx makes WeChat resend
            # (a `success` here would leave the resident's message unanswered for good)
            await self.log.release(inbound.key)
            return web.Response(status=503, text="try again")
        return self._reply(envelope, inbound, stored)

    async def _arrive(self, inbound: Inbound, now: datetime) -> _Arrival | None:
        """One short transaction: claim the message (None: someone already has it), open the
        person's window (recording them if new), take the updates kept for them, recall the
        options they were shown."""
        arrival = _Arrival()
        async with self.db.transaction() as s:
            return arrival if await self._open(s, inbound, now, arrival) else None

    async def _open(self, s: AsyncSession, inbound: Inbound, now: datetime, arrival: _Arrival, *,
                    fused: bool = False, state_key: str | None = None) -> bool:
        """`_arrive`'s work in `s` (the step's transaction when `fused`: the waiting rows are read
        with the deferred then, for the answer stored in it); False when someone else has it.
        `state_key`: the step's dialog state, read in the statement that notes the person wrote."""
        openid = inbound.openid
        said = inbound.incoming
        in_kv = self.options.in_database and said is not None
        kv_key = self.options.key(openid) if in_kv else None
        # on PostgreSQL the window is noted in the claim's statement (when the claim is taken)
        fold = self.log.can_note and inbound.opens_window and not inbound.unsubscribe
        found: Any = False  # the note's row when it ran with the claim (None: not recorded)
        if fold:
            claim, found = await self.log.claim_noting(
                inbound.key, person=f"{CHANNEL}:{openid}", session=s, again=arrival.tries > 0, channel=CHANNEL,
                external_id=openid, now=now, kv_key=kv_key, said=said.text if said is not None else None,
                attachments=attachments_of(said) if said is not None else (), state_key=state_key)
        else:
            claim = await self.log.claim(inbound.key, person=f"{CHANNEL}:{openid}", session=s,
                                         again=arrival.tries > 0)
        arrival.tries += 1
        if claim is None:
            return False
        arrival.earlier = claim.earlier
        if inbound.unsubscribe:
            await self.window.unsubscribed(openid, now, session=s)
            log.info("wechat %s unsubscribed: pushes stop", openid[:6] + "…")
            return True
        if not inbound.opens_window:
            return True
        # what they wrote is recorded with the claim's first commit: a claim taken over (its first
        # transaction committed) does not record it again
        # (recorded by the claim's statement when that noted them: known identities)
        record = said if not claim.taken_over and (found is False or found is None) else None
        noted = await note_writer(self.db, CHANNEL, openid, now, create=True, session=s,
                                  text=record.text if record is not None else None,
                                  attachments=attachments_of(record) if record is not None else (),
                                  kv_key=kv_key, noted=found, state_key=state_key)
        arrival.saved = noted.saved
        if noted.found:  # who wrote (unless just made with a resident, whose phone was not read)
            writer = Writer(noted.resident_id, noted.staff_id, noted.phone) \
                if noted.known or noted.resident_id is None else None
            arrival.known = Known(writer, noted.grids_version)
        if said is None:
            arrival.options = {}
        elif in_kv and noted.found:  # read in the same statement: the answer clears them only if shown
            arrival.options = self.options.parse(noted.kv)
        else:  # None: not read, as what was said cannot be one of them (the answer clears them)
            arrival.options = await self.options.recall(openid, session=s) if _may_choose(said) else None
        if fused:  # read only when noting them saw something there (most of the time nothing is)
            deferred, arrival.waiting = await self.outbox.take_for_answer(CHANNEL, openid, session=s) \
                if noted.waiting else ([], [])
            arrival.read_in = s
        else:
            deferred = await self.outbox.take_deferred(CHANNEL, openid, session=s)
        taken = (claim.left or {}).get("taken")
        if taken:  # taken by a process that died before answering: they go with this answer
            deferred = await self.outbox.taken_with_reply(taken, session=s) + deferred
        if deferred:
            await self.log.note(inbound.key, {"taken": [d.id for d in deferred]}, session=s)
        arrival.deferred = deferred
        return True

    @staticmethod
    def _chosen(incoming: Incoming, arrival: _Arrival) -> Incoming:
        """`incoming`, as the choice of one of the options shown when it names one."""
        if arrival.options and _may_choose(incoming):
            choice = match_choice(incoming.text, arrival.options)
            if choice is not None:
                return replace(incoming, choice=choice)
        return incoming

    async def _converse(self, inbound: Inbound, arrival: _Arrival,
                        passive: tuple[float, asyncio.Event] | None = None, *,
                        opening_at: datetime | None = None) -> Answer:
        """The dialogs' step: what to answer (rendered with what goes before it in `_depart`).
        With `passive` (when the budget started, and an event to set when storing begins: a
        passive answer is awaited and may be stored now), the answer is stored in the step's
        transaction when the dialogs can (what was stored comes back with it). With `opening_at`,
        the message is claimed (at that time) in the step's transaction first (NotOpened: someone
        else has it)."""
        incoming = inbound.incoming
        replies: list[OutMessage] = [Text(tx.WELCOME)] if inbound.welcome else []
        replies += inbound.answer
        if incoming is None:
            return replies, None

        async def opening(s: AsyncSession, said: Incoming, state_key: str | None) -> tuple[Incoming, Known | None,
                                                                                           Saved | None]:
            assert opening_at is not None
            if not await self._open(s, inbound, opening_at, arrival, fused=True, state_key=state_key):
                raise NotOpened(inbound.key)
            return self._chosen(said, arrival), arrival.known, arrival.saved

        async def closing(s: AsyncSession, said: list[OutMessage], rider: Rider) -> dict[str, Any] | None:
            # in the step's transaction, while the budget still waits for a passive answer (past
            # it, the late path pushes the answer instead), unless another process is answering an
            # earlier message of theirs (the claim says so); the options shown and the stored
            # answer go with the state's save where its store takes them (`rider`)
            if passive is None or arrival.earlier or self._left(passive[0]) <= RESERVE:
                return None
            passive[1].set()
            return await self._store(s, inbound, arrival, replies + said, passive=True, rider=rider)

        if opening_at is None:
            incoming = self._chosen(incoming, arrival)
        said, stored = await self._dialog(incoming, closing if passive is not None else None,
                                          opening if opening_at is not None else None)
        return replies + said, stored

    async def _dialog(self, incoming: Incoming, closing: Closing[dict[str, Any]] | None,
                      opening: Opening | None = None) -> Answer:
        try:
            if self._closing is not None:
                said, stored = await self._closing.handle_closing(incoming, closing, opening)
                return list(said), stored
            return list(await self.dialogs.handle(incoming)), None
        except DomainError as exc:
            return [Text(exc.message)], None
        except (Unavailable, ClosingFailed, NotOpened):
            raise  # no answer at all (or none stored): WeChat sends the message again
        except Exception:
            log.exception("dialogs failed on a wechat message from %s", incoming.sender[:6] + "…")
            return [Text(tx.BUSY)], None

    # ---- answering --------------------------------------------------------------------------------

    async def _depart(self, inbound: Inbound, arrival: _Arrival, replies: list[OutMessage], *, passive: bool,
                      behind: str | None = None) -> dict[str, Any]:
        """One transaction again: the pushes still waiting for this person taken to go first in a
        passive answer (or, when one cannot, the answer queued behind them), the options now shown,
        pushes for what the answer cannot carry, and the stored answer a resend gets. `behind`:
        pushed, held behind that earlier message another process is still answering."""
        async with self.db.transaction() as s:
            return await self._store(s, inbound, arrival, replies, passive=passive, behind=behind)

    async def _store(self, s: AsyncSession, inbound: Inbound, arrival: _Arrival, replies: list[OutMessage], *,
                     passive: bool, behind: str | None = None, rider: Rider | None = None) -> dict[str, Any]:
        """`_depart`'s work in the caller's transaction (the step's, or its own: then no `rider`)."""
        openid = inbound.openid
        passive = passive and behind is None
        stored: dict[str, Any] = {}
        pushes: list[OutMessage] = []
        now = self.clock.now()
        waiting = Waiting()
        if passive and inbound.opens_window:
            waiting = await self.outbox.take_waiting(CHANNEL, openid, carry=carried, session=s,
                                                     rows=arrival.waiting if arrival.read_in is s else None)
            if waiting.behind:
                log.info("wechat answer to %s follows pushes still going out: queued behind them", inbound.key)
                passive = False
        rendered = render_reply(arrival.deferred, replies, earlier=waiting.taken)
        images = list(rendered.images)
        if passive:
            texts = rendered.texts
            if texts:
                stored["text"] = texts[0]
                rest = rendered.after_first()
                pushes += [Text(rest)] if rest else []
            elif images:
                stored["image"] = images.pop(0)
        else:
            stored["pushed"] = True
            pushes += [Text(rendered.text)] if rendered.text else []
        pushes += [Photo(MediaRef(CHANNEL, m)) for m in images]
        # the options shown now replace the last ones; an answer without options clears them
        # (whatever there were, when they were not read)
        shown = inbound.incoming is not None or bool(arrival.deferred) or bool(waiting.taken)
        if shown and (rendered.options or arrival.options is None or arrival.options):
            await self.options.remember(openid, rendered.options, session=s, rider=rider)
        if pushes:
            # through the outbox: counted against the window's quota, retried, deferred or
            # dead-lettered like every other update, never lost in a crash
            enqueue(s, now, channel=CHANNEL, address=openid, audience="resident", purpose="reply",
                    messages=pushes, held_by=behind)
        await self.log.finish(inbound.key, stored, session=s, behind=behind, rider=rider)
        return stored

    async def _depart_late(self, inbound: Inbound, arrival: _Arrival, task: asyncio.Task[Answer],
                           future: asyncio.Future[dict[str, Any] | None]) -> None:
        stored: dict[str, Any] | None = None
        ours = True  # the claim (NotOpened: another attempt has it, nothing to release)
        try:
            if not task.cancelled() and isinstance(task.exception(), NotOpened):
                log.info("wechat message %s: another attempt has it (answered success)", inbound.key)
                ours = False
                self.log.drop(inbound.key)
                return
            if task.cancelled() or task.exception() is not None:
                log.error("wechat step for %s failed after answering success: %r", inbound.key,
                          None if task.cancelled() else task.exception())
                return
            replies = task.result()[0]  # (an answer the step stored came too late to be passive)
            stored = await self._answer_in_turn(inbound.key, arrival.earlier, 0.0, lambda behind: self._depart(
                inbound, arrival, replies, passive=False, behind=behind))
        except Exception:
            log.exception("wechat late reply for %s could not be queued", inbound.key)
        finally:
            self._inflight.pop(inbound.key, None)
            if not future.done():
                future.set_result(stored)
            if stored is None and ours:
                await self.log.release(inbound.key)

    async def _claimed_late(self, inbound: Inbound, claiming: asyncio.Task[_Arrival | None]) -> None:
        """The claim finished after the answer went: if the message is ours, converse and push."""
        if claiming.cancelled() or claiming.exception() is not None:
            log.error("wechat message %s was not claimed after answering success: %r", inbound.key,
                      None if claiming.cancelled() else claiming.exception())
            return
        arrival = claiming.result()
        if arrival is None:
            return  # another attempt has it
        self.log.keep(inbound.key)
        future: asyncio.Future[dict[str, Any] | None] = asyncio.get_running_loop().create_future()
        self._inflight[inbound.key] = future
        task = self._start(self._in_turn(inbound.openid, future, self._converse(inbound, arrival)))
        await asyncio.wait([task])
        await self._depart_late(inbound, arrival, task, future)

    async def _resend(self, inbound: Inbound, envelope: Envelope, started: float) -> web.Response:
        """WeChat (or a second process' copy of it) sent this again: answer what the first attempt
        answered, if it is ready within the budget; otherwise `success` — the first attempt
        pushes its reply when it is done."""
        local = self._inflight.get(inbound.key)
        if local is not None:
            try:
                stored = await asyncio.wait_for(asyncio.shield(local), self._left(started))
            except TimeoutError:
                return self._success()
            if stored is None:  # the first attempt failed and answered nothing: try again later
                return web.Response(status=503, text="try again")
            return self._reply(envelope, inbound, stored)
        return self._reply(envelope, inbound, await self._answered_elsewhere(inbound, started))

    async def _answered_elsewhere(self, inbound: Inbound, started: float) -> dict[str, Any] | None:
        """What another attempt (another process) stored as the answer, once it is done within the
        budget; None when it is not (then `success`: that attempt pushes its reply when done)."""
        while True:
            done, stored = await self.log.result(inbound.key)
            if done:
                return stored or {}
            if self._left(started) <= POLL:
                log.info("wechat resend of %s: first attempt still running, answering success", inbound.key)
                return None
            await asyncio.sleep(POLL)

    def _reply(self, envelope: Envelope, inbound: Inbound, stored: dict[str, Any] | None) -> web.Response:
        if not stored or not (stored.get("text") or stored.get("image")):
            return self._success()
        now = int(self.clock.now().timestamp())
        if stored.get("text"):
            reply: Any = TextReply(source=inbound.account, target=inbound.openid, time=now, content=stored["text"])
        else:
            reply = ImageReply(source=inbound.account, target=inbound.openid, time=now, media_id=stored["image"])
        body = self.protocol.seal(reply.render(), envelope, now)
        return web.Response(text=body, content_type="application/xml", charset="utf-8")

    def _success(self) -> web.Response:
        return web.Response(text=SUCCESS)

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        self._start(coro)
