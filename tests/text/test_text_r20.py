"""Round 20's false emergencies (development data, docs/understanding.md "Round 20's false emergencies"), none a
round-20 sentence: a danger held for now (a road closed off below it, people kept apart, a fire put out) with
nothing going on despite it is asked about, not called; someone already taken away by an ambulance is over; nobody
beneath what fell is no one at risk; a fever (烧到四十度) is no burn; staff asleep on duty are no one unconscious."""

from __future__ import annotations

import pytest

from core.text.danger import read_danger
from core.text.urgency import EMERGENCY, assess_urgency


@pytest.mark.parametrize("text", [
    "楼顶的广告牌松了 一直在晃 我们已经把下面那段路围起来了",
    "五楼阳台的花架歪出来了 看着要掉 物业已经把底下那片封住了",
    "仓库门口有个桶在漏东西 闻着刺鼻 保安已经让大家隔开了",
])  # fmt: skip
def test_a_danger_held_for_now_is_asked_not_called(text: str) -> None:
    assert read_danger(text).held()
    assert assess_urgency(text).level != EMERGENCY


def test_a_failing_sign_held_below_is_still_asked_about() -> None:
    assert assess_urgency("楼顶的广告牌松了 一直在晃 我们已经把下面那段路围起来了").triage


@pytest.mark.parametrize("text", [
    "厨房燃气管一直嘶嘶响 我把阀门关了还在响 屋里全是味",
    "插座冒烟 我拉了电闸 但是还是有烟 老人在屋里",
    "楼顶广告牌在晃 我们把下面那段路围起来了 快来人",
])  # fmt: skip
def test_what_goes_on_despite_it_or_a_cry_is_not_held(text: str) -> None:
    assert not read_danger(text).held()


def test_taken_away_by_an_ambulance_is_over() -> None:
    text = "三楼的大爷在楼梯上摔了 救护车刚刚接走了 家里门没锁"
    assert not read_danger(text).states_now
    assert assess_urgency(text).level != EMERGENCY


def test_nobody_beneath_what_fell() -> None:
    text = "卫生间顶上的石膏板塌了一大块 幸好没人在下面 水还在漏"
    assert read_danger(text).dismissed
    assert assess_urgency(text).level != EMERGENCY


@pytest.mark.parametrize("text", [
    "我妈发高烧烧到四十度 电梯又停了 想找人帮忙背下楼",
    "孩子烧到39度多 电梯坏了 能不能派人帮忙抱下去",
])  # fmt: skip
def test_a_fever_is_no_burn(text: str) -> None:
    assert "burnt" not in read_danger(text).states_now
    assert assess_urgency(text).level != EMERGENCY


def test_a_burn_is_still_a_burn() -> None:
    assert "burnt" in read_danger("孩子被开水烫到了 手上起泡").states_now


@pytest.mark.parametrize("text", [
    "小区门岗的保安夜里睡大觉 我拍窗户拍了半天都叫不醒",
    "值班室的门卫晚上睡着了 车在门口按喇叭都喊不醒",
])  # fmt: skip
def test_staff_asleep_on_duty_are_no_one_unconscious(text: str) -> None:
    assert "unconscious" not in read_danger(text).states_now
    assert assess_urgency(text).level != EMERGENCY


@pytest.mark.parametrize("text", ["老人睡着了叫不醒", "我爸午睡到现在 怎么叫都叫不醒 脸色发白"])
def test_a_person_asleep_who_cannot_be_woken_stays_an_emergency(text: str) -> None:
    assert assess_urgency(text).level == EMERGENCY
