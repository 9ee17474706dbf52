"""Round 28's urgency and consultation classes read on branch study28d (docs/understanding.md "Round 28's dialog and
consultation misses"), none a round-28 sentence. No emergency: cooking on a gas bottle with no leak said, a known
thief seen about, a fire only wondered about (真…了咋整), sick left by someone unknown, a dog chewing a thing (no violence read), a
gas card run dry. Said safe: fixed firmly, a smell gone. Guards: a leak by the cooking, a theft now, a dog biting a child."""

from __future__ import annotations

import pytest

from core.text.consult import is_consultation
from core.text.danger import read_danger
from core.text.urgency import EMERGENCY, assess_urgency
from core.text.urgency_model import simplified
from core.text.urgency_rules import prepare


@pytest.mark.parametrize("text", [
    "车库里住着好几个人 还拿液化气罐炒菜",
    "偷自行车的那个人又出现了 在地库门口晃悠",
    "楼道里堆满了纸箱 真起火了咋办",
    "楼梯间不知道谁吐了 好大味道",
    "气表里没气了 在哪买气啊",
])  # fmt: skip
def test_these_are_no_emergency(text: str) -> None:
    assert assess_urgency(text).level != EMERGENCY


def test_a_dog_chewing_a_thing_is_no_violence() -> None:
    assert "violence" not in read_danger(simplified(prepare("502家的狗把我放门口的拖鞋咬烂了")[1])).hazards_now


@pytest.mark.parametrize("text", [
    "风一吹雨棚就哐哐响 像要掉下来 其实师傅上去看过 固定得很牢",
    "中午楼道里有股烧焦的味道 现在闻不到了 能不能派人查查",
])  # fmt: skip
def test_said_safe_is_not_asked(text: str) -> None:
    u = assess_urgency(text)
    assert u.level != EMERGENCY and not u.triage


@pytest.mark.parametrize("text", [
    "用液化气罐做饭 闻到好大一股臭鸡蛋味 头晕",
    "有个人正在撬车棚里的电动车",
    "狗把小孩的手咬破了 在流血",
])  # fmt: skip
def test_guards_stay_emergencies(text: str) -> None:
    assert assess_urgency(text).level == EMERGENCY


@pytest.mark.parametrize("text", [
    "燃气在哪买 表里没气了 饭做一半",
    "几点以后装修算扰民",
    "给孩子办借书证去哪",
    "业委会的账目在哪能查",
])  # fmt: skip
def test_these_ask(text: str) -> None:
    assert is_consultation(text)


@pytest.mark.parametrize("text", [
    "不晓得哪家一直在敲墙 今天周日啊",  # an unknown culprit, in the word of the south-west
    "问了三次 怎么连个答复都没有？",
    "你们客服怎么一问三不知？",
    "楼下那堆旧家具准备放到明年吗？",
    "保安是不是跟收废品的串通好了？",
    "打了十几个电话了 有没有人给个说法？",
    "走廊的灯一直不开 是为了省钱吗？",
    "能不能把单元门那个一直响的门铃换了？",
    "楼顶的小门能不能锁起来 老有人上去",
    "可唔可以搵人嚟睇下条水管？",
])  # fmt: skip
def test_these_are_complaints(text: str) -> None:
    assert not is_consultation(text)
