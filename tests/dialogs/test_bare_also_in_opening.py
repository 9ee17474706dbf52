"""Found in the twentieth session: 「3栋楼下垃圾一个星期没人清，还有楼上每天半夜拖椅子」 was one ticket filed as 噪音扰民 —
the rubbish went to a noise handler. Two matters joined by a bare 还有 that need different kinds of work are told
apart as after 另外 (tests/dialogs/test_second_in_opening.py); a consequence, a second fault of the same kind, and
「there is still」 stay one message."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from core.text.enumerated import split_also
from tests.dialogs.conftest import resident, tickets
from tests.world import World


async def test_a_matter_of_another_kind_after_a_bare_also_is_offered_next(
    world: World, engine: DialogEngine, app: App
) -> None:
    me = resident(engine)
    await me.say("幸福里小区3栋门口那盏路灯不亮好几天了，还有草坪上狗屎到处都是没人清理，电话13800002222")
    assert tx.LIST_SPLIT in me.said
    if tx.SUBMIT not in me.said:
        await me.say("跳过")  # the unit
    assert "内容：幸福里小区3栋门口那盏路灯不亮好几天了\n" in me.said
    await me.pick(tx.SUBMIT)
    assert "狗屎到处都是没人清理" in me.said  # offered next
    (t,) = await tickets(app)
    assert "狗屎" not in t.description and t.category == "工程维修"


@pytest.mark.parametrize("text", ["厨房里燃气味很重，还有人在里屋睡觉", "水管爆了，还有水在往外冒", "小区里那家店，还有点吵"])
def test_there_is_still_is_no_second_matter(text: str) -> None:
    assert split_also(text) is None


@pytest.mark.parametrize("opening", [
    "楼上卫生间往我家渗水，还有吊顶都泡得鼓起来了，幸福里小区3栋2单元501",
    "地下车库的排风扇坏了，还有门口的道闸也抬不起来，幸福里小区",
    "厨房里燃气味很重，还有人在里屋睡觉，幸福里小区3栋2单元501",
])
async def test_these_stay_one_message(world: World, engine: DialogEngine, app: App, opening: str) -> None:
    me = resident(engine)
    await me.say(opening)
    assert tx.LIST_SPLIT not in me.said
