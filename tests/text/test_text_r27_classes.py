"""Round 27's four emergencies neither called nor asked (seventeenth session, read after its blind score), as classes
in our own sentences: smoke that creeps out under a door (往外窜烟, 门底下钻烟), a child or an elder not home long
past the hour, lips gone purple in an unheated flat, a newborn in the cold."""

from __future__ import annotations

import pytest

from core.text.urgency import EMERGENCY, assess_urgency


def _reached(text: str) -> bool:
    """Called an emergency, or the triage question asked (the issue's recall counts both)."""
    u = assess_urgency(text)
    return u.level == EMERGENCY or u.triage


@pytest.mark.parametrize("text", ["楼下那户门缝底下一直往外窜烟 喊了也没人答应", "对面邻居家门底下钻烟出来 报警器一直响"])
def test_smoke_creeping_out_under_a_door_is_an_emergency(text: str) -> None:
    u = assess_urgency(text)
    assert u.level == EMERGENCY and u.hazard == "fire"


@pytest.mark.parametrize("text", ["我爸早上出去买菜到现在都没回来 手机也打不通", "女儿补习班九点下课 这么晚了还没到家"])
def test_someone_vulnerable_not_home_long_past_the_hour_is_reached(text: str) -> None:
    assert _reached(text) and "unaccounted" in assess_urgency(text).state


@pytest.mark.parametrize("text", ["家里停暖气了 外婆在床上缩成一团 嘴唇都青紫了", "新生儿才十天 家里没暖气 孩子冻得直哭"])
def test_a_person_freezing_is_reached(text: str) -> None:
    assert _reached(text) and "freezing" in assess_urgency(text).state


@pytest.mark.parametrize("text", [
    "我家孩子放学回来了在写作业",
    "烧烤店的烟往外冒 熏得人受不了",
    "上个月门缝里冒过烟 后来查了是楼下在烧纸",
    "暖气不热 冻得直哆嗦 什么时候来修",
])  # fmt: skip
def test_ordinary_words_beside_them_are_no_emergency(text: str) -> None:
    assert assess_urgency(text).level != EMERGENCY


@pytest.mark.parametrize("text", ["孩子放学就不见了 小区监控能不能帮我看看", "我妈出去遛弯到现在没回来 你们能不能帮忙找找"])
def test_a_child_or_an_elder_unaccounted_for_is_asked_whatever_the_request_beside(text: str) -> None:
    assert _reached(text)


def test_an_adult_out_late_is_not_asked_for_that() -> None:
    assert "unaccounted" not in assess_urgency("我老公出去喝酒到现在没回来 能不能帮我看看监控").state
