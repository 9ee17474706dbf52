"""Telegram and a database that stays away for a whole step (#14): PostgreSQL terminates the
step's connections on every try. Nothing is answered or stored: the webhook answers 503 and the
claim is released, so Telegram's redelivery is handled; polling leaves the offset where it was and
fetches the update again. Never the apology 「抱歉，系统开了个小差」."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.conversation.engine import BLIP_TRIES, DialogEngine
from bot.dialogs import texts as dialog_texts
from core.messages import Incoming
from tests.blips import BackendKiller
from tests.telegram.conftest import RESIDENT, Harness

SAID = "3栋2单元楼道灯坏了一个星期，晚上很黑"


@pytest.fixture
async def killer(tg: Harness) -> AsyncIterator[BackendKiller]:
    k = await BackendKiller(tg.app.db).start()
    yield k
    await k.close()


def kill_every_try(engine: DialogEngine, killer: BackendKiller) -> None:
    """One whole step's tries, each cut off mid-step; the database is back after that."""
    load = engine.context.load

    async def dying(inc: Incoming, s: Any) -> Any:
        if killer.kills < BLIP_TRIES:
            await killer.kill()
        return await load(inc, s)

    engine.context.load = dying  # type: ignore[method-assign]


async def test_a_step_the_database_failed_is_handled_when_the_update_comes_again(
        tg: Harness, killer: BackendKiller) -> None:
    f = tg.fake
    f.user(RESIDENT, "张阿姨")
    await f.write(RESIDENT, "/start")
    seen, sent = len(tg.engine.seen), len(f.texts(RESIDENT))
    kill_every_try(tg.app.engine, killer)
    pushed = await f.write(RESIDENT, SAID)
    if tg.mode == "webhook":
        assert pushed.status == 503  # Telegram will deliver it again
        assert len(f.texts(RESIDENT)) == sent  # nothing said
        await f.deliver(pushed.update)
    assert killer.kills == BLIP_TRIES
    assert len(tg.engine.seen) == seen + 2  # the failed step, then the update again
    answers = f.texts(RESIDENT)[sent:]
    assert answers and all(dialog_texts.SORRY not in a for a in answers)
    assert "幸福里小区" in " ".join(answers) or "小区" in answers[-1]
