"""The duplicate offer answered in words (sixteenth session, talking to the chat: 「不一样 我说的是另一盏灯」 was answered
「没太明白，请按提示回答」): a different matter is filed on its own with the words kept; the same one joins."""

from __future__ import annotations

from bot.app import App, conversation_engine
from bot.conversation.store import DatabaseStateStore
from bot.dialogs import texts as tx
from bot.dialogs.inputs import duplicate_said
from tests.dialogs.conftest import SameBuilding, resident, tickets
from tests.world import World

FIRST = "单元门口的感应灯坏了，阳光花园6栋，昨天晚上，13900002222"
MINE = "单元门口的感应灯不亮，阳光花园6栋，今天，13900003333"


def test_the_words_are_read() -> None:
    assert duplicate_said("不是一回事 我说的是楼梯口那盏") == "other"
    assert duplicate_said("不一样") == "other"
    assert duplicate_said("对 就是同一个") == "same"
    assert duplicate_said("一样的") == "same"
    assert duplicate_said("啥意思") is None


async def _offered(world: World, app: App):  # type: ignore[no-untyped-def]
    app.duplicates = SameBuilding(app)
    engine = conversation_engine(app, DatabaseStateStore(app.db))
    neighbour = resident(engine, "neighbour")
    await neighbour.say(FIRST)
    await neighbour.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    me = resident(engine)
    await me.say(MINE)
    await me.pick(tx.SUBMIT)
    assert tx.duplicate_offer(t.number) in me.said
    return me, t


async def test_another_matter_in_words_is_filed_with_its_words(world: World, app: App) -> None:
    me, _ = await _offered(world, app)
    await me.say("不一样 我说的是地下车库入口那盏")
    mine = (await tickets(app))[-1]
    assert len(await tickets(app)) == 2 and "地下车库入口" in mine.description
    assert "没太明白" not in me.said


async def test_the_same_matter_in_words_joins(world: World, app: App) -> None:
    me, t = await _offered(world, app)
    await me.say("是同一件事")
    assert me.said == tx.joined(t.number) and len(await tickets(app)) == 1
