"""Filed for an estate outside every grid (branch left29): the resident read 「由「调度中心」处理，将在 … 前办结」, a repair
deadline nobody was placed to keep. Now they are told the desk finds who is responsible first, and 我的投诉 shows no
deadline until it is placed."""

from __future__ import annotations

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from tests.dialogs.conftest import resident, tickets
from tests.world import World


async def test_no_repair_deadline_is_promised_for_a_place_no_grid_covers(world: World, engine: DialogEngine,
                                                                          app: App) -> None:
    me = resident(engine)
    await me.say("单元门的门禁坏了开不了门，银杏苑小区2栋1单元，电话13812340001")
    for _ in range(4):  # the unknown 小区 read back first, since when, then the record
        if tx.SUBMIT in me.said:
            break
        await me.say("对" if "对吗" in me.said else "今天")
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert t.grid_id is None and t.number in me.said
    assert "前办结" not in me.said and "银杏苑" in me.said and "网格范围" in me.said, me.said
    await me.say("我的投诉")
    assert t.number in me.said and "时限" not in me.said, me.said
