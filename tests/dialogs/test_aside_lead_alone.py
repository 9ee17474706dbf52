"""「还有」 alone mid-form (second user test, twentieth session): it was added to the matter, read as danger by the
model and asked the triage question, and the second problem that followed was refused. Now the bot waits for it,
and the next message is read as 「还有，…」: set aside and offered once this one is filed."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from bot.dialogs.flow_texts import SAY_ON
from tests.dialogs.conftest import resident, tickets
from tests.world import World


@pytest.mark.parametrize("lead", ["还有", "另外，", "对了还有"])
async def test_the_next_message_after_a_lone_lead_is_set_aside(world: World, engine: DialogEngine, app: App,
                                                               lead: str) -> None:
    me = resident(engine)
    await me.say("幸福里小区3栋2单元501卫生间的下水道堵了，今天早上开始，电话13700002222")
    assert tx.SUBMIT in me.said
    await me.say(lead)
    assert me.said == SAY_ON
    await me.say("小区南门的道闸坏了抬不起来")
    assert tx.ASIDE_NOTED in me.said and tx.ASK_TRIAGE not in me.said
    await me.pick(tx.SUBMIT)
    assert "道闸" in me.said  # offered next
    (t,) = await tickets(app)
    assert "道闸" not in t.description and lead.strip("，") not in t.description
