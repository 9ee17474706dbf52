"""After an emergency was filed (#15): a short report that a sound, a smell or the scene changed — with nobody
named in it — is the first emergency's news, told to those on the way, even when the urgency model alone reads
it as an emergency of its own (「没声音了」 read as someone unresponsive). Someone named (我奶奶一个人在家) is still
called at once: tests/dialogs/test_after_filing_asked.py. Through DialogEngine.handle against the real core."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from core.text.urgency import EMERGENCY, assess_urgency
from tests.dialogs.conftest import resident, tickets
from tests.dialogs.test_after_filing_same_ticket import _said_events
from tests.world import World

# read alone, the model calls it an emergency; nobody is named in it
NEWS = ["现在好像没声音了"]


def test_the_model_alone_calls_these_an_emergency() -> None:
    for words in NEWS:  # the premise: without context each would open an emergency of its own
        u = assess_urgency(words)
        assert u.level == EMERGENCY and u.model_alone


@pytest.mark.parametrize("opening", [
    "翠湖苑2栋1单元701厨房的燃气表那里一直嘶嘶响 一股臭鸡蛋味",
    "幸福里小区5栋3单元楼上402一直有人喊救命 敲门没人开",
])
@pytest.mark.parametrize("words", NEWS)
async def test_news_without_anyone_named_goes_to_the_emergency_filed(
    world: World, engine: DialogEngine, app: App, opening: str, words: str
) -> None:
    me = resident(engine)
    await me.say(opening)
    while "已紧急上报" not in me.said:
        await me.say("13912345670")
    if "电话" in me.said:
        await me.say("13912345670")
    (first,) = await tickets(app)
    await me.say(words)
    assert "具体地址" not in me.said and "⚠️ 这可能是紧急情况" not in me.said
    assert first.number in me.said
    assert len(await tickets(app)) == 1
    assert [e.note for e in await _said_events(app)] == [words]
