"""kill -9 between claiming a message and answering it: the claim has an owner and a lease, so
WeChat's resend, once the lease has run out, runs the step again and the resident is answered. A
claim whose owner is alive (renewing its lease) is left to it: the resend waits or answers
`success` as before."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.adapters.wechat import WeChatWebhook
from bot.app import App
from core import messages as m
from core.clock import ManualClock
from core.db.desk_models import InboundMessage
from core.db.models import OutboxMessage, ProcessedUpdate
from core.inbound import LEASE, InboundLog
from core.outbox import enqueue
from tests.wechat.conftest import Running, serving
from tests.wechat.platform import WeChatPlatform
from tests.wechat.tiny_dialogs import TinyDialogs
from tests.world import World

RESIDENT = "oKilledMidStep0000000001"
MSG_ID = 7300000000000000001


async def _claim_row(app: App, key: str) -> ProcessedUpdate:
    async with app.db.transaction() as s:
        row = await s.get(ProcessedUpdate, key)
        assert row is not None
        return row


async def _leave_claim(app: App, clock: ManualClock, *, owner: str, lease_until_in: timedelta) -> None:
    """What a process leaves when it is killed after its claim committed: no answer, no renewal."""
    async with app.db.transaction() as s:
        s.add(ProcessedUpdate(key=f"wechat:{MSG_ID}", seen_at=clock.now() - timedelta(seconds=1), owner=owner,
                              lease_until=clock.now() + lease_until_in))


async def test_a_resend_takes_over_the_claim_of_a_killed_process(
        app: App, world: World, running: Running, dialogs: TinyDialogs, clock: ManualClock) -> None:
    await _leave_claim(app, clock, owner="host-a:4242:killed", lease_until_in=timedelta(seconds=-1))
    p = running.platform
    answer = await p.post(p.text(RESIDENT, "5栋电梯按钮失灵", msg_id=MSG_ID))
    assert answer.status == 200 and "已受理" in answer.text
    assert len(dialogs.seen) == 1
    row = await _claim_row(app, f"wechat:{MSG_ID}")
    assert row.done_at is not None and row.owner == running.webhook.log.owner
    again = await p.post(p.text(RESIDENT, "5栋电梯按钮失灵", msg_id=MSG_ID))
    assert again.text == answer.text and len(dialogs.seen) == 1  # answered now: the stored reply


async def test_a_fresh_claim_of_a_live_process_is_left_to_it(
        app: App, world: World, running: Running, dialogs: TinyDialogs, clock: ManualClock) -> None:
    running.webhook.budget = 0.5
    await _leave_claim(app, clock, owner="host-b:5151:alive", lease_until_in=LEASE)
    p = running.platform
    answer = await p.post(p.text(RESIDENT, "5栋电梯按钮失灵", msg_id=MSG_ID))
    assert (answer.status, answer.body) == (200, "success")
    assert dialogs.seen == []


async def test_a_live_owner_renewing_past_the_lease_keeps_its_claim(
        app: App, world: World, running: Running, dialogs: TinyDialogs, clock: ManualClock) -> None:
    running.webhook.budget = 0.5
    alive = InboundLog(app.db, clock, owner="host-b:5151:slow-step")
    try:
        assert await alive.claim(f"wechat:{MSG_ID}") is not None
        alive.keep(f"wechat:{MSG_ID}")
        clock.advance(LEASE * 3)  # its step runs long, and it renews as it goes
        assert await alive.renew() == 1
        p = running.platform
        answer = await p.post(p.text(RESIDENT, "5栋电梯按钮失灵", msg_id=MSG_ID))
        assert (answer.status, answer.body) == (200, "success")
        assert dialogs.seen == []
    finally:
        await alive.close()


@pytest.fixture
async def doomed(app: App, dialogs: TinyDialogs, clock: ManualClock) -> AsyncIterator[tuple[WeChatWebhook,
                                                                                         WeChatPlatform]]:
    """A second process on the same database, about to freeze mid-step (as if killed): its own
    dialogs, held at a gate that only the teardown opens."""
    frozen = TinyDialogs(app)
    frozen.gate = asyncio.Event()
    async with serving(app, frozen, clock) as served:
        served.webhook.budget = 0.3
        try:
            yield served.webhook, served.platform
        finally:
            frozen.gate.set()


async def test_the_kept_updates_a_killed_process_took_still_reach_the_resident(
        app: App, world: World, running: Running, dialogs: TinyDialogs, clock: ManualClock,
        doomed: tuple[WeChatWebhook, WeChatPlatform]) -> None:
    """The dead process had taken the updates kept for this resident (to send with its answer)
    when it claimed the message: whoever takes the claim over sends them."""
    webhook, elsewhere = doomed
    async with app.db.transaction() as s:
        row = enqueue(s, clock.now(), channel="wechat", address=RESIDENT, audience="resident", purpose="resolution",
                      messages=[m.Text("您的工单已办结")])
        row.status = "deferred"
    message = running.platform.text(RESIDENT, "5栋电梯按钮失灵", msg_id=MSG_ID)
    first = await elsewhere.post(message)  # claimed, kept updates taken, step stuck
    assert (first.status, first.body) == (200, "success")
    await webhook.log.close()  # …and the process is killed: nobody renews its claim
    clock.advance(LEASE + timedelta(seconds=1))
    resend = await running.platform.post(message)
    assert resend.status == 200
    assert 0 <= resend.text.find("您的工单已办结") < resend.text.find("已受理"), resend.text  # kept ones first
    assert len(dialogs.seen) == 1
    async with app.db.transaction() as s:
        kept = (await s.execute(select(OutboxMessage).where(OutboxMessage.purpose == "resolution"))).scalar_one()
        # what they wrote was recorded with the dead process' claim, not again by the one taking it over
        said = (await s.execute(select(InboundMessage.text))).scalars().all()
    assert (kept.status, kept.platform_ref) == ("sent", "with-reply")
    assert said == ["5栋电梯按钮失灵"]
