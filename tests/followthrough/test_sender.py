"""The sender: drains the outbox through a channel, in order per chat, with rate limits, retries,
dead letters (and their alert), superseded card edits, and exactly once with two senders."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select

from bot.app import App
from core import messages as m
from core.clock import ManualClock
from core.db.engine import Database
from core.db.models import ChannelIdentity, OutboxMessage
from core.delivery import DeliveryResult, RateLimit
from core.followthrough.ratelimit import MemoryRateLimiter
from core.followthrough.sender import ALERT_PURPOSE, Sender
from core.outbox import Outbox, enqueue
from tests.followthrough.channel import RecordingChannel
from tests.world import World


def make_sender(app: App, channel: RecordingChannel, *, db: Database | None = None, worker: str = "w1",
                batch: int = 50) -> Sender:
    database = db or app.db
    outbox = Outbox(database, app.clock, max_attempts=3)
    return Sender(database, outbox, {channel.channel: channel}, MemoryRateLimiter(app.clock), app.clock,
                  worker=worker, batch=batch)


async def statuses(app: App) -> dict[str, int]:
    async with app.db.transaction() as s:
        rows = await s.execute(select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status))
        return {status: count for status, count in rows.all()}


async def add_rows(app: App, channel: str, address: str, count: int, purpose: str = "note") -> list[int]:
    async with app.db.transaction() as s:
        rows = [enqueue(s, app.clock.now(), channel=channel, address=address, audience="group", purpose=purpose,
                        messages=[m.Text(f"{address} #{i}")]) for i in range(count)]
        await s.flush()
        return [r.id for r in rows]


async def test_drains_the_outbox_in_order_and_leaves_other_channels(world: World) -> None:
    app = world.app
    number = await world.file()
    await app.tickets.claim(number, world.actor(world.worker))
    await add_rows(app, "wechat", "openid-x", 2)
    channel = RecordingChannel("test")
    result = await make_sender(app, channel).run_once()
    assert result.sent == result.leased > 0
    # the first card was superseded by the claimed card; wechat has no sender here
    assert (await statuses(app)) == {"sent": result.sent, "superseded": 1, "pending": 2}
    # the resident heard "assigned" before "claimed"
    assert [d.purpose for d in channel.to("resident-1")] == ["assigned", "claimed"]
    ids = [d.id for d in channel.delivered]
    for address in {d.address for d in channel.delivered}:
        mine = [d.id for d in channel.delivered if d.address == address]
        assert mine == sorted(mine)
    assert len(ids) == len(set(ids))
    assert (await make_sender(app, channel).run_once()).leased == 0


async def test_retry_after_holds_the_chat_and_keeps_its_order(world: World, clock: ManualClock) -> None:
    app = world.app
    ids = await add_rows(app, "test", "group-A", 3)
    other = await add_rows(app, "test", "group-B", 1)
    channel = RecordingChannel("test")
    channel.answer("group-A", DeliveryResult("retry", retry_after=30, reason="429 Too Many Requests"))
    sender = make_sender(app, channel)
    first = await sender.run_once()
    assert first.retried == 1 and first.sent == 1  # group-B went out; group-A waits
    assert [d.id for d in channel.delivered] == other
    clock.advance(seconds=20)
    assert (await sender.run_once()).leased == 0  # retry_after (30 s) is honoured, later rows wait too
    clock.advance(seconds=11)
    await sender.run_once()
    assert [d.id for d in channel.to("group-A")] == ids
    async with app.db.transaction() as s:
        row = await s.get(OutboxMessage, ids[0])
        assert row is not None and row.attempts == 2 and row.status == "sent"


async def test_dead_letter_alerts_the_dispatchers_but_never_about_an_alert(world: World, clock: ManualClock) -> None:
    app = world.app
    number = await world.file()
    channel = RecordingChannel("test")
    channel.always["resident-1"] = DeliveryResult("retry", reason="HTTP 502")
    sender = make_sender(app, channel)
    for _ in range(3):  # max_attempts = 3
        await sender.run_once()
        clock.advance(minutes=15)
    await sender.run_once()
    dead = await app.outbox.dead_letters()
    assert [(d.address, d.purpose) for d in dead] == [("resident-1", "assigned")]
    alerts = [d for d in channel.delivered if d.purpose == ALERT_PURPOSE]
    assert [a.address for a in alerts] == ["group-desk"]
    text = m.plain_text(list(alerts[0].messages))
    assert number in text and "多次重试仍失败" in text and "resident-1" not in text

    # the dispatchers' group itself fails: its alert dies, and nothing is said about that
    channel.always["group-desk"] = DeliveryResult("failed", reason="chat not found")
    await app.outbox.requeue(dead[0].id)
    for _ in range(4):
        await sender.run_once()
        clock.advance(minutes=15)
    dead = await app.outbox.dead_letters()
    assert sorted(d.purpose for d in dead) == ["assigned", ALERT_PURPOSE]
    assert (await statuses(app)).get("pending", 0) == 0


async def test_blocked_marks_the_identity_and_alerts(world: World) -> None:
    app = world.app
    await world.file()
    channel = RecordingChannel("test")
    channel.answer("resident-1", DeliveryResult("blocked", reason="Forbidden: bot was blocked by the user"))
    await make_sender(app, channel).run_once()
    await make_sender(app, channel).run_once()
    async with app.db.transaction() as s:
        identity = (await s.execute(select(ChannelIdentity).where(
            ChannelIdentity.external_id == "resident-1"))).scalar_one()
    assert identity.blocked_at == app.clock.now()
    alert = [d for d in channel.delivered if d.purpose == ALERT_PURPOSE]
    assert len(alert) == 1 and "屏蔽" in m.plain_text(list(alert[0].messages))


async def test_rate_limits_per_chat_and_overall(world: World, clock: ManualClock) -> None:
    app = world.app
    await add_rows(app, "test", "chat-1", 3)
    await add_rows(app, "test", "chat-2", 3)

    def limits(item: object) -> list[RateLimit]:
        return [RateLimit(f"chat:{item.address}", 1, 1.0), RateLimit("global", 3, 1.0)]  # type: ignore[attr-defined]

    channel = RecordingChannel("test", limits=limits)
    sender = make_sender(app, channel)
    first = await sender.run_once()
    assert first.sent == 2 and first.postponed == 4 and first.wait == pytest.approx(1.0)
    assert (await sender.run_once()).leased == 0  # nothing is due before the limit allows it
    clock.advance(seconds=1)
    assert (await sender.run_once()).sent == 2
    clock.advance(seconds=1)
    assert (await sender.run_once()).sent == 2
    assert [m.plain_text(list(d.messages)) for d in channel.to("chat-1")] == [f"chat-1 #{i}" for i in range(3)]
    assert all(d.attempts == 0 for d in channel.delivered)  # a rate limit is not an attempt


async def test_older_card_edits_are_superseded(world: World) -> None:
    app = world.app
    number = await world.file()
    channel = RecordingChannel("test")
    sender = make_sender(app, channel)
    await sender.run_once()
    first_card = [d for d in channel.to("group-A") if d.purpose == "card"]
    assert len(first_card) == 1 and first_card[0].previous_ref is None
    await app.tickets.claim(number, world.actor(world.worker))
    await app.tickets.add_progress(number, world.actor(world.worker), "已到现场")
    await app.tickets.add_progress(number, world.actor(world.worker), "换好灯泡了")
    await sender.run_once()
    await sender.run_once()
    cards = [d for d in channel.to("group-A") if d.purpose == "card"]
    assert len(cards) == 2  # the first, and only the newest edit
    assert cards[1].previous_ref is not None
    assert "换好灯泡了" in m.plain_text(list(cards[1].messages))
    assert (await statuses(app)).get("superseded") == 2


async def test_channel_exception_is_a_retry_not_a_crash(world: World) -> None:
    app = world.app
    await add_rows(app, "test", "chat-1", 1)

    class Broken(RecordingChannel):
        async def deliver(self, item):  # type: ignore[no-untyped-def]
            raise RuntimeError("boom")

    result = await make_sender(app, Broken("test")).run_once()
    assert result.retried == 1
    async with app.db.transaction() as s:
        row = (await s.execute(select(OutboxMessage))).scalar_one()
    assert row.status == "pending" and "boom" in (row.last_error or "")


@pytest.mark.parametrize("backend", ["postgresql"])
async def test_two_senders_on_one_postgres_deliver_each_row_exactly_once(
        world: World, clock: ManualClock, db_url: str, pg_schema: str) -> None:
    app = world.app
    for chat in range(12):
        await add_rows(app, "test", f"chat-{chat}", 5)
    expected = (await statuses(app))["pending"]
    channel = RecordingChannel("test", delay=0.003)  # slow enough for the two to overlap
    second_db = Database(db_url, schema=pg_schema)  # a second engine: as if another `serve` process
    try:
        senders = [make_sender(app, channel, worker="one", batch=7),
                   make_sender(app, channel, db=second_db, worker="two", batch=7)]

        async def drain(sender: Sender) -> int:
            sent = 0
            for _ in range(200):
                result = await sender.run_once()
                sent += result.sent
                if (await statuses(app)).get("pending", 0) + (await statuses(app)).get("sending", 0) == 0:
                    break
                await asyncio.sleep(0)
            return sent

        counts = await asyncio.gather(*(drain(s) for s in senders))
    finally:
        await second_db.dispose()
    ids = [d.id for d in channel.delivered]
    assert len(ids) == expected and len(set(ids)) == expected
    assert all(counts), counts  # both took part
    for chat in range(12):
        mine = [d.id for d in channel.to(f"chat-{chat}")]
        assert mine == sorted(mine)
