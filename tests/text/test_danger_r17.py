"""Round 17's false emergencies as classes (docs/understanding.md "Round 17's misses"), none a round-17 sentence:
倒了 before a heap is dumping, not someone falling; a wall built outward (违建) is no failing structure."""

from __future__ import annotations

import pytest

from core.text.urgency import EMERGENCY, assess_urgency


@pytest.mark.parametrize("text", [
    "有人在楼梯口倒了一大袋剩饭剩菜 臭得不行",
    "隔壁装修的倒了好多沙子在车位上",
    "对面把院墙加高了一米多 挡住我家采光",
    "一楼住户把围墙砌到公共绿地上了",
])  # fmt: skip
def test_dumping_or_a_wall_built_outward_is_no_emergency(text: str) -> None:
    u = assess_urgency(text)
    assert u.level != EMERGENCY and u.hazard not in ("injury", "structure")


@pytest.mark.parametrize("text", ["我妈在厨房倒了 叫不应", "小区围墙裂了好长一条缝 还往外歪", "楼道里有个老人倒在地上"])
def test_a_fall_or_a_failing_wall_is_still_one(text: str) -> None:
    u = assess_urgency(text)
    assert u.level == EMERGENCY or u.triage
