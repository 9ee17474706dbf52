"""Holidays and a few spoken day words as times (twelfth session: 「国庆节后就这样了」, 「元旦前后」, 「入冬以来」 were no
time at all, 「昨儿个后半夜」 kept only 昨儿)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from core.text.timephrase import parse_time_phrase

NOW = datetime(2026, 12, 7, 23, 30)


@pytest.mark.parametrize(("text", "shown", "day"), [
    ("国庆节后就这样了", "国庆节后", date(2026, 10, 1)),
    ("过了元旦就开始漏", "元旦就开始", date(2026, 1, 1)),
    ("春节前就坏了 一直没人修", "春节前", date(2026, 2, 15)),  # the first day off of 2026's Spring Festival
    ("中秋以后楼上天天吵", "中秋以后", date(2026, 9, 25)),
    ("五一之后就没来过热水", "五一之后", date(2026, 5, 1)),
    ("入冬以来暖气就不热", "入冬以来", date(2026, 11, 1)),
])  # fmt: skip
def test_a_holiday_is_a_day(text: str, shown: str, day: date) -> None:
    p = parse_time_phrase(text, NOW)
    assert p is not None and p.text == shown and p.start is not None and p.start.date() == day


def test_a_holiday_still_to_come_this_year_is_last_years() -> None:
    p = parse_time_phrase("端午节那会儿就开始了", datetime(2026, 3, 1, 12, 0))
    assert p is not None and p.start is not None and p.start.year == 2025


@pytest.mark.parametrize(("text", "shown"), [("昨儿个后半夜 楼上又砸东西", "昨儿个后半夜"), ("今儿个一早就停水了", "今儿个一早")])
def test_spoken_day_words(text: str, shown: str) -> None:
    p = parse_time_phrase(text, NOW)
    assert p is not None and p.text == shown and p.start is not None


@pytest.mark.parametrize("text", ["十一楼的灯坏了", "国庆路那边的垃圾站", "小区门口有个春节灯笼掉下来了"])
def test_not_a_holiday(text: str) -> None:
    p = parse_time_phrase(text, NOW)
    assert p is None or "国庆" not in p.text and "春节" not in p.text


@pytest.mark.parametrize(("text", "shown", "days_back"), [
    ("琴日夜晚开始滴水", "琴日夜晚开始", 1), ("尋日下昼成栋楼停电", "尋日下昼", 1), ("今朝早上电梯又唔郁", "今朝早上", 0),
    ("头先闻到好大阵煤气味", "头先", 0),
])  # fmt: skip
def test_cantonese_and_wu_days(text: str, shown: str, days_back: int) -> None:
    p = parse_time_phrase(text, NOW)
    assert p is not None and p.text == shown and p.start is not None
    assert (NOW.date() - p.start.date()).days == days_back
