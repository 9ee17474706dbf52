"""Found talking to the bot (fifteenth session): 「楼道灯坏了，另外楼下垃圾也没人收」 was one ticket for both matters,
filed as 工程维修 — the rubbish went to a repair's handler and deadline. A second matter after a lead in the opening
is told apart as a list is: the first is filed, the second offered next with its own category."""

from __future__ import annotations

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from tests.dialogs.conftest import resident, tickets
from tests.world import World


async def test_a_second_matter_in_the_opening_is_offered_after_the_first(
    world: World, engine: DialogEngine, app: App
) -> None:
    me = resident(engine)
    await me.say("单元门的锁坏了关不上，还有就是楼下垃圾好几天没人收了，幸福里小区3栋，电话13800001111")
    assert tx.LIST_SPLIT in me.said
    await me.say("昨天晚上")  # 好几天 is the rubbish's time, not the lock's (sixteenth session): asked
    assert "内容：单元门的锁坏了关不上" in me.said
    await me.pick(tx.SUBMIT)
    assert "楼下垃圾好几天没人收了" in me.said  # offered next
    (t,) = await tickets(app)
    assert "垃圾" not in t.description


async def test_more_of_the_same_matter_after_a_lead_stays_one_ticket(
    world: World, engine: DialogEngine, app: App
) -> None:
    me = resident(engine)
    await me.say("厨房水管漏水，另外卫生间的水管也在漏，幸福里小区3栋，电话13800001111")
    assert tx.LIST_SPLIT not in me.said
    await me.say("跳过")  # the unit
    await me.say("今天早上")
    assert "内容：厨房水管漏水，另外卫生间的水管也在漏" in me.said
