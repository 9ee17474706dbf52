"""Round 19's consultation classes (development data, docs/understanding.md "Round 19's misses"), none a round-19
sentence: 能 / 可以 + a verb + 不 at the end asks; 怎么重新 asks how; 在哪栋 / 在哪个 asks where; where to have a lost
thing replaced and who of two does it (自己换还是你们换) are questions about rules even with a fault named; a stoppage
asked about before it comes (哪天停电) is no fault now. A verb asked both ways then 了 (还修不修了), 就不能…吗 and
能不能别… blame: complaints worded as questions; 堵起了 is a fault."""

from __future__ import annotations

import pytest

from core.text.consult import is_consultation


@pytest.mark.parametrize("text", [
    "楼道里能停电动车不",
    "电梯卡消磁了 怎么重新激活",
    "健身房在哪栋楼下",
    "钥匙牌丢了 在哪里补",
    "热水器的电池没电了 是物业换还是你们换",
    "请问这周几号停水",
])  # fmt: skip
def test_these_ask(text: str) -> None:
    assert is_consultation(text)


@pytest.mark.parametrize("text", [
    "这路灯你们还修不修了",
    "垃圾站就不能挪远一点吗",
    "能不能别把车停在消防通道",
    "阳台地漏堵起了 可不可以喊人通一哈",
    "水管漏了能修不",
    "停电了 到底什么时候来电",
])  # fmt: skip
def test_these_complain(text: str) -> None:
    assert not is_consultation(text)
