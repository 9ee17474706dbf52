"""How long nothing has happened, said without 了 (twentieth session: 「垃圾一个星期没人收」 was not read as a time and
the resident was asked since when): a duration right before a negated verb tells how long it has lasted; a
condition, a limit or a promised visit does not (三天不修就…, 两天不到就…, 说好两天来修)."""

from __future__ import annotations

from datetime import datetime

import pytest

from core.text.timephrase import parse_time_phrase

NOW = datetime(2026, 12, 8, 9, 0)


@pytest.mark.parametrize(("text", "shown", "days"), [
    ("楼下快递柜五天没人管", "五天", 5), ("化粪池半个月没人来抽", "半个月", 15),
    ("我们这栋楼两个礼拜不来热水", "两个礼拜", 14), ("路口那盏灯四天都没亮过", "四天", 4),
    ("我家阳台一个多月没人来看过", "一个多月", 30),
])  # fmt: skip
def test_a_duration_before_a_negated_verb_is_how_long_it_has_lasted(text: str, shown: str, days: int) -> None:
    p = parse_time_phrase(text, NOW)
    assert p is not None and p.text == shown and abs((NOW - p.start).days - days) <= 2


@pytest.mark.parametrize("text", [
    "五天不处理好的话我就打12345", "空调装上去两天不到就不制冷", "停水通知说四天不能洗澡",
    "物业答应过两天来换灯泡", "师傅说好五天来看看", "敲了半天没人开门",
])  # fmt: skip
def test_a_condition_a_limit_or_a_promised_visit_is_no_start(text: str) -> None:
    assert parse_time_phrase(text, NOW) is None
