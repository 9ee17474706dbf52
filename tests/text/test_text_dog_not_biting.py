"""A dog said not to bite (「门口有条大狗 别怕 它不咬人」) read as violence: the concept matched 狗…咬 across the 不, and
after the sixteenth session's retrain the model let the rule call it (tests/dialogs' after-filing test caught it)."""

from __future__ import annotations

import pytest

from core.text.urgency import EMERGENCY, assess_urgency


@pytest.mark.parametrize("text", ["楼下那条黄狗看着凶 其实不咬人", "他家狗没咬过人 就是叫得凶", "狗拴着呢 别怕 不咬"])
def test_a_dog_said_not_to_bite_is_no_emergency(text: str) -> None:
    u = assess_urgency(text)
    assert u.level != EMERGENCY and not u.triage


@pytest.mark.parametrize("text", ["一条狗正在咬一个老人 快来人", "大狗扑上来咬了我女儿的腿 流血了"])
def test_a_dog_biting_now_still_is(text: str) -> None:
    assert assess_urgency(text).level == EMERGENCY
