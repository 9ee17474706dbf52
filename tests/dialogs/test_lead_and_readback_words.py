"""Found talking to the bot: a message that only announces a matter (「我想反映个事情」) is asked what the matter is, and
the matter said next is the description, not an address; at the read-back 「对」「没错」「确认」 file the ticket, and thanks
are no detail to add to it."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from bot.dialogs.inputs import lead_only
from tests.dialogs.conftest import resident, tickets
from tests.world import World

MATTER = "隔壁邻居天天在楼道里堆杂物，消防通道都堵了"


@pytest.mark.parametrize(("said", "kind"), [
    ("我想反映个事情", "complaint"), ("有个问题想反映一下", "complaint"), ("投诉物业", "complaint"),
    ("您好，我想投诉一下我们小区的物业", "complaint"), ("有点事想问问", "consult"), ("我想咨询一下", "consult"),
    ("我要报个修", "repair"), ("你好 想报修", "repair"),
    # eleventh session (round 20, after its score): a greeting before the lead made it a consultation of its own words
    ("在吗 我要报个修", "repair"), ("喂 有人在吗 投诉", "complaint"),
])  # fmt: skip
def test_a_lead_in_alone_is_told_apart(said: str, kind: str) -> None:
    assert lead_only(said) == kind


@pytest.mark.parametrize("said", [
    "投诉物业乱收费", "我要投诉楼上噪音", "想问问物业费怎么交", "报修厨房水管漏了", "你好", "谢谢", "物业", "我想说一下三栋电梯坏了",
    "有人吗",
])  # fmt: skip
def test_a_lead_in_with_the_matter_in_it_is_not_a_lead_in_alone(said: str) -> None:
    assert lead_only(said) is None


async def test_the_matter_after_a_lead_in_is_the_description(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.say("我想反映个事情")
    assert tx.ASK_DESCRIPTION_FOR["complaint"] in me.said and tx.ASK_ADDRESS not in me.said
    await me.say(MATTER)
    assert tx.ASK_ADDRESS in me.said  # the matter was taken as the matter, the place asked next
    await me.say("幸福里小区5号楼1门")
    if "什么时候开始" in me.said:  # since when, in either wording (flow30 quotes a lasting or recurring time)
        await me.say("快半年了")
    await me.say("13800138000")
    await me.say("没错")
    (t,) = await tickets(app)
    assert MATTER in t.description and "反映个事情" not in t.description and "没错" not in t.description


@pytest.mark.parametrize("yes", ["对", "没错", "确认", "对的。", "好的", "确定", "係", "啱", "Yes"])
async def test_agreeing_at_the_read_back_files_it(world: World, engine: DialogEngine, app: App, yes: str) -> None:
    me = resident(engine)
    await me.say("楼道灯坏了一个星期了，幸福里小区3栋2单元，电话13812345678")
    assert tx.REVIEW_HEAD in me.said
    await me.say(yes)
    (t,) = await tickets(app)
    assert "；" not in t.description  # nothing added to what was said


async def test_thanks_at_the_read_back_is_not_added(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.say("楼道灯坏了一个星期了，幸福里小区3栋2单元，电话13812345678")
    await me.say("谢谢啊")
    assert tx.REVIEW_HOW in me.said and tx.DESCRIPTION_APPENDED not in me.said
    assert await tickets(app) == []
    await me.say("再补充一下，二楼和三楼的都不亮")  # a real detail still goes in
    assert tx.DESCRIPTION_APPENDED in me.said
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert "谢谢" not in t.description and "二楼和三楼" in t.description


async def test_another_matter_elsewhere_at_the_read_back_is_set_aside(
        world: World, engine: DialogEngine, app: App) -> None:
    """A new complaint with a place of its own, said at the read-back, was appended to this one's text."""
    me = resident(engine)
    await me.say("我家卫生间天花板一直往下滴水，阳光花园3栋2单元502，前天晚上开始的，电话13912345678")
    assert tx.REVIEW_HEAD in me.said
    await me.say("幸福里小区2栋楼道的灯坏了三天了，晚上黑漆漆的")
    assert tx.ASIDE_NOTED in me.said and tx.DESCRIPTION_APPENDED not in me.said
    await me.say("楼上那家一直联系不上")  # a detail of this one still goes in
    assert tx.DESCRIPTION_APPENDED in me.said
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert "楼道的灯" not in t.description and "联系不上" in t.description


async def test_a_phone_alone_at_the_read_back_is_the_phone(world: World, engine: DialogEngine, app: App) -> None:
    """It was added to the description, masked (136****1111): the number was lost to the worker."""
    me = resident(engine)
    await me.say("楼道灯坏了一个星期了，幸福里小区3栋2单元，电话13812345678")
    await me.say("13600001111")
    assert tx.PHONE_CHANGED in me.said and "电话：13600001111" in me.said
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert t.contact_phone == "13600001111" and "1111" not in t.description


async def test_a_list_of_matters_is_filed_one_by_one(world: World, engine: DialogEngine, app: App) -> None:
    """「两个事：一是…二是…」 was one ticket with two matters: one handler, one deadline, a category for neither."""
    me = resident(engine)
    await me.say("两个事：一是3栋电梯老是停，二是楼下垃圾没人清，幸福里小区，这周一直这样，电话13800001111")
    assert tx.LIST_SPLIT in me.said or tx.REVIEW_HEAD in me.said
    assert "内容：3栋电梯老是停" in me.said
    await me.pick(tx.SUBMIT)
    assert "楼下垃圾没人清" in me.said  # offered next
    (t,) = await tickets(app)
    assert "垃圾" not in t.description
