"""A theft or a smashing going on now is violence (call 110), said in words other than a rule's; the same
acts in the past, habitual or as a wish are not. Rubbish or water poured out is no one fallen.
(Ninth session: 「楼下有人在砸车 玻璃哗哗响」 was asked the triage question and filed under 噪音扰民.)"""

from __future__ import annotations

import pytest

from core.text.urgency import assess_urgency
from core.text.urgency_rules import EMERGENCY


@pytest.mark.parametrize("text", [
    "两个人正在撬楼下那辆白车的车门",
    "有个男的在偷隔壁单元的自行车，我在窗户这看着呢",
    "停车场有人拿石头在砸车窗，快来",
])
def test_a_theft_or_smashing_going_on_is_an_emergency(text: str) -> None:
    u = assess_urgency(text)
    assert u.level == EMERGENCY, u.reasons
    assert u.hazard == "violence"


@pytest.mark.parametrize("text", [
    "上周我的自行车被偷了，监控能不能查一下",
    "车窗前天晚上被人砸了一个洞",
    "小区里经常有人偷快递，建议装个摄像头", "保安上班偷懒 车都乱停",
    "有人偷偷在楼道里抽烟",
    "每天晚上都有人抢车位，吵个不停",
])
def test_a_theft_past_habitual_or_in_other_senses_is_no_emergency(text: str) -> None:
    u = assess_urgency(text)
    assert u.level != EMERGENCY, u.reasons
    assert u.hazard != "violence"


@pytest.mark.parametrize("text", [
    "物业的人把建筑垃圾倒在消防通道边上",
    "有人往雨水井里倒泔水，臭得很",
    "楼上老往楼下倒脏水",
])
def test_pouring_out_is_no_one_fallen(text: str) -> None:
    u = assess_urgency(text)
    assert u.level != EMERGENCY and "collapsed" not in u.state, u.reasons


def test_rubbish_poured_by_a_named_person_asks_nothing() -> None:
    u = assess_urgency("保洁阿姨把垃圾倒在绿化带里")  # the cleaner (a person) + 倒在 had read as someone fallen
    assert not u.triage and not u.state, u.reasons


def test_someone_fallen_beside_pouring_is_still_fallen() -> None:
    u = assess_urgency("我爸刚才在阳台上摔倒在地上一动不动")
    assert u.level == EMERGENCY, u.reasons
