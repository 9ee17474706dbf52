"""Cooking's words are no fire (eighteenth session's user test: 「楼下有人在家里炒辣椒，呛得我直咳嗽，煤气灶开得很大火」
alerted the heads at five in the morning with 「🚨紧急工单：大火」): 大火 as the size of a flame one cooks on (开大火,
开得很大火, 大火爆炒, 用大火煮) and 呛 from chilli or stir-frying fumes said in the same clause. A fire that is big stays one,
and 「好大的火」 is one (it was read as nothing at all)."""


from __future__ import annotations

import pytest

from core.text.urgency import assess_urgency
from core.text.urgency_rules import EMERGENCY


@pytest.mark.parametrize("text", [
    "楼上天天中午开大火炒菜，油烟全灌进我家窗户",
    "隔壁饭馆灶台开得很大火，一整天轰轰响",
    "对门每天晚上大火爆炒，那个味道受不了",
    "楼下炒辣椒呛得我一直打喷嚏",
])
def test_cooking_is_no_emergency(text: str) -> None:
    u = assess_urgency(text)
    assert u.level != EMERGENCY, u.reasons


@pytest.mark.parametrize("text", [
    "对面楼着大火了，浓烟一直往上冒",
    "仓库那边好大的火，已经烧到车棚了",
    "楼道里不知道什么东西烧起来了，呛得喘不上气",
    "对面那栋好大的火",  # was normal, not even asked, on main 6e956ae
])
def test_a_fire_stays_an_emergency(text: str) -> None:
    u = assess_urgency(text)
    assert u.level == EMERGENCY, u.reasons


def test_temper_is_no_fire() -> None:
    assert assess_urgency("物业那个经理好大的火气，说两句就吼人").level != EMERGENCY


@pytest.mark.parametrize("text", [
    "隔壁串串店的油烟太大了，整个走廊都跟着火了一样",
    "对面烧烤摊的烟大得着火了似的，熏得没法开窗",
])
def test_a_fire_as_a_likeness_is_no_fire(text: str) -> None:
    """Second user test: 「…油烟太大了…着火了一样」 was filed an emergency and alerted the heads with 「着火」."""
    assert assess_urgency(text).level != EMERGENCY
