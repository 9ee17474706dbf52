"""usertest29 item 9: 「火灾保险小区有没有统一买」 was read as the 小区 「火灾保险小区」 (a topic word before 小区 is no estate:
「我们小区」 said shorter), and the real 小区 then sent at the phone question was told 「这个号码好像不对」."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from core.text.address import parse_address
from tests.dialogs.conftest import resident, tickets
from tests.world import World


@pytest.mark.parametrize("text", [
    "想问一下 家财险小区有统一办理吗",
    "停车费小区是按月收还是按年收",
    "电动车小区能不能统一装充电桩",
    "快递小区能送上楼吗",
    "有线电视小区怎么开通",
])
def test_a_topic_before_xiaoqu_is_no_estate(text: str) -> None:
    assert parse_address(text).community is None


@pytest.mark.parametrize(("text", "name"), [
    ("阳光小区电梯坏了", "阳光小区"), ("安康小区3栋漏水", "安康小区"), ("电力小区2栋停电了", "电力小区"),
    ("金桥小区门口有垃圾", "金桥小区"),
])
def test_estate_names_stay(text: str, name: str) -> None:
    assert parse_address(text).community == name


async def test_the_estate_sent_at_the_phone_question_is_kept(world: World, engine: DialogEngine, app: App) -> None:
    """A 小区 read from the question that is none the deployment serves gives way to a served one sent at the phone
    question: it was told 「这个号码好像不对」."""
    me = resident(engine)
    await me.say("咨询一下 金桥小区的物业费是多少钱一平")
    assert me.said.startswith(tx.ASK_PHONE)
    await me.say("阳光花园")
    assert me.said.startswith("地址已记下") and tx.ASK_PHONE in me.said
    await me.say("13566668888")
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert t.community == "阳光花园" and t.contact_phone == "13566668888"
