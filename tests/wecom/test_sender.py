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


async def test_a_card_that_cannot_be_changed_is_told_in_a_text(app: App, wecom_api: FakeWeComAPI,
                                                               clock: ManualClock) -> None:
    card = m.Choices("【工单 261123-0009】一般  投诉·工程维修\n地址：幸福里小区3栋",
                     (m.Choice("claim:261123-0009", "接单"), m.Choice("ret:261123-0009", "退回")))
    t = await _ticket(app)
    async with app.db.transaction() as s:
        s.add(WeComCard(task_id="t1e1g", ticket_id=t, userids=["zhangwei", "lina"], created_at=clock.now()))
        enqueue(s, clock.now(), channel="wecom_app", address="card:t1e1g", audience="staff", purpose="card",
                messages=[card], ticket_id=t)
    await drain(app)
    assert wecom_api.cards["t1e1g"].holders == ["zhangwei", "lina"]

    clock.advance(hours=73)  # the send's code has expired, and nobody clicked since
    update = [m.Notice("已由张伟接单"), m.Text("工单 261123-0009：已由张伟接单。")]
    async with app.db.transaction() as s:
        enqueue(s, clock.now(), channel="wecom_app", address="card:t1e1g", audience="staff",
                purpose="card_update", messages=update, ticket_id=t)
    outcomes = await drain(app)
    assert [r.outcome for _, _, r in outcomes] == ["sent"]
    assert wecom_api.cards["t1e1g"].replaced == {}
    assert wecom_api.texts_to("lina") == ["工单 261123-0009：已由张伟接单。"]

    # a fresh click's code is refused by WeCom (already used elsewhere): told in a text as well
    async with app.db.transaction() as s:
        row = await s.get(WeComCard, "t1e1g")
        assert row is not None
        row.response_code, row.code_at = "RC-used-elsewhere", clock.now()
        enqueue(s, clock.now(), channel="wecom_app", address="card:t1e1g", audience="staff",
                purpose="card_update", messages=update, ticket_id=t)
    await drain(app)
    assert len(wecom_api.texts_to("lina")) == 2


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

