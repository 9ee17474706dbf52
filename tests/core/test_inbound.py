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
