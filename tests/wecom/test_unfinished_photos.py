"""In the WeCom app the core decides too (core.errors.SoundsUnfinished): photos sent for a 办结 stay with the note
while the worker is asked, and go with 2 (仍然办结); a worker who has not claimed the ticket is told so, not asked."""

from __future__ import annotations

from sqlalchemy import select

from bot.app import App
from core.db.models import TicketEvent
from core.enums import Status
from tests.fakes.wechat_api import FakeWeChatAPI
from tests.fakes.wecom_api import FakeWeComAPI
from tests.wecom.conftest import Running
from tests.wecom.test_end_to_end import PHOTO, file_from_wechat, status
from tests.world import World


async def test_photos_stay_with_the_note_while_asked(app: App, world: World, running: Running,
                                                     wechat_api: FakeWeChatAPI, wecom_api: FakeWeComAPI) -> None:
    number = await file_from_wechat(app, wechat_api)
    say = running.platform
    await say.post(say.text("zhangwei", f"接单 {number}"))
    await say.post(say.text("zhangwei", f"办结 {number}"))
    assert "1 张照片" in (await say.post(say.image("zhangwei", wecom_api.add_photo(PHOTO)))).text
    asked = await say.post(say.text("zhangwei", "下周二再派人来换水管"))
    assert "听起来还没办完" in asked.text and await status(app, number) is Status.ACCEPTED
    done = await say.post(say.text("zhangwei", "2"))
    assert "办结成功" in done.text and await status(app, number) is Status.RESOLVED
    async with app.db.transaction() as s:
        resolved = (await s.execute(select(TicketEvent).where(TicketEvent.type == "resolved"))).scalar_one()
    assert resolved.note == "下周二再派人来换水管" and len(resolved.attachments) == 1


async def test_not_claimed_is_told_so_before_any_question(app: App, world: World, running: Running,
                                                          wechat_api: FakeWeChatAPI) -> None:
    number = await file_from_wechat(app, wechat_api)
    say = running.platform
    refused = await say.post(say.text("zhangwei", f"办结 {number} 下周二再派人来换水管"))
    assert "请先接单" in refused.text and "听起来还没办完" not in refused.text
    assert "没有" in (await say.post(say.text("zhangwei", "取消"))).text  # nothing left waiting for an answer

