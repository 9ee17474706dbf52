"""转人工 and the phone (branch left29): the ticket reached the desk with no phone, and the desk could not call back.
A hotline asks once: a number sent next goes onto the ticket, 「不留」 is fine (the desk answers in the chat), and a
phone the resident left before is named instead of asked."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import filing_texts as ftx
from bot.dialogs.inputs import Global, global_request
from core.messages import Incoming
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


async def test_a_bare_request_for_a_person_is_no_complaint_in_the_figures(world: World, engine: DialogEngine,
                                                                          app: App) -> None:
    # user test (twentieth session): 「人工」 alone was filed 投诉·服务质量, counted as a complaint about the staff
    me = resident(engine)
    await me.say("能不能帮我转接人工")
    (t,) = await tickets(app)
    assert t.kind == "consult" and t.category == "其他" and t.needs_dispatcher


async def test_a_matter_told_before_keeps_its_own_reading(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.say("楼上每天半夜蹦迪吵得睡不着")
    await me.say("人工")
    (t,) = await tickets(app)
    assert t.kind != "consult" and t.category == "噪音扰民"


@pytest.mark.parametrize("words", ["我想找真人客服", "请转人工服务", "麻烦换个工作人员", "要人工！",
                                   "转人工吧，你这个机器人我搞不懂", "那你叫个工作人员来处理吧"])
def test_a_person_asked_for_in_a_few_words_is_the_human_request(words: str) -> None:
    assert global_request(Incoming(channel="cli", sender="x", chat="x", text=words)) == Global("human")


@pytest.mark.parametrize("words", ["工作人员态度很差", "客服电话打不通", "人工草坪被踩坏了", "转人工 小区东门的道闸坏了"])
def test_a_matter_about_staff_is_no_request_for_a_person(words: str) -> None:
    assert global_request(Incoming(channel="cli", sender="x", chat="x", text=words)) is None


async def test_a_person_asked_for_at_the_address_question_is_no_address(world: World, engine: DialogEngine,
                                                                       app: App) -> None:
    me = resident(engine)
    await me.say("楼下的化粪池满出来了 臭得不行")
    await me.say("你叫个真人来吧")
    assert ftx.HUMAN_ASK_PHONE in me.said, me.said
    (t,) = await tickets(app)
    assert t.needs_dispatcher and "真人" not in (t.community or "") + (t.building or "")
