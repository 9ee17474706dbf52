"""usertest29 item 17: 「小区门口的红绿灯坏了」 was offered as a duplicate of 「楼道灯坏了」 at 10栋, and 「井盖没了」 at 西门
of 「井盖松了」 at 4栋门口. A duplicate needs the same thing AND the same place: a traffic light is no stairwell lamp, and a
spot outside any building (a gate, the garage) is not a building's door."""

from __future__ import annotations

import pytest

from core.dispatch.duplicates import DuplicateRules, Side, judge
from core.dispatch.spots import spot
from core.dispatch.things import different_things
from core.text import Address

RULES = DuplicateRules()
ESTATE = Address("桂花苑", None, None, None)
BLOCK_7 = Address("桂花苑", "7", None, None)


def test_a_traffic_light_is_no_stairwell_lamp() -> None:
    assert different_things("东门外的信号灯不亮了", "7栋的楼道灯坏了")
    assert different_things("路口红绿灯坏了", "小区里的路灯坏了")
    assert not different_things("那边的灯一直不亮", "东门外的红绿灯坏了")  # a bare 灯 may be any lamp


@pytest.mark.parametrize(("new", "new_at", "on_file", "file_at"), [
    ("北门那里的井盖不见了", ESTATE, "7栋门口井盖翘起来了", BLOCK_7),
    ("7栋楼下的井盖松了", BLOCK_7, "地下车库入口的井盖坏了", ESTATE),
    ("南门的井盖没了", ESTATE, "北门口井盖松动", ESTATE),
])
def test_one_thing_at_two_spots_is_no_duplicate(new: str, new_at: Address, on_file: str, file_at: Address) -> None:
    v = judge(Side(new, new_at), Side(on_file, file_at), RULES, ["桂花苑"])
    assert not v.duplicate and v.why == "place"


@pytest.mark.parametrize(("new", "new_at", "on_file", "file_at"), [
    ("北门的井盖不见了", ESTATE, "小区北门口井盖没了，很危险", ESTATE),  # one gate
    ("井盖没了", ESTATE, "7栋门口井盖翘起来了", BLOCK_7),  # no spot said: the similarity decides
    ("7栋门口井盖松了", BLOCK_7, "7栋楼下井盖翘起来了", BLOCK_7),
])
def test_one_spot_or_none_said_is_left_to_the_similarity(new: str, new_at: Address, on_file: str,
                                                         file_at: Address) -> None:
    assert judge(Side(new, new_at), Side(on_file, file_at), RULES, ["桂花苑"]).why != "place"


def test_a_community_named_after_a_gate_is_no_spot() -> None:
    assert spot("西门花园3栋楼道灯坏了", ["西门花园"]) is None
    assert spot("小区门口红绿灯坏了") == "大门"
    assert spot("东门的井盖") == "东门"
