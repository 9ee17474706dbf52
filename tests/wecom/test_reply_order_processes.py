"""The WeCom app keeps a worker's answers in turn across two `serve` processes on one database: a
quick answer in one process does not overtake a slow step's reply still being made in the other
(it waits for it and carries it, or is held behind it in the outbox)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from aiohttp import web

from bot.adapters.wecom_app import WeComAppWebhook, wecom_app_component
from bot.app import App
from bot.server import build_web_app
from core.clock import ManualClock
from tests.fakes.wecom_api import FakeWeComAPI
from tests.reply_order import settled
from tests.wecom.conftest import AES_KEY, AGENT_ID, CORP_ID, TOKEN, Running, drain
from tests.wecom.platform import WeComPlatform
from tests.wecom.test_reply_order import FIRST, QUICK, SECOND, SLOW, WORKER, seen_by_worker
from tests.world import World


@pytest.fixture
async def elsewhere(app: App, clock: ManualClock) -> AsyncIterator[tuple[WeComAppWebhook, WeComPlatform]]:
    """A second `serve` process on the same database."""
    webhook = wecom_app_component(app.settings, db=app.db, clock=app.clock, tickets=app.tickets,
                                  directory=app.directory, queries=app.queries, tz=app.tz)
    await webhook.start()
    runner = web.AppRunner(build_web_app(app, [webhook]), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    platform = WeComPlatform(f"http://127.0.0.1:{runner.addresses[0][1]}{app.settings.wecom.path}",
                             token=TOKEN, aes_key=AES_KEY, corp_id=CORP_ID, agent_id=AGENT_ID, clock=clock)
    yield webhook, platform
    await platform.close()
    await webhook.stop()
    await runner.cleanup()


@pytest.fixture
def slow(running: Running, monkeypatch: pytest.MonkeyPatch) -> asyncio.Event:
    """The first process' SLOW step runs until the test sets this."""
    gate = asyncio.Event()
    on_text = running.webhook.workers.on_text

    async def held(userid: str, text: str) -> object:
        if text == SLOW:
            await gate.wait()
        return await on_text(userid, text)

    monkeypatch.setattr(running.webhook.workers, "on_text", held)
    running.webhook.budget = 0.5
    return gate


async def test_the_next_answer_in_another_process_waits_for_the_first_and_carries_it(
        app: App, world: World, running: Running, wecom_api: FakeWeComAPI, clock: ManualClock,
        elsewhere: tuple[WeComAppWebhook, WeComPlatform], slow: asyncio.Event) -> None:
    seen = seen_by_worker(wecom_api)
    p = running.platform
    assert seen.answered(await p.post(p.text(WORKER, SLOW))).body == ""  # over budget: pushed later
    clock.advance(seconds=1)
    other, platform = elsewhere
    second = asyncio.create_task(platform.post(platform.text(WORKER, QUICK)))
    await asyncio.sleep(0.5)
    slow.set()
    answer = seen.answered(await second)
    assert FIRST in answer.text and SECOND in answer.text, answer
    await settled(running.webhook, other)
    await drain(app)
    seen.assert_in_turn()


async def test_an_answer_that_cannot_wait_longer_is_held_behind_the_first(
        app: App, world: World, running: Running, wecom_api: FakeWeComAPI, clock: ManualClock,
        elsewhere: tuple[WeComAppWebhook, WeComPlatform], slow: asyncio.Event) -> None:
    seen = seen_by_worker(wecom_api)
    p = running.platform
    assert seen.answered(await p.post(p.text(WORKER, SLOW))).body == ""
    clock.advance(seconds=1)
    other, platform = elsewhere
    other.budget = 1.0
    message = platform.text(WORKER, QUICK)
    assert seen.answered(await platform.post(message)).body == ""  # held behind the first
    await drain(app)
    assert not [c for c in wecom_api.calls if c.path.endswith("message/send")
                and (c.body or {}).get("touser") == WORKER]  # nothing overtakes the first answer
    assert seen.answered(await platform.post(message)).body == ""  # a resend: the same
    slow.set()
    await settled(running.webhook, other)
    await drain(app)
    seen.assert_in_turn()
