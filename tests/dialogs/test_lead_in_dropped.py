"""The greeting or announcement a matter opens with is not part of the matter (seventeenth session, talking to
`complaint-bot chat`): 「你好 我想反映个事 我们楼道里堆了好多自行车和杂物」 was read back and put on the grid's card
with its 你好 and 我想反映个事, so a worker reads the lead-in before the matter."""

from __future__ import annotations

import pytest

from bot.dialogs.inputs import without_lead_in
from tests.dialogs.test_steps import fresh, msg, step


@pytest.mark.parametrize(("said", "matter"), [
    ("你好 我想反映个事 我们楼道里堆了好多自行车", "我们楼道里堆了好多自行车"),
    ("您好，我要报修，厨房水管爆了", "厨房水管爆了"),
    ("喂 有人吗 三号楼电梯又停了", "三号楼电梯又停了"),
    ("我想投诉，楼上天天半夜剁肉", "楼上天天半夜剁肉"),
])  # fmt: skip
def test_a_lead_in_clause_is_dropped_from_the_matter(said: str, matter: str) -> None:
    assert without_lead_in(said) == matter
    d = step(fresh(), msg(said)).state.draft
    assert d and d.description == matter


@pytest.mark.parametrize("said", [
    "我 家水管漏了",  # a filler alone is no lead-in
    "请问 物业费怎么交",  # no announcement, the question itself
    "投诉 噪音",  # too little left to be the matter on its own
    "你好",
    "我们 楼道灯坏了",
])  # fmt: skip
def test_words_that_are_not_a_lead_in_are_kept(said: str) -> None:
    assert without_lead_in(said) == said
