"""A worker's command word alone with several tickets it could mean (「接单」) lists the choices; an emergency among
them comes first (user test, twentieth session: a child locked in a car was the fourth number of four)."""

from __future__ import annotations

from bot.conversation.engine import DialogEngine
from bot.dialogs import worker_texts as wtx
from core.enums import Urgency
from core.service import keys
from tests.dialogs.conftest import in_group
from tests.world import World


async def test_an_emergency_is_the_first_choice_offered(world: World, engine: DialogEngine) -> None:
    older = await world.file("3栋门口的垃圾桶盖子坏了")
    danger = await world.file("5栋地下车库一股很浓的汽油味 有人在里面晕倒了", urgency=Urgency.EMERGENCY,
                              category="安全管理", who="resident-2")
    newest = await world.file("6栋单元门禁刷不开", who="resident-3")
    zhang = in_group(engine, "w1")
    await zhang.say("接单")
    assert zhang.said == wtx.which_ticket(keys.CLAIM, [danger, newest, older])
