"""The desk in a browser beside a real chat: a complaint filed through Telegram (the fake Bot API on
loopback, the real conversations) appears on the open queue without a reload; the dispatcher assigns
it and replies, the reply reaches the resident's Telegram chat through the outbox, and what the
resident writes back shows in the ticket's conversation, live."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.desk import desk_component
from core.enums import Role
from tests.desk.browser import browser, log_in, shot
from tests.desk.conftest import PASSWORD
from tests.telegram.conftest import RESIDENT, Harness, community, fake, file_complaint, tg

__all__ = ["browser", "fake", "tg"]


@pytest.fixture
def mode() -> str:
    return "polling"


@pytest.fixture
async def desk_url(tg: Harness) -> AsyncIterator[str]:
    from aiohttp.test_utils import TestServer

    from bot.server import build_web_app

    app = tg.app
    component = desk_component(app.settings, db=app.db, clock=app.clock, tz=app.tz, tickets=app.tickets,
                               queries=app.queries, directory=app.directory)
    server = TestServer(build_web_app(app, [component]))
    await server.start_server()
    await component.start()
    await community(tg)
    dispatcher = await app.directory.add_staff("赵敏", Role.DISPATCHER)
    await component.deps.accounts.set_password(dispatcher.id, PASSWORD)
    yield str(server.make_url(app.settings.desk.path))
    await component.stop()
    await server.close()


async def test_chat_filing_appears_live_then_assign_and_reply(tg: Harness, desk_url: str, browser: Any,
                                                              backend: str) -> None:
    page = await browser.new_page(viewport={"width": 1280, "height": 900})
    await log_in(page, desk_url, "赵敏", PASSWORD)
    await page.wait_for_selector("#live-state:has-text('实时')")
    assert await page.locator("tr[data-number]").count() == 0

    # the resident files in Telegram; the open queue shows it without a reload
    number, _ = await file_complaint(tg, photo=False, location=False)
    row = page.locator(f'tr[data-number="{number}"]')
    await row.wait_for(timeout=10_000)
    await shot(page, f"chat-live-queue-{backend}")

    # assign it to the other grid from its page
    await page.get_by_role("link", name=number).click()
    await page.get_by_text("派单 / 改派").click()
    await page.get_by_label("网格", exact=True).select_option("B")
    await page.get_by_role("button", name="派单", exact=True).click()
    await page.wait_for_selector(".flash:has-text('已派单')")

    # reply: the page says what will happen, the outbox delivers it to the resident's chat
    assert "立即发送" in await page.locator("#reply-reach").inner_text()
    await page.get_by_label("回复内容").fill("您好，已安排阳光花园网格明天上午处理。")
    await page.get_by_role("button", name="发送回复").click()
    await page.wait_for_selector(".flash:has-text('回复已提交')")
    await tg.drain()
    assert any("已安排阳光花园网格明天上午处理" in text for text in tg.fake.texts(RESIDENT))

    # the resident answers in the chat: the conversation on the open page shows it
    await tg.fake.write(RESIDENT, "好的，谢谢，我明天上午在家")
    await page.wait_for_selector(".conversation li.in:has-text('我明天上午在家')", timeout=10_000)
    await shot(page, f"chat-ticket-reply-{backend}")
