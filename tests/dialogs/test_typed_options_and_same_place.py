"""Found talking to the bot (ninth session): on WeChat options are numbered lines and residents type words of their
own — 「提交」 at 仍要提交 / 加入关注 and 「用上次的」 for 用上次的 138****0000 got 「没太明白」 / 「号码好像不对」;
「就是刚才那个地方」 was stored as a community's name, or read as a time (its 刚才); a second problem set aside with its
building only (「对了 9栋的路灯也坏了」) was asked for the 小区 just given."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from tests.dialogs.conftest import Person, resident, tickets
from tests.world import World

FIRST = "幸福里小区2栋门口的快递柜坏了，打不开，今天上午开始的，电话13700001111"


async def _filed(engine: DialogEngine, who: str = "resident-1") -> Person:
    me = resident(engine, who)
    await me.say(FIRST)
    await me.pick(tx.SUBMIT)
    assert "已提交" in me.said
    return me


@pytest.mark.parametrize(("typed", "joined"), [("还是提交", False), ("关注一下", True)])
async def test_the_duplicate_question_answered_in_words(world: World, engine: DialogEngine, app: App,
                                                        typed: str, joined: bool) -> None:
    await _filed(engine)
    other = resident(engine, "resident-2")
    await other.say(FIRST.replace("13700001111", "13900002222"))
    await other.pick(tx.SUBMIT)
    assert tx.JOIN_LABEL in other.said
    await other.say(typed)
    assert "没太明白" not in other.said
    assert len(await tickets(app)) == (1 if joined else 2)


async def test_the_last_phone_typed_in_words(world: World, engine: DialogEngine) -> None:
    me = await _filed(engine)
    await me.say("幸福里小区5栋楼道灯坏了")
    await me.say("昨天晚上")
    assert tx.use_last_phone("137****1111") in me.said
    await me.say("就用上次那个号码吧")
    assert "电话：13700001111" in me.said


@pytest.mark.parametrize("typed", ["就是刚才那个地方", "跟刚才一样"])
async def test_the_place_just_used_said_in_words(world: World, engine: DialogEngine, typed: str) -> None:
    me = await _filed(engine)
    await me.say("还有楼下垃圾满了没人收")
    assert "还是「幸福里小区2栋」吗" in me.said
    await me.say(typed)
    assert "时间已记下" not in me.said and "地点：" not in me.said  # on to the time question, the place taken
    await me.say("昨天")
    await me.say("用上次的")
    assert "地点：幸福里小区2栋" in me.said


async def test_an_aside_with_its_building_only_is_offered_the_community(world: World, engine: DialogEngine) -> None:
    me = resident(engine)
    await me.say("楼下小孩天天在楼道里拍篮球，砰砰的")
    await me.say("幸福里小区9栋")
    await me.say("对了 9栋的垃圾房门也坏了")
    assert tx.ASIDE_NOTED in me.said
    await me.say("每天下午")
    await me.say("13700003333")
    await me.pick(tx.SUBMIT)
    await me.pick(tx.ASIDE_YES)
    assert "幸福里小区9栋" in me.said and "哪个小区" not in me.said
