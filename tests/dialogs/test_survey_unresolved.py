"""Told the ticket was finished, a resident who says it is not (「灯还是不亮啊 根本没修」) answers the survey: not
satisfied, with their words, and the ticket reopens (twelfth session: it opened a new complaint, 还是「…」吗？, and the
ticket stayed resolved). Another matter said the same way is no rating — against the real core."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import survey_texts as stx
from bot.dialogs.survey import unresolved
from core.db.models import SurveyAnswer
from core.enums import Rating, Status
from tests.dialogs.conftest import resident, tickets
from tests.world import World


async def _answers(app: App) -> list[SurveyAnswer]:
    async with app.db.transaction() as s:
        return list((await s.execute(select(SurveyAnswer).order_by(SurveyAnswer.id))).scalars())


async def _resolved(world: World) -> str:
    number = await world.file()  # 3栋楼道灯坏了一个星期了
    await world.app.tickets.claim(number, world.actor(world.worker))
    await world.app.tickets.resolve(number, world.actor(world.worker), "已更换灯泡")
    return number


@pytest.mark.parametrize("said", ["灯还是不亮啊 根本没修", "根本没人来过", "跟没修一样 晚上还是黑的", "又坏了 亮了一晚上就不亮了"])
async def test_not_fixed_is_not_satisfied(world: World, engine: DialogEngine, app: App, said: str) -> None:
    number = await _resolved(world)
    me = resident(engine)
    await me.say(said)
    assert me.said.startswith(stx.SURVEY_TYPED_REASON)
    (answer,) = await _answers(app)
    assert answer.rating == Rating.DISSATISFIED.value and answer.comment == said
    (t,) = await tickets(app)
    assert t.number == number and t.status == Status.REOPENED


async def test_another_matter_said_the_same_way_is_no_rating(world: World, engine: DialogEngine, app: App) -> None:
    await _resolved(world)
    me = resident(engine)
    await me.say("小区门口的垃圾还是没人收 都臭了")
    assert await _answers(app) == []


@pytest.mark.parametrize("said", ["修好了 谢谢", "还是老样子 挺好", "我还是想问问物业费怎么交", "晚上还是有点吵"])
def test_no_unresolved_words(said: str) -> None:
    assert not unresolved(said, "3栋楼道灯坏了一个星期了")
