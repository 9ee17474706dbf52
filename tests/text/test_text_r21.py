"""Round 21's false emergencies (development data, docs/understanding.md "Round 21's false emergencies"), none a
round-21 sentence: violence over (a fight broken up, an intruder run off) is urgent, not called, while whoever was
hurt is still read; a danger held for now (a bare 闸 pulled, a valve 阀 shut, people out, a sign posted, a stone over
a hole) is asked; harmless senses (something poured, a bulb bursting, an exhaust's steam, a drill's headache, a
joke, my keys locked in) are no danger; a request after an acute illness is no question about it."""

from __future__ import annotations

import pytest

from core.text.danger import read_danger
from core.text.urgency import EMERGENCY, assess_urgency
from core.text.urgency_rules import rule_urgency


def _frames(text: str, concept: str) -> set[str]:
    return {m.frame for m in read_danger(text).mentions if m.concept == concept}


@pytest.mark.parametrize("text", [
    "单元门口刚才两个人动手了 后来被劝开了 没人追",
    "车棚那边一帮人打架 现在已经散了",
])  # fmt: skip
def test_a_fight_broken_up_is_over_and_urgent(text: str) -> None:
    assert _frames(text, "violence") == {"over"}
    assert rule_urgency(text).level != EMERGENCY
    assert assess_urgency(text).level != EMERGENCY


def test_an_intruder_run_off_is_over() -> None:
    text = "有个男的在楼里一家家拧门把手 被我吼了一嗓子就跑了"
    assert _frames(text, "violence") == {"over"}
    assert assess_urgency(text).level != EMERGENCY


def test_the_one_hurt_stays_when_the_other_ran_off() -> None:
    text = "我被一辆电动车撞倒了 腿在流血 站不起来 那人跑了"
    assert {"bleeding", "collapsed"} <= set(read_danger(text).states_now)
    assert assess_urgency(text).level == EMERGENCY


def test_a_hurt_person_walking_off_is_over() -> None:
    assert "bleeding" not in read_danger("门口有人摔了一跤 出血了 自己爬起来了").states_now


@pytest.mark.parametrize("text", [
    "插座冒了一下火花 闸我已经拉了 还有点焦味",
    "热水器报警一直响 我把窗打开把阀关了 人都已经下楼了",
    "车库的电表箱外壳摸着电手 我贴了个告示让大家别碰",
    "化粪池盖板碎了 我拿木板盖上了 晚上肯定有人掉下去",
])  # fmt: skip
def test_a_danger_held_for_now(text: str) -> None:
    assert read_danger(text).contained
    assert assess_urgency(text).level != EMERGENCY


def test_a_prediction_is_no_fall() -> None:
    assert rule_urgency("路口的井盖丢了 天黑肯定有人掉下去").level != EMERGENCY


@pytest.mark.parametrize(("text", "concept"), [
    ("有人往楼道倒了一桶油漆稀释剂 味道很冲", "collapsed"),
    ("昨晚厨房顶灯的灯泡炸了 现在不亮", "fire"),
    ("暖气站的排气口一直往外冒白汽 路面都冻上了", "steam"),
    ("隔壁打孔的声音吵到我头疼", "dizzy"),
    ("我的钥匙和药都锁在储物柜里了 急死了", "trapped"),
    ("有个推销的上门说要查燃气管道 收八十", "gas"),
])  # fmt: skip
def test_harmless_senses(text: str, concept: str) -> None:
    reading = read_danger(text)
    assert concept not in reading.hazards_now + reading.states_now


def test_petrol_beside_a_smoker_is_still_a_chemical() -> None:
    assert "chemical" in read_danger("车库里有人泼了一地汽油 旁边还有人抽烟").hazards_now


@pytest.mark.parametrize("text", [
    "我媳妇说气得要砍人哈哈 不是 就问下车位怎么租",
    "业主群里有个电梯困人的视频 是我们小区吗",
    "万一家里有人晕倒 能叫物业的车送医院吗 先问问",
    "门卫晚上在值班室睡觉 拍门都拍不醒",
])  # fmt: skip
def test_a_joke_a_video_a_question_ahead_or_staff_asleep_is_not_asked(text: str) -> None:
    got = assess_urgency(text)
    assert got.level != EMERGENCY and not got.triage


def test_a_request_after_a_stroke_is_no_question() -> None:
    text = "我妈刚才突然说不出话了 能不能派人帮我把她抬下楼"
    assert "attack" in read_danger(text).states_now
    assert assess_urgency(text).level == EMERGENCY


def test_a_request_about_a_nuisance_still_frames_it() -> None:
    assert "choking" not in read_danger("工地灰尘好大 呛得人老咳嗽 能不能让他们洒点水").states_now


def test_a_child_alone_in_a_stopped_lift() -> None:
    assert "trapped" in read_danger("我闺女一个人在电梯里 电梯卡在三楼 她在哭").states_now


def test_a_soap_test_that_bubbles_is_a_gas_leak() -> None:
    assert rule_urgency("燃气灶接口那里用洗洁精水一抹就起泡").level == EMERGENCY
    assert rule_urgency("燃气公司用肥皂水测了一下 没有冒泡").level != EMERGENCY
