"""A period something is measured against is no start (round 29, docs/understanding.md "Round 29's misses"): 比去年多了
两百 stored 去年 as when the trouble began. After 比 / 比起 / 较, or after 跟 / 和 / 同 with 比 / 一样 following, the period is
a comparison; two times joined by 和 (昨天和今天都停水) and a start said beside a comparison stay times."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from core.text.timephrase import parse_time_phrase

NOW = datetime(2026, 12, 8, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.mark.parametrize("text", ["电费怎么比上个月高了一倍", "水压跟前几天比小多了", "暖气比起去年冬天差远了"])
def test_a_period_measured_against_is_no_time(text: str) -> None:
    assert parse_time_phrase(text, NOW) is None


@pytest.mark.parametrize(("text", "said"), [
    ("前天和昨天都停水", "前天"),
    ("比上个月贵了 从这周一开始涨的", "从这周一开始"),
])  # fmt: skip
def test_joined_times_and_a_start_beside_a_comparison_stay(text: str, said: str) -> None:
    p = parse_time_phrase(text, NOW)
    assert p is not None and said in p.text
