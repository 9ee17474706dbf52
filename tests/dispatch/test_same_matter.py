"""usertest28: a street lamp was offered as a duplicate of a stairwell-light ticket, and rubbish at a door as a
duplicate of a street lamp. A duplicate needs the same matter, not only the same place."""

from __future__ import annotations

import pytest

from core.dispatch.duplicates import DuplicateRules, Side, judge
from core.dispatch.things import different_things, things
from core.text import Address

RULES = DuplicateRules()
GATE = Address("桂花苑", None, None, None)
BLOCK = Address("桂花苑", "6", "1", None)


@pytest.mark.parametrize(("new", "on_file", "new_at", "file_at"), [
    ("小区东门那边的路灯坏了，晚上黑乎乎", "6栋1单元的楼道灯坏了好几天", GATE, BLOCK),
    ("6栋门口的垃圾堆了好几天没人清", "东门路灯坏了", BLOCK, GATE),
    ("6栋1单元电梯坏了", "6栋1单元声控灯坏了", BLOCK, BLOCK),
])
def test_other_things_at_one_place_are_no_duplicate(new: str, on_file: str, new_at: Address, file_at: Address) -> None:
    v = judge(Side(new, new_at), Side(on_file, file_at), RULES)
    assert not v.duplicate and v.why == "matter"


@pytest.mark.parametrize(("new", "on_file"), [
    ("6栋1单元的声控灯不亮了", "6栋1单元楼道灯坏了好几天"),  # one lamp, two words for it
    ("6栋1单元灯坏了，晚上看不见", "6栋1单元楼道灯坏了"),  # a bare 灯 may be either lamp
    ("有人在6栋楼下烧垃圾", "6栋楼下有人焚烧树叶，烟很大"),  # the burning is the matter, not what burns
])
def test_one_thing_said_two_ways_is_still_a_duplicate(new: str, on_file: str) -> None:
    assert not different_things(new, on_file)
    assert judge(Side(new, BLOCK), Side(on_file, BLOCK), RULES).why != "matter"


def test_what_the_words_say_it_is_not_is_no_part_of_the_matter() -> None:
    assert things("门口的垃圾没人清；不对，其实是楼道灯坏了，不是垃圾") == {"垃圾", "楼道灯"}
    assert things("是楼道灯坏了，不是垃圾") == {"楼道灯"}


def test_a_text_that_names_no_thing_is_left_to_the_similarity() -> None:
    assert not different_things("楼上漏水漏到我家了", "6栋1单元水管爆了")
