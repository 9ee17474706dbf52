"""Round 25's consultation classes (consult_r25 and urgency_r25's kinds, read on branch study25u: docs/understanding.md
"Round 25's urgency and consultation sets read"), none a round-25 sentence. Questions: whose consent a plan needs
(需要谁同意), what compensation is said (有没有补偿的说法), a fitting on the resident's own balcony, a meter's battery the
resident may change (自己能换吗). Complaints: who answers when something happens (出了事谁负责), what the point is (有什么
意义), a wish to dodge (是想赖掉吗), worse every year (一年比一年), how the gate let someone in, a thing done again and
again (好几回了), where the money went, a fury (慢得我想摔电脑); requests: take a sign down, put a sign up."""

from __future__ import annotations

import pytest

from core.text.consult import is_consultation


@pytest.mark.parametrize("text", [
    "想在院子里搭个鸡笼，需要谁批准？",
    "上次停水停了三天，物业有没有补偿的说法？",
    "阳台可不可以装个往外伸的花架？",
    "水表没电了怎么换电池？自己能换吗",
])  # fmt: skip
def test_these_ask(text: str) -> None:
    assert is_consultation(text)


@pytest.mark.parametrize("text", [
    "电梯按钮坏了半个月，出了事你们负责吗？",
    "交了这么多停车费还是没车位，收这钱有啥意义？",
    "维修基金一直不公开，是想吞了吗？",
    "小区的绿化怎么一年比一年少？",
    "半夜有外卖车在楼下狂按喇叭，保安怎么让他进来的？",
    "楼上往我家阳台泼水好几回了，你们去说过没有？",
    "物业费的钱都用到哪里去了？",
    "你们那个缴费页面慢得我想摔电脑",
    "路口那块旧指示牌已经歪了，能不能拆掉",
    "健身区刚刷的漆没干，能不能立块牌子",
])  # fmt: skip
def test_these_complain(text: str) -> None:
    assert not is_consultation(text)


@pytest.mark.parametrize(("text", "asks"), [
    ("谁同意的在电梯里装广告屏？", False),  # 谁同意的 blames
    ("楼道灯坏了，你们能换吗", False),  # a fault to be fixed by the management
    ("我家窗户能不能自己拆了换新的？", True),  # what the resident may do at home
])  # fmt: skip
def test_boundaries(text: str, asks: bool) -> None:
    assert is_consultation(text) is asks
