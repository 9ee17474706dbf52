"""Words said at an emergency's phone question (seventeenth session, talking to `complaint-bot chat`): after a gas
smell with a father asleep inside, 「他叫不醒怎么办」 and 「快点来人啊」 were each answered 「这个号码好像不对」. In an
emergency, words with no number are kept for the people on their way, the resident is told to call 120 / 119 / 110
at once, and the phone is asked again."""

from __future__ import annotations

import pytest

from bot.dialogs import texts as tx
from bot.dialogs.state import Asking
from core.messages import plain_text
from tests.dialogs.test_steps import fresh, msg, step


def _at_the_phone_question(opening: str, place: str):  # noqa: ANN202
    s = step(fresh(), msg(opening))
    assert s.state.draft and s.state.draft.emergency
    s = step(s.state, msg(place))
    assert s.state.draft and s.state.draft.asking == Asking.PHONE
    return s


@pytest.mark.parametrize("words", ["他叫不醒怎么办", "快点来人啊", "我该怎么做", "烟越来越大了"])
def test_words_at_an_emergencys_phone_question_are_kept_and_answered(words: str) -> None:
    s = _at_the_phone_question("厨房煤气味特别大 我爸在里屋睡觉", "幸福里3栋1单元201")
    s = step(s.state, msg(words))
    said = plain_text(s.replies)
    assert tx.BAD_PHONE not in said and tx.REMARK_KEPT_EMERGENCY in said
    d = s.state.draft
    assert d and d.asking == Asking.PHONE and words in (d.description or "")


def test_a_phone_or_a_decline_still_works_there() -> None:
    s = _at_the_phone_question("厨房煤气味特别大 我爸在里屋睡觉", "幸福里3栋1单元201")
    s1 = step(s.state, msg("138 0000 1234"))
    assert tx.REMARK_KEPT_EMERGENCY not in plain_text(s1.replies) and tx.BAD_PHONE not in plain_text(s1.replies)
    s2 = step(s.state, msg("不方便留"))
    assert tx.REMARK_KEPT_EMERGENCY not in plain_text(s2.replies)
    s3 = step(s.state, msg("1380000"))  # digits: told the number looks wrong, as before
    assert tx.REMARK_KEPT_EMERGENCY not in plain_text(s3.replies)


def test_an_ordinary_draft_is_still_told_the_number_looks_wrong() -> None:
    s = step(fresh(), msg("楼道灯坏了一个礼拜了"))
    s = step(s.state, msg("幸福里3栋1单元"))
    for _ in range(3):
        if s.state.draft and s.state.draft.asking != Asking.PHONE:
            s = step(s.state, msg("一个礼拜了"))
    assert s.state.draft and s.state.draft.asking == Asking.PHONE
    s = step(s.state, msg("我想想啊"))
    assert tx.REMARK_KEPT_EMERGENCY not in plain_text(s.replies) and tx.BAD_PHONE in plain_text(s.replies)


@pytest.mark.parametrize("words", ["我已经打了120", "救护车马上到 你们快派人"])
def test_help_already_called_is_not_told_to_call_again(words: str) -> None:
    s = _at_the_phone_question("厨房煤气味特别大 我爸在里屋睡觉", "幸福里3栋1单元201")
    said = plain_text(step(s.state, msg(words)).replies)
    assert tx.REMARK_KEPT in said and tx.REMARK_KEPT_EMERGENCY not in said
