"""At the phone question (#15, found talking to `complaint-bot chat`): another complaint said there
with no number is set aside and offered after filing, not counted as a wrong number; the same fault
again is kept for the staff; 「不方便留」 declines as the option does; a wrong number is still one."""

from __future__ import annotations

import pytest

from bot.dialogs import texts as tx
from bot.dialogs.state import Asking
from core.messages import plain_text
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


@pytest.mark.parametrize("said", ["不方便留", "不想留电话", "电话保密"])
def test_declining_in_words_is_the_no_phone_option(said: str) -> None:
    s = step(at(Asking.PHONE, LEAK).state, msg(said))
    d = s.state.draft
    assert d and d.phone is None and d.phone_declined and d.asking == Asking.REVIEW


@pytest.mark.parametrize("said", ["1381234", "电话坏了", "我手机号码不记得了"])
def test_what_is_about_the_phone_is_no_second_problem(said: str) -> None:
    s = step(at(Asking.PHONE, LEAK).state, msg(said))
    d = s.state.draft
    assert d and d.asking == Asking.PHONE and not s.state.asides and tx.BAD_PHONE in plain_text(s.replies)
