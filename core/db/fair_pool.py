"""SQLAlchemy's async connection pool with no task left waiting for a connection for long.

SQLAlchemy's pool keeps its free connections in an `asyncio.Queue`, and asks it for one by taking
whatever is there first (`get_nowait`), waiting in the queue's line only when nothing is. A
connection given back wakes the first waiter, but stays in the queue until that waiter runs; a task
that asks meanwhile (a new request, or the task that just gave it back, going on to its next
transaction) takes it, and the woken waiter, finding the queue empty, joins the line again at its
end. At saturation that can leave a task waiting for seconds while others go through in
milliseconds (docs/wechat.md, tenth round).

Here a woken waiter that finds nothing keeps its place at the head of the line, and once the head
has waited `STARVING` seconds, connections given back go straight to it (its future gets the
connection) until the line is back under that: nobody can take one first. Below that, taking what
is there goes on as before: a connection never sits idle while its next user waits for its turn
of the event loop. A waiter cancelled (or timed out) just as it was handed one passes it on.
"""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy.pool import AsyncAdaptedQueuePool
from sqlalchemy.util import memoized_property
from sqlalchemy.util.queue import AsyncAdaptedQueue

STARVING = 0.5  # seconds the longest waiter may wait before connections are handed to it


class HandOffQueue(asyncio.Queue[Any]):
    """An `asyncio.Queue` of items that are never None, whose line of waiting `get`s is kept in
    order and whose head is handed the next item once it has waited `STARVING` seconds."""

    def __init__(self, maxsize: int = 0, starving: float | None = None) -> None:
        super().__init__(maxsize)
        self.starving = STARVING if starving is None else starving
        self._since: dict[asyncio.Future[Any], float] = {}  # a waiting get's future → when it began to wait

    def put_nowait(self, item: Any) -> None:
        getters = self._getters  # type: ignore[attr-defined]  # asyncio.Queue's line of waiting futures
        if getters:
            now = self._get_loop().time()  # type: ignore[attr-defined]
            while getters and getters[0].done():
                getters.popleft()
            if getters and now - self._since.get(getters[0], now) >= self.starving:
                getters.popleft().set_result(item)
                return
        super().put_nowait(item)  # (wakes the head, with None: it takes what is there, if anything)

    async def get(self) -> Any:
        since: float | None = None
        while self.empty():
            getter = self._get_loop().create_future()  # type: ignore[attr-defined]
            if since is None:
                since = self._get_loop().time()  # type: ignore[attr-defined]
                self._getters.append(getter)  # type: ignore[attr-defined]
            else:
                self._getters.appendleft(getter)  # type: ignore[attr-defined]  # woken for nothing: still first
            self._since[getter] = since
            try:
                handed = await getter
            except BaseException:
                if getter.done() and not getter.cancelled() and getter.result() is not None:
                    self.put_nowait(getter.result())  # handed one as it gave up: to the next in line
                else:
                    getter.cancel()
                    try:
                        self._getters.remove(getter)  # type: ignore[attr-defined]
                    except ValueError:
                        pass
                    if not self.empty():
                        self._wakeup_next(self._getters)  # type: ignore[attr-defined]  # as asyncio.Queue does
                raise
            finally:
                self._since.pop(getter, None)
            if handed is not None:
                return handed
        return self.get_nowait()


class FairAdaptedQueue(AsyncAdaptedQueue[Any]):
    @memoized_property
    def _queue(self) -> asyncio.Queue[Any]:  # made on first use, in the running loop (as the base's)
        return HandOffQueue(maxsize=self.maxsize)


class FairAsyncPool(AsyncAdaptedQueuePool):
    """`AsyncAdaptedQueuePool` whose waiters are not left behind for long."""

    _queue_class = FairAdaptedQueue
    # logged under SQLAlchemy's pool name, as before: under core.* its INFO lines (Pool disposed …) reached the
    # terminal of every command (core's loggers show INFO)
    _sqla_logger_namespace = "sqlalchemy.pool.impl.AsyncAdaptedQueuePool"
