"""End to end over loopback: a ticket reaches a grid → both WeCom-bound workers get a button card
(local WeCom API) → one clicks 接单 (a signed, encrypted template_card_event to the running
callback) → the core claims → the other worker's card is greyed out with 「已由张伟接单」 through
update_template_card → the claimer alone gets the full phone → progress with a photo taken in
WeCom reaches the WeChat resident as an uploaded image → 办结 → the resident is asked to rate."""

from __future__ import annotations

from sqlalchemy import select

from bot.app import App
from bot.dialogs import worker_texts as wtx
from core.clock import ManualClock
from core.db.models import Ticket, TicketEvent, WeComCard
from core.enums import Kind, Status
from core.inbound import note_inbound
from core.service.tickets import NewTicket
from tests.fakes.wechat_api import FakeWeChatAPI
from tests.fakes.wecom_api import FakeWeComAPI
from tests.wecom.conftest import Running, drain
from tests.world import World

RESIDENT = "oRes1dent0000000000000009"
PHONE = "13812345678"
PHOTO = b"\xff\xd8\xff\xe0 a JPEG of the repaired lamp"


async def file_from_wechat(app: App, wechat_api: FakeWeChatAPI, text: str = "3栋2单元楼道灯坏了一个星期") -> str:
    """A resident who writes on WeChat (their 48-hour window open) files a ticket routed to grid A."""
    wechat_api.user_wrote(RESIDENT)
    await note_inbound(app.db, "wechat", RESIDENT, app.clock.now(), create=True)
    t = await app.tickets.file(NewTicket(description=text, channel="wechat", external_id=RESIDENT, grid_code="A",
                                         category="工程维修", kind=Kind.REPAIR, contact_phone=PHONE,
                                         community="幸福里小区", building="3", unit="2"))
    return t.number


async def status(app: App, number: str) -> Status:
    async with app.db.transaction() as s:
        return Status((await s.execute(select(Ticket.status).where(Ticket.number == number))).scalar_one())


async def test_card_click_claim_update_photo_progress_resolve_survey(
        app: App, world: World, running: Running, wecom_api: FakeWeComAPI, wechat_api: FakeWeChatAPI,
        clock: ManualClock) -> None:
    number = await file_from_wechat(app, wechat_api)
    await drain(app)

    # one button card to both workers of grid A, the phone masked
    [card] = wecom_api.cards_of("zhangwei")
    assert sorted(card.holders) == ["lina", "zhangwei"]
    assert card.body["card_type"] == "button_interaction"
    assert [(b["text"], b["key"]) for b in card.body["button_list"]] == [("接单", f"claim:{number}"),
                                                                          ("退回", f"ret:{number}")]
    shown = str(card.body)
    assert number in shown and "138****5678" in shown and PHONE not in shown
    assert {"keyname": "地址", "value": "幸福里小区3栋2单元"} in card.body["horizontal_content_list"]
    assert "wangqiang" not in card.holders  # grid B's worker

    # 张伟 taps 接单: WeCom posts the click, the core claims, his chat says so at once
    answer = await running.platform.post(running.platform.click(
        "zhangwei", card.task_id, f"claim:{number}", wecom_api.click_code(card.task_id)))
    assert answer.status == 200 and "接单成功" in answer.text
    assert await status(app, number) is Status.ACCEPTED
    async with app.db.transaction() as s:
        claimed = (await s.execute(select(TicketEvent).where(TicketEvent.type == "claimed"))).scalar_one()
        assert claimed.actor_staff_id == world.worker.id
    await drain(app)

    # every holder's card now shows who took it: 李娜 cannot claim twice
    assert card.replaced == {"zhangwei": "已由张伟接单", "lina": "已由张伟接单"}
    assert any(PHONE in t for t in wecom_api.texts_to("zhangwei"))  # the claimer's private copy
    assert not any(PHONE in t for t in wecom_api.texts_to("lina"))
    late = await running.platform.post(running.platform.click(
        "lina", card.task_id, f"claim:{number}", wecom_api.click_code(card.task_id)))
    assert "已有人接单" in late.text

    # his own card to work the ticket: 进展 / 办结 / 退回
    [work] = [c for c in wecom_api.cards_of("zhangwei") if c.task_id != card.task_id]
    assert work.holders == ["zhangwei"]
    assert [b["text"] for b in work.body["button_list"]] == ["进展", "办结", "退回"]

    # progress with a photo taken in WeCom: typed command, then the photo, then the words
    assert "进展情况" in (await running.platform.post(running.platform.text("zhangwei", f"进展 {number}"))).text
    photo = wecom_api.add_photo(PHOTO)
    assert "1 张照片" in (await running.platform.post(running.platform.image("zhangwei", photo))).text
    done = await running.platform.post(running.platform.text("zhangwei", "已到现场，正在更换灯具"))
    assert "进展已记录" in done.text
    await drain(app)
    assert any("已到现场，正在更换灯具" in t for t in wechat_api.texts_to(RESIDENT))
    [image] = [b["image"]["media_id"] for b in wechat_api.sent("message/custom/send") if b.get("msgtype") == "image"]
    assert wechat_api.media[image] == PHOTO  # fetched from WeCom, uploaded to WeChat

    # the resident answers on WeChat (a fresh 48-hour window with five pushes)
    wechat_api.user_wrote(RESIDENT)
    await note_inbound(app.db, "wechat", RESIDENT, app.clock.now())

    # 办结 from his card's button, then the result
    ask = await running.platform.post(running.platform.click(
        "zhangwei", work.task_id, f"done:{number}", wecom_api.click_code(work.task_id)))
    assert "处理结果" in ask.text
    resolved = await running.platform.post(running.platform.text("zhangwei", "已更换灯具，楼道恢复照明"))
    assert "办结成功" in resolved.text
    assert await status(app, number) is Status.RESOLVED
    await drain(app)
    assert work.replaced == {"zhangwei": "已办结"}
    texts = wechat_api.texts_to(RESIDENT)
    assert any("已办结" in t and "恢复照明" in t for t in texts)
    assert any("满意" in t and "不满意" in t for t in texts)  # the survey
    async with app.db.transaction() as s:
        assert all(c.closed_at is not None for c in (await s.execute(select(WeComCard))).scalars())


async def test_return_from_the_card_with_a_reason(
        app: App, world: World, running: Running, wecom_api: FakeWeComAPI, wechat_api: FakeWeChatAPI) -> None:
    number = await file_from_wechat(app, wechat_api)
    await drain(app)
    [card] = wecom_api.cards_of("lina")
    ask = await running.platform.post(running.platform.click(
        "lina", card.task_id, f"ret:{number}", wecom_api.click_code(card.task_id)))
    assert "退回" in ask.text and "1. 不属于本网格" in ask.text
    note = await running.platform.post(running.platform.text("lina", "1"))
    assert "补充说明" in note.text
    done = await running.platform.post(running.platform.text("lina", "属于阳光花园"))
    assert "已退回" in done.text
    assert await status(app, number) is Status.RETURNED
    async with app.db.transaction() as s:
        event = (await s.execute(select(TicketEvent).where(TicketEvent.type == "returned"))).scalar_one()
        assert event.note == "不属于本网格：属于阳光花园"
    await drain(app)
    assert set(card.replaced.values()) == {"已退回调度"}


async def test_my_tickets_and_binding_by_invite_code(
        app: App, world: World, running: Running, wecom_api: FakeWeComAPI, wechat_api: FakeWeChatAPI) -> None:
    number = await file_from_wechat(app, wechat_api)
    mine = await running.platform.post(running.platform.text("zhangwei", "我的工单"))
    assert number in mine.text and "待接单" in mine.text

    # a new colleague binds themself with the invite code an administrator gave them
    stranger = "zhaomin"
    wecom_api.members.add(stranger)
    refused = await running.platform.post(running.platform.text(stranger, f"接单 {number}"))
    assert "绑定码" in refused.text
    _, code = await app.directory.staff_invite(str(world.dispatcher.id))
    bound = await running.platform.post(running.platform.text(stranger, f"绑定 {code}"))
    assert "绑定成功：赵敏" in bound.text
    found = await app.directory.staff_by_identity("wecom_app", stranger)
    assert found is not None and found.staff.id == world.dispatcher.id


async def test_a_command_word_alone_acts_on_the_one_ticket_it_can_mean(
        app: App, world: World, running: Running, wecom_api: FakeWeComAPI, wechat_api: FakeWeChatAPI) -> None:
    number = await file_from_wechat(app, wechat_api)
    claimed = await running.platform.post(running.platform.text("zhangwei", "接单"))
    assert number in claimed.text and await status(app, number) is Status.ACCEPTED
    resolved = await running.platform.post(running.platform.text("zhangwei", "办结 灯已换好"))
    assert "办结成功" in resolved.text and await status(app, number) is Status.RESOLVED
    none_left = await running.platform.post(running.platform.text("zhangwei", "接单"))
    assert none_left.text == wtx.COMMAND_NEEDS_NUMBER


async def test_a_command_in_the_workers_own_words(
        app: App, world: World, running: Running, wecom_api: FakeWeComAPI, wechat_api: FakeWeChatAPI) -> None:
    """Eleventh session: 这单我接了 / 搞定了 … were 「没看懂」 in the WeCom app; while a note is awaited they are the note."""
    number = await file_from_wechat(app, wechat_api)
    claimed = await running.platform.post(running.platform.text("zhangwei", "这单我接了"))
    assert number in claimed.text and await status(app, number) is Status.ACCEPTED
    await running.platform.post(running.platform.text("zhangwei", "进展"))
    noted = await running.platform.post(running.platform.text("zhangwei", "处理好了 明天再来复查"))
    assert await status(app, number) is Status.ACCEPTED and number in noted.text
    resolved = await running.platform.post(running.platform.text("zhangwei", "搞定了 灯泡换了新的"))
    assert "办结成功" in resolved.text and await status(app, number) is Status.RESOLVED
