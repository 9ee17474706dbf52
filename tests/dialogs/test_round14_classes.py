"""Round 14's classes (development data, docs/understanding.md "Round 14's slots"): after filing, a thanks or an
OK before a lead (谢谢 另外…) leaves it a new matter; what this repair costs, another time offered for the visit
and a time with 又开始 / 又在 go to the ticket just filed. (A place said at the time question: test_time_slot.py.)
Each failed before the fix beside it (none is a round-14 sentence)."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from core.text.answers import new_matter
from tests.dialogs.test_after_filing_same_ticket import noted_on_the_ticket_just_filed
from tests.world import World

NOISE = "楼下烧烤店每天晚上12点还在吵"


@pytest.mark.parametrize("words", ["好的 另外楼下总有人遛狗不牵绳", "谢谢啊 还有个事 我想表扬一下保洁阿姨",
                                   "收到 另外我想表扬一下门岗的王师傅"])  # fmt: skip
def test_a_thanks_or_an_ok_before_the_lead_leaves_a_new_matter(words: str) -> None:
    assert new_matter(words, NOISE)


@pytest.mark.parametrize("words", ["好的", "谢谢 麻烦了", "好的 那我等师傅电话"])
def test_a_thanks_or_an_ok_alone_is_no_new_matter(words: str) -> None:
    assert not new_matter(words, NOISE)


@pytest.mark.parametrize("words", [
    "换个龙头要收钱吗",  # what this repair costs
    "后天上午我不在家 晚上可以吗",  # another time for the visit
])  # fmt: skip
async def test_after_filing_these_go_to_the_ticket_just_filed(
    world: World, engine: DialogEngine, app: App, words: str
) -> None:
    await noted_on_the_ticket_just_filed(engine, app, words)


@pytest.mark.parametrize("words", ["今天晚上又开始了", "半夜又在响"])
def test_a_time_and_starting_again_is_the_ticket_s_own_fault(words: str) -> None:
    assert not new_matter(words, "楼上装修天天电钻 吵得睡不着")
    assert new_matter("健身房今晚又开始放音乐", "楼上装修天天电钻 吵得睡不着")  # a subject of its own: new
