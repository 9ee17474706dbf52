"""「不好意思 刚才说错了 是3单元 不是2单元」 after filing corrects the ticket's address (sixteenth session: it was only a
note, and the ticket, the grid's card and the worker kept 2单元) — against the real core."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import aftercare_texts as atx
from core.db.models import OutboxMessage
from tests.dialogs.conftest import resident, tickets
from tests.world import World

FULL = "幸福里小区5栋2单元楼道的灯不亮了，前天开始的，电话13600006666"


@pytest.mark.parametrize("words", ["不好意思 刚才说错了 是3单元 不是2单元", "不是2单元，是3单元", "单元号写错了，应该是3单元",
                                   "地址错了 5栋3单元", "2单元改成3单元",
                                   "不对不对 是三单元"])
async def test_the_unit_is_corrected_and_the_rest_kept(world: World, engine: DialogEngine, app: App, words: str) -> None:
    me = resident(engine)
    number = await me.file(FULL)
    await me.say(words)
    assert me.said == atx.address_changed_on_ticket(number, "幸福里小区5栋3单元")
    (t,) = await tickets(app)
    assert (t.community, t.building, t.unit) == ("幸福里小区", "5", "3")


async def test_the_grid_card_shows_the_corrected_address(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.file(FULL)
    await me.say("我记错了，是6栋2单元")
    async with app.db.transaction() as s:
        cards = [json.dumps(r.payload, ensure_ascii=False) for r in (await s.execute(
            select(OutboxMessage).where(OutboxMessage.address == "group-A", OutboxMessage.purpose == "card")
            .order_by(OutboxMessage.id))).scalars()]
    assert "幸福里小区6栋2单元" in cards[-1] and "幸福里小区5栋2单元" in cards[0]


@pytest.mark.parametrize("words", ["6楼", "就在2单元门口那个灯", "2单元的灯一直都不亮，好几天了", "另外3单元的电梯也坏了",
                                   "师傅要是弄错了会去3单元的", "楼上3单元的人打错电话了"])
async def test_a_detail_or_a_complaint_is_no_correction(world: World, engine: DialogEngine, app: App, words: str) -> None:
    me = resident(engine)
    await me.file(FULL)
    await me.say(words)
    (t, *_) = await tickets(app)
    assert t.unit == "2" and "已更正为" not in me.said


async def test_a_ticket_ended_meanwhile_is_not_changed(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    number = await me.file(FULL)
    await app.tickets.cancel(number, world.actor(world.dispatcher), "重复登记")
    await me.say("刚才说错了，是3单元")
    (t,) = await tickets(app)
    assert t.unit == "2" and "已更正为" not in me.said and number in me.said
