"""Round 25's urgency classes, fixed on branch study25u (docs/understanding.md "Round 25's urgency and consultation sets
read"), in other sentences than round 25's: a dated event named by its household (上个月着火那家), a fight the police or
the guards took away, a noise said to sound like a killing (怀疑他在杀人), skin scratched or bitten till it bleeds, someone
lost and now looked after (我先陪着他), a plea to block a way (，赶紧拦住) that is no containing done, 困电梯 (trapped,
verb before the lift), a child taken by a stranger, the writer just out of the lift, a smell that makes one retch."""

from __future__ import annotations

import pytest

from core.text.danger import read_danger
from core.text.looked_after import looked_after
from core.text.normalize import fold, normalize
from core.text.urgency import EMERGENCY, assess_urgency
from core.text.urgency_rules import NORMAL, URGENT, rule_urgency


def _reading(text: str):  # type: ignore[no-untyped-def]
    return read_danger(fold(normalize(text)))


@pytest.mark.parametrize("text", [
    "上个月着火那家今天还在装修，门口堆满了垃圾",  # a dated event named by its household
    "隔壁半夜剁排骨，声音大得我都怀疑他在杀人",  # a noise like a killing
    "楼上两口子吵架，叫得跟杀人一样",
    "小区蚊子太多，孩子胳膊上的包都挠出血了",  # scratched till it bleeds
    "我才从电梯里出来，被困了半个小时，这电梯到底还修不修",  # told after it ended
])  # fmt: skip
def test_the_rules_call_no_emergency(text: str) -> None:
    assert rule_urgency(text).level != EMERGENCY


@pytest.mark.parametrize("text", [
    "两拨人在停车场打架，民警已经把人带走了，地上都是碎瓶子",
    "门口有个醉汉跟人动手打人，保安已经把他拉走了",
])  # fmt: skip
def test_a_fight_taken_away_is_over(text: str) -> None:
    assert rule_urgency(text).level == URGENT
    assert not _reading(text).hazards_now


def test_a_household_named_by_a_past_fire_is_past() -> None:
    reading = _reading("上个月着火那家今天还在装修，门口堆满了垃圾")
    assert [m.frame for m in reading.mentions if m.concept == "fire"] == ["past"]


def test_a_scratched_bite_is_no_bleeding() -> None:
    assert "bleeding" not in _reading("小区蚊子太多，孩子胳膊上的包都挠出血了").states_now


def test_a_smell_that_makes_one_retch_is_a_nuisance() -> None:
    assert not _reading("垃圾桶一个礼拜没倒了，臭得我直想吐").states_now


@pytest.mark.parametrize("text", [
    "超市门口有个迷路的老爷爷，说不清住哪栋，我先陪着他在物业等家人",
    "路上碰到一个找不到妈妈的小朋友，已经带到保安室了",
])  # fmt: skip
def test_someone_lost_and_looked_after_is_no_emergency_nor_asked(text: str) -> None:
    assert looked_after(fold(normalize(text)))
    u = assess_urgency(text)
    assert u.level != EMERGENCY and not u.triage


def test_a_plea_to_block_the_way_is_no_containing() -> None:
    assert not _reading("车库进水了，电箱泡着，有人要下去搬车，快拦住").contained
    assert _reading("车库进水了，已经用锥桶把路拦住了").contained


def test_trapped_with_the_verb_before_the_lift() -> None:
    assert rule_urgency("困电梯里了 快来 8栋").level == EMERGENCY
    assert "trapped" in _reading("困电梯里了 快来 8栋").states_now


@pytest.mark.parametrize("text", ["有个陌生男人要把小孩抱走，孩子一直在哭", "孩子被人拐走了，往小区北门去了"])
def test_a_child_taken_by_a_stranger_is_violence(text: str) -> None:
    assert rule_urgency(text).level == EMERGENCY
    assert "violence" in _reading(text).hazards_now


@pytest.mark.parametrize("text", [
    "孩子被外婆抱走了，在楼下玩",  # family
    "听说别的小区有小孩被拐走了，物业要多巡逻",  # hearsay elsewhere
])  # fmt: skip
def test_no_child_taken_now(text: str) -> None:
    assert rule_urgency(text).level == NORMAL
    assert "violence" not in _reading(text).hazards_now


@pytest.mark.parametrize("text", [
    "电梯困住了，我女儿在里面，刚从学校回来",
    "有个老人倒在路边叫不醒，我陪着他等救护车",
    "两个人在楼下打架，有一个拿着刀，保安还没来",
    "孩子手上被碎玻璃划了个大口子，一直在流血",
    "楼下有人拿着刀说要杀人",
])  # fmt: skip
def test_these_stay_emergencies(text: str) -> None:
    assert assess_urgency(text).level == EMERGENCY


@pytest.mark.parametrize("text", ["燃气表又没气了，卡里的钱刚充进去", "煤气罐没气了，今晚没气做饭"])
def test_the_gas_run_out_is_nobody_without_breath(text: str) -> None:
    assert "unconscious" not in _reading(text).states_now


def test_a_person_without_breath_stays_unconscious() -> None:
    assert "unconscious" in _reading("楼下有个大爷倒了，好像没气了").states_now


def test_smoking_in_a_car_is_no_heat() -> None:
    assert "heat" not in _reading("有人坐在车里抽烟，车窗都不开").hazards_now
