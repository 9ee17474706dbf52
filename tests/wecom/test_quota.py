"""WeCom's daily message quota (账号上限数 × 200 人次 a day; 1,000 an hour per member), counted
across processes: near the line a message that is not urgent waits for the next day without
using an attempt, an emergency still goes; the counts show in `wecom status` and /metrics."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest
from sqlalchemy import select

from bot.adapters.wecom_app import WeComAppParts, wecom_app_parts
from bot.adapters.wecom_app.quota import MEMBER_HOUR, Quota
from bot.app import App
from core import messages as m
from core.clock import ManualClock
from core.config import Settings
from core.db.models import OutboxMessage
from core.delivery import Delivery
from core.keyvalue import DatabaseStore, RedisStore, SharedStore
from core.media import MediaLibrary
from core.outbox import enqueue
from tests.fakes.wecom_api import FakeWeComAPI
from tests.wecom.conftest import drain
from tests.world import build_world


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """A corp of one account: 200 人次 a day, the line at 180."""
    return replace(settings, wecom=replace(settings.wecom, accounts=1))


def text(userid: str, n: int, purpose: str = "reminder") -> Delivery:
    return Delivery(id=n, channel="wecom_app", address=userid, audience="staff", purpose=purpose,
                    messages=(m.Text(f"提醒 {n}"),))


async def test_near_the_daily_quota_only_emergencies_go(app: App, wecom_api: FakeWeComAPI,
                                                       clock: ManualClock) -> None:
    mine = app.wecom_app
    assert isinstance(mine, WeComAppParts)
    other = wecom_app_parts(app.settings, app.db, app.clock, media=MediaLibrary())  # a second `serve` process
    try:
        senders = [mine.sender, other.sender]
        results = await asyncio.gather(*(senders[n % 2].deliver(text(("zhangwei", "lina")[n % 2], n))
                                         for n in range(180)))
        assert {r.outcome for r in results} == {"sent"} and len(wecom_api.messages) == 180
        usage = await other.quota.usage(["zhangwei", "lina"])
        assert (usage.sent, usage.quota) == (180, 200)  # both processes counted in one place
        assert usage.members == (("zhangwei", 90, 90), ("lina", 90, 90))

        # the 181st would pass 90 %: a reminder waits for tomorrow (Beijing), an emergency goes
        late = await other.sender.deliver(text("lina", 500))
        assert late.outcome == "postponed" and "181 of 200" in late.reason
        assert 14 * 3600 < (late.retry_after or 0) <= 14 * 3600 + 120  # 10:00 → just after midnight
        urgent = await mine.sender.deliver(text("lina", 501, purpose="emergency"))
        assert urgent.outcome == "sent" and len(wecom_api.messages) == 181
        assert (await mine.quota.usage([])).sent == 181  # the postponed one gave its place back

        # through the outbox: pending, no attempt used, due tomorrow; sent once the day has turned
        async with app.db.transaction() as s:
            row = enqueue(s, clock.now(), channel="wecom_app", address="zhangwei", audience="staff",
                          purpose="reminder", messages=[m.Text("明天再提醒")])
        await drain(app)
        async with app.db.transaction() as s:
            waiting = await s.scalar(select(OutboxMessage).where(OutboxMessage.id == row.id))
            assert waiting is not None and (waiting.status, waiting.attempts) == ("pending", 0)
            assert "quota" in (waiting.last_error or "")
        clock.advance(hours=14, minutes=2)
        await drain(app)
        assert wecom_api.texts_to("zhangwei")[-1] == "明天再提醒"
        assert (await mine.quota.usage([])).sent == 1  # a new day
    finally:
        await other.close()


async def _member_hour(store: SharedStore, clock: ManualClock) -> None:
    quota = Quota(store, clock, "ww1:1000002", accounts=10_000)
    assert (await quota.take(["zhangwei"], times=int(MEMBER_HOUR * 0.9))).wait == 0
    over = await quota.take(["zhangwei"])
    assert over.wait and "hourly" in over.why and over.wait <= 3605
    await quota.give_back(over)
    assert (await quota.take(["lina"])).wait == 0  # another member is not held back
    clock.advance(hours=1)
    assert (await quota.take(["zhangwei"])).wait == 0


async def test_a_members_hour_in_the_database(app: App, clock: ManualClock) -> None:
    await _member_hour(DatabaseStore(app.db, clock), clock)


async def test_a_members_hour_in_redis(redis_store: RedisStore, clock: ManualClock, backend: str) -> None:
    if backend != "sqlite":
        pytest.skip("Redis needs no second database backend")
    await _member_hour(redis_store, clock)


async def test_the_counts_in_metrics(app: App, wecom_api: FakeWeComAPI, clock: ManualClock) -> None:
    from bot.metrics.endpoint import Source, exposition

    await build_world(app)
    await app.directory.set_wecom_userid("张伟", "zhangwei")
    mine = app.wecom_app
    assert isinstance(mine, WeComAppParts)
    for n in range(3):
        assert (await mine.sender.deliver(text("zhangwei", n))).outcome == "sent"
    body, _ = await exposition(Source(app.db, clock, app.settings))
    shown = body.decode()
    assert 'complaint_bot_wecom_app_sent_today{kind="sent"} 3.0' in shown
    assert 'complaint_bot_wecom_app_member_hour_max{kind="sent"} 3.0' in shown
    assert 'complaint_bot_wecom_app_sent_today{kind="quota"} 200.0' in shown
    assert 'complaint_bot_wecom_app_member_hour_max{kind="limit"} 1000.0' in shown



async def test_recipients_wecom_refused_are_not_counted(app: App, wecom_api: FakeWeComAPI,
                                                        clock: ManualClock) -> None:
    from core.db.models import WeComCard

    mine = app.wecom_app
    assert isinstance(mine, WeComAppParts)
    from core.service.tickets import NewTicket

    t = await app.tickets.file(NewTicket(
        description="楼道灯坏了", channel="test", external_id="r-1", contact_phone="13812345678"))
    async with app.db.transaction() as s:
        s.add(WeComCard(task_id="t1e1g", ticket_id=t.id, userids=["zhangwei", "ghost"], created_at=clock.now()))
        enqueue(s, clock.now(), channel="wecom_app", address="card:t1e1g", audience="staff", purpose="card",
                messages=[m.Choices("【工单 1】\n地址：幸福里", (m.Choice("claim:1", "接单"),))], ticket_id=t.id)
    await drain(app)
    assert wecom_api.cards["t1e1g"].holders == ["zhangwei"]  # WeCom: invaliduser ghost
    assert (await mine.quota.usage([])).sent == 1
