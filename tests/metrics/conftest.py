"""The WeChat channel's fixtures (a local WeChat API and WeCom robot, an App configured for them),
shared with tests/wechat, and the small community of tests/world.py."""

from __future__ import annotations

import pytest

from bot.app import App
from core.config import Settings, WeChatSettings
from tests.cli.test_serve_workers import database  # noqa: F401 - a fixture: a PostgreSQL database of its own
from tests.wechat.conftest import app, robot, wechat_api, wechat_settings  # noqa: F401 - fixtures
from tests.world import World, build_world


@pytest.fixture
def settings(db_url: str, wechat_settings: WeChatSettings) -> Settings:  # noqa: F811 - the WeChat ones
    return Settings(database_url=db_url, wechat=wechat_settings)


@pytest.fixture
async def world(app: App) -> World:  # noqa: F811 - the fixture above
    return await build_world(app)
