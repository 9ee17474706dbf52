"""The wish to die said with the body at an edge (fourteenth session, talking to the chat): 「我不想活了 楼上天天吵 我现在就
站在阳台边上」 got the generic triage question, because a nuisance named with 不想活 reads as hyperbole (吵得我不想活了).
At an edge it is an emergency; hyperbole with no edge stays ordinary."""

from __future__ import annotations

import pytest

from core.text.urgency import EMERGENCY, assess_urgency


@pytest.mark.parametrize("text", [
    "我不想活了 楼上天天吵 我现在就站在阳台边上",
    "被楼上吵了半年 活不下去了，人已经坐到窗台上了",
    "我妈说装修吵得她想死 刚才爬到天台边上去了",
])  # fmt: skip
def test_at_an_edge_it_is_never_left_unasked(text: str) -> None:
    u = assess_urgency(text)  # a long nuisance before it may let the model overrule the rule: then it is asked
    assert u.level == EMERGENCY or u.triage


def test_the_message_from_the_chat_is_called() -> None:
    assert assess_urgency("我不想活了 楼上天天吵 我现在就站在阳台边上").level == EMERGENCY


@pytest.mark.parametrize("text", ["楼上天天吵 吵得我都不想活了", "站在阳台上晾衣服 楼上的水滴下来", "装修吵得想死 能不能管管"])
def test_hyperbole_or_an_edge_alone_is_not(text: str) -> None:
    assert assess_urgency(text).level != EMERGENCY
