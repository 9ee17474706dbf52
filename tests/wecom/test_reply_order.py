"""The WeCom app answers a step over the budget with an empty body and pushes its reply through
the outbox. A worker's next message before that push has gone must not be answered ahead of it:
the waiting push goes in the passive answer, first (taken in the transaction that stores the
answer, so a resend gets the same), or the answer follows it."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.app import App
from tests.fakes.wecom_api import FakeWeComAPI
from tests.wecom.conftest import USERIDS, Running, drain
from tests.wecom.platform import Answer
from tests.world import World

WORKER = USERIDS["张伟"]
SLOW, QUICK = "帮助", "取消"
FIRST, SECOND = "【工单助手】", "当前没有正在填写的内容"


class Seen:
    def __init__(self, api: FakeWeComAPI) -> None:
        self.api = api
        self.passive: list[tuple[float, str]] = []

    def answered(self, answer: Answer) -> Answer:
        assert answer.status == 200, answer
        if answer.text:
            self.passive.append((time.monotonic(), answer.text))
        return answer

    def assert_in_turn(self) -> None:
        pushes = [(c.at, (c.body or {})["text"]["content"]) for c in self.api.calls
                  if c.path.endswith("message/send") and c.errcode == 0
                  and (c.body or {}).get("touser") == WORKER and (c.body or {}).get("msgtype") == "text"]
        seen = "\n".join(text for _, text in sorted(self.passive + pushes))
        assert seen.count(FIRST) == 1 and seen.count(SECOND) == 1, seen
        assert seen.index(FIRST) < seen.index(SECOND), seen


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


async def _settled(running: Running) -> None:
    for _ in range(500):
        if not running.webhook._tasks:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the callback's steps did not finish")


async def test_a_late_reply_waiting_in_the_outbox_goes_ahead_of_the_next_answer(
        app: App, world: World, running: Running, wecom_api: FakeWeComAPI, slow_step: asyncio.Event) -> None:
    seen = Seen(wecom_api)
    p = running.platform
    assert seen.answered(await p.post(p.text(WORKER, SLOW))).body == ""  # over budget: pushed later
    slow_step.set()
    await _settled(running)  # the reply waits in the outbox; the sender has not run
    running.webhook.budget = 4.5  # the next answers in time, however loaded the machine
    message = p.text(WORKER, QUICK)
    second = seen.answered(await p.post(message))
    assert FIRST in second.text and SECOND in second.text
    assert (await p.post(message)).text == second.text  # a resend: the same stored answer
    await drain(app)
    seen.assert_in_turn()


async def test_a_step_still_running_when_the_worker_writes_again_is_answered_first(
        app: App, world: World, running: Running, wecom_api: FakeWeComAPI, slow_step: asyncio.Event) -> None:
    seen = Seen(wecom_api)
    p = running.platform
    assert seen.answered(await p.post(p.text(WORKER, SLOW))).body == ""
    second = asyncio.create_task(p.post(p.text(WORKER, QUICK)))
    await asyncio.sleep(0.2)
    slow_step.set()
    seen.answered(await second)
    await _settled(running)
    await drain(app)
    seen.assert_in_turn()
