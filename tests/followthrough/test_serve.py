"""`serve` runs the sender and the timers as Components: started with the server, stopped with it."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from bot.server import components_for, serve
from core.db.migrate import upgrade
from tests.followthrough.channel import RecordingChannel
from tests.world import World


@pytest.mark.parametrize("backend", ["sqlite"])
async def test_serve_delivers_and_runs_timers(world: World, unused_tcp_port: int) -> None:
    app = world.app
    await upgrade(app.db)  # serve checks the schema is current
    app.senders.pop("wecom", None)  # always registered by build_app (grids' robots); not this test's
    app.senders.pop("phone", None)  # likewise (the desk's phone tasks)
    names = [c.name for c in components_for(app)]
    assert "timers" in names and "sender" not in names  # no channel sender yet: nothing to drain
    channel = RecordingChannel("test")
    app.senders["test"] = channel
    parts = components_for(app)
    assert [c.name for c in parts][-2:] == ["sender", "timers"]
    stop, port = asyncio.Event(), unused_tcp_port
    server = asyncio.create_task(serve(app, "127.0.0.1", port, stop_event=stop, components=parts))
    try:
        await world.file()
        for _ in range(200):
            if channel.to("resident-1"):
                break
            await asyncio.sleep(0.05)
        assert [d.purpose for d in channel.to("resident-1")] == ["assigned"]
        async with aiohttp.ClientSession() as http, http.get(f"http://127.0.0.1:{port}/healthz") as resp:
            body = await resp.json()
        assert body["components"][-2:] == ["sender", "timers"]
    finally:
        stop.set()
        await asyncio.wait_for(server, 30)
