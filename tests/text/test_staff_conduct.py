"""Which complaints are about the conduct of the people who would handle them (they go to the desk)."""

from __future__ import annotations

import pytest

from core.text.staff_conduct import about_staff_conduct


@pytest.mark.parametrize("text", [
    "我要投诉你们网格员 态度很差", "上门的师傅收了我200块钱", "社区工作人员推诿 踢皮球", "居委会的人爱答不理",
    "维修工骂我", "网格员没来就说办结了", "把我的电话泄露给楼上了 就是那个网格员",
])  # fmt: skip
def test_conduct_of_the_staff(text: str) -> None:
    assert about_staff_conduct(text)


@pytest.mark.parametrize("text", [
    "网格员态度特别好", "维修师傅修得很快 谢谢", "网格员说明天来", "楼道灯坏了", "保安晚上睡觉",
    "物业收费太高", "工作人员能不能早点来", "物业前台工作人员态度很差",  # the property's service: the grid answers it
])  # fmt: skip
def test_not_conduct_of_the_staff(text: str) -> None:
    assert not about_staff_conduct(text)
