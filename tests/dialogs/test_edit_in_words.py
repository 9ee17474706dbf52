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


# ninth session: 「改一下 是11栋2单元」 at the read-back was appended to the description, the address unchanged;
# 「11栋2单元」 as the new address asked for the community again; 「不对」 at 地址是「…」，对吗？ was taken as the address
@pytest.mark.parametrize(("said", "shown"), [
    ("改一下 是3栋1单元", "地点：幸福里小区3栋1单元"), ("不对，应该是前天晚上", "时间：前天晚上"),
    ("电话写错了，是13955556666", "电话：13955556666"), ("地址不对 应该是幸福里小区5栋", "地点：幸福里小区5栋"),
])  # fmt: skip
async def test_a_correction_at_the_read_back_changes_its_field(world: World, engine: DialogEngine, app: App,
                                                               said: str, shown: str) -> None:
    me = resident(engine)
    await me.say(OPENING)
    await me.say(said)
    assert shown in me.said and said not in me.said
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert said not in t.description


async def test_a_part_of_the_address_keeps_the_community(world: World, engine: DialogEngine) -> None:
    me = await _to_which(engine)
    await me.say("4栋2单元")
    assert "地点：幸福里小区4栋2单元" in me.said


@pytest.mark.parametrize("said", ["不对", "不是", "重新填", "唔係"])
async def test_a_no_to_the_address_offered_asks_again(world: World, engine: DialogEngine, said: str) -> None:
    me = resident(engine)
    await me.say("金色家园11栋电梯坏了，电话13600002222")
    assert "金色家园11栋" in me.said and "对吗" in me.said
    await me.say(said)
    assert me.said.startswith(tx.ASK_ADDRESS)


async def test_a_phone_corrected_while_the_address_is_confirmed(world: World, engine: DialogEngine) -> None:
    me = resident(engine)
    await me.say("金色家园11栋电梯坏了，电话13600002222")
    await me.say("电话写错了 是13955556666")
    assert "对吗" in me.said
    await me.say("对")
    await me.say("昨天")
    assert "电话：13955556666" in me.said


# eleventh session: 「地址错了 应该是8栋」 after 7栋3单元1203 at the read-back asked the unit and door again, and 「对」 (the
# same as before) left the address at 8栋; 「改一下 是1202」 and 「应该是翠湖苑」 alone were appended to the description
HOME = "我是幸福里小区7栋3单元1203的 家里卫生间漏水 昨天开始 电话13600002222"


@pytest.mark.parametrize(("said", "shown"), [
    ("地址错了 应该是8栋", "地点：幸福里小区8栋3单元1203室"), ("不对 是5单元", "地点：幸福里小区7栋5单元1203室"),
    ("改一下 是1202", "地点：幸福里小区7栋3单元1202室"), ("应该是9号楼2单元", "地点：幸福里小区9栋2单元1203室"),
])  # fmt: skip
async def test_a_part_corrected_keeps_the_rest_of_the_address(world: World, engine: DialogEngine, app: App,
                                                              said: str, shown: str) -> None:
    me = resident(engine)
    await me.say(HOME)
    assert "地点：幸福里小区7栋3单元1203室" in me.said
    await me.say(said)
    assert shown in me.said and tx.DESCRIPTION_APPENDED not in me.said
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert said not in t.description


async def test_another_community_named_starts_the_address_afresh(world: World, engine: DialogEngine) -> None:
    me = resident(engine)
    await me.say(HOME)
    await me.say("应该是阳光花园")
    assert "阳光花园" in me.said and "1203" not in me.said and tx.DESCRIPTION_APPENDED not in me.said


async def test_the_unit_said_only_the_door_is_asked(world: World, engine: DialogEngine) -> None:
    me = resident(engine)
    await me.say("我是幸福里小区7栋的 三单元 家里厨房水管漏了 昨天开始")
    assert me.said == tx.ASK_DOOR_NUMBER.format(place="幸福里小区7栋3单元")


# fourteenth session, talking to the chat: at 「要修改哪一项？」 a sentence carrying the new value (电话写错了，应该是…)
# was refused with 「也可以直接发新的地址或电话」, and 「提交」 there was refused again and again
@pytest.mark.parametrize(("said", "shown"), [
    ("电话写错了，应该是13900139000", "电话：13900139000"), ("手机号改成13911112222", "电话：13911112222"),
    ("地址错了 应该是幸福里小区6栋", "地点：幸福里小区6栋"), ("时间改成上周五晚上", "时间：上周五晚上"),
])  # fmt: skip
async def test_a_correction_with_its_value_at_the_which_question(world: World, engine: DialogEngine,
                                                                 said: str, shown: str) -> None:
    me = await _to_which(engine)
    await me.say(said)
    assert shown in me.said and me.said != tx.BAD_WHICH


@pytest.mark.parametrize("said", ["提交", "直接提交吧", "确认提交"])
async def test_submit_at_the_which_question_files_it(world: World, engine: DialogEngine, app: App, said: str) -> None:
    me = await _to_which(engine)
    await me.say(said)
    assert me.said != tx.BAD_WHICH
    (t,) = await tickets(app)
    assert t.building == "3"
