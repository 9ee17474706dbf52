"""A praise (表扬) is thanked for, passed to the desk, and never told a deadline to 办结."""

from __future__ import annotations

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from core.enums import Kind
from tests.dialogs.conftest import resident, tickets
from tests.world import World

PRAISE = "想表扬一下我们楼的保洁刘阿姨，每天把楼梯扶手擦得干干净净"


async def test_a_praise_is_passed_on_with_thanks_and_no_deadline(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.say(PRAISE)
    assert tx.ASK_OCCURRED not in me.said and tx.ASK_COMMUNITY_PRAISE in me.said  # nothing began: no "since when"
    await me.pick("幸福里小区")  # which 小区's staff: asked once
    await me.say("13812345678")
    assert tx.REVIEW_HEAD_PRAISE in me.said and "类型：表扬" in me.said and tx.REVIEW_HEAD not in me.said
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert t.kind == Kind.PRAISE.value and t.community == "幸福里小区"
    assert t.needs_dispatcher and "表扬" in (t.flag_reason or "")  # the desk passes it on
    assert "谢谢您的表扬" in me.said and "办结" not in me.said
    other = resident(engine, "resident-2")  # a second praise of the same person is no duplicate to join
    await other.say(PRAISE)
    await other.pick("幸福里小区")
    await other.say("13900001111")
    await other.pick(tx.SUBMIT)
    assert "谢谢您的表扬" in other.said and len(await tickets(app)) == 2


async def test_a_complaint_with_courtesy_is_still_a_complaint(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.say("保洁阿姨人挺好的，就是楼下垃圾桶三天没清了，幸福里小区3栋2单元501，电话13812345678")
    if tx.ASK_OCCURRED in me.said:
        await me.say("上周五开始的")
    assert tx.REVIEW_HEAD in me.said
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert t.kind != Kind.PRAISE.value and "办结" in me.said
