"""A recurrence's hours and, in a second phrase, since when (eleventh session: 「每天晚上滴水 都快一个月了」 kept only
每天晚上, and the dialog asked since when though the resident had said it)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from core.text.timephrase import parse_time_phrase

NOW = datetime(2026, 12, 7, 12, 0)


@pytest.mark.parametrize(("text", "shown", "days"), [
    ("每天晚上滴水 都快一个月了", "每天晚上，快一个月了", 30), ("天天半夜吵 吵了三天了", "天天半夜，三天了", 3),
    ("每天早上都有人在楼下喊 差不多两个礼拜了", "每天早上，差不多两个礼拜了", 14),
])  # fmt: skip
def test_the_hours_and_since_when(text: str, shown: str, days: int) -> None:
    p = parse_time_phrase(text, NOW)
    assert p is not None and p.text == shown and p.recurring and not p.vague
    assert p.start is not None and abs((NOW - p.start) - timedelta(days=days)) <= timedelta(days=1)


@pytest.mark.parametrize("text", ["每天晚上都吵 明天还要上班", "以前天天有人扫 现在没人管了", "每天晚上"])
def test_no_second_phrase_of_since_when(text: str) -> None:
    p = parse_time_phrase(text, NOW)
    assert p is not None and p.start is None and "，" not in p.text
