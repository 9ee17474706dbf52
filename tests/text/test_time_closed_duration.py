"""How long, closed by 了, then a time of day starting what it is like (sixteenth session, a voice message to the chat:
「…楼道灯啊已经坏了快一个礼拜了晚上黑乎乎的…」 stored the time as 快一个礼拜了晚上)."""

from __future__ import annotations

from datetime import datetime

import pytest

from core.text.timephrase import parse_time_phrase

NOW = datetime(2026, 12, 7, 20, 0)


@pytest.mark.parametrize(("text", "shown"), [
    ("路灯坏了半个多月了晚上走路都看不见", "半个多月了"), ("电梯停了三天了早上上班只能爬楼", "三天了"),
])  # fmt: skip
def test_the_time_of_day_after_a_closed_duration_is_not_the_time(text: str, shown: str) -> None:
    p = parse_time_phrase(text, NOW)
    assert p is not None and p.text == shown


@pytest.mark.parametrize(("text", "shown"), [("两天前晚上", "两天前晚上"), ("上周五下午", "上周五下午")])
def test_a_day_and_its_time_of_day_stay_one_phrase(text: str, shown: str) -> None:
    p = parse_time_phrase(text, NOW)
    assert p is not None and p.text == shown
