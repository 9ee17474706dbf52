"""A question whether a reported matter is seen to (seventeenth session, usertest27): 「我昨天报的那个楼道灯修好了没有啊」
was kept as a note on the ticket instead of answered with its status."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from tests.dialogs.conftest import resident, tickets
from tests.world import World

LAMP = "幸福里小区3栋楼道灯坏了一个星期了，电话13812345678"


@pytest.mark.parametrize("words", ["我昨天报的那个楼道灯修好了没有啊", "那个楼道灯修了吗", "我上次反映的事有结果没"])
async def test_the_status_is_shown(world: World, engine: DialogEngine, app: App, words: str) -> None:
    me = resident(engine)
    number = await me.file(LAMP)
    await me.say(words)
    assert number in me.said and ("处理经过" in me.said or "您的投诉" in me.said)
    assert "已补充" not in me.said and len(await tickets(app)) == 1


async def test_a_new_thing_asked_about_is_no_status_question(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.file(LAMP)
    await me.say("东门那个井盖修了吗 好危险")
    assert "处理经过" not in me.said


@pytest.mark.parametrize("words", ["我发现地下车库有个陌生人在一辆一辆拉车门", "刚看到有个陌生人在车棚里撬电动车的锁"])
async def test_something_just_seen_elsewhere_is_news_of_its_own(
        world: World, engine: DialogEngine, app: App, words: str) -> None:
    me = resident(engine)
    await me.file(LAMP)
    await me.say(words)
    assert "已补充到工单" not in me.said
