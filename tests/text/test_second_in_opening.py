"""A second matter brought up in the opening itself with a lead (另外 / 还有就是 / 顺便说一下): told apart like a list,
so each gets its own handler, category and deadline. A lead that only adds to the same matter is no split."""

from __future__ import annotations

import pytest

from core.text.enumerated import split_second


@pytest.mark.parametrize(("text", "first", "second"), [
    ("楼道灯坏了，另外楼下垃圾也没人收", "楼道灯坏了", "楼下垃圾也没人收"),
    ("单元门的锁坏了关不上。还有就是晚上广场舞太吵了", "单元门的锁坏了关不上", "晚上广场舞太吵了"),
    ("楼上空调外机一直滴水滴到我家窗台上然后还有就是楼下那个垃圾桶好几天没人倒了",
     "楼上空调外机一直滴水滴到我家窗台上", "楼下那个垃圾桶好几天没人倒了"),
    ("小区东门的道闸老是抬不起来 顺便说一下 2栋门口的井盖松了", "小区东门的道闸老是抬不起来", "2栋门口的井盖松了"),
    ("地下车库一直渗水，还有个事，物业电话老打不通", "地下车库一直渗水", "物业电话老打不通"),
])  # fmt: skip
def test_a_second_matter_after_a_lead(text: str, first: str, second: str) -> None:
    assert split_second(text) == [first, second]


@pytest.mark.parametrize("text", [
    "楼道灯坏了，另外一个单元的也坏了",     # the same fault elsewhere: one matter
    "厨房水管漏水，另外卫生间的水管也在漏",  # the same thing again
    "另外楼下垃圾也没人收",                # a lead with nothing before it
    "楼上天天吵，还有就是半夜十二点以后",    # a time, not a matter
    "电梯坏了，另外麻烦师傅带个工具来",       # a request about the same matter
    "还有一个问题想问下物业费怎么交",          # nothing before the lead
    "今天天气不错带孩子下楼玩，顺便说一下游乐区的秋千生锈了",  # small talk before the lead: one matter
])  # fmt: skip
def test_no_second_matter(text: str) -> None:
    assert split_second(text) is None
