"""A consultation is read back as one (「请核对您的咨询」, not 投诉), and 「不用了」 at the phone question declines the
phone instead of being told 「这个号码好像不对」."""

from __future__ import annotations

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from tests.dialogs.conftest import resident, tickets
from tests.world import World


async def test_a_question_read_back_and_no_phone(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.say("物业费一年多少钱")
    assert tx.ASK_COMMUNITY_QUESTION in me.said
    await me.say("幸福里")
    assert tx.ASK_PHONE in me.said
    await me.say("不用了")
    assert tx.BAD_PHONE not in me.said and tx.REVIEW_HEAD_BY_KIND["咨询"] in me.said and tx.REVIEW_HEAD not in me.said
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert t.contact_phone is None and t.kind == "consult"
