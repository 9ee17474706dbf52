"""Giving up said with other verbs (弄 / 搞 / 填) or 懒得, at any question: the draft is cancelled, never read as a
phone, an address or a time."""

import pytest

from bot.dialogs import texts as tx
from tests.dialogs.test_steps import fresh, msg, plain_text, step


@pytest.mark.parametrize("said", ["算了 不想弄了", "不弄了", "懒得搞了", "太麻烦了，不填了", "那就不搞了吧",
                                  "不用了，不投诉", "算了 不报"])  # the last two: eighteenth session's second user test
@pytest.mark.parametrize("opening", ["路灯坏了一个礼拜了", "路灯坏了一个礼拜了，阳光花园北门"])
def test_giving_up_with_other_verbs_cancels(opening: str, said: str) -> None:
    s = step(fresh(), msg(opening))
    assert s.state.draft is not None
    s = step(s.state, msg(said))
    assert s.state.draft is None and plain_text(s.replies) == tx.CANCELLED


@pytest.mark.parametrize("said", ["弄了好几次都不行", "不想弄脏了地板", "填不了"])
def test_words_near_giving_up_do_not_cancel(said: str) -> None:
    s = step(fresh(), msg("路灯坏了一个礼拜了，阳光花园北门"))
    s = step(s.state, msg(said))
    assert s.state.draft is not None


def test_not_repairing_as_a_condition_is_not_giving_up_first() -> None:
    from bot.dialogs.inputs import gives_up_first

    assert gives_up_first("算了 不弄了 反正也没人管")
    assert not gives_up_first("不修了的话会不会漏到楼下")
