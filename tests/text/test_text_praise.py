"""A praise (表扬) is read from its own words, never when a problem or blame is said with it."""

from __future__ import annotations

import pytest

from core.text.praise import is_praise


@pytest.mark.parametrize("text", [
    "我想表扬一下门岗的刘师傅，每天都笑呵呵的",
    "给我们楼的保洁阿姨点个赞，楼梯扶手都擦得锃亮",
    "准备给维修班送一面锦旗",
])  # fmt: skip
def test_praise(text: str) -> None:
    assert is_praise(text)


@pytest.mark.parametrize("text", [
    "表扬？没门，电梯三天两头坏",  # a problem said with it
    "你们这种服务还想要好评？",
    "谢谢",  # thanks alone is small talk, not a praise of anyone
    "保安大爷人挺好的，就是晚上门口太吵了",
    "感谢你们，楼下的路灯什么时候修",
])  # fmt: skip
def test_not_praise(text: str) -> None:
    assert not is_praise(text)


def test_a_praise_that_names_the_fault_is_left_a_complaint() -> None:
    # the safe side: a complaint read as a praise would get no repair; a praise read as a complaint is
    # still read by the staff, who see the thanks
    assert not is_praise("真心感谢物业的小陈，大晚上帮我把漏水的阀门关了")
