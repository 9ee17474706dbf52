"""Round 27's consultation classes (consult_r27 and urgency_r27's kinds, read on branch study27u: docs/understanding.md
"Round 27's urgency and consultation sets read"), none a round-27 sentence. Questions: a stoppage announced ahead, where
a prepaid card is topped up, a rise only heard of, an event still held or not, open or not (开门不), a lost code or
ticket and how to use it now (咋取), A-not-A with 没 (涨没涨). Complaints: who answers when it does happen (真要…了谁负责),
a request to spray, whoever it is unknown (不知道哪家), 到底哪天, 是不是不打算, is anyone on duty, charged more than due,
never once seen, whose fault if something happens, this dear and fair, still going on and allowed."""

from __future__ import annotations

import pytest

from core.text.consult import is_consultation


@pytest.mark.parametrize("text", [
    "听说月底要停水检修 大概停几个小时 要不要提前接水",
    "水卡充不进钱了 哪里能充",
    "气卡没气了 哪儿能买气",
    "地下车位租金现在什么价 听说又涨了",
    "今年的业主篮球赛还办不办了",
    "物业前台中午开门不",
    "快递的取件码丢了咋取",
    "下个月水费涨没涨",
])  # fmt: skip
def test_these_ask(text: str) -> None:
    assert is_consultation(text)


@pytest.mark.parametrize("text", [
    "楼道里天天堆纸箱 真要烧起来了谁负责",
    "绿化带里蚊子成群 能不能喷个药",
    "不知道谁家的音响半夜还在放 整栋楼都睡不好",
    "说好上周来换水表 到底哪天来",
    "押金说好一个月退 是不是压根不想退了？",
    "半夜叫门没人应 你们有没有人在岗啊？",
    "物业费怎么多收了一百？",
    "说是每周消杀一次 我怎么一回都没见过？",
    "夜里岗亭没人守 出事了算谁的？",
    "充电桩一度电两块钱这么贵合理吗？",
    "晚上十一点了还在打电钻 这合规吗？",
])  # fmt: skip
def test_these_complain(text: str) -> None:
    assert not is_consultation(text)
