"""Told the ticket was finished, a resident who says it was fixed but not well done (「师傅态度不好 但是修好了」) has
answered the survey: basically satisfied, with their words for the staff (thirteenth session: the words were added to
the ticket and the survey left waiting) — against the real core."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs.survey import typed_rating
from core.db.models import SurveyAnswer
from core.enums import Rating, Status
from tests.dialogs.conftest import resident, tickets
from tests.dialogs.test_survey_unresolved import _resolved
from tests.world import World


@pytest.mark.parametrize("said", ["灯修好了 就是师傅态度很凶", "弄好了 但是地上一地灰没收拾", "等了三天才来 不过总算修好了"])
async def test_fixed_with_a_gripe_is_basically_satisfied(world: World, engine: DialogEngine, app: App,
                                                         said: str) -> None:
    number = await _resolved(world)
    me = resident(engine)
    await me.say(said)
    async with app.db.transaction() as s:
        (answer,) = (await s.execute(select(SurveyAnswer))).scalars()
    assert answer.rating == Rating.BASIC.value and answer.comment == said
    (t,) = await tickets(app)
    assert t.number == number and t.status != Status.REOPENED


@pytest.mark.parametrize("said", ["修好了 但是又坏了", "态度很差 根本没修", "楼道里很脏 谁来打扫一下"])
def test_not_fixed_or_no_fix_said_is_not_this(said: str) -> None:
    assert typed_rating(said) is None or typed_rating(said)[0] != Rating.BASIC.value  # type: ignore[index]
