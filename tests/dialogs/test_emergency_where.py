"""An emergency's where? (thirteenth session, talking to the chat): 「我已经出来了 在楼下」 was taken as the address of a
gas emergency, and the real address said next, at the phone question, was refused as a phone number — the alert went
out with 「在楼下」. A spot relative to an unnamed building is no place (kept, where asked once more), and a whole
address said after loose words replaces them."""

from __future__ import annotations

import pytest

from bot.dialogs import texts as tx
from bot.dialogs.effects import FileTicket
from bot.dialogs.state import Asking
from core.messages import plain_text
from tests.dialogs.test_steps import fresh, msg, step

GAS = "家里煤气味好重 头有点晕"


@pytest.mark.parametrize("words", ["我已经出来了 在楼下", "人在外面", "我们都跑到楼下了", "在门口等着"])
def test_a_spot_relative_to_nowhere_is_asked_again(words: str) -> None:
    s = step(fresh(), msg(GAS))
    assert s.state.draft and s.state.draft.emergency and s.state.draft.asking == Asking.ADDRESS
    s = step(s.state, msg(words))
    d = s.state.draft
    assert d and d.asking == Asking.ADDRESS and d.address_text is None
    assert words in (d.description or "")  # kept for those on the way
    s = step(s.state, msg("翠湖苑3座1502"))
    d = s.state.draft
    assert d and d.community == "翠湖苑" and d.building == "3" and d.room == "1502"


@pytest.mark.parametrize("words", ["幸福里小区3栋楼下", "菜市场门口", "南门门口"])
def test_a_named_place_is_taken_at_once(words: str) -> None:
    s = step(step(fresh(), msg(GAS)).state, msg(words))
    d = s.state.draft
    assert d and d.stage == "submitting" and [e for e in s.effects if isinstance(e, FileTicket)]  # filed at once


def test_loose_words_said_twice_are_filed_and_the_whole_address_asked_after() -> None:
    s = step(fresh(), msg(GAS))
    s = step(s.state, msg("我已经出来了 在楼下"))
    s = step(s.state, msg("就我家啊"))  # asked once more only: any words will do now
    d = s.state.draft
    assert d and d.stage == "submitting" and d.address_text == "就我家啊"
    assert "我已经出来了" in (d.description or "")
    assert tx.BAD_PHONE not in plain_text(s.replies)
