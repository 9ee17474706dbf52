"""A first message that checks the account works (测试一下) or was sent by mistake (不好意思发错了) is no matter
(sixteenth session, talking to the chat: both opened a complaint and were asked where). Mid-form, 「发错了」 is
answered and the question put again; words that merely contain 试 or 不小心 are matters as before."""

from __future__ import annotations

import pytest

from bot.dialogs import texts as tx
from bot.dialogs.smalltalk import small_talk
from bot.dialogs.state import Asking
from core.messages import plain_text
from tests.dialogs.test_steps import fresh, msg, step


@pytest.mark.parametrize(("words", "kind"), [
    ("测一下", "test"), ("在吗 测试", "test"), ("testing", "test"),
    ("抱歉 刚才那条发错人了", "mistake"), ("点错了", "mistake"), ("手滑 请忽略", "mistake"),
])  # fmt: skip
def test_a_test_or_a_slip_is_small_talk(words: str, kind: str) -> None:
    assert small_talk(words) == kind


@pytest.mark.parametrize("words", ["你们试试把水闸关一下", "不小心把垃圾桶撞倒了 垃圾洒了一地", "测试了好几次门禁都刷不开"])
def test_words_with_a_matter_are_not(words: str) -> None:
    assert small_talk(words) is None


@pytest.mark.parametrize(("words", "reply"), [("测一下", tx.SMALL_TALK_TEST_REPLY), ("不好意思 发错了", tx.SMALL_TALK_MISTAKE_REPLY_NEW)])
def test_no_draft_opens(words: str, reply: str) -> None:
    s = step(fresh(), msg(words))
    assert s.state.draft is None and plain_text(s.replies) == reply


def test_a_slip_mid_form_puts_the_question_again() -> None:
    s = step(fresh(), msg("3栋楼道灯坏了"))
    asking = s.state.draft and s.state.draft.asking
    s = step(s.state, msg("发错了"))
    d = s.state.draft
    assert d and d.asking == asking and d.asking != Asking.REVIEW and tx.MISTAKE_MID_FORM in plain_text(s.replies)
    assert "发错了" not in (d.description or "") and not d.address_text
