"""A complaint that turns out to be a question (seventeenth session, usertest27): 「哦不对，我其实是想问一下物业费为什么
涨了」 at the time question was refused as no time and the ticket stayed a 投诉."""

from __future__ import annotations

import pytest

from bot.dialogs.intake.now_asking import NOW_A_QUESTION
from bot.dialogs.state import Asking
from core.messages import plain_text
from tests.dialogs.test_steps import fresh, msg, step


@pytest.mark.parametrize("words", ["哦不对，我其实是想问一下物业费为什么涨了", "我不是投诉 就是想了解下涨价的依据"])
def test_meaning_to_ask_makes_it_a_consultation(words: str) -> None:
    s = step(step(fresh(), msg("物业费涨价了")).state, msg("幸福里3栋"))
    assert s.state.draft and s.state.draft.asking == Asking.OCCURRED
    s = step(s.state, msg(words))
    d = s.state.draft
    assert d and d.kind == "consult" and d.asking != Asking.OCCURRED and words in (d.description or "")
    assert NOW_A_QUESTION in plain_text(s.replies)


def test_a_time_is_still_a_time() -> None:
    s = step(step(fresh(), msg("楼道灯坏了")).state, msg("幸福里3栋"))
    s = step(s.state, msg("上周开始的"))
    assert s.state.draft and s.state.draft.kind != "consult" and s.state.draft.occurred_text == "上周开始的"


def test_a_question_about_the_form_leaves_the_draft_as_it_is() -> None:
    s = step(step(fresh(), msg("楼道灯坏了")).state, msg("幸福里3栋"))
    s = step(s.state, msg("上周开始的"))
    s = step(s.state, msg("我就是想问问 电话一定要留吗"))
    assert s.state.draft and s.state.draft.kind != "consult"
