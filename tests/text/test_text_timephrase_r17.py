"""Round 17's time classes (development data, docs/understanding.md "Round 17's misses"), none a round-17
sentence: a recurrence with a time of day says when in the day, not since when (the dialog keeps it and asks);
从早…到晚 and 周末都 / 周末也 say how often; two clock hours back to back are a range, not minutes; 好多天 and
a whole unit (整个星期, 成個星期) say how long it has lasted."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.text.timephrase import parse_time_phrase

NOW = datetime(2026, 11, 23, 15, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("隔壁每天凌晨在剁排骨 咚咚的", "每天凌晨"),
        ("对面饭店天天晚上还在搬桶", "天天晚上"),
        ("楼上天天吵到后半夜", "天天吵到后半夜"),
        ("每晚深夜楼上就开始拖柜子", "每晚深夜"),
    ],
)
def test_a_recurrence_with_a_part_of_the_day_is_kept_but_asks_since_when(text: str, phrase: str) -> None:
    got = parse_time_phrase(text, NOW)
    assert got is not None and phrase in got.text and got.vague and got.start is None


@pytest.mark.parametrize("text", ["对面饭店天天晚上十点还在搬桶", "每晚十一点以后楼上就开始拖柜子"])
def test_a_recurrence_with_its_hours_says_enough(text: str) -> None:
    got = parse_time_phrase(text, NOW)
    assert got is not None and not got.vague


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("工地从早干到晚 周末也干", "从早干到晚 周末"),
        ("楼下面馆从早吵到晚", "从早吵到晚"),
        ("对门装修周末都不歇", "周末"),
    ],
)
def test_all_day_and_every_weekend_say_how_often(text: str, phrase: str) -> None:
    got = parse_time_phrase(text, NOW)
    assert got is not None and (got.text, got.vague, got.recurring, got.start) == (phrase, True, True, None)


def test_a_weekend_without_a_recurrence_is_still_a_day() -> None:
    got = parse_time_phrase("上周末开始漏水", NOW)
    assert got is not None and not got.vague and got.start is not None


@pytest.mark.parametrize(
    ("text", "phrase", "hour", "minute"),
    [
        ("晚上八点九点最吵", "晚上八点九点", 20, 0),
        ("十一点十二点那阵", "十一点十二点", 11, 0),
        ("七点二十就开始了", "七点二十", 7, 20),  # minutes still read
        ("七点二十分", "七点二十分", 7, 20),
    ],
)
def test_two_clock_hours_back_to_back_are_a_range(text: str, phrase: str, hour: int, minute: int) -> None:
    got = parse_time_phrase(text, NOW)
    assert got is not None and got.text.startswith(phrase) and got.start is not None
    assert (got.start.hour % 12, got.start.minute) == (hour % 12, minute)


@pytest.mark.parametrize(
    ("text", "phrase", "days"),
    [
        ("楼道灯坏了好多天没人修", "好多天", 3),
        ("條水管漏咗好多日", "好多日", 3),
        ("整个星期都没人来收垃圾", "整个星期", 7),
        ("成個月冇熱水", "成個月", 30),
        ("一整个礼拜没水了", "一整个礼拜", 7),
    ],
)
def test_many_days_or_a_whole_unit_is_how_long_it_has_lasted(text: str, phrase: str, days: int) -> None:
    got = parse_time_phrase(text, NOW)
    assert got is not None and got.text.startswith(phrase) and not got.vague and got.start is not None
    assert abs((NOW - got.start) - timedelta(days=days)) <= timedelta(days=1)


@pytest.mark.parametrize("text", ["吃了药好多了", "成个人都不舒服", "这个好多人都知道"])
def test_much_better_or_a_whole_person_is_no_time(text: str) -> None:
    assert parse_time_phrase(text, NOW) is None
