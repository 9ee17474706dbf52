"""「电梯里困着个…」: someone trapped said with a measure word (twelfth session: a person in a wheelchair trapped in a
lift, the maintenance an hour away, was read as nothing at all — 困着 was no trapped word and 坐轮椅的 no person),
and a thing shut in a lift is no one trapped (「电梯里关着个快递」 was an emergency)."""

from __future__ import annotations

import pytest

from core.text.urgency import EMERGENCY, assess_urgency


@pytest.mark.parametrize("said", ["电梯里困着个孕妇 按铃没人理", "三号梯里困着两个小孩 哭得厉害", "电梯里困着个病人 物业说等维保"])
def test_someone_trapped_is_an_emergency(said: str) -> None:
    assert assess_urgency(said).level == EMERGENCY


@pytest.mark.parametrize("said", ["电梯里关着个快递箱子 谁的也不知道", "我困着呢 明天再说吧", "楼道里关着个纸箱 堵路了"])
def test_no_one_trapped(said: str) -> None:
    assert assess_urgency(said).level != EMERGENCY
