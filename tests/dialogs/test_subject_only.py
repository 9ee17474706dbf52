"""Who or what a matter is about, said before what is wrong (sixteenth session, talking to `complaint-bot chat`):
「我要反映个事」, 「就是我家楼上」, then 「每天晚上十二点以后还在拖椅子」 — the middle message was the description and the
matter itself was offered back as an address (「…」看起来不太像地址). Now what is wrong is asked, and the two are joined."""

from __future__ import annotations

import pytest

from bot.dialogs import texts as tx
from bot.dialogs.inputs import subject_only
from bot.dialogs.state import Asking
from core.messages import plain_text
from tests.dialogs.test_steps import fresh, msg, step


@pytest.mark.parametrize("words", ["就是我家楼上", "我们楼的电梯", "隔壁邻居啊", "电梯", "就是物业", "我家楼下那家"])
def test_a_subject_alone_is_read_as_such(words: str) -> None:
    assert subject_only(words)


@pytest.mark.parametrize("words", ["电梯坏了", "楼上漏水", "楼上又在吵", "阳光花园", "我家", "物业不作为"])
def test_a_matter_is_not_a_subject_alone(words: str) -> None:
    assert not subject_only(words)


@pytest.mark.parametrize(("lead", "subject", "matter"), [
    ("我要反映个事", "就是我家楼上", "每天晚上十二点以后还在拖椅子 咚咚咚的"),
    (None, "我家对门那户", "把鞋柜和垃圾袋都堆在楼道里"),
    (None, "我们这栋的电梯", "按钮按了没反应 一直停在十楼"),
])  # fmt: skip
def test_what_is_wrong_is_asked_and_joined_to_the_subject(lead: str | None, subject: str, matter: str) -> None:
    s = step(fresh(), msg(lead)) if lead else None
    s = step(s.state if s else fresh(), msg(subject))
    d = s.state.draft
    assert d and d.asking == Asking.DESCRIPTION and tx.ASK_WHAT_IS_WRONG in plain_text(s.replies)
    s = step(s.state, msg(matter))
    d = s.state.draft
    assert d and d.description and subject in d.description and matter.split()[0] in d.description
    assert d.asking != Asking.DESCRIPTION and "不太像地址" not in plain_text(s.replies)
    assert not d.address_text


def test_a_full_matter_is_not_asked_again() -> None:
    s = step(fresh(), msg("楼上天天半夜拖椅子"))
    d = s.state.draft
    assert d and d.asking == Asking.ADDRESS and not d.subject_only
