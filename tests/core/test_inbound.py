import asyncio
from datetime import timedelta

from core.clock import ManualClock
from core.db.engine import Database
from core.inbound import InboundLog


async def test_claim_is_exactly_once_under_concurrency(db: Database, clock: ManualClock) -> None:
    log = InboundLog(db, clock)
    results = await asyncio.gather(*(log.claim("wechat:msg:42") for _ in range(8)))
    assert sorted(results) == [False] * 7 + [True]
    assert await log.claim("wechat:msg:43") is True


async def test_finish_stores_the_reply_for_retries(db: Database, clock: ManualClock) -> None:
    log = InboundLog(db, clock)
    assert await log.claim("k")
    assert await log.result("k") == (False, None)
    await log.finish("k", {"reply": "好的"})
    assert await log.result("k") == (True, {"reply": "好的"})
    assert await log.result("unknown") == (False, None)


async def test_forget_old_keys(db: Database, clock: ManualClock) -> None:
    log = InboundLog(db, clock)
    await log.claim("old")
    clock.advance(days=2)
    await log.claim("new")
    assert await log.forget_older_than(timedelta(days=1)) == 1
    assert await log.claim("old") is True
    assert await log.claim("new") is False


async def test_note_inbound_reopens_the_window_and_says_whether_it_knew_the_person(
        db: Database, clock: ManualClock) -> None:
    from core.db.models import ChannelIdentity
    from core.inbound import identity, note_inbound

    assert await note_inbound(db, "wechat", "o-new", clock.now()) is False
    async with db.transaction() as s:
        s.add(ChannelIdentity(channel="wechat", external_id="o-new", created_at=clock.now(),
                              pushes_since_inbound=5, blocked_at=clock.now(), unsubscribed_at=clock.now()))
    clock.advance(hours=1)
    assert await note_inbound(db, "wechat", "o-new", clock.now()) is True
    row = await identity(db, "wechat", "o-new")
    assert row is not None
    assert (row.last_inbound_at, row.pushes_since_inbound, row.blocked_at, row.unsubscribed_at) == (
        clock.now(), 0, None, None)


async def test_note_inbound_can_create_the_identity(db: Database, clock: ManualClock) -> None:
    from core.inbound import identity, note_inbound

    assert await note_inbound(db, "wechat", "o-first", clock.now(), create=True) is False
    row = await identity(db, "wechat", "o-first")
    assert row is not None and row.last_inbound_at == clock.now() and row.resident_id is None
    assert await note_inbound(db, "wechat", "o-first", clock.now(), create=True) is True
