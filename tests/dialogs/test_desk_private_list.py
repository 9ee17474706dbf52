"""A dispatcher's 我的工单 in their private chat (branch left29): they hold no tickets and have no grid, so it was
always 「您手上没有未办结的工单」. The desk's own work is listed instead: what waits for dispatch first, then what is
overdue — each one picked by its position as a worker picks theirs."""

from __future__ import annotations

from datetime import timedelta

from bot.conversation.engine import DialogEngine
from core.clock import ManualClock
from core.texts import workers as to_workers
from tests.dialogs.conftest import resident
from tests.world import World


async def test_the_desk_sees_what_waits_for_dispatch_then_what_is_overdue(world: World, engine: DialogEngine,
                                                                          clock: ManualClock) -> None:
    late = await world.file("3栋楼道灯坏了")  # assigned to grid A
    waiting = await world.file("门禁坏了", grid=None, community="银杏苑", who="resident-2")  # no grid covers it
    clock.advance(timedelta(days=10))
    desk = resident(engine, "d1")  # 调度员, privately
    await desk.say("我的工单")
    lines = desk.said.splitlines()
    assert lines[0] == to_workers.DESK_HEADER.format(count=2), desk.said
    first, second = (next(i for i, x in enumerate(lines) if n in x) for n in (waiting, late))
    assert first < second and lines[second].endswith(to_workers.MINE_OVERDUE)
    assert "待接单" not in lines[first]  # 待派单 waits for the desk, not for a worker's claim
    await desk.say("1")
    assert desk.said.startswith(f"工单 {waiting}")


async def test_nothing_waiting_says_so_in_the_desks_words(world: World, engine: DialogEngine) -> None:
    desk = resident(engine, "d1")
    await desk.say("我的工单")
    assert desk.said == to_workers.DESK_EMPTY
