"""Round 22's consultation classes (development data, docs/understanding.md "Round 22's false emergencies"), none a
round-22 sentence. Questions: which of two with 识别 in it (别 there is no "don't"), what to do when something ran
out or expired (过期了咋办, 没钱了在哪充), a sentence-final 不 (对外开放不), checking one's own bill (查下…交没交), how to
claim water-damage insurance. Complaints: someone's conduct and who deals with it (那户… 谁管？), a staff habit blamed
(你们门岗是不是谁都让进), a state said to have got this bad (堆成这样了), 是不是该 (a suggestion), when a hole will be
filled, waiting until something happens, asking for the manager, 这么贵是怎么回事."""

from __future__ import annotations

import pytest

from core.text.consult import is_consultation


@pytest.mark.parametrize("text", [
    "请问大门是人脸识别还是刷卡进",
    "访客码过期了怎么办",
    "水卡没钱了在哪充值",
    "小区篮球场对外开放不",
    "麻烦帮我查下我家物业费交没交",
    "管道漏水保险怎么报 需要物业开什么证明",
    "楼顶的灯能不能晚上亮着 这个归谁管",
])  # fmt: skip
def test_these_ask(text: str) -> None:
    assert is_consultation(text)


@pytest.mark.parametrize("text", [
    "对门那户在楼道里养鸡 满地鸡毛 谁管？",
    "你们门岗是不是谁都让进？",
    "楼道的杂物堆成这样了 你们多久查一次？",
    "是不是该把楼下那辆破自行车挪走了？",
    "花坛边的土坑 啥时候能填上？",
    "是不是得等到有人摔下去你们才修那段护栏？",
    "能不能让你们主任出来给个说法？",
    "这个月水费这么贵是怎么回事？",
])  # fmt: skip
def test_these_complain(text: str) -> None:
    assert not is_consultation(text)
