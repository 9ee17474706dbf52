"""The advice follows the danger (branch danger29b, usertest29b): someone lying there who does not answer, their
state guessed at (不知道是不是喝多了), was told 「110或119」, not the ambulance; after a fight with cries for help was
filed, what the resident added next was answered with 「119 / 120」, not the police."""

from __future__ import annotations

from bot.app import App
from bot.conversation.engine import DialogEngine
from core.messages import plain_text
from tests.dialogs.conftest import resident
from tests.dialogs.test_steps import fresh, msg, step
from tests.world import World


def test_someone_lying_unresponsive_is_told_to_call_the_ambulance() -> None:
    s = step(fresh(), msg("单元门口有个男的躺在地上 喊他也不理 也不知道是不是喝醉了"))
    assert s.state.draft and s.state.draft.emergency
    said = plain_text(s.replies[:1])
    assert "120" in said.split("\n")[-1] and "110或119" not in said


async def test_after_a_fight_is_filed_more_words_are_told_the_police_number(
    world: World, engine: DialogEngine, app: App
) -> None:
    me = resident(engine)
    await me.say("对门在打架 女的一直喊救命")
    await me.say("幸福里小区5栋")
    assert "已紧急上报" in me.said
    await me.say("13812345678")
    await me.say("我在楼下等着 不敢上去")
    assert "已转告正在处理紧急工单" in me.said and "110" in me.said and "119" not in me.said
