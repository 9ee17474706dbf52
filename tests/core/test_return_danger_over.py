"""An emergency a worker gives back because there is no danger (user test, twentieth session: 「退回 业主说已经出来了，
误报」 told the resident people were being sent again): the resident is told it is being checked by the desk, with the
numbers still given; an emergency given back for another reason is still re-sent as before."""

from __future__ import annotations

import pytest

from core.enums import Urgency
from core.text.danger_over import says_danger_over
from tests.core.test_tickets_service import outbox, text_of
from tests.world import World


@pytest.mark.parametrize("note", ["上门看过了 楼道里没有烟味", "那个小孩已经被家长抱出来了", "老人自己起来了 虚惊一场"])
async def test_no_danger_found_is_told_as_being_checked(world: World, note: str) -> None:
    number = await world.file("8栋楼道里好像有烟 有人被困", urgency=Urgency.EMERGENCY, category="安全管理")
    await world.app.tickets.return_(number, world.actor(world.worker), "其他", note)
    (told,) = [text_of(m) for m in await outbox(world, purpose="returned", audience="resident")]
    assert "核实" in told and "重新安排人员" not in told and "119" in told


@pytest.mark.parametrize("note", ["门锁着进不去 需要消防来破门", "这栋楼不归我们网格", "地址写的楼号小区里没有"])
def test_other_reasons_say_nothing_of_the_danger(note: str) -> None:
    assert not says_danger_over(note)
