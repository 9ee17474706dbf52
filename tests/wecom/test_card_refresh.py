"""Every holder's card follows the ticket (#16): after a claim, a progress note written at the
desk — not in WeCom, so no tap brought a fresh code — and one typed in the app both reach every
card of the ticket, the grid's greyed one and the claimer's own, with the latest line and state."""

from __future__ import annotations

from bot.app import App
from core.enums import Role
from core.service.actor import Actor, Place
from tests.fakes.wechat_api import FakeWeChatAPI
from tests.fakes.wecom_api import FakeWeComAPI
from tests.wecom.conftest import Running, drain
from tests.wecom.test_end_to_end import file_from_wechat
from tests.world import World


async def test_progress_from_any_channel_reaches_every_holders_card(
        app: App, world: World, running: Running, wecom_api: FakeWeComAPI, wechat_api: FakeWeChatAPI) -> None:
    number = await file_from_wechat(app, wechat_api)
    await drain(app)
    [grid_card] = wecom_api.cards_of("lina")
    await running.platform.post(running.platform.click(
        "zhangwei", grid_card.task_id, f"claim:{number}", wecom_api.click_code(grid_card.task_id)))
    await drain(app)
    assert grid_card.replaced == {"zhangwei": "已由张伟接单", "lina": "已由张伟接单"}

    # 张伟 reports from the hotline desk
    desk = Actor.staff(world.worker.id, Role(world.worker.role), place=Place("desk"))
    await app.tickets.add_progress(number, desk, "已联系物业，明早更换灯具")
    await drain(app)
    [lina_sees] = wecom_api.cards_of("lina")
    work = [c for c in wecom_api.cards_of("zhangwei") if "进展" in c.text()]
    for card in (lina_sees, *work):
        assert "最新：已联系物业，明早更换灯具" in card.text() and "处理中（张伟）" in card.text()
    assert lina_sees.replaced["lina"] == "已由张伟接单"  # still greyed: nobody claims twice
    assert "13812345678" not in lina_sees.text()  # the grid's card stays masked
    assert len(work) == 1 and "13812345678" in work[0].text()  # his own shows him the phone
    assert wecom_api.texts_to("lina") == []  # a card, not a text

    # and typed in the app's chat, in one line
    done = await running.platform.post(running.platform.text("zhangwei", f"进展 {number} 灯具已到货"))
    assert "进展已记录" in done.text
    await drain(app)
    [lina_sees] = wecom_api.cards_of("lina")
    assert "最新：灯具已到货" in lina_sees.text()
    [work] = [c for c in wecom_api.cards_of("zhangwei") if "进展" in c.text()]
    assert "最新：灯具已到货" in work.text()
