"""Round 24's false emergencies, read after its blind score (fourteenth session), fixed as classes and tested in
other sentences: a simile (跟爆炸一样), 救命 shouted in play, a smell said not to be gas (不是煤气), and things — not
people — locked in (药锁在柜子里)."""

from __future__ import annotations

import pytest

from core.text.urgency import EMERGENCY, assess_urgency


@pytest.mark.parametrize("text", [
    "楼下那辆摩托车每天半夜轰油门 声音像爆炸似的",
    "隔壁装修电锤一响 跟着火了一样 全楼都震",
    "小孩们在院子里玩警察抓小偷 一直喊救命 吵死了",
    "下水道一股臭鸡蛋味 不是煤气 是化粪池满了",
    "地下室一股味 问了燃气公司说不是燃气 是污水",
    "物业办公室锁门了 我家的钥匙和证件都锁在里面",
])  # fmt: skip
def test_these_are_no_emergency(text: str) -> None:
    assert assess_urgency(text).level != EMERGENCY  # the rules may still ask (跟着火了一样 keeps the rule's 着火)


def test_things_locked_in_are_no_person_trapped() -> None:
    u = assess_urgency("快递柜门打不开 我爸的胰岛素锁在里面取不出来")
    assert "trapped" not in u.state  # the model alone may still lean on 我爸 (left; docs/understanding.md)


@pytest.mark.parametrize("text", [
    "厨房突然爆炸了 我妈还在里面",
    "楼下有人在喊救命 好像是掉井里了",
    "是不是煤气漏了 一股臭鸡蛋味 我头好晕",
    "孩子被锁在车里了 太阳底下晒着 哭得喘不上气",
])  # fmt: skip
def test_these_stay_emergencies(text: str) -> None:
    u = assess_urgency(text)
    assert u.level == EMERGENCY or u.triage
