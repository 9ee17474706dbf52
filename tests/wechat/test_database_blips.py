"""WeChat and a database blip (#14): the dialog step's connections are terminated by PostgreSQL.
A blip is retried on a fresh connection and answered; a database that stays away gets a 503 (so
WeChat resends), nothing stored as the answer and the claim released — never a stored apology."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import select

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as dialog_texts
from core.config import WeChatSettings
from core.db.models import ProcessedUpdate
from core.messages import Incoming
from tests.blips import BackendKiller
from tests.fakes.wechat_api import FakeWeChatAPI
from tests.wechat.conftest import AES_KEY, APP_ID, SECRET, TOKEN, Running
from tests.world import World

RESIDENT = "oBlipResident000000000001"
SAID = "幸福里小区3栋2单元楼道灯坏了一个星期了，晚上很黑"


@pytest.fixture
def wechat_settings(wechat_api: FakeWeChatAPI) -> WeChatSettings:
    """The longest budget WeChat allows: a fresh connection after a blip takes a moment on a busy
    machine, and this test is about the answer, not the push that follows a late one."""
    return WeChatSettings(token=TOKEN, app_id=APP_ID, app_secret=SECRET, aes_key=AES_KEY,
                          api_base=wechat_api.url, reply_budget=4.5)


@pytest.fixture
def dialogs(app: App) -> DialogEngine:
    return app.engine


@pytest.fixture
async def killer(app: App) -> AsyncIterator[BackendKiller]:
    k = await BackendKiller(app.db).start()
    yield k
    await k.close()


def kill_mid_step(engine: DialogEngine, killer: BackendKiller, times: int) -> None:
    load = engine.context.load

    async def dying(inc: Incoming, s: Any, **kwargs: Any) -> Any:
        if killer.kills < times:
            await killer.kill()
        return await load(inc, s, **kwargs)

    engine.context.load = dying  # type: ignore[method-assign]


async def test_a_blip_mid_step_is_answered_for_real(app: App, world: World, running: Running,
                                                    wechat_api: FakeWeChatAPI, killer: BackendKiller) -> None:
    kill_mid_step(app.engine, killer, times=1)
    wechat_api.user_wrote(RESIDENT)
    answer = await running.platform.post(running.platform.text(RESIDENT, SAID))
    assert killer.kills == 1
    assert answer.status == 200 and "电话" in answer.text and dialog_texts.SORRY not in answer.text


async def test_a_database_that_stays_away_gets_503_and_the_resend_is_answered(
        app: App, world: World, running: Running, wechat_api: FakeWeChatAPI, killer: BackendKiller) -> None:
    kill_mid_step(app.engine, killer, times=100)
    wechat_api.user_wrote(RESIDENT)
    message = running.platform.text(RESIDENT, SAID, msg_id=770001)
    first = await running.platform.post(message)
    assert first.status == 503
    async with app.db.transaction() as s:
        # nothing stored as the answer; the claim, made in the step's transaction, went back with it
        # (or, had a try committed, was given back)
        claims = (await s.execute(select(ProcessedUpdate))).scalars().all()
        assert len(claims) <= 1
        for claim in claims:
            assert claim.done_at is None and not claim.result
            assert claim.lease_until is not None and claim.lease_until <= app.clock.now()
    killer.kills = 100  # the database is back: WeChat's resend of the same message
    again = await running.platform.post(message)
    assert again.status == 200 and "电话" in again.text and dialog_texts.SORRY not in again.text
