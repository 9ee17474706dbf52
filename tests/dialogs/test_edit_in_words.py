"""「修改」 then 「地址」: the options' labels are 地点 / 电话 …, and any other word got 「没太明白」 three times and
「转人工」. Fields are named in the resident's words, or the new value is typed straight away."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from tests.dialogs.conftest import Person, resident, tickets
from tests.world import World

OPENING = "楼道灯坏了三天了，幸福里小区3栋2单元，电话13600002222"


async def _to_which(engine: DialogEngine) -> Person:
    me = resident(engine)
    await me.say(OPENING)
    assert tx.REVIEW_HEAD in me.said
    await me.pick("修改")
    assert tx.ASK_WHICH_FIELD in me.said
    return me


@pytest.mark.parametrize(("named", "question"), [
    ("地址", tx.ASK_ADDRESS), ("改一下电话", tx.ASK_PHONE), ("手机号", tx.ASK_PHONE), ("时间", tx.ASK_OCCURRED),
])  # fmt: skip
async def test_a_field_named_in_words(world: World, engine: DialogEngine, named: str, question: str) -> None:
    me = await _to_which(engine)
    await me.say(named)
    assert me.said.startswith(question)


async def test_the_new_value_typed_straight_away(world: World, engine: DialogEngine, app: App) -> None:
    me = await _to_which(engine)
    await me.say("幸福里小区4栋1单元")
    assert "地点：幸福里小区4栋1单元" in me.said
    await me.pick("修改")
    await me.say("13711112222")
    assert "电话：13711112222" in me.said
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert t.building == "4" and t.contact_phone == "13711112222"


@pytest.mark.parametrize(("said", "question"), [("改地址", tx.ASK_ADDRESS), ("电话写错了", tx.ASK_PHONE)])
async def test_a_field_named_at_the_read_back(world: World, engine: DialogEngine, said: str, question: str) -> None:
    me = resident(engine)
    await me.say(OPENING)
    await me.say(said)
    assert me.said.startswith(question) and tx.DESCRIPTION_APPENDED not in me.said


async def test_nonsense_there_says_how(world: World, engine: DialogEngine) -> None:
    me = await _to_which(engine)
    await me.say("嗯嗯嗯")
    assert me.said == tx.BAD_WHICH
