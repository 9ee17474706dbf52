"""Round 16's classes (development data, docs/understanding.md "Round 16's slots"), none a round-16 sentence. At
the time question: a question for the staff with no time in it (照片要不要先发给你们 我拍了好几张) and a request
whose time tells of someone's plan (你们快点派人 我下午还要去上班) are kept for the staff, and the time is asked
again, as a place said there is (test_time_slot.py)."""

from __future__ import annotations

import pytest

from bot.dialogs import texts as tx
from bot.dialogs.state import Asking
from core.messages import plain_text
from tests.dialogs.test_intake_slots import at
from tests.dialogs.test_steps import msg, step


@pytest.mark.parametrize("said", [
    "物业能查一下是谁干的吗 我想找他赔",
    "要不要我先拍照片给你们？ 我拍了好几张",
    "你们快点派人 我下午还要去上班",
    "麻烦早点派人来 孩子晚上要写作业",
])  # fmt: skip
def test_a_question_or_a_request_at_the_time_question_is_kept_and_the_time_asked_again(said: str) -> None:
    s = step(at(Asking.OCCURRED).state, msg(said))
    d = s.state.draft
    assert d and d.occurred_text is None and d.asking == Asking.OCCURRED
    assert said in d.description and tx.REMARK_KEPT in plain_text(s.replies)
    s = step(s.state, msg("上周五"))
    assert s.state.draft and s.state.draft.occurred_text == "上周五"


@pytest.mark.parametrize(("said", "kept"), [
    ("昨天下午吧 你们能快点吗", "昨天下午"),
    ("下午开始的 还要等多久", "下午开始的"),
    ("前天晚上", "前天晚上"),
])  # fmt: skip
def test_a_time_said_with_a_question_is_still_the_time(said: str, kept: str) -> None:
    s = step(at(Asking.OCCURRED).state, msg(said))
    d = s.state.draft
    assert d and d.occurred_text is not None and kept in d.occurred_text
