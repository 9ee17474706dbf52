"""Where a message says it happens is not how bad it is (twelfth session: 「楼梯扶手断了 老人上下楼很危险」 was asked
about, and with 「幸福里3号楼2单元」 in front of it called an emergency — the model had learned a door's numbers,
which writers put in emergencies more often, as danger)."""

from __future__ import annotations

import pytest

from core.text.urgency import EMERGENCY, assess_urgency

DOORS = ("幸福里3号楼2单元", "阳光花园5栋1单元302 ", "我住翠湖苑8座1202，", "十一号楼三单元")


@pytest.mark.parametrize("said", [
    "楼道里的窗户玻璃裂了一条缝", "消防栓的门坏了关不上", "楼梯扶手松了 晃得厉害 老人扶着怕摔",
    "配电箱的门被人撬开了 里面的线都露着", "地库出口的减速带翘起来了", "单元门的闭门器坏了 门关得特别猛",
])  # fmt: skip
def test_a_door_in_front_changes_nothing(said: str) -> None:
    alone = assess_urgency(said)
    for door in DOORS:
        with_door = assess_urgency(door + said)
        assert (with_door.level, with_door.triage) == (alone.level, alone.triage), door + said


@pytest.mark.parametrize("said", ["3号楼2单元有个老人晕倒在楼道里 叫不醒", "阳光花园5栋1单元 厨房着火了 火很大"])
def test_an_emergency_with_its_door_is_still_one(said: str) -> None:
    assert assess_urgency(said).level == EMERGENCY


@pytest.mark.parametrize("said", ["楼下车棚里一辆电动车着起来了", "绿化带里的枯草着了起来 火苗往楼这边窜"])
def test_caught_fire_is_fire_now(said: str) -> None:
    # 「…杂物着起来了」 was no fire at all (round 20's row was caught only by the 3号楼 after it)
    assert assess_urgency(said).level == EMERGENCY


def test_waking_up_is_no_fire() -> None:
    assert assess_urgency("睡着起来发现楼下的垃圾还是没人收").level != EMERGENCY
