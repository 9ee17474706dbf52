"""倒了 with what was poured or dumped after it (有人倒了一大堆装修垃圾, 倒了一地脏水) is no one collapsed: the merged
dialog bench (eighteenth session) filed round 17's 「单元门口有人倒了一大堆装修垃圾」 an emergency and told the resident
to call 120 and not move the injured. A person who fell stays an emergency."""

from __future__ import annotations

import pytest

from core.text.urgency import assess_urgency
from core.text.urgency_rules import EMERGENCY


@pytest.mark.parametrize("text", [
    "车库门口有人倒了一大堆碎砖头",  # an emergency on main 784c934
    "楼梯口不知道谁倒了一大堆建筑垃圾 堵了好几天",
    "有人在车库门口倒了一地脏水 都结冰了",
    "隔壁饭店天天往下水道倒了好多泔水",
])
def test_dumping_is_no_collapse(text: str) -> None:
    assert assess_urgency(text).level != EMERGENCY


@pytest.mark.parametrize("text", ["楼道里有个大爷倒了 一直没起来", "有人倒了 就在快递柜旁边"])
def test_a_person_who_fell_stays_an_emergency(text: str) -> None:
    assert assess_urgency(text).level == EMERGENCY
