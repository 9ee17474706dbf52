"""Found talking to `complaint-bot chat` (#15). At the phone question (#15, found talking to `complaint-bot chat`): another complaint said there
with no number is set aside and offered after filing, not counted as a wrong number; the same fault
again is kept for the staff; 「不方便留」 declines as the option does; a wrong number is still one. After a ticket at a shared spot, a matter at home is asked its place
afresh (the home's door was never said)."""

from __future__ import annotations

import pytest

from bot.dialogs import texts as tx
from bot.dialogs.state import Asking
from bot.dialogs.step import Step
from core.messages import Choices, plain_text
from tests.dialogs.test_intake_slots import at, filed
from tests.dialogs.test_steps import msg, step

LEAK = "厨房水管漏水了"


@pytest.mark.parametrize("said", [
    "楼上邻居天天晚上剁肉，咚咚咚吵死了，气得我血压都上来了",
    "小区门口的快递柜坏了好几天了",
])
def test_another_complaint_at_the_phone_question_is_set_aside(said: str) -> None:
    s = step(at(Asking.PHONE, LEAK).state, msg(said))
    d = s.state.draft
    assert d and d.asking == Asking.PHONE and d.invalid == 0 and d.phone is None
    assert tx.ASIDE_NOTED in plain_text(s.replies) and tx.BAD_PHONE not in plain_text(s.replies)
    assert s.state.asides == [said] and said not in (d.description or "")
    s = step(s.state, msg("13912345678"))
    assert s.state.draft and s.state.draft.asking == Asking.REVIEW
    assert said in plain_text(filed(s).replies)  # offered as a complaint of its own


@pytest.mark.parametrize("said", ["漏得更厉害了", "现在水管还在漏"])
def test_the_same_fault_again_is_kept_for_the_staff(said: str) -> None:
    s = step(at(Asking.PHONE, LEAK).state, msg(said))
    d = s.state.draft
    assert d and d.asking == Asking.PHONE and not s.state.asides
    assert tx.REMARK_KEPT in plain_text(s.replies) and said in (d.description or "")


@pytest.mark.parametrize("said", ["不方便留", "不想留电话", "电话保密", "唔想留電話", "唔使留啦", "电话唔俾了"])  # Cantonese: eleventh session
def test_declining_in_words_is_the_no_phone_option(said: str) -> None:
    s = step(at(Asking.PHONE, LEAK).state, msg(said))
    d = s.state.draft
    assert d and d.phone is None and d.phone_declined and d.asking == Asking.REVIEW


@pytest.mark.parametrize("said", ["1381234", "电话坏了", "我手机号码不记得了"])
def test_what_is_about_the_phone_is_no_second_problem(said: str) -> None:
    s = step(at(Asking.PHONE, LEAK).state, msg(said))
    d = s.state.draft
    assert d and d.asking == Asking.PHONE and not s.state.asides and tx.BAD_PHONE in plain_text(s.replies)


def _filed_at(place: str, then: str) -> Step:
    s = step(at(Asking.ADDRESS).state, msg(place))
    for answer in ("昨晚", "13812345678"):
        s = step(s.state, msg(answer))
    return step(filed(s).state, msg(then))


def test_a_matter_at_home_after_a_ticket_at_a_shared_spot_asks_where() -> None:
    s = _filed_at("幸福里小区5栋门口", "另外我家厨房水龙头一直滴水")
    d = s.state.draft
    assert d and d.asking == Asking.ADDRESS and not d.place_offered and d.room is None


def test_a_matter_at_home_after_a_ticket_at_home_is_offered_that_home() -> None:
    s = _filed_at("幸福里小区3栋2单元501", "另外我家厨房水龙头一直滴水")
    d = s.state.draft
    assert d and d.asking == Asking.ADDRESS_CONFIRM and d.room == "501"
    assert isinstance(s.replies[-1], Choices)


@pytest.mark.parametrize("words", ["跳过", "莫得电话", "没得手机"])
def test_a_skip_or_no_phone_in_other_words_declines(words: str) -> None:
    """Second user test: 「跳过」 (which other questions offer) and Sichuan 「莫得电话」 were told the number looks wrong."""
    s = step(at(Asking.PHONE, LEAK).state, msg(words))
    d = s.state.draft
    assert d and d.phone is None and d.phone_declined and tx.BAD_PHONE not in plain_text(s.replies)
