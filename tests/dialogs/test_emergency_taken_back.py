"""A yes to the triage question taken back (branch left29): an elderly resident answers 「对」 to the long danger question,
the emergency is filed and the heads alerted — and 「点错了」 right after used to get 「照常处理」 with the ticket still
紧急. Now the core downgrades it: the ticket stays, its urgency goes back, the heads hear it was a mistake. Before the
alert (no place yet) the question is simply asked again."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from bot.dialogs.downgrade import takes_back
from bot.dialogs.state import Asking
from core.db.models import TicketEvent
from core.enums import EventType, Urgency
from core.messages import plain_text
from tests.dialogs.conftest import outbox, resident, tickets
from tests.dialogs.test_steps import fresh, msg, step
from tests.world import World

UNSURE = "电梯卡在半路不动了 幸福里小区5栋"  # the reading is unsure: the triage question, the place known


async def _downgrades(app: App) -> list[TicketEvent]:
    async with app.db.transaction() as s:
        return list((await s.execute(select(TicketEvent).where(TicketEvent.type == EventType.DOWNGRADED.value))).scalars())


async def _yes(app: App, engine: DialogEngine) -> str:
    me = resident(engine)
    await me.say(UNSURE)
    assert tx.ASK_TRIAGE in me.said, me.said
    await me.say("对")
    (t,) = await tickets(app)
    assert t.urgency == Urgency.EMERGENCY.value
    return t.number


@pytest.mark.parametrize("words", ["点错了", "不是，没人被困", "哎呀搞错了 没那么严重", "不好意思按错了，就是电梯有点问题"])
async def test_taken_back_right_after_the_ticket_stays_but_is_no_emergency(
        world: World, engine: DialogEngine, app: App, words: str) -> None:
    number = await _yes(app, engine)
    heads = len(await outbox(app, address="group-sup"))
    me = resident(engine)
    await me.say(words)
    assert "解除紧急" in me.said and number in me.said, me.said
    (t,) = await tickets(app)
    assert t.number == number and t.urgency != Urgency.EMERGENCY.value  # the ticket stays, no new one
    assert len(await _downgrades(app)) == 1
    told = (await outbox(app, address="group-sup"))[heads:]
    assert len(told) == 1 and "误报" in str(told[0].payload)


async def test_what_follows_is_no_longer_passed_on_as_an_emergency(world: World, engine: DialogEngine, app: App) -> None:
    await _yes(app, engine)
    me = resident(engine)
    await me.say("点错了")
    await me.say("点错了")  # said again: nothing more to undo, nobody alerted again
    assert len(await _downgrades(app)) == 1 and "紧急工单" not in me.said


@pytest.mark.parametrize("words", ["人出来了", "没事了", "没人受伤 但是水一直在往下流", "不是有人被困吗"])
def test_words_that_keep_the_danger_do_not_take_it_back(words: str) -> None:
    assert not takes_back(words)


async def test_an_emergency_read_from_the_words_is_not_undone_by_a_slip(world: World, engine: DialogEngine,
                                                                          app: App) -> None:
    me = resident(engine)
    await me.say("厨房里煤气味很大 幸福里小区5栋2单元301")  # no question asked: the words say it
    await me.say("点错了")
    (t,) = await tickets(app)
    assert t.urgency == Urgency.EMERGENCY.value and await _downgrades(app) == []


def test_before_the_alert_a_slip_asks_the_question_again() -> None:
    s = step(fresh(), msg("电梯卡在半路不动了"))
    assert s.state.draft and s.state.draft.asking == Asking.TRIAGE
    s = step(s.state, msg("对"))
    assert s.state.draft and s.state.draft.emergency and s.state.draft.asking == Asking.ADDRESS
    s = step(s.state, msg("点错了"))
    d = s.state.draft
    assert d and not d.emergency and d.asking == Asking.TRIAGE, plain_text(s.replies)
    assert "点错" not in (d.description or "") and tx.TRIAGE_TRIGGER not in d.triggers
