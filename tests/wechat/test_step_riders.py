"""What a WeChat message's dialog step stores of its answer goes with the step's state save where
the state's store can take it (#17): on PostgreSQL the stored answer is in the save's statement,
with Redis the options shown are in the save's script. It stands only if the save lands."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from core.config import Settings, WeChatSettings
from core.keyvalue import RedisStore
from tests.conftest import REDIS_URL
from tests.fakes.wechat_api import FakeWeChatAPI
from tests.wechat.conftest import HANDSHAKE, Running, record_redis_commands
from tests.wechat.test_step_closing import another_delivery_saves_first
from tests.world import World

SAID = "幸福里小区3栋2单元楼道灯坏了一个星期了，晚上很黑"


@pytest.fixture
def resident() -> str:
    return f"oRider{uuid.uuid4().hex[:20]}"


@pytest.fixture
def dialogs(app: App) -> DialogEngine:
    return app.engine


@pytest.fixture
def settings(db_url: str, wechat_settings: WeChatSettings, redis_store: RedisStore) -> Settings:
    # redis_store: skipped (failed under CI) when Redis is not there
    return Settings(database_url=db_url, wechat=wechat_settings, redis_url=REDIS_URL, dialog_state="redis")


@pytest.fixture
async def redis_commands(app: App, resident: str, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[list[str]]:
    """The Redis commands this process sends (a pipeline's or script's as one each)."""
    yield record_redis_commands(monkeypatch)
    options = app.wechat.options
    await options.store.delete(options.key(resident))
    await app.engine.store.redis.delete(app.engine.store._key(f"wechat:p:{resident}"))


async def test_with_redis_a_message_is_two_redis_commands_and_the_options_go_with_the_state(
        app: App, world: World, running: Running, wechat_api: FakeWeChatAPI, resident: str,
        redis_commands: list[str]) -> None:
    """The state read (HMGET) and saved (the script), and in the save's script the options its answer
    shows or clears: no SET or DEL of them of their own. A short message, which may be a choice,
    reads the options shown (GET)."""
    wechat_api.user_wrote(resident)

    async def post(text: str, msg_id: int) -> tuple[str, list[str]]:
        redis_commands.clear()
        answer = await running.platform.post(running.platform.text(resident, text, msg_id=msg_id))
        assert answer.status == 200
        return answer.text, [c for c in redis_commands if c not in HANDSHAKE]

    text, sent = await post(SAID, 990001)  # long: cannot be a choice, options not read
    assert "电话" in text and sent == ["HMGET", "EVALSHA"]  # was HMGET, EVALSHA, DEL
    text, sent = await post("13912345678", 990002)  # the record read back with 1. 提交 2. 修改 3. 取消
    assert "1. 提交" in text and sent == ["HMGET", "GET", "EVALSHA"]  # was …, EVALSHA, SET
    assert (await app.wechat.options.recall(resident))["1"] == "i:submit"  # set by the save's script
    text, _ = await post("1", 990003)  # the option shown: submitted
    assert "已提交" in text
    assert await app.wechat.options.recall(resident) == {}  # the answer shows none: cleared


async def test_with_redis_a_save_that_does_not_land_sets_no_options_and_stores_no_answer(
        app: App, world: World, running: Running, wechat_api: FakeWeChatAPI, resident: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    await another_delivery_saves_first(app, running, wechat_api, monkeypatch, resident)
