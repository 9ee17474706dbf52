"""Said at the address question instead of the address (round 9, development data): a stall, a request
or a complaint to the staff is not a place to confirm, and a second problem opened with an interjection
(哦还有…) or with no problem word in it (另外，…井盖也松了) is set aside, not stored as the address."""

from __future__ import annotations

import pytest

from bot.dialogs import texts as tx
from bot.dialogs.state import Asking
from core.messages import Choices, plain_text
from core.text.answers import opens_aside, remark, without_lead
from tests.dialogs.test_intake_slots import at
from tests.dialogs.test_steps import fresh, msg, step

KNOWN = [("幸福里小区", "幸福里")]


@pytest.mark.parametrize(
    "text",
    [
        "等一下我娃在哭 我先去看一眼",
        "稍等我看一下门牌",
        "你们能不能直接去跟他说 我不想当面吵",
        "你们还管不管事啊 上次投诉也没人理",
        "楼上那家我去敲过门了 没人在",
    ],
)
def test_remarks_are_no_address(text: str) -> None:
    assert remark(text, KNOWN)


@pytest.mark.parametrize(
    "text",
    [
        "幸福里小区3栋2单元501",
        "幸福里3栋，你们快点",  # an address, whatever else is said with it
        "我在步行街那边，不在你们那几个小区",  # says where, though it speaks to the staff
        "菜市场门口",
        "我也不太清楚怎么说",  # no place and no remark: still asked about kindly
        "老菜市场后面那条巷子",
    ],
)
def test_places_and_plain_words_are_no_remarks(text: str) -> None:
    assert not remark(text, KNOWN)


def test_a_remark_at_the_address_question_is_asked_again_not_confirmed() -> None:
    s = at(Asking.ADDRESS)
    s = step(s.state, msg("等一下我娃在哭 我先去看一眼"))
    d = s.state.draft
    assert d and d.asking == Asking.ADDRESS and not d.address_ok and d.address_text is None
    said = plain_text(s.replies)
    assert tx.ADDRESS_NOT_GIVEN in said and tx.ADDRESS_IS_HERE not in said
    assert not any(isinstance(r, Choices) for r in s.replies)
    s = step(s.state, msg("幸福里小区3栋2单元501"))
    d = s.state.draft
    assert d and d.address_ok and (d.building, d.unit, d.room) == ("3", "2", "501")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("哦还有卫生间地漏也下水很慢", "卫生间地漏也下水很慢"),
        ("另外，我家楼下那个井盖也松了，踩上去咣当响", "我家楼下那个井盖也松了，踩上去咣当响"),
    ],
)
def test_a_second_problem_at_the_address_question_is_set_aside(text: str, kept: str) -> None:
    assert opens_aside(text) and without_lead(text) == kept
    s = at(Asking.ADDRESS)
    s = step(s.state, msg(text))
    d = s.state.draft
    assert d and d.asking == Asking.ADDRESS and d.address_text is None and not d.address_ok
    assert s.state.asides == [kept]
    assert tx.ASIDE_NOTED in plain_text(s.replies)


def test_a_problem_at_home_with_only_the_community_asks_for_the_door() -> None:
    s = step(fresh(), msg("我是幸福里小区的老住户，家里厨房下水管子堵了"))
    d = s.state.draft
    assert d and d.asking == Asking.DOOR and d.community == "幸福里小区"
    s = step(s.state, msg("3栋2单元501"))
    d = s.state.draft
    assert d and (d.building, d.unit, d.room) == ("3", "2", "501") and d.asking != Asking.DOOR


def test_an_estate_wide_problem_with_only_the_community_does_not() -> None:
    # a lamp post outdoors is asked where inside the 小区 since round 23 (tests/dialogs/test_round23_classes.py)
    s = step(fresh(), msg("幸福里小区的保安晚上值班老睡觉好几天了"))
    d = s.state.draft
    assert d and d.community == "幸福里小区" and d.asking not in (Asking.DOOR, Asking.ADDRESS)
