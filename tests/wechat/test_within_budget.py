"""The webhook waits for its dialog step within the reply budget (`CallbackEndpoint._within`): the
step's answer when it comes in time; past the budget a TimeoutError while the step goes on (its
reply is pushed later); and an HTTP request that goes away never takes the step with it."""

from __future__ import annotations

import asyncio

import pytest

from bot.adapters.callback import CallbackEndpoint


async def test_an_answer_in_time_comes_back() -> None:
    async def step() -> str:
        await asyncio.sleep(0.01)
        return "收到"

    assert await CallbackEndpoint._within(asyncio.create_task(step()), 5.0) == "收到"


async def test_past_the_budget_the_step_goes_on() -> None:
    release = asyncio.Event()

    async def step() -> str:
        await release.wait()
        return "晚到的回复"

    task = asyncio.create_task(step())
    with pytest.raises(TimeoutError):
        await CallbackEndpoint._within(task, 0.02)
    assert not task.done()
    release.set()
    assert await task == "晚到的回复"  # its reply is still made (pushed by the caller)
    never = asyncio.Event()
    with pytest.raises(TimeoutError):  # no budget left at all: not waited for
        await CallbackEndpoint._within(asyncio.create_task(never.wait()), 0.0)


async def test_a_request_that_goes_away_leaves_the_step_running() -> None:
    release = asyncio.Event()

    async def step() -> str:
        await release.wait()
        return "done"

    task = asyncio.create_task(step())
    waiting = asyncio.create_task(CallbackEndpoint._within(task, 5.0))
    await asyncio.sleep(0.01)
    waiting.cancel()  # the HTTP request is cancelled (the client went away)
    with pytest.raises(asyncio.CancelledError):
        await waiting
    assert not task.cancelled()
    release.set()
    assert await task == "done"


async def test_a_failed_step_raises_its_error() -> None:
    async def step() -> str:
        raise LookupError("数据库不可用")

    with pytest.raises(LookupError, match="数据库不可用"):
        await CallbackEndpoint._within(asyncio.create_task(step()), 5.0)
