"""A woman in labour (羊水破了, 要生了, 见红了) is a person in a medical state that cannot wait (round 23, written blind,
missed its one emergency after the session's score: a woman whose waters broke and a car park barrier that kept the car
in — read afterwards as a class; none of these is its sentence). An animal about to give birth is no one at risk."""

from __future__ import annotations

import pytest

from core.text.urgency import EMERGENCY, assess_urgency


@pytest.mark.parametrize("text", [
    "老婆羊水破了 车库道闸坏了车出不去",
    "儿媳妇见红了 小区门口的车堵着出不去",
    "我老婆快生了 家里停电了",
])  # fmt: skip
def test_labour_with_the_way_out_blocked_is_called(text: str) -> None:
    assert assess_urgency(text).level == EMERGENCY


@pytest.mark.parametrize("text", ["我媳妇要生了 电梯停了下不去"])
def test_labour_is_never_left_unasked(text: str) -> None:
    u = assess_urgency(text)
    assert u.level == EMERGENCY or u.triage


@pytest.mark.parametrize("text", ["邻居家猫要生了", "我家狗快生了 能不能让她安静点", "我怀孕五个月 楼上装修太吵"])
def test_an_animal_or_a_pregnancy_alone_is_not(text: str) -> None:
    u = assess_urgency(text)
    assert u.level != EMERGENCY and not u.triage
