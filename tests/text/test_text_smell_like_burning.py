"""Found talking to the bot (fifteenth session): 「楼道里有股怪味 有点像烧塑料」 was an ordinary 环境卫生 complaint — the
rule knew 烧塑料味 but not a smell said to be LIKE burning plastic, the likeness after the smell."""

from __future__ import annotations

import pytest

from core.text.urgency import EMERGENCY, assess_urgency


@pytest.mark.parametrize("text", ["楼道里有股怪味 有点像烧塑料", "屋里一股味道 跟烧电线似的", "电梯间的气味好像在烧橡胶"])
def test_a_smell_like_burning_plastic_or_wire_is_fire(text: str) -> None:
    u = assess_urgency(text)
    assert u.level == EMERGENCY or u.triage


@pytest.mark.parametrize("text", ["楼下烧烤店的味道像烧塑料一样难闻", "垃圾站的味道跟烧塑料似的 天天烧垃圾"])
def test_a_named_harmless_burning_stays_ordinary(text: str) -> None:
    assert assess_urgency(text).level != EMERGENCY
