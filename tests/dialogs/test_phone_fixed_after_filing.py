"""「刚才电话留错了 是139…」 after filing changes the ticket's contact phone (twelfth session: it was only a remark on
the ticket, and the worker kept the wrong number) — against the real core."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from tests.dialogs.conftest import resident, tickets
from tests.world import World

FULL = "阳光花园5栋2单元楼道的窗户玻璃碎了，前天开始的，电话13600006666"


@pytest.mark.parametrize("words", ["刚才电话留错了 是13900001111", "号码不对，应该是139 0000 1111", "换个号码吧 13900001111",
                                   "打我这个新号 13900001111"])
async def test_the_phone_is_changed(world: World, engine: DialogEngine, app: App, words: str) -> None:
    me = resident(engine)
    number = await me.file(FULL)
    await me.say(words)
    assert me.said == tx.phone_changed_on_ticket(number, "13900001111")
    (t,) = await tickets(app)
    assert t.contact_phone == "13900001111"


async def test_a_phone_said_with_no_correction_is_no_change(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.file(FULL)
    await me.say("师傅来之前打13600006666就行")
    (t,) = await tickets(app)
    assert t.contact_phone == "13600006666"
    assert "已改为" not in me.said
