"""In the WeCom app too, 办结 with a note that says the work is still to come (明天派师傅去看) is asked about first:
1 records it as progress, 2 resolves all the same, words that say it is done resolve with them (thirteenth
session) — over loopback against the running callback."""

from __future__ import annotations

from bot.adapters.wecom_app import texts as tx
from bot.app import App
from core.enums import Status
from tests.fakes.wechat_api import FakeWeChatAPI
from tests.wecom.conftest import Running
from tests.wecom.test_end_to_end import file_from_wechat, status
from tests.world import World


async def test_recorded_as_progress(app: App, world: World, running: Running, wechat_api: FakeWeChatAPI) -> None:
    number = await file_from_wechat(app, wechat_api)
    say = running.platform
    await say.post(say.text("zhangwei", f"接单 {number}"))
    asked = await say.post(say.text("zhangwei", f"办结 {number} 明天派师傅去看"))
    assert "听起来还没办完" in asked.text and await status(app, number) is Status.ACCEPTED
    noted = await say.post(say.text("zhangwei", "1"))
    assert noted.text == tx.PROGRESS_ADDED.format(number=number)
    assert await status(app, number) is Status.ACCEPTED


async def test_resolved_all_the_same_or_by_words(
        app: App, world: World, running: Running, wechat_api: FakeWeChatAPI) -> None:
    number = await file_from_wechat(app, wechat_api)
    say = running.platform
    await say.post(say.text("zhangwei", f"接单 {number}"))
    await say.post(say.text("zhangwei", "办结"))
    asked = await say.post(say.text("zhangwei", "已联系楼上住户"))
    assert "听起来还没办完" in asked.text
    again = await say.post(say.text("zhangwei", "嗯"))
    assert "听起来还没办完" in again.text and await status(app, number) is Status.ACCEPTED
    done = await say.post(say.text("zhangwei", "2"))
    assert "办结成功" in done.text and await status(app, number) is Status.RESOLVED
