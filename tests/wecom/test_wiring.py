"""Configuration to running parts: build_app registers the WeCom app's sender and photo source;
`serve` — and every web worker sharing its port — answers the callback; WeCom's URL check passes
through the real server."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from bot.adapters.wecom_app import WeComAppSender
from bot.app import App, build_app, components_for, web_components
from bot.server import serve
from bot.workers import serves_webhooks
from core.clock import ManualClock
from core.config import WeComAppSettings
from core.media import MediaLibrary
from core.messages import MediaRef
from tests.wecom.conftest import AES_KEY, AGENT_ID, CORP_ID, TOKEN
from tests.wecom.platform import WeComPlatform


async def test_the_sender_and_the_callback_are_wired(app: App) -> None:
    assert isinstance(app.senders["wecom_app"], WeComAppSender)
    media = app.media
    assert isinstance(media, MediaLibrary) and media.can_fetch(MediaRef("wecom_app", "x"))
    assert "wecom_app" in [c.name for c in components_for(app)]
    assert "wecom_app" in [c.name for c in web_components(app)] and serves_webhooks(app.settings)

    bare = build_app(replace(app.settings, wecom=WeComAppSettings()), clock=app.clock, db=app.db)
    assert "wecom_app" not in bare.senders
    assert "wecom_app" not in [c.name for c in components_for(bare)]


async def test_serve_answers_wecoms_url_check(app: App, clock: ManualClock, unused_tcp_port: int) -> None:
    stop, started = asyncio.Event(), asyncio.Event()
    parts = [c for c in components_for(app) if c.name == "wecom_app"]
    server = asyncio.create_task(serve(app, "127.0.0.1", unused_tcp_port, stop_event=stop, components=parts,
                                       on_started=started.set))
    await asyncio.wait_for(started.wait(), 30)
    peer = WeComPlatform(f"http://127.0.0.1:{unused_tcp_port}/wecom", token=TOKEN, aes_key=AES_KEY, corp_id=CORP_ID,
                         agent_id=AGENT_ID, clock=clock)
    try:
        assert await peer.verify_url("8391572046") == (200, "8391572046")
    finally:
        await peer.close()
        stop.set()
        await server
