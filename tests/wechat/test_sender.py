"""The WeChat sender against the local WeChat API: which path each update takes for the window
state, and what each of WeChat's answers turns into. Nothing ends silently: sent, deferred with a
reason, retried, blocked, or dead with a reason."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.adapters.wechat.sender import WeChatSender
from bot.adapters.wechat.templates import parse_templates
from bot.app import App
from core.clock import ManualClock
from core.db.models import ChannelIdentity, OutboxMessage
from core.delivery import DeliveryResult, RateLimit
from core.messages import Choice, Choices, MediaRef, OutMessage, Photo, Text
from core.outbox import enqueue
from tests.fakes.wechat_api import FakeWeChatAPI
from tests.wechat.conftest import drain

OPENID = "oSenderTest00000000000001"


@pytest.fixture
def sender(app: App) -> WeChatSender:
    wechat = app.senders["wechat"]
    assert isinstance(wechat, WeChatSender)
    return wechat


async def wrote(app: App, api: FakeWeChatAPI, openid: str = OPENID, *, ago: timedelta = timedelta()) -> None:
    """The person wrote `ago`: both our bookkeeping and WeChat's know it."""
    clock = app.clock
    assert isinstance(clock, ManualClock)
    when = clock.now() - ago
    async with app.db.transaction() as s:
        row = (await s.execute(select(ChannelIdentity).where(
            ChannelIdentity.channel == "wechat", ChannelIdentity.external_id == openid))).scalar_one_or_none()
        if row is None:
            row = ChannelIdentity(channel="wechat", external_id=openid, created_at=when, pushes_since_inbound=0)
            s.add(row)
        row.last_inbound_at, row.pushes_since_inbound = when, 0
    api.last_message[openid] = when
    api.pushes[openid] = 0


async def push(app: App, purpose: str, *messages: OutMessage, openid: str = OPENID) -> int:
    async with app.db.transaction() as s:
        identity_id = (await s.execute(select(ChannelIdentity.id).where(
            ChannelIdentity.channel == "wechat", ChannelIdentity.external_id == openid))).scalar_one_or_none()
        row = enqueue(s, app.clock.now(), channel="wechat", address=openid, audience="resident",
                      purpose=purpose, messages=list(messages), identity_id=identity_id)
        await s.flush()
        return row.id


async def deliver(app: App) -> list[DeliveryResult]:
    return [r for _, _, r in await drain(app, rounds=1)]


async def row(app: App, outbox_id: int) -> OutboxMessage:
    async with app.db.transaction() as s:
        found = await s.get(OutboxMessage, outbox_id)
        assert found is not None
        return found


async def test_inside_the_window_five_pushes_then_deferral(app: App, wechat_api: FakeWeChatAPI) -> None:
    await wrote(app, wechat_api)
    ids = [await push(app, "progress", Text(f"工单 261123-0001 有新进展：第{n}次")) for n in range(1, 7)]
    results = await deliver(app)
    assert [r.outcome for r in results] == ["sent"] * 5 + ["deferred"]
    assert "quota used up" in results[-1].reason
    assert len(wechat_api.texts_to(OPENID)) == 5
    assert (await row(app, ids[-1])).status == "deferred"
    # the sixth waits for the person's next message: handed over then, in order
    taken = await app.outbox.take_deferred("wechat", OPENID)
    assert [d.id for d in taken] == [ids[-1]]


async def test_outside_the_window_without_template_is_deferred_with_a_reason(
        app: App, wechat_api: FakeWeChatAPI) -> None:
    await wrote(app, wechat_api, ago=timedelta(hours=48, minutes=5))
    outbox_id = await push(app, "progress", Text("工单有新进展"))
    [result] = await deliver(app)
    assert result.outcome == "deferred"
    assert "48-hour" in result.reason and "no template configured for 'progress'" in result.reason
    assert not wechat_api.calls  # nothing tried against WeChat's rules
    assert (await row(app, outbox_id)).last_error == result.reason


@pytest.mark.parametrize("errcode", [45015, 45047])
async def test_wechat_saying_the_window_is_shut_falls_back_and_is_believed(
        app: App, wechat_api: FakeWeChatAPI, errcode: int) -> None:
    await wrote(app, wechat_api)
    wechat_api.fail("message/custom/send", errcode)
    await push(app, "progress", Text("第一条"))
    await push(app, "progress", Text("第二条"))
    results = await deliver(app)
    assert [r.outcome for r in results] == ["deferred", "deferred"]
    assert "WeChat says" in results[0].reason
    # after WeChat's word, the second was not even tried
    assert len([c for c in wechat_api.calls if c.path.endswith("custom/send")]) == 1


async def test_unsubscribed_people_are_blocked_and_marked(app: App, wechat_api: FakeWeChatAPI) -> None:
    await wrote(app, wechat_api)
    wechat_api.unsubscribed.add(OPENID)
    outbox_id = await push(app, "progress", Text("进展"))
    [result] = await deliver(app)
    assert result.outcome == "blocked"
    assert (await row(app, outbox_id)).status == "dead"
    async with app.db.transaction() as s:
        identity = (await s.execute(select(ChannelIdentity).where(ChannelIdentity.external_id == OPENID))).scalar_one()
        assert identity.blocked_at is not None
        assert identity.unsubscribed_at is not None  # as if the unsubscribe event had come
    await push(app, "progress", Text("再一条"))
    [again] = await deliver(app)
    assert again.outcome == "blocked" and len(wechat_api.calls) == 2  # the token call and the refused push


async def test_an_invalid_token_is_refreshed_once_and_the_push_retried(
        app: App, wechat_api: FakeWeChatAPI, sender: WeChatSender) -> None:
    await wrote(app, wechat_api)
    await push(app, "progress", Text("一"))
    assert [r.outcome for r in await deliver(app)] == ["sent"]
    assert wechat_api.token_requests == 1
    wechat_api.expire_tokens()  # e.g. someone else fetched a new one with the plain endpoint
    await push(app, "progress", Text("二"))
    assert [r.outcome for r in await deliver(app)] == ["sent"]
    assert wechat_api.token_requests == 2
    # WeChat refuses a token its stable endpoint still hands out: ask for a forced refresh
    wechat_api.fail("message/custom/send", 40001)
    await push(app, "progress", Text("三"))
    assert [r.outcome for r in await deliver(app)] == ["sent"]
    forced = [c.body for c in wechat_api.calls if c.path.endswith("stable_token")]
    assert forced[-1] is not None and forced[-1]["force_refresh"] is True
    assert wechat_api.texts_to(OPENID) == ["一", "二", "三"]
    # refused twice in a row: not forever — a retry later, the update kept
    wechat_api.fail("message/custom/send", 42001, 42001)
    await push(app, "progress", Text("四"))
    [result] = await deliver(app)
    assert result.outcome == "retry"


async def test_network_trouble_is_retried_and_the_quota_given_back(
        app: App, wechat_api: FakeWeChatAPI) -> None:
    await wrote(app, wechat_api)
    wechat_api.http_fail("message/custom/send", 502)
    outbox_id = await push(app, "progress", Text("进展"))
    [result] = await deliver(app)
    assert result.outcome == "retry" and "HTTP 502" in result.reason
    stored = await row(app, outbox_id)
    assert stored.status == "pending" and stored.next_attempt_at > app.clock.now()  # backoff
    async with app.db.transaction() as s:
        identity = (await s.execute(select(ChannelIdentity).where(ChannelIdentity.external_id == OPENID))).scalar_one()
        assert identity.pushes_since_inbound == 0
    wechat_api.fail("message/custom/send", -1)  # "system busy"
    assert isinstance(app.clock, ManualClock)
    app.clock.advance(minutes=5)
    [busy] = await deliver(app)
    assert busy.outcome == "retry" and busy.retry_after
    app.clock.advance(minutes=5)
    assert [r.outcome for r in await deliver(app)] == ["sent"]


async def test_an_unreachable_api_is_retried(app: App, wechat_api: FakeWeChatAPI, sender: WeChatSender) -> None:
    await wrote(app, wechat_api)
    sender.tokens.api.base = "http://127.0.0.1:9/"  # nothing listens on the discard port
    await push(app, "progress", Text("进展"))
    [result] = await deliver(app)
    assert result.outcome == "retry" and "calling cgi-bin/stable_token" in result.reason


async def test_other_refusals_are_dead_letters_with_the_reason(app: App, wechat_api: FakeWeChatAPI) -> None:
    await wrote(app, wechat_api)
    wechat_api.fail("message/custom/send", 40003)  # invalid openid
    await push(app, "progress", Text("进展"))
    [result] = await deliver(app)
    assert result.outcome == "failed"
    [dead] = await app.outbox.dead_letters()
    assert dead.last_error and "40003" in dead.last_error


async def test_templates_outside_the_window_and_their_refusals(
        app: App, wechat_api: FakeWeChatAPI, sender: WeChatSender) -> None:
    sender.templates = parse_templates({
        "progress": "TPL-PROGRESS",
        "survey": {"id": "SUB-SURVEY", "kind": "subscribe", "page": "pages/survey"},
        "claimed": "TPL-WRONG",
    })
    wechat_api.template_ids = {"TPL-PROGRESS"}
    await wrote(app, wechat_api, ago=timedelta(days=3))
    await push(app, "progress", Text("工单 261123-0001 有新进展：已报备件，明天上午更换灯具，请保持电话畅通"))
    survey = Choices("请评价", (Choice("sv:261123-0001:1:satisfied", "满意"),))
    await push(app, "survey", survey)
    await push(app, "claimed", Text("已接单"))
    progress, subscribe, claimed = await deliver(app)
    assert progress.outcome == "sent" and progress.platform_ref
    [body] = wechat_api.sent("template/send")
    assert body["data"]["keyword3"]["value"].startswith("2026年11月")
    assert body["data"]["remark"]["value"].startswith("工单 261123-0001 有新进展")
    # no subscription accepted by the person: the update is kept for their next message
    assert subscribe.outcome == "deferred" and "43101" in subscribe.reason
    assert claimed.outcome == "deferred" and "40037" in claimed.reason
    wechat_api.subscriptions.add((OPENID, "SUB-SURVEY"))
    await push(app, "survey", survey)
    [accepted] = await deliver(app)
    assert accepted.outcome == "deferred" and "notice sent" in accepted.reason  # options wait
    assert wechat_api.sent("subscribe/bizsend")[-1]["page"] == "pages/survey"


async def test_photos_follow_the_text_while_the_quota_lasts(app: App, wechat_api: FakeWeChatAPI) -> None:
    await wrote(app, wechat_api)
    photos = [Photo(MediaRef("wechat", f"MEDIA-{n}")) for n in range(6)]
    await push(app, "progress", Text("已处理，照片如下"), *photos, Photo(MediaRef("telegram", "AgAD-file")))
    [result] = await deliver(app)
    assert result.outcome == "sent" and "另有2张图片未能发送" in result.reason
    kinds = [c.body["msgtype"] for c in wechat_api.calls if c.path.endswith("custom/send") and c.body]
    assert kinds == ["text", "image", "image", "image", "image"]
    assert "[图片]" in wechat_api.texts_to(OPENID)[0]  # the Telegram photo cannot be shown here


def test_limits_name_the_account(sender: WeChatSender) -> None:
    from core.delivery import Delivery

    item = Delivery(1, "wechat", OPENID, "resident", "progress", (Text("x"),))
    assert sender.limits(item) == [RateLimit(f"wechat:api:{sender.tokens.api.app_id}", 50, 1.0)]
