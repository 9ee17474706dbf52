"""Round 18's time and address classes (development data, docs/understanding.md "Round 18's misses"), none a
round-18 sentence: a start said outright (从…开始, …前开始的) wins over a recurrence with its hours; a day or month
asked with 几 is a question, not a time; a floor and a lettered door right after a one-block estate's name is the
room."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from core.text.address import CommunitySpec, parse_address
from core.text.timephrase import parse_time_phrase

NOW = datetime(2026, 11, 23, 15, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.mark.parametrize(("text", "phrase"), [
    ("从上个礼拜三开始 楼下饭店每天晚上十一点还在剁肉", "从上个礼拜三开始"),
    ("对面工地天天凌晨四点就开工 从前天开始的", "从前天开始"),
    ("两个星期前开始 隔壁每晚九点准时弹钢琴", "两个星期前开始"),
])  # fmt: skip
def test_a_start_said_outright_wins_over_a_recurrence_with_hours(text: str, phrase: str) -> None:
    got = parse_time_phrase(text, NOW)
    assert got is not None and got.text == phrase and got.start is not None and not got.vague


@pytest.mark.parametrize("text", ["请问下个月几号开始收物业费", "你们几号能派人来", "几月几号开始停气"])
def test_a_day_asked_with_ji_is_no_time(text: str) -> None:
    got = parse_time_phrase(text, NOW)
    assert got is None or "几" not in got.text


@pytest.mark.parametrize(("text", "phrase"), [("3号开始停水", "3号开始"), ("十一月五号", "十一月五号"), ("好几天了", "好几天了")])
def test_days_with_numbers_are_still_times(text: str, phrase: str) -> None:
    got = parse_time_phrase(text, NOW)
    assert got is not None and got.text == phrase


KNOWN: list[CommunitySpec] = ["海棠湾", "金地名苑"]


@pytest.mark.parametrize(("text", "room"), [("海棠湾23樓D室", "23D"), ("金地名苑七楼B户", "7B"), ("海棠湾 9层a", "9A")])
def test_a_floor_and_lettered_door_after_a_one_block_estate_is_the_room(text: str, room: str) -> None:
    got = parse_address(text, KNOWN)
    assert got.room == room and got.building is None


def test_a_lettered_block_stays_the_building() -> None:
    got = parse_address("海棠湾12楼B座", KNOWN)
    assert got.building == "B" and got.room is None
