"""Fixtures for the WeChat channel: a local WeChat API and WeCom robot, an App configured for
them, the webhook running on loopback, WeChat's side of it, and a drain of the outbox through the
real senders."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from aiohttp import web
from redis.asyncio.connection import AbstractConnection

from bot.adapters.wechat import WeChatWebhook
from bot.app import App, build_app, wechat_component
from bot.server import build_web_app
from core.clock import ManualClock
from core.config import Settings, WeChatSettings
from core.db.engine import Database
from core.delivery import DeliveryResult
from tests.fakes.wechat_api import FakeWeChatAPI
from tests.fakes.wecom_robot import FakeWeComRobot
from tests.wechat.platform import WeChatPlatform
from tests.wechat.tiny_dialogs import TinyDialogs
from tests.world import World, build_world

TOKEN = "community-token"
APP_ID = "wx5f3c2a1b0e9d8c7b"
SECRET = "app-secret-for-tests"
# an EncodingAESKey is 43 characters of base64 (32 bytes)
AES_KEY = "Q29tbXVuaXR5Q29tcGxhaW50Qm90VGVzdEtleTAxMjM"


@pytest.fixture
async def wechat_api(clock: ManualClock) -> AsyncIterator[FakeWeChatAPI]:
    api = FakeWeChatAPI(clock, app_id=APP_ID, secret=SECRET)
    await api.start()
    yield api
    await api.stop()


@pytest.fixture
async def robot(clock: ManualClock) -> AsyncIterator[FakeWeComRobot]:
    fake = FakeWeComRobot(clock)
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
def wechat_settings(wechat_api: FakeWeChatAPI) -> WeChatSettings:
    return WeChatSettings(token=TOKEN, app_id=APP_ID, app_secret=SECRET, aes_key=AES_KEY,
                          api_base=wechat_api.url, reply_budget=4.5)  # under the platform's 5 s: a GC pause or a SQLite
    # lock wait in a long run must not turn a passive answer into a push; tests of the budget set their own


@pytest.fixture
def settings(db_url: str, wechat_settings: WeChatSettings) -> Settings:
    return Settings(database_url=db_url, wechat=wechat_settings)


@pytest.fixture
async def app(settings: Settings, clock: ManualClock, db: Database) -> AsyncIterator[App]:
    """The root fixture's App, closing its HTTP sessions afterwards."""
    application = build_app(settings, clock=clock, db=db)
    yield application
    await application.close()


@pytest.fixture
async def world(app: App) -> World:
    return await build_world(app)


@pytest.fixture
def dialogs(app: App) -> TinyDialogs:
    return TinyDialogs(app)


@dataclass
class Running:
    url: str
    webhook: WeChatWebhook
    platform: WeChatPlatform


@asynccontextmanager
async def serving(app: App, dialogs: TinyDialogs, clock: ManualClock) -> AsyncIterator[Running]:
    """A `serve` process's WeChat webhook for `dialogs` on loopback, with its own WeChat peer."""
    webhook = wechat_component(app, dialogs=dialogs)
    await webhook.start()
    runner = web.AppRunner(build_web_app(app, [webhook]), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    wechat = app.settings.wechat
    url = f"http://127.0.0.1:{runner.addresses[0][1]}{wechat.path}"
    platform = WeChatPlatform(url, token=TOKEN, app_id=APP_ID, aes_key=wechat.aes_key, clock=clock)
    try:
        yield Running(url, webhook, platform)
    finally:
        await platform.close()
        await webhook.stop()
        await runner.cleanup()


@pytest.fixture
async def running(app: App, dialogs: TinyDialogs, clock: ManualClock) -> AsyncIterator[Running]:
    async with serving(app, dialogs, clock) as served:
        yield served


async def drain(app: App, *, rounds: int = 3) -> list[tuple[str, str, DeliveryResult]]:
    """Deliver what is due on the channels that have senders, the way the sender loop does:
    lease, deliver, record. Returns (channel, purpose, result) per attempt."""
    outcomes = []
    for _ in range(rounds):
        due = await app.outbox.lease_due("test-drain", channels=list(app.senders))
        if not due:
            break
        for item in due:
            result = await app.senders[item.channel].deliver(item)
            await app.outbox.record(item, result, worker="test-drain")
            outcomes.append((item.channel, item.purpose, result))
    return outcomes


@pytest.fixture
async def second_process(app: App, dialogs: TinyDialogs, clock: ManualClock
                         ) -> AsyncIterator[tuple[WeChatWebhook, WeChatPlatform]]:
    """A second `serve` process on the same database (its own claims' owner), with its own
    WeChat peer."""
    async with serving(app, dialogs, clock) as served:
        yield served.webhook, served.platform


HANDSHAKE = ("HELLO", "CLIENT", "SELECT", "AUTH")  # a new connection's, not a message's


def record_redis_commands(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The Redis commands this process sends from now on (a pipeline's or a script's as one each)."""
    sent: list[str] = []
    packed = AbstractConnection.pack_command

    def pack(self: Any, *args: Any) -> Any:
        sent.append(str(args[0]))
        return packed(self, *args)

    monkeypatch.setattr(AbstractConnection, "pack_command", pack)
    return sent
