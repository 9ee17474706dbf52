"""The WeChat channel's fixtures (a local WeChat API and WeCom robot, an App configured for them),
shared with tests/wechat, and the small community of tests/world.py."""

from __future__ import annotations

import pytest

from bot.app import App
from core.config import Settings, WeChatSettings
from tests.fakes.wechat_api import FakeWeChatAPI
from tests.wechat.conftest import AES_KEY, APP_ID, SECRET, TOKEN, app, robot, wechat_api  # noqa: F401 - fixtures
from tests.world import World, build_world


@pytest.fixture
def wechat_settings(wechat_api: FakeWeChatAPI) -> WeChatSettings:  # noqa: F811 - the WeChat one, roomier
    # the longest budget WeChat allows: a busy machine must not turn a counted reply into a late one
    return WeChatSettings(token=TOKEN, app_id=APP_ID, app_secret=SECRET, aes_key=AES_KEY,
                          api_base=wechat_api.url, reply_budget=4.5)


@pytest.fixture
def settings(db_url: str, wechat_settings: WeChatSettings) -> Settings:  # noqa: F811 - the WeChat ones
    return Settings(database_url=db_url, wechat=wechat_settings)


@pytest.fixture
async def world(app: App) -> World:  # noqa: F811 - the fixture above
    return await build_world(app)
