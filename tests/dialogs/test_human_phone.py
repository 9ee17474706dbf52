"""转人工 and the phone (branch left29): the ticket reached the desk with no phone, and the desk could not call back.
A hotline asks once: a number sent next goes onto the ticket, 「不留」 is fine (the desk answers in the chat), and a
phone the resident left before is named instead of asked."""

from __future__ import annotations

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import filing_texts as ftx
from tests.dialogs.conftest import resident, tickets
from tests.world import World


async def test_asked_once_and_the_number_sent_next_goes_onto_the_ticket(world: World, engine: DialogEngine,
                                                                         app: App) -> None:
    me = resident(engine)
    await me.say("转人工")
    assert ftx.HUMAN_ASK_PHONE in me.said, me.said
    await me.say("13700001111")
    (t,) = await tickets(app)
    assert t.contact_phone == "13700001111" and t.number in me.said and len(await tickets(app)) == 1


async def test_mid_form_the_draft_goes_to_the_desk_and_a_no_is_fine(world: World, engine: DialogEngine,
                                                                    app: App) -> None:
    me = resident(engine)
    await me.say("楼道的灯坏了好几天了")
    await me.say("人工")
    assert ftx.HUMAN_ASK_PHONE in me.said, me.said
    await me.say("不方便留")
    assert me.said == ftx.HUMAN_PHONE_NOT_LEFT
    (t,) = await tickets(app)
    assert t.contact_phone is None and t.needs_dispatcher


async def test_a_phone_left_before_is_named_not_asked(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.file("楼下烧烤店每天晚上12点还在吵，幸福里小区3栋2单元501，电话13812345678")
    await me.say("人工")
    assert "138****5678" in me.said and ftx.HUMAN_ASK_PHONE not in me.said, me.said
