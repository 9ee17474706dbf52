"""Danger missed in the twentieth session's second user test, as classes, in new sentences: a smell likened to rotten
eggs in a clause of its own (…有点味道，像臭鸡蛋) with a put-off 明天再说; a charger, lead or battery smoking or charred
while charging, said across clauses; a news van filming a fire that is burning now (新闻 was read as a report seen
on the news)."""

from __future__ import annotations

import pytest

from core.text.urgency import EMERGENCY, assess_urgency


@pytest.mark.parametrize("text", [
    "卫生间这边有股说不上来的味儿，有点像臭鸡蛋，我明天再说吧",
    "电动车推在一楼楼梯下面充电，插头那里都烧焦了",
    "楼道那辆电瓶车充着电呢，电池冒着白烟",
    "外面有新闻记者在拍，对面12栋着火了，烟好大",
])  # fmt: skip
def test_these_are_emergencies(text: str) -> None:
    u = assess_urgency(text)
    assert u.level == EMERGENCY or u.triage, u


@pytest.mark.parametrize("text", [
    "上个月电动车充电的时候冒过一次烟，现在换了新电池",
    "新闻里说隔壁区有小区着火了，我们这里的灭火器有没有检查过",
    "冰箱里的鸡蛋放坏了，一股臭鸡蛋味，我自己扔了",
])  # fmt: skip
def test_these_are_not(text: str) -> None:
    assert assess_urgency(text).level != EMERGENCY
