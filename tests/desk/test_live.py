"""Live updates: a change written anywhere reaches the open pages' event streams."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp import ClientResponse

from bot.app import build_app
from bot.desk.live import LiveFeed
from core.db.desk_models import InboundMessage
from core.db.engine import Database
from core.service.changes import GAP_SECONDS, Cursor
from tests.desk.conftest import Desk
from tests.world import CHANNEL


async def next_event(stream: ClientResponse, kind: str, wait: float = 10) -> dict[str, Any]:
    """Read the stream until an event of `kind` (server-sent events: `event:` / `data:` lines)."""

    async def read() -> dict[str, Any]:
        event = data = None
        while True:
            line = (await stream.content.readline()).decode().rstrip("\r\n")
            if line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:"):
                data = line[5:].strip()
            elif line == "" and event is not None:
                if event == kind:
                    return dict(json.loads(data or "{}"))
                event = data = None

    return await asyncio.wait_for(read(), wait)


async def open_stream(desk: Desk) -> ClientResponse:
    stream = await desk.client.get(desk.root + "/events", headers={"Accept": "text/event-stream"})
    assert stream.status == 200
    assert stream.headers["Content-Type"].startswith("text/event-stream")
    return stream


async def test_a_filing_reaches_the_open_queue(desk: Desk) -> None:
    await desk.logged_in()
    stream = await open_stream(desk)
    number = await desk.world.file("3栋楼道灯坏了")
    event = await next_event(stream, "ticket")
    assert event["number"] == number
    stream.close()


async def test_another_process_writing_is_seen(desk: Desk) -> None:
    """Another process (`complaint-bot chat`, `import`, another `serve`): its own connections."""
    await desk.logged_in()
    stream = await open_stream(desk)
    other_db = Database(desk.app.settings.database_url, schema=desk.app.db.schema)
    other = build_app(desk.app.settings, clock=desk.app.clock, db=other_db)
    try:
        from core.service.tickets import NewTicket

        t = await other.tickets.file(NewTicket(description="路灯坏了", channel=CHANNEL, external_id="someone",
                                               grid_code="A", category="工程维修"))
        assert (await next_event(stream, "ticket"))["number"] == t.number
    finally:
        await other_db.dispose()
    stream.close()


async def test_worker_streams_only_their_grids(desk: Desk) -> None:
    await desk.logged_in("王强")  # grid B
    stream = await open_stream(desk)
    await desk.world.file("幸福里的问题")  # grid A
    mine = await desk.world.file("阳光花园的问题", grid="B")
    assert (await next_event(stream, "ticket"))["number"] == mine
    stream.close()


async def test_residents_messages_reach_desk_roles(desk: Desk) -> None:
    await desk.logged_in()
    stream = await open_stream(desk)
    await desk.world.file("3栋楼道灯坏了")
    await next_event(stream, "ticket")
    async with desk.app.db.transaction() as s:
        from sqlalchemy import select

        from core.db.models import ChannelIdentity

        identity = (await s.execute(select(ChannelIdentity).where(
            ChannelIdentity.external_id == "resident-1"))).scalar_one()
        s.add(InboundMessage(identity_id=identity.id, at=desk.app.clock.now(), text="还没人来", attachments=[]))
    assert (await next_event(stream, "inbound"))["identity"] == identity.id
    stream.close()


async def test_postgres_notify_wakes_the_feed_at_once(desk: Desk) -> None:
    if desk.app.db.is_sqlite:
        return  # SQLite polls; this checks the trigger and LISTEN
    feed = LiveFeed(desk.app.db, poll_seconds=60)  # without NOTIFY it would wait a minute
    await feed.start()
    try:
        assert feed._listener is not None
        sub = feed.subscribe(None, desk=True)
        number = await desk.world.file("3栋楼道灯坏了")
        change = await asyncio.wait_for(sub.queue.get(), 10)
        assert change is not None and change.number == number
    finally:
        await feed.stop()


async def test_fan_out_to_many_pages(desk: Desk) -> None:
    await desk.logged_in()
    streams = [await open_stream(desk) for _ in range(20)]
    number = await desk.world.file("3栋楼道灯坏了")
    events = await asyncio.gather(*(next_event(s, "ticket") for s in streams))
    assert {e["number"] for e in events} == {number}
    for s in streams:
        s.close()


def test_cursor_waits_for_a_late_commit_then_gives_up() -> None:
    cursor = Cursor(10)
    assert cursor.take([11, 13], now=0) == [11, 13]  # 12 not committed yet
    assert cursor.take([13], now=1) == []
    assert cursor.take([12, 14], now=2) == [12, 14]  # 12 committed late: still delivered once
    assert cursor.take([12], now=3) == []
    assert cursor.take([16], now=4) == [16]
    assert cursor.open_gaps() == [15]
    assert cursor.take([], now=4 + GAP_SECONDS + 1) == []
    assert cursor.open_gaps() == []  # rolled back: forgotten
