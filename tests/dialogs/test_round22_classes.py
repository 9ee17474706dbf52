"""Round 22's dialog classes (development data, docs/understanding.md "Round 22's dialog misses"), none a round-22
sentence. After filing, a new matter told as what happened rather than with a listed fault word opens a draft: a
thing of the estate that hurt or hit something (栏杆撞了我的车), someone's doing said with 有人 / 被人 and any verb
(有人种了菜, 电瓶被人卸了), something found at a place (通道上有辆三轮车, 地下室里好大一股霉味), and a thing starting again
when only a time of day is shared with the ticket (叫了一晚上 after a noise 每天晚上). What the resident offers to do
(要不要我去…), where the ticket's fault is or how far it goes (漏的地方在…, 不只是…) and a lead into a request about
the ticket's own thing go to the ticket just filed. Mid-form, another party doing something every day too (楼上那家的
孩子也天天…) is a second problem. 大半年, 小半年, 一年半, 一个半月 are read whole. A place near a building
(2栋旁边的车棚) keeps where near it."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from bot.dialogs.state import Asking
from core.messages import plain_text
from core.text.answers import new_matter, shares_subject
from core.text.timephrase import parse_time_phrase
from tests.dialogs.conftest import resident, tickets
from tests.dialogs.test_after_filing_same_ticket import (
    FULL,
    _filed,
    _not_noted,
    noted_on_the_ticket_just_filed,
)
from tests.dialogs.test_intake_slots import at
from tests.dialogs.test_steps import msg, step
from tests.world import World

NOW = datetime(2026, 11, 23, 15, 30, tzinfo=ZoneInfo("Asia/Shanghai"))

NEW_MATTERS = [
    "停车场出口的栏杆撞了我儿子的车",  # a thing of the estate hit something
    "楼顶的广告牌刮到我家窗户了",
    "我的电动车电瓶被人卸了",  # someone's doing: 被人 + any verb
    "小区花坛里有人种了菜",  # 有人 + any verb
    "我家门口有人放了一堆纸箱",
    "消防通道上有辆三轮车一直停着",  # something found at a place
    "走廊上有辆婴儿车在那放着",
    "地下室里好大一股霉味",
    "楼梯间里一股尿骚味",
    "隔壁那家的鹦鹉又在叫 叫了一晚上",  # only a time of day shared with 每天晚上
]


@pytest.mark.parametrize("words", NEW_MATTERS)
def test_a_new_matter_told_as_what_happened_is_one(words: str) -> None:
    assert new_matter(words, FULL)


@pytest.mark.parametrize("words", ["隔壁那家的鹦鹉又在叫 叫了一晚上", "对面工地天天早上六点就开工"])
def test_a_time_of_day_is_no_shared_subject(words: str) -> None:
    assert not shares_subject(words, FULL)


@pytest.mark.parametrize("words", NEW_MATTERS[:3] + NEW_MATTERS[5:7])
async def test_after_filing_a_new_matter_told_as_what_happened_opens_a_draft(
    world: World, engine: DialogEngine, app: App, words: str
) -> None:
    me = resident(engine)
    await _filed(me)
    await me.say(words)
    assert await _not_noted(me, app)
    assert len(await tickets(app)) == 1


@pytest.mark.parametrize("words", [
    "要不要我去居委会当面反映一下",  # what the resident offers to do
    "用不用我去找他们老板谈谈",
    "对了 吵的位置是靠马路那边 不只是楼下",  # where the ticket's fault is, how far it goes
    "还有 让烧烤店早点收摊吧 太晚了",  # a lead into a request about the ticket's own thing
])  # fmt: skip
async def test_after_filing_these_go_to_the_ticket_just_filed(
    world: World, engine: DialogEngine, app: App, words: str
) -> None:
    await noted_on_the_ticket_just_filed(engine, app, words)


@pytest.mark.parametrize("words", ["有人在家吗", "那个单子有人接了吗", "家里有只狗 师傅来了别怕", "我家里有个老人 来了多敲几下门"])
def test_a_person_or_the_household_is_no_new_matter(words: str) -> None:
    assert not new_matter(words, FULL)


@pytest.mark.parametrize("said", ["楼上那家的孩子也天天在楼道里踢球", "对面那户也经常半夜在走廊打电话"])
def test_another_party_doing_it_every_day_too_is_a_second_problem_at_the_phone_question(said: str) -> None:
    s = step(at(Asking.PHONE, "单元门坏了 一直关不上").state, msg(said))
    d = s.state.draft
    assert d is not None and d.phone is None and d.asking == Asking.PHONE
    assert said in s.state.asides and said not in (d.description or "")
    assert "号码好像不对" not in plain_text(s.replies)


@pytest.mark.parametrize("said", ["晚上也一直关不上", "我老婆也一直在家"])
def test_the_same_fault_or_the_household_with_too_is_no_second_problem(said: str) -> None:
    s = step(at(Asking.PHONE, "单元门坏了 一直关不上").state, msg(said))
    assert said not in s.state.asides


@pytest.mark.parametrize(("text", "phrase"), [
    ("这辆车在这停了大半年了", "大半年了"), ("都小半年没人管了", "小半年"), ("楼道灯坏了大半个月", "大半个月"),
    ("井盖松了一年半了", "一年半了"), ("拖了一个半月了", "一个半月了"),
])  # fmt: skip
def test_a_half_is_read_with_its_unit(text: str, phrase: str) -> None:
    got = parse_time_phrase(text, NOW)
    assert got is not None and phrase in got.text



@pytest.mark.parametrize(("said", "building", "near"), [
    ("阳光花园5栋后面的自行车棚", "5", "后面的自行车棚"), ("幸福里小区7号楼门口那个垃圾桶", "7", "门口那个垃圾桶"),
    ("阳光花园 东门到3栋之间那段路", "3", "东门到3栋之间那段路"),
])  # fmt: skip
def test_a_place_near_a_building_keeps_where_near_it(said: str, building: str, near: str) -> None:
    s = step(at(Asking.ADDRESS, "路灯不亮").state, msg(said))
    d = s.state.draft
    assert d is not None and d.building == building and near in (d.address_text or "")


def test_a_building_and_its_door_need_no_words_beside_them() -> None:
    s = step(at(Asking.ADDRESS, "路灯不亮").state, msg("阳光花园3栋2单元"))
    d = s.state.draft
    assert d is not None and (d.building, d.unit, d.address_text) == ("3", "2", None)


async def test_after_filing_a_lead_into_a_request_about_the_ticket_s_thing_goes_to_it(
    world: World, engine: DialogEngine, app: App
) -> None:
    me = resident(engine)
    number = await _filed(me, "上周开始小区花坛就没人打理了 杂草长得很高，幸福里小区3栋2单元501，电话13812345678")
    await me.say("还有 顺便打点除草剂吧 杂草太多了")
    assert me.said == tx.noted_on_ticket(number)
    assert len(await tickets(app)) == 1


@pytest.mark.parametrize("words", ["还有 烧烤店的油烟也很大", "还有 楼下小卖部音响很吵"])
def test_a_lead_into_news_about_the_same_party_or_the_same_fault_elsewhere_is_a_new_matter(words: str) -> None:
    assert new_matter(words, FULL)
