"""Round 16's time classes and the two faults left in the seventh session (docs/understanding.md "Round 16's
slots"): 以后 / 之前 / 然后 run into a day word (以后天天 is no 后天), and a count said before its period
(第三次了这个月) says how often, as the period before its count does. None is a round-16 sentence."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from core.text.timephrase import parse_time_phrase

NOW = datetime(2026, 11, 23, 15, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("入冬以后天天停暖气", "入冬以后"),  # 入冬 a season since the twelfth session
        ("装修完了之后天天有灰", "天天"),
        ("开始是滴水 然后天天漏", "天天"),
        ("以前天天有人扫 现在没人管了", "天天"),
        ("之前晚上还好 现在整夜响", None),
    ],
)
def test_a_day_word_is_not_read_across_a_conjunction(text: str, phrase: str | None) -> None:
    got = parse_time_phrase(text, NOW)
    assert got is None or "后天" not in got.text and "前天" not in got.text and "前晚" not in got.text
    if phrase is not None:
        assert got is not None and got.text == phrase


@pytest.mark.parametrize("text", ["大后天要停水吗", "后天上午来修", "前天开始漏水"])
def test_the_day_words_themselves_still_read(text: str) -> None:
    got = parse_time_phrase(text, NOW)
    assert got is not None and ("后天" in got.text or "前天" in got.text)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("门禁坏了 第四次了这个月", "这个月"),
        ("都两回了今年 电梯又困人", "今年"),
        ("第三次了这周 楼道灯又灭了", "这周"),
    ],
)
def test_a_count_before_its_period_says_how_often(text: str, phrase: str) -> None:
    got = parse_time_phrase(text, NOW)
    assert got is not None and (got.text, got.vague) == (phrase, True)


def test_a_period_alone_still_says_since_when() -> None:
    got = parse_time_phrase("这个月开始 水压就很小", NOW)
    assert got is not None and not got.vague
