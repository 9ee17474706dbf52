"""What the WeChat Official Account's webhook and the WeCom app's callback share: one route on the
shared aiohttp server (GET: the URL check, POST: a message), bodies read within a size limit,
refusals answered with a status and one log line, the claims of handled messages
(core/inbound.py) pruned after a day, and the steps that must finish after the HTTP answer has gone
kept until they have. Each platform's subclass reads, decides and answers in `verify` / `receive`."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine
from datetime import timedelta
from typing import Any, TypeVar

from aiohttp import web

from bot.adapters.wechat.protocol import Refused
from core.clock import Clock
from core.db.engine import Database
from core.inbound import LEASE, InboundLog, NotHeld

log = logging.getLogger(__name__)
T = TypeVar("T")

KEEP_CLAIMS = timedelta(days=1)  # platforms stop resending within seconds; stored answers go after a day
PRUNE_EVERY = 3600.0  # seconds
REFUSAL_TEXT = {400: "bad request", 403: "forbidden", 413: "request body too large"}


class CallbackEndpoint:
    """The `Component` for `serve`: one route, no background loop but the pruning (late replies
    go through the outbox like every other push)."""

    name: str  # the channel, in logs and metrics

    def __init__(self, *, db: Database, clock: Clock, path: str, budget: float, max_body: int,
                 claim_lease: timedelta = LEASE) -> None:
        self.db, self.clock, self.path, self.budget, self.max_body = db, clock, path, budget, max_body
        self.log = InboundLog(db, clock, lease=claim_lease)
        self._tasks: set[asyncio.Task[Any]] = set()
        # per person, the answer this process is making to their latest message (done when it is
        # stored, passive or queued): the next answer waits for it, so that answers go in turn
        self._answering: dict[str, asyncio.Future[Any]] = {}
        self._pruning: asyncio.Task[None] | None = None

    # ---- Component --------------------------------------------------------------------------------

    def setup_routes(self, web_app: web.Application) -> None:
        web_app.router.add_get(self.path, self.verify)
        web_app.router.add_post(self.path, self.receive)

    async def verify(self, request: web.Request) -> web.Response:
        raise NotImplementedError

    async def receive(self, request: web.Request) -> web.Response:
        raise NotImplementedError

    async def start(self) -> None:
        self._pruning = asyncio.create_task(self._prune_forever())

    async def stop(self) -> None:
        """Let running steps finish (their replies are owed), within reason."""
        if self._pruning is not None:
            self._pruning.cancel()
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=10)
        await self.log.close()

    async def prune(self) -> int:
        """Forget claims and stored answers older than a day: they are only for resends, and an
        answer may quote what the person wrote."""
        return await self.log.forget_older_than(KEEP_CLAIMS)

    async def _prune_forever(self) -> None:
        while True:
            await asyncio.sleep(PRUNE_EVERY)
            try:
                forgotten = await self.prune()
                if forgotten:
                    log.info("%s: forgot %d handled messages older than a day", self.name, forgotten)
            except Exception:
                log.exception("%s: pruning handled messages failed (tried again in an hour)", self.name)

    # ---- the budget and the steps that outlive an answer ----------------------------------------

    def _left(self, started: float) -> float:
        """Seconds left of the budget; `started` is time.monotonic() (elapsed time, not the clock)."""
        return max(0.0, self.budget - (time.monotonic() - started))

    @staticmethod
    async def _within(task: asyncio.Task[T], seconds: float) -> T:
        """`task`'s result if it is done within `seconds`, else TimeoutError; the task goes on
        either way, also when the caller is cancelled. (What `wait_for(shield(task), timeout)` does,
        one turn of the loop sooner and without the shield's future: once a message.)"""
        if not task.done():
            await asyncio.wait((task,), timeout=seconds)
            if not task.done():
                raise TimeoutError
        return task.result()

    def _start(self, coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        """A step that must finish even if the HTTP answer has gone (kept until it has)."""
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def _in_turn(self, person: str, answered: asyncio.Future[Any], step: Coroutine[Any, Any, T]
                 ) -> Coroutine[Any, Any, T]:
        """`step`, whose result is answered once the answer to this person's previous message in
        this process is stored (`answered` is done when this one's is). A late answer goes to the
        outbox when its step ends: without this, a quicker next message's passive answer would be
        built before that push was queued, take nothing, and overtake it."""
        earlier = self._answering.get(person)
        self._answering[person] = answered

        def forget(_: asyncio.Future[Any]) -> None:
            if self._answering.get(person) is answered:
                del self._answering[person]

        answered.add_done_callback(forget)

        async def after_earlier() -> T:
            result = await step
            if earlier is not None and not earlier.done():
                await asyncio.wait([earlier])
            return result

        return after_earlier()

    async def _answer_in_turn(self, key: str, earlier: bool, wait: float,
                              answer: Callable[[str | None], Awaitable[T]]) -> T:
        """Store the answer to `key` after any earlier message of the same person that another
        process is still answering (`earlier`: the claim saw one; when it did not, nothing more is
        asked). `answer(None)` stores it in the open (passive, carrying the earlier answers still in
        the outbox); `answer(k)` queues it held behind claim `k`, when that one is still unanswered
        after `wait` seconds. (`_in_turn` does the same within this process.)"""
        if not earlier:
            return await answer(None)
        until = time.monotonic() + max(0.0, wait)
        while True:
            blocker = await self.log.earlier_answering(key)
            if blocker is None:
                return await answer(None)
            if await self.log.wait_answered(blocker, until=until):
                continue  # answered (or its process died): is there another before it?
            log.info("%s answer to %s held behind %s, still being answered elsewhere", self.name, key, blocker)
            try:
                return await answer(blocker)
            except NotHeld:  # answered or stale meanwhile: look again
                continue

    # ---- refusing -----------------------------------------------------------------------------------

    async def _body(self, request: web.Request) -> bytes:
        if request.content_length is not None and request.content_length > self.max_body:
            raise Refused(413, f"Content-Length {request.content_length} over {self.max_body}")
        body = bytearray()
        async for chunk in request.content.iter_chunked(16384):
            body += chunk
            if len(body) > self.max_body:
                raise Refused(413, f"body over {self.max_body} bytes")
        return bytes(body)

    def _refuse(self, request: web.Request, refused: Refused) -> web.Response:
        log.warning("%s callback refused %s %s: %d %s (from %s)", self.name, request.method, request.path,
                    refused.status, refused.reason, request.remote)
        return web.Response(status=refused.status, text=REFUSAL_TEXT.get(refused.status, "refused"))
