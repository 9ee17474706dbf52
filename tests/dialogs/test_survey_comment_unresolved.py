"""Found talking to the bot (fifteenth session): 基本满意 pressed, then 「师傅来了一下就走了 根本没弄好」 as the comment —
thanked, and the ticket stayed closed with nobody told. A comment that says the matter is not fixed, after a rating
that was not 不满意, turns the rating into 不满意 and reopens the ticket, as 不满意 does, and the resident is told so;
a comment that says nothing of the kind is thanked as before — against the real core."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import survey_texts as stx
from core.enums import Rating, Status
from tests.dialogs.conftest import outbox, resident, tickets
from tests.dialogs.test_survey_unresolved import _answers
from tests.dialogs.test_tracking_survey_engine import _resolved, _survey_key
from tests.world import World


@pytest.mark.parametrize("rating", [Rating.SATISFIED.value, Rating.BASIC.value])
@pytest.mark.parametrize("said", ["师傅来了一下就走了 根本没弄好", "灯还是不亮", "修了没用 晚上又黑了"])
async def test_not_fixed_said_after_a_good_rating_goes_to_the_dispatcher(
    world: World, engine: DialogEngine, app: App, rating: str, said: str
) -> None:
    await _resolved(world)
    key = _survey_key(await outbox(app, address="resident-1"), rating)
    me = resident(engine)
    await me.press(key)
    assert me.said.startswith(stx.SURVEY_THANKS)
    await me.say(said)
    assert me.said == stx.SURVEY_SAYS_UNRESOLVED
    (t,) = await tickets(app)
    assert t.status == Status.REOPENED and t.round == 2
    (answer,) = await _answers(app)
    assert answer.rating == Rating.DISSATISFIED.value and said in (answer.comment or "")


async def test_a_plain_comment_flags_nothing(world: World, engine: DialogEngine, app: App) -> None:
    await _resolved(world)
    key = _survey_key(await outbox(app, address="resident-1"), Rating.BASIC.value)
    me = resident(engine)
    await me.press(key)
    await me.say("师傅来得有点晚")
    assert me.said == stx.SURVEY_COMMENT_THANKS
    (t,) = await tickets(app)
    assert t.status == Status.CLOSED


async def test_said_too_late_it_stays_a_comment(world: World, app: App) -> None:
    """The core decides: after REVISE_WINDOW the words are kept and the ticket stays closed."""
    from core.clock import ManualClock
    from core.service.resident_actions import REVISE_WINDOW

    number = await _resolved(world)
    owner = await world.resident()
    await app.tickets.rate(number, owner, Rating.SATISFIED)
    assert isinstance(app.clock, ManualClock)
    app.clock.advance(REVISE_WINDOW + timedelta(minutes=1))
    t = await app.tickets.add_survey_comment(number, owner, 1, "灯还是不亮", unresolved=True)
    assert t.status == Status.CLOSED
    (answer,) = await _answers(app)
    assert answer.rating == Rating.SATISFIED.value and "灯还是不亮" in (answer.comment or "")
