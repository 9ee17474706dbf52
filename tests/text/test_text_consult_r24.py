"""Round 24's consultation classes (consult_r24, development data: docs/understanding.md "Round 24's consultations and
a writer's danger-worded negatives"), none a round-24 sentence. Questions: which papers or procedures a plan needs
(要哪些材料), something the resident means to do in front of the building (在楼下 is a place, not the neighbours
below), the name of a thing (叫什么名字), a stoppage as a time frame (停水期间, 停电的时候), nobody to fetch a child
(没人接孩子 is no unanswered phone), an account or transfer done for the resident (帮忙办过户), "may I ask" (能问一下,
no request); from urgency_r24's kinds, a stoppage next week (下礼拜停水), what to do in a fire (学学着火了怎么逃生),
whose fault of two (是我家线路问题还是…), 楼上楼下 (a place, not neighbours). Complaints: whether an owners' meeting was
ever held, staff said to only … or to think … (是不是只会, 是不是觉得); let go like that (就这样算了), waiting until
worse (你们是等…才…吗), nobody able to explain (找谁都…), a repair to be scheduled (能不能排个期)."""

from __future__ import annotations

import pytest

from core.text.consult import is_consultation


@pytest.mark.parametrize("text", [
    "能不能在车库门口装个遮雨棚，需要哪些手续",
    "周末想在楼下搞个跳蚤市场卖旧玩具，行吗，允许吗",
    "物业那个缴费公众号叫啥名字",
    "停水期间小区的消防栓还有水吗",
    "停电的时候门禁还能刷卡吗",
    "请问小区附近有没有四点半课堂，孩子放学没人接",
    "房子刚买的，能帮忙办一下燃气过户吗",
    "能问一下垃圾房旁边那间小屋是放什么的吗",
    # urgency_r24's kinds: a stoppage next week, a fire drill's what-to-do, whose fault of two, 楼上楼下 (a place)
    "下星期停电是检修线路吗，要停多久",
    "消防演练安排在星期几？想带老人学学着火了怎么逃生",
    "插座老是发烫，是我家电线问题还是小区线路的",
    "我们楼上楼下的暖气片都在咔咔响，正常吗",
])  # fmt: skip
def test_these_ask(text: str) -> None:
    assert is_consultation(text)


@pytest.mark.parametrize("text", [
    "垃圾清运费说涨就涨，有没有开过业主大会？",
    "保安是不是只会坐在岗亭里刷视频？",
    "你们客服是不是觉得我们业主都不懂？",
    "物业是不是以为我们不会去住建局？",
    "家里停电了，物业电话一直没人接",
    # urgency_r24's kinds: let it go like that, waiting until worse, nobody can explain, a repair to be scheduled
    "我家电动车电瓶被偷了半个月，是不是就这么算了",
    "门禁坏了报了三次，你们是要等小偷进来了才修吗",
    "燃气表读数跟账单差了一大截，找谁都说不明白",
    "卫生间墙角有点返潮，不急，能不能给排个期",
])  # fmt: skip
def test_these_complain(text: str) -> None:
    assert not is_consultation(text)


@pytest.mark.parametrize("text", [
    "楼下那家在绿化带里种菜，允许吗",  # someone else's conduct stays a report
    "物业是不是只能工作日办门禁卡",  # 只能: a rule asked
    "停电时间太长了，冰箱里的东西全坏了",  # 停电时间 is a stoppage reported
])  # fmt: skip
def test_boundaries(text: str) -> None:
    assert is_consultation(text) is (text == "物业是不是只能工作日办门禁卡")
