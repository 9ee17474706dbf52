"""Found talking to the bot (fifteenth session): 「我上次投诉的那个怎么样了」 was added to the last ticket as a detail (or,
with none filed, opened a consultation that asked for a phone); 「这么晚了还有人处理吗」 asked for a phone too. The first
asks for the status, the second about the service's hours: answered, no draft opened."""

from __future__ import annotations

import pytest

from bot.dialogs import aftercare
from bot.dialogs import texts as tx
from bot.dialogs.service_questions import service_question
from tests.dialogs.test_steps import fresh, msg, plain_text, step


@pytest.mark.parametrize("said", ["我上次投诉的那个怎么样了", "我之前反映的事有结果了吗", "前几天报修的那个处理了吗",
                                  "昨天投诉的事情怎么样了"])
def test_asking_after_an_earlier_complaint_is_a_follow_up(said: str) -> None:
    assert aftercare.follow_up(said)


@pytest.mark.parametrize("said", ["我上次投诉的那个楼道灯又坏了", "之前反映的垃圾问题现在更严重了", "昨天晚上楼上又吵了"])
def test_a_matter_told_with_the_same_words_is_no_follow_up(said: str) -> None:
    assert not aftercare.follow_up(said)


@pytest.mark.parametrize("said", ["这么晚了还有人处理吗", "大半夜的有人管吗", "这个点还有人值班吗"])
def test_asking_whether_anyone_works_now_is_about_hours(said: str) -> None:
    assert service_question(said) == "hours"


def test_with_nothing_filed_the_progress_question_opens_no_draft() -> None:
    s = step(fresh(), msg("我上次投诉的那个怎么样了"))
    assert s.state.draft is None


def test_the_hours_question_opens_no_draft() -> None:
    s = step(fresh(), msg("这么晚了还有人处理吗"))
    assert s.state.draft is None and tx.SERVICE_ANSWERS["hours"] in plain_text(s.replies)
