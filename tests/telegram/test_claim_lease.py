"""kill -9 between claiming an update and handling it: Telegram delivers it again (a webhook retry,
or getUpdates after the restart, since the offset was never confirmed), and it must be handled
then, not skipped as seen. A claim whose owner is alive is left to it."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest

from core.db.models import ProcessedUpdate
from core.inbound import LEASE, InboundLog
from tests.telegram.conftest import RESIDENT, Harness

UPDATE_ID = 880001


def _help(h: Harness) -> dict[str, Any]:
    f = h.fake
    return {"update_id": UPDATE_ID, "message": {
        "message_id": 1, "date": 1700000000, "chat": {"id": RESIDENT, "type": "private", "first_name": "张阿姨"},
        "from": f.users[RESIDENT], "text": "/help", "entities": [{"type": "bot_command", "offset": 0, "length": 5}]}}


def _key(h: Harness) -> str:
    return f"telegram:{h.component.channel.bot.id}:{UPDATE_ID}"


async def _left_by_a_killed_process(h: Harness, *, lease_left: timedelta) -> None:
    async with h.app.db.transaction() as s:
        s.add(ProcessedUpdate(key=_key(h), seen_at=h.clock.now() - timedelta(seconds=2), owner="host-a:4242:killed",
                              lease_until=h.clock.now() + lease_left))


async def _start_chat(h: Harness) -> int:
    h.fake.user(RESIDENT, "张阿姨")
    await h.fake.write(RESIDENT, "/start")
    return len(h.engine.seen)


async def test_an_update_claimed_by_a_killed_process_is_handled_when_it_comes_again(tg: Harness) -> None:
    seen = await _start_chat(tg)
    await _left_by_a_killed_process(tg, lease_left=-timedelta(seconds=1))
    await tg.fake.deliver(_help(tg))
    assert len(tg.engine.seen) == seen + 1 and tg.engine.seen[-1].command == "help"
    async with tg.app.db.transaction() as s:
        row = await s.get(ProcessedUpdate, _key(tg))
        assert row is not None and row.done_at is not None  # handled: a further copy is skipped
    await tg.fake.deliver(_help(tg))
    assert len(tg.engine.seen) == seen + 1


async def test_a_restart_quicker_than_the_lease_waits_it_out(tg: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    """systemd brings the process back within a second or two: the dead claim's lease still runs.
    The update waits for it (the chat's later updates wait behind it) rather than being dropped."""
    seen = await _start_chat(tg)
    await _left_by_a_killed_process(tg, lease_left=LEASE)
    channel = tg.component.channel
    channel.claim_patience = 10
    tried, claim = asyncio.Event(), channel.inbound.claim

    async def watched(key: str, **kwargs: Any) -> Any:
        found = await claim(key, **kwargs)
        if key == _key(tg):
            tried.set()
        return found

    monkeypatch.setattr(channel.inbound, "claim", watched)
    delivering = asyncio.create_task(tg.fake.deliver(_help(tg)))
    await asyncio.wait_for(tried.wait(), 10)  # the bot met the dead claim while its lease ran
    assert len(tg.engine.seen) == seen
    tg.clock.advance(LEASE + timedelta(seconds=1))
    await delivering
    assert len(tg.engine.seen) == seen + 1 and tg.engine.seen[-1].command == "help"


async def test_an_update_a_live_process_is_handling_is_left_to_it(tg: Harness) -> None:
    seen = await _start_chat(tg)
    alive = InboundLog(tg.app.db, tg.clock, owner="host-b:5151:alive")
    try:
        assert await alive.claim(_key(tg)) is not None
        alive.keep(_key(tg))
        tg.clock.advance(LEASE * 3)  # a long step, renewed as it goes
        assert await alive.renew() == 1
        tg.component.channel.claim_patience = 0.3
        await tg.fake.deliver(_help(tg))
        assert len(tg.engine.seen) == seen
    finally:
        await alive.close()
