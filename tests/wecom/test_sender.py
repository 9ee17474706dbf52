"""Delivery to the WeCom app through the outbox, against the local WeCom API: the shared
access_token (fetched once for several senders, replaced when WeCom calls it expired or invalid),
frequency limits backed off, an untrusted server IP retried and reported, recipients WeCom does
not know, long texts, cards that can no longer be changed, photos from another channel."""

from __future__ import annotations

from bot.adapters.wecom_app import WeComAppParts, wecom_app_parts
from bot.app import App
from core import messages as m
from core.clock import ManualClock
from core.db.models import WeComCard
from core.delivery import Delivery
from core.media import Media, MediaLibrary
from core.outbox import enqueue
from tests.fakes.wecom_api import FakeWeComAPI
from tests.wecom.conftest import drain


def delivery(address: str, *messages: m.OutMessage, purpose: str = "reminder", row: int = 1) -> Delivery:
    return Delivery(id=row, channel="wecom_app", address=address, audience="staff", purpose=purpose,
                    messages=tuple(messages))


def parts(app: App) -> WeComAppParts:
    found = app.wecom_app
    assert isinstance(found, WeComAppParts)
    return found


async def test_one_token_for_every_sender_and_refreshed_when_refused(app: App, wecom_api: FakeWeComAPI,
                                                                     clock: ManualClock) -> None:
    first = parts(app).sender
    second = wecom_app_parts(app.settings, app.db, app.clock, media=MediaLibrary())  # another process
    try:
        for sender in (first, second.sender):
            assert (await sender.deliver(delivery("zhangwei", m.Text("你好")))).outcome == "sent"
        assert wecom_api.token_requests == 1  # shared through the store

        wecom_api.expire_tokens()  # WeCom drops it (42001 … then 40014 for a token it no longer knows)
        clock.advance(seconds=10)
        assert (await first.deliver(delivery("zhangwei", m.Text("过期后")))).outcome == "sent"
        assert wecom_api.token_requests == 2
        assert [c.errcode for c in wecom_api.calls if c.path.endswith("message/send")][-2:] == [40014, 0]

        clock.advance(hours=2, minutes=1)  # expired by WeCom's clock: 42001, refreshed before use
        wecom_api.fail("message/send", 42001)
        assert (await second.sender.deliver(delivery("zhangwei", m.Text("两小时后")))).outcome == "sent"
        assert wecom_api.texts_to("zhangwei")[-1] == "两小时后"
    finally:
        await second.close()


async def test_frequency_limits_back_off(app: App, wecom_api: FakeWeComAPI) -> None:
    sender = parts(app).sender
    for code in (45009, 45033, -1):
        wecom_api.fail("message/send", code)
        result = await sender.deliver(delivery("zhangwei", m.Text("催办")))
        assert result.outcome == "retry" and result.retry_after and result.retry_after >= 60, result
    assert (await sender.deliver(delivery("zhangwei", m.Text("催办")))).outcome == "sent"


async def test_an_untrusted_ip_is_retried_and_said_plainly(app: App, wecom_api: FakeWeComAPI) -> None:
    wecom_api.trusted_ips = {"10.0.0.1"}
    result = await parts(app).sender.deliver(delivery("zhangwei", m.Text("催办")))
    assert result.outcome == "retry" and result.retry_after == 300
    assert result.reason.startswith("60020 ") and "from ip: 127.0.0.1" in result.reason
    assert "企业可信IP" in result.reason


async def test_unknown_recipients_and_long_texts(app: App, wecom_api: FakeWeComAPI) -> None:
    sender = parts(app).sender
    dead = await sender.deliver(delivery("nobody-here", m.Text("催办")))
    assert dead.outcome == "failed" and dead.reason.startswith("81013")
    partly = await sender.deliver(delivery("zhangwei|nobody-here", m.Text("通知")))
    assert partly.outcome == "sent" and "invaliduser: nobody-here" in partly.reason
    long_text = "楼道灯坏了。" * 400  # 7,200 bytes
    assert (await sender.deliver(delivery("lina", m.Text(long_text)))).outcome == "sent"
    pieces = wecom_api.texts_to("lina")
    assert len(pieces) == 4 and all(len(p.encode()) <= 2048 for p in pieces)
    assert "".join(pieces) == long_text


async def test_a_retry_does_not_send_the_first_part_twice(app: App, wecom_api: FakeWeComAPI) -> None:
    sender = parts(app).sender
    photo = wecom_api.add_photo(b"jpeg")
    item = delivery("zhangwei", m.Text("进展"), m.Photo(m.MediaRef("wecom_app", photo)), row=42)
    wecom_api.fail("message/send", 0, 45009)  # the text goes, the photo meets the limit
    assert (await sender.deliver(item)).outcome == "retry"
    assert (await sender.deliver(item)).outcome == "sent"
    assert wecom_api.texts_to("zhangwei") == ["进展"] and wecom_api.images_to("zhangwei") == [photo]


CARD = m.Choices("【工单 261123-0009】一般  投诉·工程维修\n状态：已派单\n地址：幸福里小区3栋",
                 (m.Choice("claim:261123-0009", "接单"), m.Choice("ret:261123-0009", "退回")))


def now_showing(state: str, latest: str) -> m.Choices:
    return m.Choices(f"【工单 261123-0009】一般  投诉·工程维修\n状态：{state}\n地址：幸福里小区3栋\n最新：{latest}",
                     CARD.options)


async def _sent_card(app: App, wecom_api: FakeWeComAPI, clock: ManualClock) -> int:
    t = await _ticket(app)
    async with app.db.transaction() as s:
        s.add(WeComCard(task_id="t1e1g", ticket_id=t, userids=["zhangwei", "lina"], created_at=clock.now()))
        enqueue(s, clock.now(), channel="wecom_app", address="card:t1e1g", audience="staff", purpose="card",
                messages=[CARD], ticket_id=t)
    await drain(app)
    assert wecom_api.cards["t1e1g"].holders == ["zhangwei", "lina"]
    return t


async def _update(app: App, clock: ManualClock, t: int, address: str, *messages: m.OutMessage) -> None:
    async with app.db.transaction() as s:
        enqueue(s, clock.now(), channel="wecom_app", address=address, audience="staff", purpose="card_update",
                messages=messages, ticket_id=t)


async def test_a_card_without_a_usable_code_is_sent_afresh_and_the_old_one_recalled(
        app: App, wecom_api: FakeWeComAPI, clock: ManualClock) -> None:
    t = await _sent_card(app, wecom_api, clock)

    # the send's code changes it in place, for both holders: the whole card, buttons greyed
    await _update(app, clock, t, "card:t1e1g", now_showing("处理中（张伟）", "已联系居民"), m.Notice("已由张伟接单"))
    await drain(app)
    first = wecom_api.cards["t1e1g"]
    assert first.replaced == {"zhangwei": "已由张伟接单", "lina": "已由张伟接单"} and "已联系居民" in first.text()

    # that code is spent (WeCom: one use) and nobody tapped since: a fresh copy, the old one recalled
    await _update(app, clock, t, "card:t1e1g", now_showing("处理中（张伟）", "已到现场"), m.Notice("已由张伟接单"))
    outcomes = await drain(app)
    assert [r.outcome for _, _, r in outcomes] == ["sent"] and "recalled" in outcomes[0][2].reason
    assert first.recalled and wecom_api.texts_to("lina") == []  # no text instead of a card
    [copy] = wecom_api.cards_of("lina")
    assert copy.task_id != "t1e1g" and copy.holders == ["zhangwei", "lina"]
    assert "已到现场" in copy.text() and copy.replaced == {"zhangwei": "已由张伟接单", "lina": "已由张伟接单"}

    # the copy brought its own code: the next change is in place again, addressed to the old card
    await _update(app, clock, t, "card:t1e1g", now_showing("已办结", "灯已修好"), m.Notice("已由张伟接单"))
    await drain(app)
    assert wecom_api.cards_of("lina") == [copy] and "灯已修好" in copy.text() and copy.updates == 1

    # three days on the copy's code has expired (72 hours) and it is too old to recall (24 hours)
    clock.advance(hours=73)
    await _update(app, clock, t, "card:t1e1g", now_showing("已结案", "灯已修好"), m.Notice("已结案"))
    outcomes = await drain(app)
    assert "the old card stays" in outcomes[0][2].reason and not copy.recalled
    newest = [c for c in wecom_api.cards_of("lina") if c is not copy]
    assert len(newest) == 1 and newest[0].replaced["lina"] == "已结案" and "已结案" in newest[0].text()
    assert [r.errcode for r in wecom_api.calls if r.path.endswith("update_template_card")] == [0, 0]


async def test_a_code_wecom_refuses_is_replaced_by_a_fresh_card(app: App, wecom_api: FakeWeComAPI,
                                                                clock: ManualClock) -> None:
    t = await _sent_card(app, wecom_api, clock)
    async with app.db.transaction() as s:  # a code WeCom will not take (used elsewhere)
        row = await s.get(WeComCard, "t1e1g")
        assert row is not None
        row.response_code, row.code_at = "RC-used-elsewhere", clock.now()
    await _update(app, clock, t, "card:t1e1g", now_showing("处理中（张伟）", "已到现场"), m.Notice("已由张伟接单"))
    await drain(app)
    assert [c.errcode for c in wecom_api.calls if c.path.endswith("update_template_card")] == [40058]
    [copy] = wecom_api.cards_of("zhangwei")
    assert copy.task_id != "t1e1g" and "已到现场" in copy.text()


async def test_photos_from_another_channel_are_uploaded(app: App, wecom_api: FakeWeComAPI) -> None:
    class Elsewhere:
        async def fetch(self, ref: m.MediaRef) -> Media | None:
            return Media(b"telegram photo bytes", "image/jpeg", "p.jpg") if ref.media_id == "tg-1" else None

    library = MediaLibrary()
    library.register("telegram", Elsewhere())
    sender = parts(app).sender
    sender.media = library
    result = await sender.deliver(delivery("zhangwei", m.Photo(m.MediaRef("telegram", "tg-1"), "居民拍的"),
                                           m.Photo(m.MediaRef("telegram", "tg-gone"))))
    assert result.outcome == "sent"
    [media_id] = wecom_api.images_to("zhangwei")
    assert wecom_api.media[media_id][0] == b"telegram photo bytes"
    assert any("居民拍的" in t for t in wecom_api.texts_to("zhangwei"))
    assert any("图片未能转发" in t for t in wecom_api.texts_to("zhangwei"))


async def _ticket(app: App) -> int:
    from core.service.tickets import NewTicket

    t = await app.tickets.file(NewTicket(description="楼道灯坏了", channel="test", external_id="r-1",
                                         contact_phone="13812345678"))
    return t.id

