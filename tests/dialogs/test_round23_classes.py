"""Round 23's dialog classes (development data, docs/understanding.md "Round 23's dialog misses"), none a round-23
sentence. After filing: a fault told as stuck (卡住了), coming off (在掉墙皮) or the staff's manner (态度很差) is a new
matter; the ticket's fault said as gone (不漏了), still there with the ticket's thing named (马桶到现在还是堵的), where or
when it is worst (在…最浓, 主要是凌晨), whether anyone reads it (有没有人管啊), the repair's fee (修理费多少 要我出吗) and
how things still stand (…还…呢) go to the ticket just filed; after an emergency, someone hurt by the danger that
hurts people, with no place of their own, and what is asked of those on the way are that emergency's. Mid-form: how
the fault goes now said at "where?" is a remark, a place said at "since when?" is the place, a complaint said outright
is no consultation whatever fee it names, a lettered door (C座9B) and a bungalow's row (第3排12号) are read, and an
outdoor thing at one spot with only the 小区 said is asked where inside it."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from bot.dialogs.state import Asking
from core.messages import plain_text
from core.text.address import parse_address
from core.text.answers import new_matter
from core.text.consult import is_consultation
from tests.dialogs.conftest import resident, tickets
from tests.dialogs.test_after_filing_same_ticket import FULL, _filed, _not_noted
from tests.dialogs.test_intake_slots import at
from tests.dialogs.test_steps import msg, step
from tests.world import World


@pytest.mark.parametrize("words", [
    "地库出口的道闸又卡住了",  # stuck
    "客厅墙上在掉墙皮",  # coming off
    "走廊顶上在掉灰",
    "物业前台那个小姑娘态度特别差",  # the staff's manner
])  # fmt: skip
def test_a_fault_told_as_stuck_coming_off_or_the_staff_s_manner_is_a_new_matter(words: str) -> None:
    assert new_matter(words, FULL)


LEAK = "昨天开始卫生间水管一直滴水，幸福里小区3栋2单元501，电话13812345678"
TOILET = "家里马桶从昨晚起堵了 冲不下去，幸福里小区3栋2单元501，电话13812345678"


@pytest.mark.parametrize(("filed", "words"), [
    (LEAK, "总闸关掉以后就不漏了"),  # the fault said as gone
    (TOILET, "马桶到现在还是堵的"),  # still there, the ticket's thing named
    (FULL, "那个油烟味在三楼窗口最浓"),  # where or when it is worst
    (FULL, "噪音主要是凌晨一两点"),
])  # fmt: skip
def test_the_ticket_s_fault_gone_still_there_or_at_its_worst_is_no_new_matter(filed: str, words: str) -> None:
    assert not new_matter(words, filed)


@pytest.mark.parametrize(("filed", "words"), [
    (FULL, "究竟有没有人管啊？"),  # whether anyone handles it
    (FULL, "发了这么久 有没有人看消息"),
    (LEAK, "維修費是多少 要我付嗎"),  # the repair's fee, in traditional script
    (LEAK, "我还等着洗澡呢"),  # how things still stand
    (LEAK, "总闸关掉以后就不漏了"),
    (TOILET, "马桶到现在还是堵的"),
])  # fmt: skip
async def test_after_filing_these_go_to_the_ticket_just_filed(
    world: World, engine: DialogEngine, app: App, filed: str, words: str
) -> None:
    me = resident(engine)
    number = await _filed(me, filed)
    await me.say(words)
    # impatience alone (究竟有没有人管啊？) is noted as a hurry (fourteenth session, test_late_answers.py)
    assert me.said in (tx.noted_on_ticket(number), tx.urged_on_ticket(number))
    assert len(await tickets(app)) == 1


async def test_after_filing_a_lamp_post_s_neighbour_still_opens_a_draft(
    world: World, engine: DialogEngine, app: App
) -> None:
    me = resident(engine)
    await _filed(me, TOILET)
    await me.say("东门的路灯到现在还不亮")  # still, but not the ticket's thing
    assert await _not_noted(me, app)


async def _emergency(me, opening: str) -> str:  # type: ignore[no-untyped-def]
    await me.say(opening)
    await me.say("幸福里小区6栋楼下")
    assert "已紧急上报" in me.said
    number = str(me.said.split("编号 ")[1].split("。")[0])
    await me.say("13812345678")
    return number


@pytest.mark.parametrize(("opening", "words", "hazard"), [
    ("单元门口有人拿着棍子在打架", "他头上在流血", "violence"),  # hurt by the danger that hurts people, no place of their own
    ("外墙的瓷砖一直往下掉 刚才差点砸到老人", "你们快去把老人小孩都喊走", "falling"),  # asked of those on the way
])  # fmt: skip
async def test_after_an_emergency_its_victims_and_what_is_asked_of_those_on_the_way_go_to_it(
    world: World, engine: DialogEngine, app: App, opening: str, words: str, hazard: str
) -> None:
    me = resident(engine)
    number = await _emergency(me, opening)
    await me.say(words)
    assert me.said == tx.noted_on_emergency(number, hazard)  # the number to call follows the hazard (danger29b)
    assert len(await tickets(app)) == 1


def test_how_the_fault_goes_now_at_where_is_a_remark() -> None:
    s = step(at(Asking.ADDRESS, "楼上漏水 我家吊顶湿了").state, msg("现在开始往下滴水了，我拿了个桶接着"))
    d = s.state.draft
    assert d is not None and d.asking == Asking.ADDRESS and d.community is None and d.address_text is None
    assert "拿了个桶接着" in (d.description or "")


def test_a_spot_said_at_since_when_is_the_place() -> None:
    s = step(at(Asking.OCCURRED, "车库的排风扇不转了").state, msg("主要是北区车库入口那块"))
    d = s.state.draft
    assert d is not None and d.asking == Asking.OCCURRED and d.occurred_text is None
    assert d.address_text == "北区车库入口那块" and "入口那块" not in (d.description or "")
    assert "地点记下了" in plain_text(s.replies)


def test_the_address_said_again_at_since_when_is_the_place_not_a_remark() -> None:
    s = step(at(Asking.OCCURRED, "楼道灯坏了").state, msg("幸福里小区3栋"))
    d = s.state.draft
    assert d is not None and d.asking == Asking.OCCURRED and d.occurred_text is None
    assert d.description == "楼道灯坏了" and d.building == "3"
    s = step(s.state, msg("大概一个星期"))  # a duration's 期 is no place
    assert s.state.draft is not None and s.state.draft.occurred_text


def test_a_complaint_said_outright_is_no_consultation_whatever_fee_it_names() -> None:
    assert not is_consultation("我想投诉物业的电工，收了上门费什么也没干")
    assert is_consultation("想问下维修上门费怎么收")


@pytest.mark.parametrize(("said", "building", "room"), [
    ("翠湖苑C座9B", "C", "9B"),  # a floor and a lettered door after the block
    ("北郊新村平房第3排12号", "3", "12"),  # a bungalow's row, said with 第
])  # fmt: skip
def test_a_lettered_door_and_a_bungalow_s_row_are_read(said: str, building: str, room: str) -> None:
    got = parse_address(said)
    assert (got.building, got.room) == (building, room)


def test_an_outdoor_thing_at_one_spot_is_asked_where_inside_the_estate() -> None:
    s = step(at(Asking.ADDRESS, "小区里的滑梯裂了个口子").state, msg("幸福里小区"))
    d = s.state.draft
    assert d is not None and d.asking == Asking.DOOR
    assert tx.ASK_SPOT.format(community="幸福里小区") in plain_text(s.replies)
    s = step(s.state, msg("中心花园靠河那边"))
    d = s.state.draft
    assert d is not None and d.address_text == "中心花园靠河那边" and d.asking == Asking.OCCURRED


def test_asked_where_inside_the_estate_a_skip_leaves_the_estate() -> None:
    s = step(at(Asking.ADDRESS, "小区的井盖翘起来了").state, msg("幸福里小区"))
    s = step(s.state, msg("跳过"))
    d = s.state.draft
    assert d is not None and d.address_text is None and d.asking == Asking.OCCURRED
