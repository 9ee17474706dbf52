"""咋个 / 咋 / 啷个 as "how" (fourteenth session, talking to the chat): 「物业费咋个交嘛」 was filed as a complaint and asked
where; it is a question, as 「物业费怎么交」 is. 咋还 / 咋又 stay a complaint's."""

from __future__ import annotations

import pytest

from core.text.consult import consultation_cues


@pytest.mark.parametrize("text", ["燃气费咋个交嘛", "车位月卡咋个办理", "电费啷个缴哦", "临时停车费咋个算"])
def test_how_in_dialect_asks(text: str) -> None:
    asks, problems = consultation_cues(text)
    assert asks and not problems


@pytest.mark.parametrize("text", ["垃圾咋还没人收", "电梯咋又停了", "门口的灯咋个还不修"])
def test_why_still_complains(text: str) -> None:
    assert consultation_cues(text)[1]
