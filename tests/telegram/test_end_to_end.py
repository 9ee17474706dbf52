"""The whole flow on Telegram, through `serve` with the Telegram component, in polling and in
webhook mode, against a Bot API server speaking the real JSON."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from sqlalchemy import select

from bot.adapters.telegram import texts as tx
from core.db.models import OutboxMessage, Ticket, TicketEvent
from core.enums import Status
from tests.telegram.conftest import (
    ADMIN,
    GROUP_A,
    GROUP_DESK,
    GROUP_SUP,
    PHONE,
    RESIDENT,
    WORKER,
    WORKER2,
    Harness,
    community,
    file_complaint,
)

MASKED = "138****5678"


def card_of(h: Harness, number: str) -> dict:
    return h.fake.find(GROUP_A, f"【工单 {number}】")


async def ticket(h: Harness, number: str) -> Ticket:
    t = await h.app.queries.by_number(number)
    assert t is not None
    return t


async def test_file_claim_progress_resolve_rate_reopen(tg: Harness) -> None:
    f = tg.fake
    await community(tg)

    # the resident files in a private chat: main menu, buttons, a photo, a location, the phone
    number, file_id = await file_complaint(tg)
    assert f.labels(f.find(RESIDENT, "您好")) == ["我要投诉", "我要报修", "咨询", "我的投诉"]
    menu = f.client_side(f.find(RESIDENT, tx.MENU_HINT))  # the reply keyboard under the input field
    assert menu is not None and [b["text"] for row in menu["keyboard"] for b in row] == \
        ["我要投诉", "我的投诉", "📍发送位置", "帮助"]
    question = f.find(RESIDENT, "请问是哪个小区")
    assert "reply_markup" not in question  # answered: its buttons are gone
    t = await ticket(tg, number)
    assert t.photos == [{"channel": "telegram", "media_id": file_id, "url": None}]  # the largest size
    assert (t.lat, t.lng) == (30.2741, 120.1551)
    assert t.status == Status.ASSIGNED

    # the group gets the assignment card with buttons, and the photo
    await tg.drain()
    card = card_of(tg, number)
    assert f.labels(card) == ["接单", "退回"]
    assert "幸福里小区" in card["text"] and "楼道灯坏了" in card["text"] and "办结时限" in card["text"]
    assert MASKED in card["text"]
    assert [c.params["photo"] for c in f.ok_calls("sendPhoto", GROUP_A)] == [file_id]
    # the shared location reaches the workers (#14): coordinates and a map link on the card, a pin
    assert "位置：30.27410, 120.15510" in card["text"] and "uri.amap.com/marker" in card["text"]
    [pin] = f.ok_calls("sendLocation", GROUP_A)
    assert (pin.params["latitude"], pin.params["longitude"]) == (30.2741, 120.1551)
    # the reply to 提交 named the grid and the deadline: no second notice saying it again (#14)
    assert f"编号是 {number}" in f.texts(RESIDENT)[-1] and "幸福里网格" in f.texts(RESIDENT)[-1]
    assert not [t for t in f.texts(RESIDENT) if "已派给" in t]

    # a worker claims it with the button: the card changes in place, the phone comes privately
    _, query = await f.press(WORKER, GROUP_A, card["message_id"], "接单")
    assert f.answers[query]["text"].startswith(f"已接单 {number}")
    await tg.drain()
    card = f.chats[GROUP_A].messages[card["message_id"]]
    assert "状态：处理中（张伟）" in card["text"] and "edit_date" in card
    assert f.labels(card) == ["进展", "办结", "退回"]
    assert PHONE in f.texts(WORKER)[-1] and "仅您可见" in f.texts(WORKER)[-1]
    assert "30.27410, 120.15510" in f.texts(WORKER)[-1] and "uri.amap.com" in f.texts(WORKER)[-1]
    assert "已由工作人员张师傅接单" in f.texts(RESIDENT)[-1]

    # progress with a photo: the bot asks, the worker answers the prompt with a photo and a note
    _, query = await f.press(WORKER, GROUP_A, card["message_id"], "进展")
    assert f.answers[query].get("show_alert") is not True
    prompt = f.last(GROUP_A)
    # named once (#14: not 「张伟 张伟，请回复…」): the
    # selective ForceReply opens the reply box for that worker only
    assert prompt["text"] == f"@zhangwei，请回复本消息，写下工单 {number} 的进展（可附照片）。"
    assert f.client_side(prompt) == {"force_reply": True, "selective": True}
    _, progress_photo = await f.send_photo(WORKER, chat_id=GROUP_A, caption="已报修，明天上午更换灯具",
                                           reply_to=prompt["message_id"])
    assert f"工单 {number} 进展已记录" in f.last(GROUP_A)["text"]
    await tg.drain()
    assert "最新：已报修，明天上午更换灯具" in f.chats[GROUP_A].messages[card["message_id"]]["text"]
    assert any("有新进展：已报修，明天上午更换灯具" in text for text in f.texts(RESIDENT))
    assert [c.params["photo"] for c in f.ok_calls("sendPhoto", RESIDENT)] == [progress_photo]

    # resolved with a note: the resident hears the result, then gets the survey
    await f.press(WORKER, GROUP_A, card["message_id"], "办结")
    prompt = f.last(GROUP_A)
    await f.write(WORKER, "已更换灯泡，楼道恢复照明", chat_id=GROUP_A, reply_to=prompt["message_id"])
    await tg.drain()
    card = f.chats[GROUP_A].messages[card["message_id"]]
    assert "状态：已办结" in card["text"] and "reply_markup" not in card
    assert f"工单 {number} 已办结。处理结果：已更换灯泡，楼道恢复照明" in f.texts(RESIDENT)
    survey = f.last(RESIDENT)
    assert f.labels(survey) == ["满意", "基本满意", "不满意"]

    # not satisfied: the ticket reopens and the group's card asks for a claim again
    await f.press(RESIDENT, RESIDENT, survey["message_id"], "不满意")
    assert "工单已重新交办" in f.last(RESIDENT)["text"] and "哪里不满意" in f.last(RESIDENT)["text"]
    assert "reply_markup" not in f.chats[RESIDENT].messages[survey["message_id"]]
    await f.write(RESIDENT, "灯还是不亮")
    assert "已转告处理人员" in f.last(RESIDENT)["text"]
    t = await ticket(tg, number)
    assert (t.status, t.round, t.reopen_count) == (Status.REOPENED, 2, 1)
    await tg.drain()
    card = f.chats[GROUP_A].messages[card["message_id"]]
    assert "状态：重新处理" in card["text"] and "最新：居民不满意：灯还是不亮" in card["text"]
    assert f.labels(card) == ["接单", "退回"]

    # no spinning buttons, no full phone in the group, nothing left undelivered (a card edit made
    # stale by a newer one before it went out is superseded, not sent)
    assert set(f.callbacks) == set(f.answers)
    assert all(PHONE not in text for text in f.texts(GROUP_A))
    async with tg.app.db.transaction() as s:
        statuses = set((await s.execute(select(OutboxMessage.status))).scalars())
    assert statuses <= {"sent", "superseded"} and "sent" in statuses


async def test_an_emergency_also_alerts_the_supervisors_group(tg: Harness) -> None:
    await community(tg)
    number, _ = await file_complaint(tg, "幸福里小区3栋燃气泄漏，味道很大", photo=False, location=False)
    await tg.drain()
    alert = tg.fake.find(GROUP_SUP, f"🚨紧急工单 {number}")
    assert "燃气泄漏" in alert["text"] and PHONE not in alert["text"]  # out before the phone was asked
    card = card_of(tg, number)["text"]
    assert "🔴紧急" in card and MASKED in card and PHONE not in card  # the phone given after it, masked


async def test_an_album_reaches_the_conversation_as_one_message(tg: Harness) -> None:
    f = tg.fake
    await community(tg)
    number, _ = await file_complaint(tg, photo=False)
    await tg.drain()
    card = card_of(tg, number)
    await f.press(WORKER, GROUP_A, card["message_id"], "接单")
    await tg.drain()  # the card now offers 进展
    await f.press(WORKER, GROUP_A, card["message_id"], "进展")
    prompt = f.last(GROUP_A)
    _, first = await f.send_photo(WORKER, chat_id=GROUP_A, caption="更换前后对比", reply_to=prompt["message_id"],
                                  media_group_id="album-1")
    # the later parts of an album need not say whom they answer: the album does
    _, second = await f.send_photo(WORKER, chat_id=GROUP_A, media_group_id="album-1")
    for _ in range(200):  # the album is handed over after a moment of quiet
        if f"工单 {number} 进展已记录" in f.texts(GROUP_A)[-1]:
            break
        await asyncio.sleep(0.02)
    [album] = [i for i in tg.engine.seen if i.extra.get("media_group_id") == "album-1"]
    assert [p.media_id for p in album.photos] == [first, second] and album.text == "更换前后对比"
    async with tg.app.db.transaction() as s:
        [event] = (await s.execute(select(TicketEvent).where(TicketEvent.type == "progress"))).scalars()
    assert event.note == "更换前后对比" and [a["media_id"] for a in event.attachments] == [first, second]
    await tg.drain()
    [sent] = f.ok_calls("sendMediaGroup", RESIDENT)  # the resident sees them as an album too
    assert [p["media"] for p in sent.params["media"]] == [first, second]


async def test_a_worker_returns_a_ticket_from_the_group_and_the_dispatchers_hear_of_it(tg: Harness) -> None:
    f, d = tg.fake, tg.app.directory
    await community(tg)
    f.group(GROUP_DESK, "调度中心群", creator=ADMIN)
    await f.add_bot_to(GROUP_DESK, by=ADMIN)
    await f.write(ADMIN, f"/bind dispatchers {await d.grid_bind_code('dispatchers')}", chat_id=GROUP_DESK)
    number, _ = await file_complaint(tg, photo=False)
    await tg.drain()
    card = card_of(tg, number)
    await f.press(WORKER, GROUP_A, card["message_id"], "退回")
    reasons = f.last(GROUP_A)
    assert f.labels(reasons)[0] == "不属于本网格"
    _, other = await f.press(WORKER2, GROUP_A, reasons["message_id"], "不属于本网格")  # not the one asked
    assert f.answers[other]["show_alert"] is True and f.labels(f.chats[GROUP_A].messages[reasons["message_id"]])
    await f.press(WORKER, GROUP_A, reasons["message_id"], "不属于本网格")
    assert "reply_markup" not in f.chats[GROUP_A].messages[reasons["message_id"]]  # answered: buttons gone
    await f.write(WORKER, "这是阳光花园的楼", chat_id=GROUP_A, reply_to=f.last(GROUP_A)["message_id"])
    assert f"工单 {number} 已退回" in f.texts(GROUP_A)[-1]
    await tg.drain()
    card = f.chats[GROUP_A].messages[card["message_id"]]
    assert "状态：已退回" in card["text"] and "reply_markup" not in card
    assert "不属于本网格：这是阳光花园的楼" in f.texts(GROUP_DESK)[-1]
    assert (await ticket(tg, number)).status == Status.RETURNED


async def test_serve_delivers_everything_through_its_own_outbox_sender(tg: Harness) -> None:
    """Nothing drained by hand: `serve` runs what the configuration turns on (components_for)."""
    ft = tg.app.settings.followthrough
    tg.app.settings = replace(tg.app.settings, followthrough=replace(ft, sender=replace(ft.sender, poll_seconds=0.05)))
    await tg.shutdown()
    await tg._start(production=True)
    f = tg.fake
    await community(tg)
    number, _ = await file_complaint(tg, photo=False)
    await tg.eventually(lambda: any(f"【工单 {number}】" in text for text in f.texts(GROUP_A)))
    card = card_of(tg, number)
    await f.press(WORKER, GROUP_A, card["message_id"], "接单")
    await tg.eventually(lambda: "处理中（张伟）" in f.chats[GROUP_A].messages[card["message_id"]]["text"])
    await tg.eventually(lambda: any(PHONE in text for text in f.texts(WORKER)))
    await f.press(WORKER, GROUP_A, card["message_id"], "办结")
    await f.write(WORKER, "已更换灯泡", chat_id=GROUP_A, reply_to=f.last(GROUP_A)["message_id"])
    await tg.eventually(lambda: f.labels(f.last(RESIDENT)) == ["满意", "基本满意", "不满意"])
    await f.press(RESIDENT, RESIDENT, f.last(RESIDENT)["message_id"], "不满意")
    await tg.eventually(lambda: "状态：重新处理" in f.chats[GROUP_A].messages[card["message_id"]]["text"])
    assert all(PHONE not in text for text in f.texts(GROUP_A))
