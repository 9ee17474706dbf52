"""A step over the reply budget is answered `success` and its reply pushed through the outbox. If
the resident writes again before that push has gone, the next passive answer must not overtake
it: the waiting push goes in that answer, ahead of it (taken from the outbox in the transaction
that stores the answer), or the answer queues behind a push already on its way. What the resident
sees (passive answers and pushes, in the time they arrived) comes in the order of the steps, each
reply once, under resends and a lost answer too."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web
from sqlalchemy import select

from bot.adapters.wechat import WeChatWebhook
from bot.app import App
from core.db.models import OutboxMessage
from core.messages import Incoming, OutMessage
from tests.fakes.wechat_api import FakeWeChatAPI
from tests.reply_order import Seen, settled
from tests.wechat.conftest import Running, drain
from tests.wechat.platform import WeChatPlatform
from tests.wechat.tiny_dialogs import TinyDialogs
from tests.world import World

RESIDENT = "oInTurn000000000000000001"
SLOW, QUICK = "5栋电梯按钮失灵", "你好"  # answered 已受理…, then 您好…
FIRST, SECOND = "已受理", "您好"


def seen_by_resident(api: FakeWeChatAPI) -> Seen:
    return Seen(api, RESIDENT, "message/custom/send", FIRST, SECOND)


async def _late_reply_waiting(running: Running, dialogs: TinyDialogs, seen: Seen) -> None:
    """The first message's step overruns the budget: `success`, its reply queued as a push."""
    running.webhook.budget = 0.5
    dialogs.gate = asyncio.Event()
    p = running.platform
    first = seen.answered(await p.post(p.text(RESIDENT, SLOW)))
    assert first.body == "success"
    dialogs.gate.set()
    await settled(running.webhook)
    running.webhook.budget = 4.5  # the next answers in time, however loaded the machine


async def _rows(app: App) -> list[OutboxMessage]:
    async with app.db.transaction() as s:
        return list((await s.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars())


async def test_a_late_reply_still_in_the_outbox_goes_ahead_of_the_next_answer(
        app: App, world: World, running: Running, dialogs: TinyDialogs, wechat_api: FakeWeChatAPI) -> None:
    wechat_api.user_wrote(RESIDENT)
    seen = seen_by_resident(wechat_api)
    await _late_reply_waiting(running, dialogs, seen)  # the outbox worker has not run yet
    p = running.platform
    second = seen.answered(await p.post(p.text(RESIDENT, QUICK)))
    assert FIRST in second.text and SECOND in second.text
    await drain(app)
    seen.assert_in_turn()
    (late,) = [r for r in await _rows(app) if r.purpose == "reply"]
    assert (late.status, late.platform_ref) == ("sent", "with-reply")  # taken, never pushed


async def test_an_answer_queues_behind_a_push_the_api_is_still_taking(
        app: App, world: World, running: Running, dialogs: TinyDialogs, wechat_api: FakeWeChatAPI) -> None:
    wechat_api.user_wrote(RESIDENT)
    seen = seen_by_resident(wechat_api)
    await _late_reply_waiting(running, dialogs, seen)
    wechat_api.hold = asyncio.Event()  # the API answers slowly: the push is on its way meanwhile
    pushing = asyncio.create_task(drain(app))
    for _ in range(500):
        if wechat_api.held:
            break
        await asyncio.sleep(0.01)
    p = running.platform
    second = seen.answered(await p.post(p.text(RESIDENT, QUICK)))
    assert second.body == "success"  # it cannot overtake: it follows as a push
    wechat_api.hold.set()
    await pushing
    await drain(app)
    seen.assert_in_turn()


async def test_a_step_still_running_when_the_resident_writes_again_is_answered_first(
        app: App, world: World, running: Running, dialogs: TinyDialogs, wechat_api: FakeWeChatAPI,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The late reply is queued only when its step ends: a quicker next step's answer waits for it
    (in this process), then carries it."""
    wechat_api.user_wrote(RESIDENT)
    seen = seen_by_resident(wechat_api)
    running.webhook.budget = 0.8
    slow = asyncio.Event()
    handle = dialogs.handle

    async def held(incoming: Incoming) -> list[OutMessage]:
        if incoming.text == SLOW:
            await slow.wait()
        return await handle(incoming)

    monkeypatch.setattr(dialogs, "handle", held)
    p = running.platform
    assert seen.answered(await p.post(p.text(RESIDENT, SLOW))).body == "success"
    second = asyncio.create_task(p.post(p.text(RESIDENT, QUICK)))
    await asyncio.sleep(0.2)  # the second step is done; the first still runs
    slow.set()
    seen.answered(await second)
    await settled(running.webhook)
    await drain(app)
    seen.assert_in_turn()


async def test_a_resend_of_the_next_message_gets_the_same_answer_and_nothing_twice(
        app: App, world: World, running: Running, dialogs: TinyDialogs, wechat_api: FakeWeChatAPI) -> None:
    wechat_api.user_wrote(RESIDENT)
    seen = seen_by_resident(wechat_api)
    await _late_reply_waiting(running, dialogs, seen)
    p = running.platform
    message = p.text(RESIDENT, QUICK)
    second = seen.answered(await p.post(message))
    resend = await p.post(message)  # WeChat did not get the answer in time: the stored one again
    assert resend.text == second.text and FIRST in resend.text
    await drain(app)
    seen.assert_in_turn()
    assert len(dialogs.seen) == 2


async def test_an_answer_lost_after_taking_the_push_is_what_the_resend_gets(
        app: App, world: World, running: Running, dialogs: TinyDialogs, wechat_api: FakeWeChatAPI,
        second_process: tuple[WeChatWebhook, WeChatPlatform], monkeypatch: pytest.MonkeyPatch) -> None:
    """The process taking the waiting push into its answer dies after storing the answer and
    before WeChat has it: the push is not sent as well, and the resend (to another process) gets
    the stored answer, push included."""
    wechat_api.user_wrote(RESIDENT)
    seen = seen_by_resident(wechat_api)
    await _late_reply_waiting(running, dialogs, seen)
    webhook, elsewhere = second_process

    def dies(*args: object) -> web.Response:
        raise ConnectionResetError("killed before the answer left")

    monkeypatch.setattr(webhook, "_reply", dies)
    message = running.platform.text(RESIDENT, QUICK)
    lost = await elsewhere.post(message)
    assert lost.status == 500
    resend = seen.answered(await running.platform.post(message))
    assert FIRST in resend.text and SECOND in resend.text
    await drain(app)
    seen.assert_in_turn()
    assert len(dialogs.seen) == 2


async def test_an_answer_that_could_not_be_stored_leaves_the_push_waiting(
        app: App, world: World, running: Running, dialogs: TinyDialogs, wechat_api: FakeWeChatAPI,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The transaction that takes the push fails before it commits: nothing is taken, WeChat is
    told to resend, and the resend's answer carries the push once."""
    wechat_api.user_wrote(RESIDENT)
    seen = seen_by_resident(wechat_api)
    await _late_reply_waiting(running, dialogs, seen)
    finish = running.webhook.log.finish
    failures = [RuntimeError("the database went away mid-answer")]

    async def fails_once(*args: object, **kwargs: object) -> None:
        if failures:
            raise failures.pop()
        await finish(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(running.webhook.log, "finish", fails_once)
    p = running.platform
    message = p.text(RESIDENT, QUICK)
    assert (await p.post(message)).status == 503
    assert [r.status for r in await _rows(app) if r.purpose == "reply"] == ["pending"]
    resend = seen.answered(await p.post(message))
    assert FIRST in resend.text and SECOND in resend.text
    await drain(app)
    seen.assert_in_turn()
