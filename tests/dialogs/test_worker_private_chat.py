"""usertest28: in a worker's private chat /help showed the residents' 使用说明, 「查询 <编号>」 of a ticket of the
worker's own grid said 没有找到, the numbered 我的工单 could not be picked from (「2」: 没看懂这个数字), and tickets
past their deadline were listed like the rest."""

from __future__ import annotations

from datetime import timedelta

from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from bot.dialogs import worker_texts as wtx
from core.clock import ManualClock
from core.texts import workers as to_workers
from tests.dialogs.conftest import resident
from tests.world import World

BENCH = "幸福里小区7栋的楼道灯昨天坏了，我叫孙建华，电话13955556666"
PIPE = "幸福里小区2栋1单元的电梯从今天早上起一直停在一楼不动，电话13955557777"


async def test_a_worker_asking_for_help_is_shown_the_workers_commands(world: World, engine: DialogEngine) -> None:
    zhang = resident(engine, "w1")  # 张伟, grid A, privately
    await zhang.send(command="help")
    assert zhang.said.startswith(wtx.PRIVATE_HELP) and "我的投诉" not in zhang.said
    me = resident(engine)
    await me.send(command="help")
    assert me.said.startswith(tx.help_text("96777")[:10]) and wtx.PRIVATE_HELP not in me.said


async def test_a_worker_reads_a_ticket_of_their_grid_masked(world: World, engine: DialogEngine) -> None:
    number = await resident(engine).file(BENCH)
    li = resident(engine, "w2")  # 李娜, grid A, not holding it
    await li.say(f"查询 {number}")
    assert f"工单 {number}" in li.said and "楼道灯" in li.said
    assert "13955556666" not in li.said and "孙建华" not in li.said and "孙**" in li.said
    wang = resident(engine, "w3")  # 王强, grid B
    await wang.say(f"查询 {number}")
    assert wang.said == tx.not_found(number)


async def test_a_worker_picks_a_ticket_from_the_list_by_its_position(world: World, engine: DialogEngine) -> None:
    first = await resident(engine).file(BENCH)
    second = await resident(engine, "resident-2").file(PIPE)
    zhang = resident(engine, "w1")
    await zhang.say("我的工单")
    assert wtx.WORK_PICK in zhang.said
    listed = [line for line in zhang.said.splitlines() if first in line or second in line]
    which = second if second in listed[1] else first
    await zhang.say("2")
    assert zhang.said.startswith(f"工单 {which}")


async def test_a_ticket_past_its_deadline_is_marked_in_the_list(world: World, engine: DialogEngine,
                                                                clock: ManualClock) -> None:
    number = await resident(engine).file(BENCH)
    zhang = resident(engine, "w1")
    await zhang.say("我的工单")
    assert to_workers.MINE_OVERDUE not in zhang.said
    clock.advance(timedelta(days=10))
    await zhang.say("我的工单")
    line = next(x for x in zhang.said.splitlines() if number in x)
    assert line.endswith(to_workers.MINE_OVERDUE)
