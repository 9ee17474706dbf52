"""Branch danger30 (usertest1): the first advice follows who is at risk and how, not only the hazard word — a stroke,
chest pain or someone who does not respond gets 120 (not 110/119, not 「不要惊吓、拉扯」); a child locked in a car gets
110/119 and the window broken, not 「移到阴凉通风处」; a parent whose child is shut in or caught stays with the child
and calls 119, never 「请先远离危险」; violence at home with the resident hiding gets 110 and the door kept locked.
Sentences of our own, not the tester's."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import emergency_texts as etx
from bot.dialogs import texts as tx
from bot.dialogs.state import Asking
from core.messages import plain_text
from tests.dialogs.conftest import resident
from tests.dialogs.test_steps import fresh, msg, step
from tests.world import World


def _first_reply(words: str) -> str:
    s = step(fresh(), msg(words))
    assert s.state.draft and s.state.draft.emergency
    return plain_text(s.replies[:1])


def _advice(said: str) -> str:
    return said.splitlines()[-1]  # the header lists every number; the last line is what to do


@pytest.mark.parametrize("words", [
    "我外公吃饭的时候突然嘴角歪了，话也说不利索",
    "我妈刚才一边手脚突然没劲了，半边脸发麻",
    "我爸说胸口疼得厉害，满头是汗",
])
def test_an_illness_is_told_to_call_the_ambulance(words: str) -> None:
    advice = _advice(_first_reply(words))
    assert advice.startswith(etx.ADVICE["illness"][2]) and "110" not in advice and "拉扯" not in advice


@pytest.mark.parametrize("words", ["我儿子被反锁在车里了，车停在露天停车场", "小孙女一个人关在车里出不来了，车钥匙锁在里面"])
def test_a_child_locked_in_a_car_gets_the_police_or_firemen_and_the_window(words: str) -> None:
    advice = _advice(_first_reply(words))
    assert "110" in advice and "119" in advice and "车窗" in advice and "阴凉" not in advice


@pytest.mark.parametrize("words", ["我三岁的女儿把自己锁在卧室里了，打不开门，一直在哭",
                                   "孩子的脚卡在楼梯栏杆缝里拔不出来了"])
def test_a_carer_of_a_child_shut_in_stays_with_the_child(words: str) -> None:
    advice = _advice(_first_reply(words))
    assert "留在孩子身边" in advice and "119" in advice and etx.GENERIC_ADVICE not in advice


def test_an_adult_shut_in_is_not_told_to_leave_either() -> None:
    advice = _advice(_first_reply("我老伴被反锁在卫生间里出不来了，喊她也只是哭"))
    assert etx.GENERIC_ADVICE not in advice and "119" in advice


@pytest.mark.parametrize("words", ["我男人喝醉了正在家里摔东西，我带着儿子躲进卫生间了",
                                   "他发酒疯在家砸家具，我们娘俩锁在卧室里不敢出来"])
def test_violence_at_home_with_the_resident_hiding_gets_110_and_the_door_locked(words: str) -> None:
    advice = _advice(_first_reply(words))
    assert advice.startswith(etx.ADVICE["hiding"][2]) and "远离危险" not in advice


def test_the_table_gives_every_row_a_name_numbers_and_a_line() -> None:
    for row, (name, call, line) in etx.ADVICE.items():
        assert name and line.endswith("。") and any(n in call for n in ("110", "119", "120")), row


@pytest.mark.parametrize("words", ["我姑姑一个人在家，打了她一上午手机都没人接，平常她都会回的",
                                   "对门李奶奶三天没见出门了，敲门也没人应"])
def test_someone_nobody_can_reach_gets_someone_to_go_and_look(words: str) -> None:
    s = step(fresh(), msg(words))
    if s.state.draft and s.state.draft.asking == Asking.TRIAGE:
        s = step(s.state, msg("有危险"))  # asked first: the yes takes the emergency path
    said = next(t for t in plain_text(s.replies).split("\n\n") if "⚠️" in t)
    advice = _advice(said)
    assert advice.startswith(etx.ADVICE["unreachable"][2]) and "拉扯" not in advice


async def test_after_filing_a_hidden_resident_is_not_told_to_leave(world: World, engine: DialogEngine,
                                                                   app: App) -> None:
    me = resident(engine)
    await me.say("他发酒疯在家砸家具，我们娘俩锁在卧室里不敢出来")
    await me.say("翠湖苑5栋2单元402")
    assert "已紧急上报" in me.said
    number = me.said.split("编号 ")[1].split("。")[0]
    await me.say("13812345678")
    await me.say("他还在外面骂")
    assert me.said == tx.noted_on_emergency(number, "violence", "hiding")
    assert "撤离" not in me.said and "110" in me.said
