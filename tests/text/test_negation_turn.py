"""A negator's reach ends at a turn (tenth session, talking to the chat): 「没有人受伤 但是煤气味很大」 was read as
no gas at all; a fire said to be burning on (火还在烧) is a fire."""

from __future__ import annotations

import pytest

from core.text.danger import read_danger
from core.text.urgency import assess_urgency, denies_danger, hazard_said_present
from core.text.urgency_model import simplified
from core.text.urgency_rules import prepare


def _now(text: str) -> list[str]:
    return read_danger(simplified(prepare(text)[1])).hazards_now


@pytest.mark.parametrize(("text", "hazard"), [
    ("孩子没事 不过燃气味越来越重", "gas"), ("没人受伤 可是楼道里全是烟", "smoke"), ("没有人被烫到 只是阳台着火了", "fire"),
])
def test_a_turn_ends_the_negation(text: str, hazard: str) -> None:
    assert hazard in _now(text)


@pytest.mark.parametrize("text", ["没有燃气味", "没有着火", "没有冒烟"])
def test_a_negation_without_a_turn_still_denies(text: str) -> None:
    assert not _now(text)


@pytest.mark.parametrize("text", ["火一直在烧", "火越烧越旺了", "楼下那辆车的火扑不灭"])
def test_a_fire_burning_on_is_a_fire(text: str) -> None:
    assert "fire" in _now(text)


@pytest.mark.parametrize("text", ["火一直在烧", "火越烧越旺了"])
def test_a_fire_burning_on_is_an_emergency(text: str) -> None:
    assert assess_urgency(text).level == "emergency"


@pytest.mark.parametrize(("text", "hazard"), [
    ("孩子没事 不过燃气味越来越重", "gas"), ("人都下楼了 火还在烧", "fire"), ("没人受伤 可是楼道里全是烟", "smoke"),
    ("没有", None), ("没人受伤 就是灯坏了", None), ("阀门已经关了 现在闻不到了", None), ("燃气灶打不着火", None),
])
def test_the_hazard_said_present_in_an_answer(text: str, hazard: str | None) -> None:
    assert hazard_said_present(text) == hazard


@pytest.mark.parametrize(("text", "denied"), [
    ("搞错了 里面没人", True), ("没有人被困，就是电梯停了", True), ("不是困人 电梯停在8楼不动", True), ("没人受伤", True),
    ("没人受伤 但是煤气味很大", False), ("人没事 火还在烧", False), ("我爸还在里面", False), ("13912345678", False),
])
def test_the_danger_denied(text: str, denied: bool) -> None:
    assert denies_danger(text) is denied
