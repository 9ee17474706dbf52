"""Danger the second black-box user test of round 29 saw missed (branch danger29b), in sentences of our own:

* a gas water heater or a wall boiler that hisses (滋滋 / 嘶嘶), with a smell: 热水器 alone made the gas word harmless, and
  滋滋 was no hiss; a relative's 说没事 is no check, so it is at least asked, with gas as the danger a yes confirms;
* water dripping onto a meter box or a switch box while it crackles (噼啪响, 滋滋响): the water was said verb first
  (滴到电表箱上), which only the object-first pattern read, and crackling is arcing now."""

from __future__ import annotations

import pytest

from core.text.urgency import EMERGENCY, assess_urgency, states_named


@pytest.mark.parametrize("text", [
    "厨房那个热水器一直有滋滋的动静 还闻到一点味 我妈说没事",
    "壁挂炉那边嘶嘶的 屋里有股怪味 老公说不要紧",
])  # fmt: skip
def test_a_hissing_gas_heater_with_a_smell_is_at_least_asked_as_gas(text: str) -> None:
    u = assess_urgency(text)
    assert (u.level == EMERGENCY or u.triage) and u.hazard == "gas"


@pytest.mark.parametrize("text", ["热水器坏了 洗澡没有热水", "电热水器加热的时候有一点声音 正常吗"])
def test_a_heater_without_hiss_or_smell_is_no_gas_danger(text: str) -> None:
    u = assess_urgency(text)
    assert u.level != EMERGENCY and not u.triage


@pytest.mark.parametrize("text", [
    "楼上渗水 一直滴到我们家电表箱上 噼里啪啦地响",
    "楼上漏水 顺着管子流进了开关箱 滋滋响",
])  # fmt: skip
def test_water_on_an_electric_box_that_crackles_is_an_electric_emergency(text: str) -> None:
    u = assess_urgency(text)
    assert u.level == EMERGENCY and u.hazard == "electric"


def test_water_on_an_electric_box_alone_is_asked() -> None:
    assert assess_urgency("楼上漏水 水滴到我家配电箱上了").triage


@pytest.mark.parametrize("text", ["楼下烧烤摊噼里啪啦的 吵死了", "电表箱的门关不上了"])
def test_crackling_or_a_meter_box_alone_is_no_emergency(text: str) -> None:
    u = assess_urgency(text)
    assert u.level != EMERGENCY and not u.triage


def test_someone_down_is_named_down_even_when_a_cause_is_guessed() -> None:
    assert "collapsed" in states_named("车库门口有个人躺在地上 喊她也不理 可能是喝醉了")
