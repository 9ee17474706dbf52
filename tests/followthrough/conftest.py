from __future__ import annotations

import pytest

from bot.app import App
from tests.world import World, build_world


@pytest.fixture
async def world(app: App) -> World:
    return await build_world(app)
