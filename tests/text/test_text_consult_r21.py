"""Round 21's consultation classes (development data, docs/understanding.md "Round 21's false emergencies"), none a
round-21 sentence: where to change or enter something (去哪改, 在哪录) and the price of replacing a lost card ask about
rules; 几点 is no 快点 (能开到几点); what the resident may do themselves (可以自己…) is no request; water-damage insurance
(漏水险) is no leak. Damage done to mine (把我车刮了), where the staff went (都去哪了), how long since it was cleaned
(多久没扫了), 好意思吗 / 有没有王法 blame; talking to a neighbour, thinking of something, spraying are requests."""

from __future__ import annotations

import pytest

from core.text.consult import is_consultation


@pytest.mark.parametrize("text", [
    "房产证上名字写错了 去哪里改",
    "门禁的指纹在哪录入",
    "车位卡弄丢了 补一张多少钱",
    "小区超市晚上能开到几点",
    "阳台想加个晾衣架 可以自己找师傅来装吗",
    "家财险里的漏水险物业能代买吗",
])  # fmt: skip
def test_these_ask(text: str) -> None:
    assert is_consultation(text)


@pytest.mark.parametrize("text", [
    "物业的车把我电动车刮了 谁赔",
    "值班的人都去哪了 打电话没人接",
    "楼道多久没扫了 全是烟头",
    "收了钱不干活 好意思吗",
    "半夜还在砸墙 还有没有王法",
    "对门天天在门口堆纸箱 能不能跟他们讲一下",
    "草坪里好多毛毛虫 能不能喷药",
    "楼下烧烤摊的烟熏得开不了窗 能不能想想办法",
])  # fmt: skip
def test_these_complain(text: str) -> None:
    assert not is_consultation(text)
