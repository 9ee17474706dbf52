"""One count of the outbox by channel and status (core.outbox.Outbox.statistics), and the rows that
wait for a person (held)."""

from __future__ import annotations

from core import messages as m
from core.delivery import DeliveryResult
from core.outbox import enqueue
from tests.world import World


async def test_counts_by_channel_and_status(world: World) -> None:
    app = world.app
    await world.file()  # test-channel rows: the group card, the resident's notice, …
    async with app.db.transaction() as s:
        for address in ("a", "b", "c"):
            enqueue(s, app.clock.now(), channel="wechat", address=address, audience="resident", purpose="reply",
                    messages=[m.Text("好的")])
    leased = await app.outbox.lease_due("w", channels=["wechat"])
    await app.outbox.record(leased[0], DeliveryResult("sent"), worker="w")
    await app.outbox.record(leased[1], DeliveryResult("deferred"), worker="w")
    await app.outbox.record(leased[2], DeliveryResult("failed", reason="bad openid"), worker="w")

    wechat = await app.outbox.statistics(channels=["wechat"])
    written = app.clock.now()
    assert [(c.channel, c.status, c.count) for c in wechat] == [
        ("wechat", "dead", 1), ("wechat", "deferred", 1), ("wechat", "sent", 1)]
    assert all(c.oldest is not None and c.oldest.replace(tzinfo=None) == written.replace(tzinfo=None)
               for c in wechat)  # when the oldest row of each count was written (/metrics' age)
    waiting = await app.outbox.statistics(channels=["wechat"], statuses=["deferred", "dead"])
    assert [(c.status, c.count) for c in waiting] == [("dead", 1), ("deferred", 1)]
    everything = await app.outbox.statistics()
    assert [c for c in everything if c.channel == "wechat"] == wechat
    assert sum(c.count for c in everything if c.channel == "test") > 0 and all(
        c.status == "pending" for c in everything if c.channel == "test")
    held = await app.outbox.held(channels=["wechat"])
    assert [(r.address, r.status) for r in held] == [("c", "dead"), ("b", "deferred")]
    assert await app.outbox.held(channels=["telegram"]) == []
