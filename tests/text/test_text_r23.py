"""Round 23's false emergencies, triaged rows and emergencies only asked (development data, docs/understanding.md
"Round 23's false emergencies and triage"), none a round-23 sentence. A danger held with whatever is at hand (a
switch pulled down, a valve shut by whoever came, a box put out, a rope tied, a bag wound round) and a false alarm
(误报, no smell found) are not called; a trapped person who came out and spoke is over; hyperbole (a ceiling about to
come down from a neighbour's noise, a person or a bill about to explode, 一塌糊涂) is no danger; 着火了怎么办 with no
cry asks what to do if it happened; a hole burnt in a quilt, a banner on a power pole, 公司来人 (a visit) are no burn,
no live wire, no cry. Emergencies the concepts now read: a stove burnt indoors with slurred speech, a fall said in Wu
(爬勿起来), a tight chest, a sign come loose over a bus stop, an awning people walk beneath."""

from __future__ import annotations

import pytest

from core.text.danger import read_danger
from core.text.urgency import EMERGENCY, assess_urgency
from core.text.urgency_rules import prepare, rule_urgency


def _concepts(text: str) -> set[str]:
    return {m.concept for m in read_danger(prepare(text)[1]).mentions}


@pytest.mark.parametrize("text", [
    "配电箱那里有股焦味 我已经把电闸拉下来了",
    "燃气公司的人上门把表前阀关上了 说明天换管子",
    "路边井盖缺了一角 我搬了个垃圾桶挡着",
    "楼梯扶手松了 我先拿铁丝绑上了",
    "洗衣机进水管接头呲水 我拿胶带缠了几圈",
])  # fmt: skip
def test_held_with_what_is_at_hand(text: str) -> None:
    assert read_danger(text).held()


@pytest.mark.parametrize("text", [
    "燃气报警器嘀了两声 我闻了一圈也没味",
    "烟感半夜响了一下 物业说是误报",
])  # fmt: skip
def test_a_false_alarm_is_called_off(text: str) -> None:
    assert read_danger(text).called_off()
    assert assess_urgency(text).level != EMERGENCY


def test_a_false_alarm_thought_then_denied_still_counts() -> None:
    # 以为是误报 … 结果 more smoke: the writer took back the false alarm
    assert not read_danger("报警器一直响 以为是误报 结果楼道里烟越来越浓").dismissed


def test_the_one_shut_in_came_out_and_spoke() -> None:
    text = "刚才有个大爷被关在电梯里 出来以后说这梯子老这样 你们管管"
    assert rule_urgency(text).level != EMERGENCY
    assert assess_urgency(text).level != EMERGENCY


@pytest.mark.parametrize("text, concept, word", [
    ("隔壁天天蹦迪 我家吊顶都快被震塌了", "structure", "塌"),
    ("楼上又在半夜剁肉 我整个人都炸了", "fire", "炸"),
    ("这个月电费要爆了 快来个人解释一下", "electric", "爆"),
    ("垃圾站门口臭得一塌糊涂", "structure", "塌"),
])  # fmt: skip
def test_hyperbole_is_no_danger(text: str, concept: str, word: str) -> None:
    # blanked before the rules, the concepts and the model read the text
    assert word not in prepare(text)[1]
    assert concept not in _concepts(text)
    assert rule_urgency(text).level != EMERGENCY


def test_a_fire_asked_about_if_it_happened() -> None:
    assert rule_urgency("楼道里全是快递箱子，着火了怎么办").level != EMERGENCY
    assert rule_urgency("着火了该怎么办").level != EMERGENCY
    # a cry, or the fire told apart from the question, stays the rules' emergency
    assert rule_urgency("着火了怎么办啊 锅里的油烧起来了").level == EMERGENCY
    assert rule_urgency("厨房着火了 我一个人在家怎么办").level == EMERGENCY
    # a fire with its place said, and other hazards asked about, stay the rules' emergency
    assert rule_urgency("家里着火了怎么办").level == EMERGENCY
    assert rule_urgency("家里煤气泄漏了怎么办").level == EMERGENCY


@pytest.mark.parametrize("text, concept", [
    ("谁家往下扔鞭炮 把我家沙发垫烫了个洞", "burnt"),
    ("小区门口的电线杆上挂满了卖房的横幅", "electric"),
])  # fmt: skip
def test_harmless_senses(text: str, concept: str) -> None:
    assert concept not in _concepts(text)


def test_a_visit_is_no_cry_for_help() -> None:
    assert not read_danger("物业来人看过了 说下周换管子").now_cue
    assert read_danger("快来人 管子爆了").now_cue


@pytest.mark.parametrize("text, concept", [
    ("我妈烤着炭盆睡了一下午 现在说话含含糊糊的", "unconscious"),
    ("我妈烤着炭盆睡了一下午 现在说话含含糊糊的", "co"),
    ("老爷叔从凳子上跌下来 爬勿起来了", "collapsed"),
    ("我胸口闷得不行 手也发麻", "dizzy"),
    ("顶楼那块招牌松了 被风吹得直响", "falling"),
])  # fmt: skip
def test_emergencies_the_concepts_now_read(text: str, concept: str) -> None:
    assert concept in _concepts(text)


@pytest.mark.parametrize("text", [
    "小区门口的遮阳棚塌了一角 大家进出都从底下过",
    "楼顶的招牌松了 下面就是公交站",
])  # fmt: skip
def test_people_beneath(text: str) -> None:
    assert read_danger(text).exposed
