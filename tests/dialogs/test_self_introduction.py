"""「你好 我是幸福里3栋的」 as a first message: where they live, and no matter yet. The place is taken and what happened
is asked (thirteenth session: the greeting became the complaint's description, the time was asked next, and the
matter said then was stored as the time)."""

from __future__ import annotations

import pytest

from bot.dialogs.state import Asking
from bot.dialogs.understand import introduces_self
from tests.dialogs.test_steps import ctx, fresh, msg, step


@pytest.mark.parametrize("words", ["你好 我是幸福里3栋的", "我住阳光花园5栋2单元", "您好，我是阳光花园2栋1单元502的住户",
                                   "我家在翠湖苑8座"])
def test_an_introduction_takes_the_place_and_asks_what_happened(words: str) -> None:
    assert introduces_self(words, ctx().communities)
    s = step(fresh(), msg(words))
    d = s.state.draft
    assert d is not None and d.asking == Asking.DESCRIPTION and not d.description
    assert d.community is not None and d.building is not None
    s = step(s.state, msg("楼道的声控灯不亮了"))
    d = s.state.draft
    assert d is not None and d.description == "楼道的声控灯不亮了"
    assert d.occurred_text is None  # never the matter


@pytest.mark.parametrize("words", ["你好 我是3栋的 楼道灯坏了", "我是幸福里3栋的楼上漏水", "我在楼下", "我是业主"])
def test_a_matter_or_no_place_is_no_introduction(words: str) -> None:
    assert not introduces_self(words, ctx().communities)
