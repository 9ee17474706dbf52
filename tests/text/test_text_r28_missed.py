"""Round 28's five emergencies that were neither called nor asked (read after its blind score, eighteenth session),
as classes, in other words: an old person out since the morning and still not back with a time said in between;
a box nobody claims that ticks; hands or fingers gone purple in the cold, said apart from 冻得; an infant whose
temperature is low; a wild animal where people are. Guards: dripping taps and air conditioners tick too, wild boar is
also a dish, cold hands alone are a heating complaint."""

from __future__ import annotations

import pytest

from core.text.urgency import assess_urgency
from core.text.urgency_rules import EMERGENCY


@pytest.mark.parametrize("text", [
    "我姥爷早上说出去遛弯到现在下午两点了还没回来 他有点老年痴呆",
    "单元门口放着个不知道谁的纸箱 里面嘀嗒嘀嗒的",
    "暖气停了两天 俺爸冻得直打哆嗦 手指头都发紫了",
    "小区绿化带里钻出来一条眼镜蛇 好多小孩在旁边玩",
    "家里小宝宝才二十天 暖气不热 量了体温偏低",
])
def test_called_or_asked(text: str) -> None:
    u = assess_urgency(text)
    assert u.level == EMERGENCY or u.triage, u.reasons


@pytest.mark.parametrize("text", [
    "空调外机滴答滴答往下滴水 吵得睡不着",
    "楼下饭店天天卖野猪肉 油烟大",
    "冬天手脚冰凉 暖气能不能烧热一点",
    "快递柜旁边堆的包裹没人拿 都好几天了",
])
def test_not_called(text: str) -> None:
    assert assess_urgency(text).level != EMERGENCY
