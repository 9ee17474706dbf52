"""Several matters listed in one message are told apart; ordinals that are no list are not."""

from __future__ import annotations

import pytest

from core.text.enumerated import split_matters


@pytest.mark.parametrize(("text", "items"), [
    ("两个事：一是3栋电梯老是停，二是楼下垃圾没人清", ["3栋电梯老是停", "楼下垃圾没人清"]),
    ("我反映几个问题 1、楼道灯不亮 2、垃圾没人清 3、电梯经常停", ["楼道灯不亮", "垃圾没人清", "电梯经常停"]),
    ("第一，楼上漏水；第二，物业不管", ["楼上漏水", "物业不管"]),
    ("幸福里小区3栋，有两件事，第一件是楼道灯坏了，第二件是单元门关不上", ["幸福里小区3栋，楼道灯坏了", "单元门关不上"]),
    ("①东门道闸坏了 ②快递柜占了消防通道", ["东门道闸坏了", "快递柜占了消防通道"]),
])  # fmt: skip
def test_a_list_of_matters(text: str, items: list[str]) -> None:
    assert split_matters(text) == items


@pytest.mark.parametrize("text", [
    "这是第一次投诉了，第二次再这样我就打12345", "1楼大厅的灯坏了2楼也是", "我家住1号楼2单元", "第一天就坏了",
    "电梯坏了，第一次是上周，第二次是今天", "楼上漏水 1.卫生间 2.厨房", "一是一是",
])  # fmt: skip
def test_no_list(text: str) -> None:
    assert split_matters(text) is None
