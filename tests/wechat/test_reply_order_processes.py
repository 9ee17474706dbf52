"""Answers in turn across two `serve` processes on one database: the resident's first message is
still being answered by one process (its step overran the budget; its reply will be pushed) when
their next message reaches the other. The next answer must not overtake the first: it waits for
it within its budget (then carries it, as in one process), or it is queued in the outbox held
behind it and sent after it. A process that dies holds nothing back for good."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import event, select

from bot.adapters.wechat import WeChatWebhook
from bot.app import App
from core.clock import ManualClock
from core.db.models import OutboxMessage
from core.messages import Incoming, OutMessage
from tests.fakes.wechat_api import FakeWeChatAPI
from tests.reply_order import Seen, settled
from tests.wechat.conftest import Running, drain
from tests.wechat.platform import WeChatPlatform
from tests.wechat.test_reply_order import FIRST, QUICK, RESIDENT, SECOND, SLOW, seen_by_resident
from tests.wechat.tiny_dialogs import TinyDialogs
from tests.world import World


@pytest.fixture
def slow(running: Running, dialogs: TinyDialogs, monkeypatch: pytest.MonkeyPatch) -> asyncio.Event:
    """The first process' step for SLOW runs until the test sets this (the second process' is quick)."""
    gate = asyncio.Event()
    handle = dialogs.handle

    async def held(incoming: Incoming) -> list[OutMessage]:
        if incoming.text == SLOW and not gate.is_set():
            await gate.wait()
        return await handle(incoming)

    monkeypatch.setattr(dialogs, "handle", held)
    return gate


async def _first_still_running(running: Running, seen: Seen, clock: ManualClock) -> str:
    """The first message (returned: a resend is the same), its step still running in the first process."""
    running.webhook.budget = 0.5
    p = running.platform
    message = p.text(RESIDENT, SLOW)
    assert seen.answered(await p.post(message)).body == "success"  # its reply will be pushed
    clock.advance(seconds=1)  # the next message comes later
    return message


async def _replies(app: App) -> list[OutboxMessage]:
    async with app.db.transaction() as s:
        return list((await s.execute(select(OutboxMessage).where(OutboxMessage.purpose == "reply")
                                     .order_by(OutboxMessage.id))).scalars())


async def test_the_next_answer_in_another_process_waits_for_the_first_and_carries_it(
        app: App, world: World, running: Running, dialogs: TinyDialogs, wechat_api: FakeWeChatAPI, clock: ManualClock,
        second_process: tuple[WeChatWebhook, WeChatPlatform], slow: asyncio.Event) -> None:
    wechat_api.user_wrote(RESIDENT)
    seen = seen_by_resident(wechat_api)
    await _first_still_running(running, seen, clock)
    other, platform = second_process
    second = asyncio.create_task(platform.post(platform.text(RESIDENT, QUICK)))
    await asyncio.sleep(0.5)  # the second step is done; the first still runs in the other process
    slow.set()
    answer = seen.answered(await second)
    assert FIRST in answer.text and SECOND in answer.text, answer
    await settled(running.webhook, other)
    await drain(app)
    seen.assert_in_turn()
    assert [(r.status, r.platform_ref) for r in await _replies(app)] == [("sent", "with-reply")]


async def test_an_answer_that_cannot_wait_longer_is_held_behind_the_first_and_sent_after_it(
        app: App, world: World, running: Running, dialogs: TinyDialogs, wechat_api: FakeWeChatAPI, clock: ManualClock,
        second_process: tuple[WeChatWebhook, WeChatPlatform], slow: asyncio.Event) -> None:
    wechat_api.user_wrote(RESIDENT)
    seen = seen_by_resident(wechat_api)
    await _first_still_running(running, seen, clock)
    other, platform = second_process
    other.budget = 1.0
    message = platform.text(RESIDENT, QUICK)
    assert seen.answered(await platform.post(message)).body == "success"  # held: it must not go first
    await drain(app)
    assert not pushed_texts(wechat_api)  # not sent meanwhile
    assert seen.answered(await platform.post(message)).body == "success"  # a resend: what was stored
    slow.set()
    await settled(running.webhook, other)
    await drain(app)
    seen.assert_in_turn()
    assert len(dialogs.seen) == 2
    held, first, moved = await _replies(app)
    assert held.status == "superseded" and first.status == moved.status == "sent"
    assert first.id < moved.id and SECOND in str(moved.payload) and FIRST in str(first.payload)


async def test_a_first_process_that_died_holds_nothing_back(
        app: App, world: World, running: Running, dialogs: TinyDialogs, wechat_api: FakeWeChatAPI, clock: ManualClock,
        second_process: tuple[WeChatWebhook, WeChatPlatform], monkeypatch: pytest.MonkeyPatch) -> None:
    """The process answering the first message is killed mid-step: the held answer goes once the
    claim is stale, and WeChat's resend of the first message runs its step again elsewhere."""
    wechat_api.user_wrote(RESIDENT)
    seen = seen_by_resident(wechat_api)
    never = asyncio.Event()
    handle = dialogs.handle
    killed = running.webhook
    tries: list[Incoming] = []

    async def dies(incoming: Incoming) -> list[OutMessage]:
        if incoming.text == SLOW:
            tries.append(incoming)
            if len(tries) == 1:
                await never.wait()  # the process is gone: this step never ends
        return await handle(incoming)

    monkeypatch.setattr(dialogs, "handle", dies)
    first = await _first_still_running(running, seen, clock)
    await killed.log.close()  # killed: its claim is not renewed any more
    other, platform = second_process
    other.budget = 1.0
    assert seen.answered(await platform.post(platform.text(RESIDENT, QUICK))).body == "success"
    await drain(app)
    assert not pushed_texts(wechat_api)  # held while the first claim is leased
    clock.advance(seconds=5)  # the killed process' lease runs out
    await drain(app)
    assert len(pushed_texts(wechat_api)) == 1  # not held for good
    first_resend = seen.answered(await platform.post(first))
    for task in list(killed._tasks):
        task.cancel()
    await drain(app)
    (pushed,) = pushed_texts(wechat_api)
    assert SECOND in pushed and FIRST in first_resend.text and len(tries) == 2  # the resend ran the step again


def pushed_texts(api: FakeWeChatAPI) -> list[str]:
    """The answers pushed (not the updates about the ticket the first message filed)."""
    texts = [(c.body or {})["text"]["content"] for c in api.calls
             if c.path.endswith("message/custom/send") and (c.body or {}).get("msgtype") == "text"]
    return [t for t in texts if FIRST in t or SECOND in t]


async def test_nothing_more_is_asked_when_no_earlier_message_is_being_answered(
        app: App, world: World, running: Running, wechat_api: FakeWeChatAPI, clock: ManualClock) -> None:
    """The common answer: the claim already said nothing earlier is pending; the answer asks the
    claims nothing more than before."""
    wechat_api.user_wrote(RESIDENT)
    statements: list[str] = []
    engine = app.db.engine.sync_engine

    def count(conn: object, cursor: object, statement: str, *args: object) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        p = running.platform
        answer = await p.post(p.text(RESIDENT, QUICK))
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert SECOND in answer.text
    claims = [s for s in statements if "processed_updates" in s and "SET lease_until" not in s]  # not renewals
    assert len(claims) == 2, claims  # the claim (which tells) and the stored answer: no look for earlier ones
