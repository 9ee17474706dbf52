"""Danger the black-box user test of round 29 saw missed (branch fixdanger29), in sentences of our own:

* gas known only by its smell likened to rotten eggs (有股怪味 … 有点像臭鸡蛋), or a gas fitting that still hisses once shut
  or hisses with a smell: neither called nor asked;
* a resident's modesty before a live hazard (没什么大事 / 不急 / 小事 / 也不知道算不算 / 可能是我多心): 没什么 was read as
  denying the hazard after it, and its words weighed in the model against the evidence;
* someone missing who cannot find the way home (老年痴呆, 糊涂, a small child): only asked, where 110 is due;
* a smell likened to burning plastic behind a door nobody answers (烟味 像烧塑料 敲门没人): 烟味 is blanked as an idiom, so
  the likeness said alone was read as nothing."""

from __future__ import annotations

import pytest

from core.text.danger import read_danger
from core.text.urgency import EMERGENCY, assess_urgency


@pytest.mark.parametrize("text", [
    "楼梯间有股说不清的怪味 闻着有点像臭鸡蛋",
    "刚进家门就闻到一股味儿 跟臭鸡蛋似的",
    "煤气灶已经关上了 还一直有嘶嘶的声音",
    "热水器那根燃气管嘶嘶的 屋里有点味道",
])  # fmt: skip
def test_gas_known_by_its_smell_or_its_hiss_is_called(text: str) -> None:
    u = assess_urgency(text)
    assert u.level == EMERGENCY and u.hazard == "gas"


@pytest.mark.parametrize("text", ["化粪池那边一股味 像臭鸡蛋", "燃气灶打火的时候嘶嘶响 就是点不着 有点味"])
def test_a_sewer_or_an_igniter_is_no_gas_emergency(text: str) -> None:
    assert assess_urgency(text).level != EMERGENCY


@pytest.mark.parametrize(("modest", "hazard"), [
    ("没什么大事 就是", "燃气表那儿一直嘶嘶响 有股味"),
    ("不是什么大事哈 ", "燃气管那边一直在漏气"),
    ("可能是我多心了 ", "楼道配电箱里一直在冒烟"),
    ("打扰一下 也不知道算不算急事 ", "我爸在厕所摔倒了起不来"),
    ("小事 不着急 ", "对门屋里一股煤气味"),
])  # fmt: skip
def test_modesty_before_a_live_hazard_does_not_weigh_against_it(modest: str, hazard: str) -> None:
    assert assess_urgency(hazard).level == EMERGENCY
    assert assess_urgency(modest + hazard).level == EMERGENCY


def test_no_big_deal_does_not_deny_what_follows_it() -> None:
    gas = [m for m in read_danger("没什么大事 就是燃气管在漏").mentions if m.concept == "gas"]
    assert gas and gas[0].frame == "now"
    smoke = [m for m in read_danger("没什么烟 就是有点焦味").mentions if m.concept == "smoke"]
    assert all(m.frame == "neg" for m in smoke)  # 没什么 before a hazard's own word still denies it


@pytest.mark.parametrize("text", ["摔了一跤 没什么大事 自己起来了", "燃气灶打不着火 不急 有空来修一下", "楼道灯坏了 小事 有空换一下"])
def test_modesty_with_nothing_live_stays_ordinary(text: str) -> None:
    assert assess_urgency(text).level != EMERGENCY


@pytest.mark.parametrize("text", [
    "我姥爷有阿尔茨海默 下午出门散步到现在没回来",
    "孩子才四岁 在楼下玩着玩着不见了",
    "我外婆脑子有点糊涂 一个人跑出去走丢了 手机也打不通",
])  # fmt: skip
def test_someone_missing_who_cannot_find_the_way_home_is_called(text: str) -> None:
    assert assess_urgency(text).level == EMERGENCY


def test_a_search_asked_for_is_still_asked_about() -> None:
    # rounds 20-25 file a request to check the cameras urgent, rounds 27-28 an emergency: it keeps the question
    u = assess_urgency("外婆有点糊涂 上午出去了还没回来 麻烦保安帮看下监控")
    assert u.level == EMERGENCY or u.triage


def test_someone_found_and_looked_after_is_not_called() -> None:
    assert assess_urgency("楼下碰到一个老年痴呆的大爷走丢了 我先陪着他 在保安室等家属").level != EMERGENCY


@pytest.mark.parametrize("text", [
    "对门屋里一直往外飘味儿 像是在烧塑料 按门铃也没人应",
    "楼下那家一股烟味 像烧电线 敲了半天门没人",
])  # fmt: skip
def test_a_burning_smell_behind_an_unanswered_door_is_called(text: str) -> None:
    u = assess_urgency(text)
    assert u.level == EMERGENCY and u.hazard == "fire"


def test_plastic_burnt_in_the_open_is_no_likeness() -> None:
    assert assess_urgency("有人在空地上烧塑料垃圾 味道很大").level != EMERGENCY


@pytest.mark.parametrize("text", [
    "我爸有点糊涂 到处找不到他的手机了",
    "我妈记性不好 到处都找不到她的老花镜",
    "到处找不到我的快递 快递员说放在门口了",
])  # fmt: skip
def test_a_thing_nobody_can_find_is_no_missing_person(text: str) -> None:
    # 到处找不到 followed by the thing looked for (钥匙, 手机, 快递) is a lost object, not someone unaccounted for
    assert "unaccounted" not in read_danger(text).states_now
    assert assess_urgency(text).level != EMERGENCY
