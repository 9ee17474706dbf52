"""The WeCom app reads a worker's words with the chat's reader (bot/dialogs/worker_words.py): a return reason said
in words (这是燃气公司的管道，不归物业管) is the listed reason, not 其他 — the app's own copy had not learnt it."""

from __future__ import annotations

from sqlalchemy import select

from bot.app import App
from core.db.models import TicketEvent
from core.enums import Status
from tests.fakes.wechat_api import FakeWeChatAPI
from tests.wecom.conftest import Running
from tests.wecom.test_end_to_end import file_from_wechat, status
from tests.world import World


async def test_a_return_reason_said_in_words_is_read_as_in_the_chat(
        app: App, world: World, running: Running, wechat_api: FakeWeChatAPI) -> None:
    number = await file_from_wechat(app, wechat_api)
    say = running.platform
    await say.post(say.text("zhangwei", f"接单 {number}"))
    done = await say.post(say.text("zhangwei", f"退回 {number} 这是燃气公司的管道，不归物业管"))
    assert "已退回" in done.text and await status(app, number) is Status.RETURNED
    async with app.db.transaction() as s:
        event = (await s.execute(select(TicketEvent).where(TicketEvent.type == "returned"))).scalar_one()
    assert event.data["reason"] == "不属于物业职责"
