"""The connection pool's line (core/db/fair_pool.py): a task that has waited long is handed the next
connection before a newcomer can take it, a waiter woken for nothing keeps its place, and one that
gives up as it is handed a connection passes it on."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import exc
from sqlalchemy.pool import AsyncAdaptedQueuePool
from sqlalchemy.util import greenlet_spawn

from core.db import fair_pool
from core.db.fair_pool import FairAsyncPool, HandOffQueue


class _Connection:
    def rollback(self) -> None:
        return None

    def close(self) -> None:
        return None


def _pool(cls: type[Any] = FairAsyncPool, **kw: Any) -> Any:
    return cls(_Connection, pool_size=1, max_overflow=0, **kw)


async def _served_first(cls: type[Any]) -> str:
    pool = _pool(cls)
    held = await greenlet_spawn(pool.connect)
    order: list[str] = []

    async def wait(name: str) -> None:
        connection = await greenlet_spawn(pool.connect)
        order.append(name)
        await asyncio.sleep(0)
        await greenlet_spawn(connection.close)

    waiting = asyncio.create_task(wait("waited"))
    await asyncio.sleep(0.15)  # past STARVING (below): it has waited long

    def give_back_and_ask_again() -> Any:  # as a task going on to its next transaction, no turn between
        held.close()
        return pool.connect()

    again = await greenlet_spawn(give_back_and_ask_again)
    order.append("newcomer")
    await greenlet_spawn(again.close)
    await waiting
    return order[0]


async def test_a_task_that_waited_long_gets_the_next_connection_before_a_newcomer(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fair_pool, "STARVING", 0.1)
    assert await _served_first(FairAsyncPool) == "waited"
    assert await _served_first(AsyncAdaptedQueuePool) == "newcomer"  # SQLAlchemy's own: taken first


async def test_a_waiter_woken_for_nothing_keeps_its_place() -> None:
    line = HandOffQueue(starving=60)  # no hand-over: what is put waits in the queue for the woken head
    got: list[tuple[str, str]] = []

    async def get(name: str) -> None:
        got.append((name, await line.get()))

    first = asyncio.create_task(get("first"))
    await asyncio.sleep(0)
    second = asyncio.create_task(get("second"))
    await asyncio.sleep(0)
    line.put_nowait("a")  # wakes "first" …
    assert line.get_nowait() == "a"  # … and a newcomer takes it before "first" runs
    await asyncio.sleep(0)  # "first" finds nothing: back in line, at its head
    line.put_nowait("b")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    assert got == [("first", "b")]
    line.put_nowait("c")
    await asyncio.gather(first, second)
    assert got == [("first", "b"), ("second", "c")]


async def test_a_waiter_that_gives_up_as_it_is_handed_one_passes_it_on() -> None:
    line = HandOffQueue(starving=0)  # every item handed to the head of the line
    first, second = asyncio.create_task(line.get()), asyncio.create_task(line.get())
    await asyncio.sleep(0)
    line.put_nowait("connection")  # handed to `first` …
    first.cancel()  # … which gives up before it runs
    with pytest.raises(asyncio.CancelledError):
        await first
    assert await asyncio.wait_for(second, 1) == "connection"
    assert line.empty()


async def test_a_wait_past_the_pools_timeout_is_sqlalchemys_timeout_and_leaves_the_line_clean() -> None:
    pool = _pool(timeout=0.05)
    held = await greenlet_spawn(pool.connect)
    with pytest.raises(exc.TimeoutError):
        await greenlet_spawn(pool.connect)
    await greenlet_spawn(held.close)
    again = await asyncio.wait_for(greenlet_spawn(pool.connect), 1)  # nobody gone left in the line
    await greenlet_spawn(again.close)


def test_the_pool_logs_under_sqlalchemy_s_name() -> None:
    # under core.* (whose INFO lines are shown) 「Pool disposed …」 reached the terminal at the end of every command
    from core.db.fair_pool import FairAsyncPool

    pool = FairAsyncPool(lambda: None)  # type: ignore[arg-type, return-value]
    assert pool.logger.name.startswith("sqlalchemy.pool")
