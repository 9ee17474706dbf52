"""The WeCom app's callback on the shared aiohttp server (WECOM_PATH, default /wecom).

GET answers WeCom's URL check (the decrypted echostr). POST takes a message or an event: verify
and decrypt (protocol), claim it once across processes and resends (WeCom calls again when it has
no answer within 5 seconds, three times), hand it to the workers' conversation, and answer with
one passive reply within a budget well under 5 seconds. A step that takes longer is answered with
an empty body and its reply pushed through the outbox when ready; a resend of a handled callback
gets the stored reply again. A late reply still waiting in the outbox when the worker's next
answer is stored goes in that answer, ahead of it (or the answer follows it: never overtakes it).
The claim is renewed while the step runs (core/inbound.py): a process
killed mid-step stops renewing, and WeCom's resend runs the step again. A click's fresh response
code is kept for the card's next update.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from aiohttp import web
from wechatpy.replies import TextReply

from bot.adapters.callback import CallbackEndpoint
from bot.adapters.wechat.protocol import Refused
from bot.adapters.wechat.render import split
from bot.adapters.wecom_app import texts as tx
from bot.adapters.wecom_app.cardstore import CardStore
from bot.adapters.wecom_app.inbound import CHANNEL, Callback, read
from bot.adapters.wecom_app.protocol import Envelope, WeComProtocol
from bot.adapters.wecom_app.worker import WeComWorkers
from core.clock import Clock
from core.db.blips import is_transient
from core.db.engine import Database
from core.delivery import Delivery
from core.errors import Unavailable
from core.messages import OutMessage, Photo, Text, plain_text
from core.outbox import Outbox, Waiting, enqueue

log = logging.getLogger(__name__)

RESERVE = 0.3  # seconds of the budget kept for storing the answer
REPLY_BYTES = 2000  # a passive text reply takes 2048 bytes


class WeComAppWebhook(CallbackEndpoint):
    """The `Component` for `serve`: one route; late replies go through the outbox."""

    name = "wecom_app"

    def __init__(self, *, db: Database, clock: Clock, protocol: WeComProtocol, workers: WeComWorkers,
                 path: str = "/wecom", budget: float = 3.0, max_body: int = 65536) -> None:
        super().__init__(db=db, clock=clock, path=path, budget=budget, max_body=max_body)
        self.protocol, self.workers = protocol, workers
        self.cards = CardStore(db, clock)
        self.outbox = Outbox(db, clock)

    # ---- GET: the URL check -------------------------------------------------------------------

    async def verify(self, request: web.Request) -> web.Response:
        try:
            echo = self.protocol.check_echo(request.query, self.clock.now())
        except Refused as refused:
            return self._refuse(request, refused)
        return web.Response(text=echo)

    # ---- POST: a message or an event ----------------------------------------------------------

    async def receive(self, request: web.Request) -> web.Response:
        started = time.monotonic()
        try:
            body = await self._body(request)
            envelope = self.protocol.open(request.query, body, self.clock.now())
            callback = read(envelope.fields)
        except Refused as refused:
            return self._refuse(request, refused)
        try:
            claim = await asyncio.wait_for(self.log.claim_or_wait(
                callback.key, patience=self._left(started) - RESERVE, person=f"{CHANNEL}:{callback.userid}"),
                self._left(started))
        except TimeoutError:
            return web.Response(status=503, text="try again")  # nothing claimed: WeCom's resend is handled
        except Exception:
            log.exception("wecom callback %s could not be claimed", callback.key)
            return web.Response(status=503, text="try again")
        if claim is None:  # answered already (a resend), or still being answered elsewhere
            done, stored = await self.log.result(callback.key)
            return self._reply(envelope, callback, (stored or {}).get("text") if done else None)
        self.log.keep(callback.key)  # renewed while the step runs: a killed process' claim runs out
        answered: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        task = self._start(self._in_turn(callback.userid, answered, self._handle(callback)))
        try:
            replies = await asyncio.wait_for(asyncio.shield(task), max(0.0, self._left(started) - RESERVE))
        except TimeoutError:
            log.warning("wecom step for %s over budget: empty answer, reply follows as a push", callback.key)
            earlier = claim.earlier
            task.add_done_callback(lambda t: self._start(self._push_late(callback, t, answered, earlier)))
            return web.Response(text="")
        except Exception as exc:  # the database stayed away: nothing answered, WeCom sends it again
            log.warning("wecom step for %s: %s; answering 503", callback.key, exc)
            answered.set_result(None)
            await self.log.release(callback.key)
            return web.Response(status=503, text="try again")
        try:
            text = await self._answer_in_turn(
                callback.key, claim.earlier, self._left(started) - RESERVE,
                lambda behind: self._finish(callback, replies, passive=True, behind=behind))
        except Exception:
            log.exception("wecom answer for %s could not be recorded", callback.key)
            await self.log.release(callback.key)  # nothing answered: WeCom's resend runs the step again
            return web.Response(status=503, text="try again")
        finally:
            answered.set_result(None)
        return self._reply(envelope, callback, text)

    async def _handle(self, cb: Callback) -> list[OutMessage]:
        try:
            if cb.kind == "click":
                assert cb.task_id is not None and cb.event_key is not None
                await self.cards.offer(cb.task_id, cb.response_code)
                return await self.workers.on_click(cb.userid, cb.event_key)
            if cb.kind == "text":
                return await self.workers.on_text(cb.userid, cb.text or "")
            if cb.kind == "image":
                assert cb.media is not None
                return await self.workers.on_photo(cb.userid, cb.media)
            if cb.kind == "enter":
                return []  # entering the app is not a question; the help is one word away
            return [Text(tx.UNSUPPORTED)]
        except Exception as exc:
            if isinstance(exc, Unavailable) or is_transient(exc):
                raise  # a database blip: no apology stored as the answer (receive answers 503)
            log.exception("wecom step failed for %s", cb.key)
            return [Text(tx.BUSY)]

    async def _finish(self, cb: Callback, replies: list[OutMessage], *, passive: bool,
                      behind: str | None = None) -> str | None:
        """Store the answer (a resend gets it again), with the pushes still waiting for this worker
        ahead of it (or, when one cannot go in it, queued behind them); what a passive reply cannot
        carry is pushed. `behind`: pushed, held behind that earlier callback another process is
        still answering."""
        passive = passive and behind is None
        async with self.db.transaction() as s:
            waiting = Waiting()
            if passive:
                waiting = await self.outbox.take_waiting(CHANNEL, cb.userid, carry=_carried, session=s)
                passive = not waiting.behind
            replies = [m for d in waiting.taken for m in d.messages] + replies
            pieces = [p.strip() for p in split(plain_text(replies), REPLY_BYTES)] if replies else []
            passive_text = pieces.pop(0) if passive and pieces else None
            if pieces:
                enqueue(s, self.clock.now(), channel=CHANNEL, address=cb.userid, audience="staff",
                        purpose="reply", messages=[Text(p) for p in pieces], held_by=behind)
            await self.log.finish(cb.key, {"text": passive_text} if passive_text else {"pushed": True}, session=s,
                                  behind=behind)
        return passive_text

    async def _push_late(self, cb: Callback, task: asyncio.Task[list[OutMessage]], answered: asyncio.Future[Any],
                         earlier: bool) -> None:
        try:
            if task.cancelled() or task.exception() is not None:
                log.error("wecom step for %s failed after answering: %r", cb.key,
                          None if task.cancelled() else task.exception())
                return
            replies = task.result()
            await self._answer_in_turn(cb.key, earlier, 0.0,
                                       lambda behind: self._finish(cb, replies, passive=False, behind=behind))
        except Exception:
            log.exception("wecom late reply for %s could not be queued", cb.key)
            await self.log.release(cb.key)
        finally:
            answered.set_result(None)

    def _reply(self, envelope: Envelope, cb: Callback, text: str | None) -> web.Response:
        if not text:
            return web.Response(text="")  # WeCom: an empty body means "received, no reply"
        now = int(self.clock.now().timestamp())
        # wechatpy puts the text in CDATA as it is: a "]]>" in it would end the section
        safe = text.replace("]]>", "]] >")
        xml = TextReply(source=self.protocol.corp_id, target=cb.userid, time=now, content=safe).render()
        return web.Response(text=self.protocol.seal(xml, envelope, now), content_type="application/xml",
                            charset="utf-8")


def _carried(item: Delivery) -> bool:
    """Whether a waiting push can go in a passive reply (one text): not a photo, nor a row tried
    before (the sender may have sent part of it)."""
    return item.attempts == 0 and not any(isinstance(m, Photo) for m in item.messages)
