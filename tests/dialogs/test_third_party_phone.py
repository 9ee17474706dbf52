"""Someone else's phone in the complaint (third30): a number the resident gives for the person or body they talk
about — the driver blocking a lane, the property's manager, the builder next door, in Simplified or Traditional,
digits or Chinese numerals, mobile or landline — is not the resident's contact phone: the bot still asks for theirs,
the number stays in the description for whoever takes the ticket, and the grid group sees it masked, with the third
party's full name masked as a resident's is. A phone the resident says is theirs is still taken from the opening."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from core.text.phone import find_phones
from tests.dialogs.conftest import outbox, resident, tickets
from tests.world import World

# place and time said, so the phone is the only thing left to ask
THEIRS = [
    ("幸福里小区2栋门口一辆黑色面包车昨天晚上就停在消防通道上，司机手机一五九 八七六五 四三二一", "15987654321", "159****4321"),
    ("幸福里小区6栋电梯从上周五开始就坏了，找物业李主任的座机0512-67891234老是没人接", "0512-67891234",
     "0512-****1234"),
    ("幸福里小区9栋楼上从前天开始一直往下滴水，楼上那户房东叫周志强，手机是13723456789", "13723456789", "137****6789"),
    ("幸福里小區4棟樓道從昨天開始堆滿建築垃圾，施工隊的電話是13698765432", "13698765432", "136****5432"),
]  # fmt: skip


@pytest.mark.parametrize(("opening", "number", "masked"), THEIRS)
async def test_someone_elses_number_is_not_taken_as_the_residents(
        world: World, engine: DialogEngine, app: App, opening: str, number: str, masked: str) -> None:
    me = resident(engine)
    await me.say(opening)
    assert tx.ASK_PHONE in me.said, "the resident's own phone is still asked for"
    await me.say("18655554444")
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert t.contact_phone == "18655554444"
    assert number in find_phones(t.description), "the worker who takes the ticket can still call them"
    group = [str(m.payload) for m in await outbox(app) if m.audience == "group"]
    assert group and not [p for p in group if number in p or number.split("-")[-1][:4] in p.replace(masked, "")]
    assert any(masked in p for p in group)


async def test_a_third_partys_full_name_is_masked_on_the_group_card(
        world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.say("幸福里小区9栋楼上从前天开始一直往下滴水，楼上那户房东叫周志强，手机是13723456789")
    await me.say("18655554444")
    await me.pick(tx.SUBMIT)
    group = [str(m.payload) for m in await outbox(app) if m.audience == "group"]
    assert group and not [p for p in group if "周志强" in p] and any("周**" in p for p in group)


@pytest.mark.parametrize(("opening", "mine"), [
    ("幸福里小区2栋门口的车昨天晚上就堵着，车主电话13911112222，有事打我15033334444", "15033334444"),
    ("幸福里小区6栋电梯从上周五开始坏了，物业电话一直打不通 0512-67891234，联系我一三七 五五五五 六六六六", "13755556666"),
])  # fmt: skip
async def test_the_residents_own_number_beside_someone_elses_is_the_contact(
        world: World, engine: DialogEngine, app: App, opening: str, mine: str) -> None:
    me = resident(engine)
    await me.say(opening)
    assert tx.ASK_PHONE not in me.said
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert t.contact_phone == mine


AFTER = "幸福里小区8栋楼下的车从今天早上开始一直堵着单元门，电话13600006666"


@pytest.mark.parametrize("words", ["车主电话一直打不通 13912340000", "物业的号码换成了0512-67890000，还是没人接"])
async def test_someone_elses_number_after_filing_does_not_change_the_contact(
        world: World, engine: DialogEngine, app: App, words: str) -> None:
    me = resident(engine)
    number = await me.file(AFTER)
    await me.say(words)
    (t,) = await tickets(app)
    assert t.contact_phone == "13600006666" and "已改为" not in me.said and number not in ("",)


async def test_a_corrected_phone_beside_someone_elses_is_the_residents(
        world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    number = await me.file(AFTER)
    await me.say("刚才电话留错了，车主的是13912340000，我的是15011112222")
    (t,) = await tickets(app)
    assert t.contact_phone == "15011112222"
    assert me.said == tx.phone_changed_on_ticket(number, "15011112222")
