"""A second question said at a consultation's 「哪个小区」 (fourteenth session, talking to the chat): 「请问一下 装修要办什么
手续」, then 「哦 那装修押金多少钱」 — dropped, the staff saw only the first. It joins the consultation; the 小区 is asked
once, as before."""

from __future__ import annotations

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from tests.dialogs.conftest import resident, tickets
from tests.world import World


async def test_a_further_question_at_the_community_question_is_kept(world: World, engine: DialogEngine,
                                                                    app: App) -> None:
    me = resident(engine)
    await me.say("想问下 家里装修需要到物业办哪些手续")
    assert me.said.startswith(tx.ASK_COMMUNITY_QUESTION)
    await me.say("那装修押金一般交多少呢")
    assert me.said.startswith(tx.ASK_PHONE)
    await me.say("13655554444")
    assert "装修押金一般交多少" in me.said
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert "装修押金一般交多少" in t.description and t.community is None


async def test_skipping_the_community_adds_nothing(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.say("想问下 家里装修需要到物业办哪些手续")
    await me.say("跳过")
    await me.say("13655554444")
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert "跳过" not in t.description
