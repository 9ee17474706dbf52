"""Words said at a question that the form already has are not appended again (eighteenth session, talking to the
chat: 「两天了」 at the phone question after 「滴了两天了」 was added to the description, which read 「…滴了两天了；两天了」
on the read-back and the ticket), and words with no number at the phone question are kept for the staff, not called a
wrong number — against the real core."""

from __future__ import annotations

import pytest

from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from tests.dialogs.conftest import resident
from tests.world import World

OPENING = "我家卫生间顶上在滴水 应该是楼上漏的 滴了两天了"


@pytest.mark.parametrize("again", ["两天了", "两天了啊", "楼上漏的"])
async def test_what_the_form_has_is_not_added_again(world: World, engine: DialogEngine, again: str) -> None:
    me = resident(engine)
    await me.say(OPENING)
    await me.say("阳光花园5栋2单元602")
    await me.say(again)  # at the phone question
    assert tx.REMARK_KNOWN in me.said and tx.REMARK_KEPT not in me.said
    await me.say("13566667777")
    assert "；" not in me.said.split("内容：")[1].split("\n")[0]


@pytest.mark.parametrize("words", ["滴下来的水是黄色的", "一直都是这个样子"])
async def test_words_with_no_number_at_the_phone_question_are_no_wrong_number(
        world: World, engine: DialogEngine, words: str) -> None:
    """They were told 「这个号码好像不对」, as if the keyboard had slipped (fifteenth session left 「一直都这样」 so)."""
    me = resident(engine)
    await me.say(OPENING)
    await me.say("阳光花园5栋2单元602")
    await me.say(words)
    assert tx.BAD_PHONE not in me.said and tx.REMARK_KEPT in me.said


async def test_a_new_detail_is_still_added(world: World, engine: DialogEngine) -> None:
    me = resident(engine)
    await me.say(OPENING)
    await me.say("阳光花园5栋2单元602")
    await me.say("滴下来的水是黄色的")
    assert tx.REMARK_KEPT in me.said
    await me.say("13566667777")
    assert "；滴下来的水是黄色的" in me.said
