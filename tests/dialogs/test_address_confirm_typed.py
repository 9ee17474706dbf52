"""At 「地址是「…」，对吗？」 a resident may type the yes (没错, 是的) or read ahead and give the time or the phone: a yes
is a yes, and a time or a phone is kept and the address question put again, never taken as the address."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from tests.dialogs.conftest import Person, resident, tickets
from tests.world import World

OPENING = "饭店的排烟管正对着我家窗户，油烟熏得家里全是味"
SPOKEN = "金色家园十二栋二单元六零一"  # a 小区 not on the list, numbers in words: the reading is shown for a yes
READ = "金色家园12栋2单元601室"


async def _at_confirmation(engine: DialogEngine) -> Person:
    me = resident(engine)
    await me.say(OPENING)
    await me.say(SPOKEN)
    assert tx.confirm_address(READ) in me.said
    return me


@pytest.mark.parametrize("yes", ["没错", "是的", "对的", "嗯嗯"])
async def test_a_typed_yes_confirms(world: World, engine: DialogEngine, app: App, yes: str) -> None:
    me = await _at_confirmation(engine)
    await me.say(yes)
    assert tx.ASK_OCCURRED in me.said or tx.ASK_PHONE in me.said


async def test_the_time_and_phone_said_early_are_kept(world: World, engine: DialogEngine, app: App) -> None:
    me = await _at_confirmation(engine)
    await me.say("两个月了")
    assert tx.slots_noted(["时间"]) in me.said and tx.confirm_address(READ) in me.said
    await me.say("一三九 零零一二 三四五六")
    assert tx.slots_noted(["电话"]) in me.said
    await me.say("对")
    assert tx.REVIEW_HEAD in me.said
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert t.building == "12" and t.room == "601" and t.contact_phone == "13900123456" and t.occurred_text == "两个月了"


async def test_another_address_typed_there_replaces_the_reading(world: World, engine: DialogEngine, app: App) -> None:
    me = await _at_confirmation(engine)
    await me.say("不对，是金色家园2栋1单元601")
    await me.say("两个月了")
    await me.say("13900123456")
    await me.say("对")  # the 小区 is not on the list: the new reading is put for a yes too
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert t.building == "2" and t.unit == "1" and t.room == "601"


async def test_a_spot_then_the_community_keeps_both(world: World, engine: DialogEngine, app: App) -> None:
    """「就在南门那边」, then 「幸福里」 at 对吗？: the ticket said only 幸福里小区, the gate was lost."""
    me = resident(engine)
    await me.say("我们小区垃圾桶都满出来了")
    await me.say("就在南门那边")
    await me.say("幸福里")
    if tx.ASK_OCCURRED in me.said:
        await me.say("今天")
    await me.say("13812345678")
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert t.community == "幸福里小区" and "南门" in (t.address_text or "")


async def test_words_that_were_no_place_are_not_kept_as_one(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.say("垃圾桶都满出来了")
    await me.say("一直都这样")  # at where: not a place (asked about kindly)
    await me.say("幸福里小区3栋")
    if tx.ASK_OCCURRED in me.said:
        await me.say("今天")
    if tx.ASK_PHONE in me.said:
        await me.say("13812345678")
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert "一直" not in (t.address_text or "")


async def test_not_knowing_the_community_is_helped_not_confirmed(world: World, engine: DialogEngine) -> None:
    """「不知道是哪个小区，刚搬来」 was asked 「地址是「不知道是哪个小区，刚搬来」，对吗？」."""
    me = resident(engine)
    await me.say("我家门口的灯坏了")
    await me.say("不知道是哪个小区，刚搬来")
    assert tx.ADDRESS_UNKNOWN_HELP in me.said and tx.ASK_ADDRESS in me.said and "对吗" not in me.said


@pytest.mark.parametrize("typed", ["提交", "yes"])  # ninth session: 「yes」 was stored as the time
async def test_submit_typed_at_the_time_question_is_no_time(world: World, engine: DialogEngine, app: App,
                                                            typed: str) -> None:
    """「提交」 at the time question was stored as the time (时间：每次开空调都滴，提交)."""
    me = resident(engine)
    await me.say("楼上的空调外机滴水，滴到我家阳台上，幸福里小区3栋2单元502，电话13512340000")
    assert tx.ASK_OCCURRED in me.said
    await me.say(typed)
    assert tx.BAD_OCCURRED in me.said
    await me.say("上个月开始")
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert typed not in (t.occurred_text or "")


async def test_submit_typed_at_the_address_reading_is_a_yes(world: World, engine: DialogEngine) -> None:
    me = await _at_confirmation(engine)
    await me.say("提交")
    assert tx.ASK_OCCURRED in me.said or tx.ASK_PHONE in me.said


@pytest.mark.parametrize(("said", "kept"), [
    ("就在幸福里门口啊 你们去看就知道了", "门口"), ("幸福里小区东门旁边的花坛 麻烦快点", "东门旁边的花坛"),
    ("阳光花园车库B1 靠电梯那块", "车库B1 靠电梯那块"),
])  # fmt: skip
def test_only_where_is_kept_beside_the_community(said: str, kept: str) -> None:
    # eleventh session: the ticket's place read 幸福里小区（就在 门口啊 你们去看就知道了）
    from bot.dialogs.understand import place_detail

    community = "幸福里" if "幸福里" in said else "阳光花园"
    assert place_detail(said, community) == kept
