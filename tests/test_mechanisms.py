"""The small mechanisms bot/ has one of each: the per-key lock, the backoff, the lazy HTTP session."""

from __future__ import annotations

import asyncio

from bot.adapters.http import LazySession
from bot.backoff import Backoff
from bot.locks import KeyedLocks


async def test_one_key_at_a_time_and_nothing_left_behind() -> None:
    locks, order = KeyedLocks(), []

    async def step(key: str, name: str, hold: asyncio.Event | None = None) -> None:
        async with locks.hold(key):
            order.append(f"{name} in")
            if hold is not None:
                await hold.wait()
            order.append(f"{name} out")

    release = asyncio.Event()
    first = asyncio.create_task(step("chat-1", "a", release))
    await asyncio.sleep(0)
    second = asyncio.create_task(step("chat-1", "b"))  # the same chat waits …
    other = asyncio.create_task(step("chat-2", "c"))  # … another chat does not
    await asyncio.sleep(0.01)
    assert order == ["a in", "c in", "c out"] and len(locks) == 1
    release.set()
    await asyncio.gather(first, second, other)
    assert order[3:] == ["a out", "b in", "b out"] and len(locks) == 0


def test_backoff_doubles_up_to_the_ceiling_and_starts_over_after_a_success() -> None:
    backoff = Backoff(first=1.0, most=5.0)
    assert [backoff.next() for _ in range(5)] == [1.0, 2.0, 4.0, 5.0, 5.0]
    backoff.reset()
    assert backoff.next() == 1.0


async def test_the_session_opens_on_first_use_and_again_after_closing() -> None:
    http = LazySession(timeout=3)
    await http.close()  # nothing open yet: nothing to do
    first = http.get()
    assert http.get() is first and first.timeout.total == 3
    await http.close()
    assert first.closed and http.get() is not first
    await http.close()
