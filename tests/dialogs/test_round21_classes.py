"""Round 21's dialog classes (development data, docs/understanding.md "Round 21's dialog misses"), none a round-21
sentence. Checking the line (听得见吗) and not knowing whom to tell are greetings, not consultations; a call for help
before a building (救命 快来 5栋…) is no estate's name, and an emergency with a building alone asks which 小区; the
building and door said again at the 小区 question are kept with no 小区; a 小区's numbered 号院 is its building; 现在
after a clause that told what happened is the state now, not since when; a dog that bit only clothes is asked about,
not called; a planned cut asked about asks which 小区; a mobile a digit short is shown as read."""

from __future__ import annotations

import pytest

from bot.dialogs import intake
from bot.dialogs import texts as tx
from bot.dialogs.smalltalk import small_talk
from bot.dialogs.state import Asking
from core.messages import plain_text
from core.text.address import parse_address
from core.text.answers import about_the_estate
from core.text.urgency import assess_urgency
from tests.dialogs.test_intake_slots import at
from tests.dialogs.test_steps import ctx, fresh, msg, step


@pytest.mark.parametrize("said", ["喂 听得见吗？", "你好 能收到吗", "唉，真不知道该找谁反映", "我也不晓得找谁说了"])
def test_checking_the_line_or_not_knowing_whom_to_tell_is_a_greeting(said: str) -> None:
    assert small_talk(said) == "hello"
    s = step(fresh(), msg(said))
    assert s.state.draft is None and tx.SMALL_TALK_HELLO_REPLY in plain_text(s.replies)


@pytest.mark.parametrize("said", ["听得见吗 楼上一直在漏水", "不知道找谁 物业费收多了"])
def test_with_a_matter_they_are_no_greeting(said: str) -> None:
    assert small_talk(said) is None


@pytest.mark.parametrize("said", ["快来看 5栋楼下有人打架", "赶快来 5栋楼下有人打架", "赶紧派人 8号楼电梯里关着人", "帮帮忙 3栋冒烟了"])
def test_a_call_for_help_before_the_building_is_no_estate(said: str) -> None:
    assert parse_address(said).community is None


def test_an_emergency_with_a_building_alone_asks_which_community() -> None:
    s = step(fresh(), msg("着火了 7栋三楼窗户往外冒黑烟"))
    d = s.state.draft
    assert d is not None and d.emergency and d.asking == Asking.COMMUNITY
    s = step(s.state, msg(choice=intake.K_COMMUNITY + "B"))
    d = s.state.draft
    assert d is not None and (d.community, d.building) == ("阳光花园", "7") and d.stage == "submitting"


def test_the_building_and_door_said_again_at_the_community_question_are_no_community() -> None:
    s = step(fresh(), msg("楼道灯坏了"))
    s = step(s.state, msg("6栋2单元"))
    assert s.state.draft is not None and s.state.draft.asking == Asking.COMMUNITY
    s = step(s.state, msg("6栋2单元"))
    d = s.state.draft
    assert d is not None and d.community is None and (d.building, d.unit) == ("6", "2") and d.address_ok
    assert d.asking == Asking.OCCURRED


def test_a_community_s_numbered_courtyard_is_its_building() -> None:
    a = parse_address("阳光花园 3号院1单元402", ["阳光花园"])
    assert (a.community, a.building, a.unit, a.room) == ("阳光花园", "3", "1", "402")
    street = parse_address("建设路12号院")  # a street's compound stays its name, no building
    assert street.building is None


@pytest.mark.parametrize("opening", ["楼上漏水了 现在还在往下滴", "电梯门坏了，现在关不上"])
def test_now_after_what_happened_is_the_state_not_since_when(opening: str) -> None:
    reading = ctx().reader.read(opening, ctx().now, ctx().communities)
    assert reading.time_text is None


def test_now_said_first_is_still_when() -> None:
    reading = ctx().reader.read("现在楼下有人在砸墙", ctx().now, ctx().communities)
    assert reading.time_text == "现在"


@pytest.mark.parametrize("said", ["楼下那只狗咬了我女儿的裤子 还不拴绳", "大黄狗咬了我儿子的袖子"])
def test_a_dog_that_bit_only_clothes_is_asked_not_called(said: str) -> None:
    assert assess_urgency(said).level != "emergency"


def test_a_dog_bite_on_a_person_is_still_an_emergency() -> None:
    assert assess_urgency("狗咬了我女儿 腿上一直在出血").level == "emergency"


@pytest.mark.parametrize("said", ["明天会停电吗", "这周末还断水吗", "什么时候开始供暖"])
def test_a_planned_cut_asked_about_is_the_estate_s(said: str) -> None:
    assert about_the_estate(said)


@pytest.mark.parametrize("said", ["一三八 一二三四 五六七", "139 1234 567 88"])
def test_a_mobile_a_digit_short_or_long_is_shown_as_read(said: str) -> None:
    s = at(Asking.PHONE)
    s = step(s.state, msg(said))
    said_back = plain_text(s.replies)
    assert "位；手机号是11位" in said_back and s.state.draft is not None and s.state.draft.asking == Asking.PHONE
