"""A range of the day keeps its end whole, and 一 of 一直 / 一下 is no minutes (twelfth session: 「电钻声从早上八点响到
晚上九点」 was read back as 「从早上八点响到晚上」, 「早上7点到9点一直停水」 as 「早上7点到9点一」)."""

from __future__ import annotations

from datetime import datetime

import pytest

from core.text.timephrase import parse_time_phrase

NOW = datetime(2026, 12, 7, 23, 30)


@pytest.mark.parametrize(("text", "shown"), [
    ("楼上装修电钻声从早上八点响到晚上九点", "从早上八点响到晚上九点"),
    ("每天从晚上十点吵到凌晨两点", "每天从晚上十点吵到凌晨两点"),
    ("广场舞从晚上七点跳到晚上十点半", "从晚上七点跳到晚上十点半"),
    ("早上7点到9点一直停水", "早上7点到9点"),
    ("昨天下午三点一下子就停电了", "昨天下午三点"),
])  # fmt: skip
def test_the_range_is_shown_whole(text: str, shown: str) -> None:
    p = parse_time_phrase(text, NOW)
    assert p is not None and p.text == shown


@pytest.mark.parametrize(("text", "hour", "minute"), [("昨晚九点一刻", 21, 15), ("昨天晚上九点二十", 21, 20)])
def test_minutes_are_still_read(text: str, hour: int, minute: int) -> None:
    p = parse_time_phrase(text, NOW)
    assert p is not None and p.start is not None and (p.start.hour, p.start.minute) == (hour, minute)
