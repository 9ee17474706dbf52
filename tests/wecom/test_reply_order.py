"""The WeCom app answers a step over the budget with an empty body and pushes its reply through
the outbox. A worker's next message before that push has gone must not be answered ahead of it:
the waiting push goes in the passive answer, first (taken in the transaction that stores the
answer, so a resend gets the same), or the answer follows it."""

from __future__ import annotations

import asyncio

import pytest

from bot.app import App
from tests.fakes.wecom_api import FakeWeComAPI
from tests.reply_order import Seen, settled
from tests.wecom.conftest import USERIDS, Running, drain
from tests.world import World

WORKER = USERIDS["张伟"]
SLOW, QUICK = "帮助", "取消"
FIRST, SECOND = "【工单助手】", "当前没有正在填写的内容"


def seen_by_worker(api: FakeWeComAPI) -> Seen:
    return Seen(api, WORKER, "message/send", FIRST, SECOND)


@pytest.fixture
def slow_step(running: Running, monkeypatch: pytest.MonkeyPatch) -> asyncio.Event:
    """The worker's SLOW message takes until the test sets this."""
    gate = asyncio.Event()
    on_text = running.webhook.workers.on_text

    async def held(userid: str, text: str) -> object:
        if text == SLOW:
            await gate.wait()
        return await on_text(userid, text)

    monkeypatch.setattr(running.webhook.workers, "on_text", held)
    running.webhook.budget = 0.8
    return gate


async def test_a_late_reply_waiting_in_the_outbox_goes_ahead_of_the_next_answer(
        app: App, world: World, running: Running, wecom_api: FakeWeComAPI, slow_step: asyncio.Event) -> None:
    seen = seen_by_worker(wecom_api)
    p = running.platform
    assert seen.answered(await p.post(p.text(WORKER, SLOW))).body == ""  # over budget: pushed later
    slow_step.set()
    await settled(running.webhook)  # the reply waits in the outbox; the sender has not run
    running.webhook.budget = 4.5  # the next answers in time, however loaded the machine
    message = p.text(WORKER, QUICK)
    second = seen.answered(await p.post(message))
    assert FIRST in second.text and SECOND in second.text
    assert (await p.post(message)).text == second.text  # a resend: the same stored answer
    await drain(app)
    seen.assert_in_turn()


async def test_a_step_still_running_when_the_worker_writes_again_is_answered_first(
        app: App, world: World, running: Running, wecom_api: FakeWeComAPI, slow_step: asyncio.Event) -> None:
    seen = seen_by_worker(wecom_api)
    p = running.platform
    assert seen.answered(await p.post(p.text(WORKER, SLOW))).body == ""
    second = asyncio.create_task(p.post(p.text(WORKER, QUICK)))
    await asyncio.sleep(0.2)
    slow_step.set()
    seen.answered(await second)
    await settled(running.webhook)
    await drain(app)
    seen.assert_in_turn()
