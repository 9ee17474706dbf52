"""Fixtures for the WeCom app: a local WeCom API and WeChat API, an App configured for both, the
app's callback running on loopback with WeCom's side of it, a community whose workers are bound to
WeCom userids, and a drain of the outbox through the real senders."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from aiohttp import web

from bot.adapters.wecom_app import WeComAppWebhook, wecom_app_component
from bot.app import App, build_app
from bot.server import build_web_app
from core.clock import ManualClock
from core.config import Settings, WeChatSettings, WeComAppSettings
from core.db.engine import Database
from core.delivery import DeliveryResult
from tests.fakes.wechat_api import FakeWeChatAPI
from tests.fakes.wecom_api import FakeWeComAPI
from tests.wecom.platform import WeComPlatform
from tests.world import World, build_world

CORP_ID = "ww7c3a1b2c3d4e5f60"
AGENT_ID = 1000002
SECRET = "wecom-app-secret-for-tests"
TOKEN = "wecom-callback-token"
AES_KEY = "V2VDb21Db21wbGFpbnRCb3RUZXN0S2V5MDEyMzQ1Njc"  # 43 characters: 32 bytes of key
WX_APP_ID, WX_SECRET = "wx5f3c2a1b0e9d8c7b", "app-secret-for-tests"
USERIDS = {"张伟": "zhangwei", "李娜": "lina", "王强": "wangqiang", "孙主任": "sunzhuren"}


@pytest.fixture
async def wecom_api(clock: ManualClock) -> AsyncIterator[FakeWeComAPI]:
    api = FakeWeComAPI(clock, corp_id=CORP_ID, secret=SECRET, agent_id=AGENT_ID, members=set(USERIDS.values()))
    await api.start()
    yield api
    await api.stop()


@pytest.fixture
async def wechat_api(clock: ManualClock) -> AsyncIterator[FakeWeChatAPI]:
    api = FakeWeChatAPI(clock, app_id=WX_APP_ID, secret=WX_SECRET)
    await api.start()
    yield api
    await api.stop()


@pytest.fixture
def wecom_settings(wecom_api: FakeWeComAPI) -> WeComAppSettings:
    return WeComAppSettings(corp_id=CORP_ID, agent_id=AGENT_ID, secret=SECRET, token=TOKEN, aes_key=AES_KEY,
                            api_base=wecom_api.url, reply_budget=4.5)  # under the platform's 5 s: a GC pause or a SQLite
    # lock wait in a long run must not turn a passive answer into a push; tests of the budget set their own


@pytest.fixture
def settings(db_url: str, wecom_settings: WeComAppSettings, wechat_api: FakeWeChatAPI) -> Settings:
    return Settings(database_url=db_url, wecom=wecom_settings,
                    wechat=WeChatSettings(app_id=WX_APP_ID, app_secret=WX_SECRET, api_base=wechat_api.url))


@pytest.fixture
async def app(settings: Settings, clock: ManualClock, db: Database) -> AsyncIterator[App]:
    application = build_app(settings, clock=clock, db=db)
    yield application
    for part in [*application.senders.values(), application.wecom_app]:
        close = getattr(part, "close", None)
        if close is not None:
            await close()


@pytest.fixture
async def world(app: App) -> World:
    w = await build_world(app)
    for name, userid in USERIDS.items():
        await app.directory.set_wecom_userid(name, userid)
    return w


@dataclass
class Running:
    url: str
    webhook: WeComAppWebhook
    platform: WeComPlatform


@pytest.fixture
async def running(app: App, clock: ManualClock, wecom_settings: WeComAppSettings) -> AsyncIterator[Running]:
    webhook = wecom_app_component(app.settings, db=app.db, clock=app.clock, tickets=app.tickets,
                                  directory=app.directory, queries=app.queries, tz=app.tz)
    await webhook.start()
    runner = web.AppRunner(build_web_app(app, [webhook]), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    url = f"http://127.0.0.1:{runner.addresses[0][1]}{wecom_settings.path}"
    platform = WeComPlatform(url, token=TOKEN, aes_key=AES_KEY, corp_id=CORP_ID, agent_id=AGENT_ID, clock=clock)
    yield Running(url, webhook, platform)
    await platform.close()
    await webhook.stop()
    await runner.cleanup()


async def drain(app: App, *, rounds: int = 4) -> list[tuple[str, str, DeliveryResult]]:
    """Deliver what is due, the way the sender loop does: lease, deliver, record.
    Returns (channel, purpose, result) per attempt."""
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
