"""What a resident writes when no form is open (#15, #13): small talk, a question about the ticket
just filed, 查询 with the number among words, consultations with the desk's short answers, and the
resident's answers to the desk's reply — through DialogEngine.handle against the real core."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from core.clock import ManualClock
from core.db.models import TicketEvent
from core.enums import EventType, Kind, Role, Status
from core.messages import Choices
from core.service.actor import Actor, Place
from core.service.desk import DeskService
from core.service.quick_answers import QuickAnswers
from tests.dialogs.conftest import resident, tickets
from tests.world import World

FULL = "楼下烧烤店每天晚上12点还在吵，幸福里小区3栋2单元501，电话13812345678"
SMALL_TALK = ["谢谢", "好的", "收到", "辛苦了", "👍", "嗯嗯", "ok", "2", "在吗", "好的谢谢师傅", "收到，辛苦了！"]


async def _events(app: App, type_: EventType) -> list[TicketEvent]:
    async with app.db.transaction() as s:
        return list((await s.execute(select(TicketEvent).where(TicketEvent.type == type_.value)
                                     .order_by(TicketEvent.id))).scalars())


@pytest.mark.parametrize("words", SMALL_TALK)
async def test_small_talk_after_filing_answers_politely_and_opens_no_draft(
    world: World, engine: DialogEngine, app: App, words: str
) -> None:
    me = resident(engine)
    number = await me.file(FULL)
    replies = await me.say(words)
    assert len(replies) == 1 and not isinstance(replies[0], Choices), me.said
    assert tx.ASK_ADDRESS not in me.said and tx.ASK_DESCRIPTION not in me.said and len(me.said) <= 60
    assert len(await tickets(app)) == 1
    # no draft behind it: tracking answers end with the ticket, not 「我们继续刚才的投诉」
    await me.say("我的投诉")
    assert number in me.said and tx.CONTINUE_DRAFT not in me.said
    await me.say(f"查询 {number}")
    assert me.said.startswith(f"工单 {number}") and tx.CONTINUE_DRAFT not in me.said


async def test_a_stray_number_is_not_an_option_nor_a_draft(world: World, engine: DialogEngine) -> None:
    me = resident(engine)
    await me.file(FULL)
    await me.say("2")
    assert me.said == tx.STRAY_NUMBER


async def test_a_question_about_the_ticket_just_filed_gets_its_status(
    world: World, engine: DialogEngine, app: App
) -> None:
    me = resident(engine)
    number = await me.file(FULL)
    for question in ("师傅几点来", "人什么时候到？？", "怎么还没人来啊"):
        await me.say(question)
        assert me.said.startswith(f"工单 {number}"), (question, me.said)
    assert len(await tickets(app)) == 1


async def test_a_new_problem_after_filing_still_opens_a_complaint(
    world: World, engine: DialogEngine, app: App
) -> None:
    me = resident(engine)
    await me.file(FULL)
    await me.say("谢谢")
    await me.say("另外我们楼的电梯坏了两天了，阳光花园5栋1单元")
    assert tx.SMALL_TALK_THANKS_REPLY not in me.said and "工单" not in me.said.split("\n")[0]
    assert "请核对" in me.said or tx.ASK_PHONE in me.said or tx.ASK_OCCURRED in me.said


@pytest.mark.parametrize("template", ["查询 {n} 的进度", "{n} 怎么样了", "请问 #{n} 处理得怎么样了？"])
async def test_query_with_the_number_among_words(
    world: World, engine: DialogEngine, app: App, template: str
) -> None:
    me = resident(engine)
    number = await me.file(FULL)
    await me.say(template.format(n=number))
    assert me.said.startswith(f"工单 {number}"), me.said
    # somebody else's number among the same words answers as an unknown one
    other = await world.file(who="resident-2")
    await me.say(template.format(n=other))
    assert me.said == tx.not_found(other)
    assert len(await tickets(app)) == 2


async def test_a_number_is_not_mined_out_of_other_words(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    number = await me.file(FULL)
    await me.say(f"{number}' OR '1'='1")
    assert not me.said.startswith(f"工单 {number}")
    await me.say("取消")


async def _answers(app: App) -> None:
    await QuickAnswers(app.db, app.clock).save(
        title="燃气费缴纳", body="燃气费可在「XX燃气」公众号或社区服务中心一楼窗口缴纳。",
        keywords=["燃气费", "交燃气"], category=None, staff_id=None)


async def test_a_consultation_with_a_fitting_answer_is_solved_without_a_ticket(
    world: World, engine: DialogEngine, app: App
) -> None:
    await _answers(app)
    me = resident(engine)
    await me.say("咨询")
    await me.say("想问下燃气费在哪里交")
    assert "社区服务中心一楼窗口" in me.said and tx.CONSULT_SOLVED in me.said
    await me.pick(tx.CONSULT_SOLVED)
    assert me.said == tx.CONSULT_SOLVED_REPLY
    assert await tickets(app) == []
    await me.say("我的投诉")
    assert tx.CONTINUE_DRAFT not in me.said


async def test_a_consultation_still_wanting_a_person_is_filed_as_a_question(
    world: World, engine: DialogEngine, app: App
) -> None:
    await _answers(app)
    me = resident(engine)
    await me.say("咨询")
    await me.say("想问下燃气费在哪里交")
    await me.pick(tx.CONSULT_HUMAN)
    (t,) = await tickets(app)
    assert t.kind == Kind.CONSULT
    assert f"咨询已收到，编号 {t.number}" in me.said and "办结" not in me.said and "投诉编号" not in me.said


async def test_a_consultation_without_an_answer_is_filed_without_a_repair_deadline(
    world: World, engine: DialogEngine, app: App
) -> None:
    me = resident(engine)
    await me.say("咨询")
    await me.say("社区卫生服务站周末开门吗")
    for _ in range(4):  # whatever the intake still asks of a question (a phone), then the read-back
        if tx.SUBMIT in me.said:
            await me.pick(tx.SUBMIT)
            break
        await me.say("13812345678")
    (t,) = await tickets(app)
    assert t.kind == Kind.CONSULT
    assert f"编号 {t.number}" in me.said and "咨询" in me.said and "办结" not in me.said


async def test_the_residents_words_after_a_desk_reply_reach_that_ticket(
    world: World, engine: DialogEngine, app: App, clock: ManualClock
) -> None:
    me = resident(engine)
    number = await me.file(FULL)
    dispatcher = await app.directory.add_staff("赵敏", Role.DISPATCHER)
    actor = Actor.staff(dispatcher.id, Role.DISPATCHER, place=Place("desk"))
    await _desk(app).reply(number, actor, "请问烧烤店具体在几号门面？")
    await me.say("就在小区北门第二家，叫老王烧烤")
    assert me.said == tx.told_desk(number)
    (said,) = await _events(app, EventType.RESIDENT_SAID)
    assert said.note == "就在小区北门第二家，叫老王烧烤" and said.actor_role == Role.RESIDENT
    assert len(await tickets(app)) == 1
    await me.say("谢谢")
    assert me.said == tx.told_desk_thanks(number)
    # past the window, the same words are a new matter again
    clock.advance(timedelta(hours=49))
    await me.say("就在小区北门第二家，叫老王烧烤")
    assert not me.said.startswith("已转给") and len(await _events(app, EventType.RESIDENT_SAID)) == 2


async def test_a_closed_ticket_takes_no_more_words(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    number = await me.file(FULL)
    dispatcher = await app.directory.add_staff("赵敏", Role.DISPATCHER)
    actor = Actor.staff(dispatcher.id, Role.DISPATCHER, place=Place("desk"))
    await _desk(app).reply(number, actor, "已联系城管处理")
    await app.tickets.cancel(number, actor, "重复")
    await me.say("好的谢谢")
    assert me.said == tx.SMALL_TALK_THANKS_REPLY
    t = next(t for t in await tickets(app) if t.number == number)
    assert t.status == Status.CANCELLED and await _events(app, EventType.RESIDENT_SAID) == []


def _desk(app: App) -> DeskService:
    return DeskService(app.db, app.clock, app.tickets.notifier)


async def test_a_consultations_answer_taken_by_typing(world: World, engine: DialogEngine, app: App) -> None:
    await _answers(app)
    me = resident(engine)
    await me.say("想问下燃气费在哪里交")
    await me.say("明白了")  # assent typed: solved, nothing filed
    assert me.said == tx.CONSULT_SOLVED_REPLY and await tickets(app) == []
    await me.say("想问下燃气费在哪里交")
    await me.say("2")  # the second option, typed
    (t,) = await tickets(app)
    assert t.kind == Kind.CONSULT and "咨询已收到" in me.said
    other = resident(engine, "resident-2")
    await other.say("想问下燃气费在哪里交")
    await other.say("网上交不了，提示账户异常")  # more to ask a person: kept with the question
    assert len(await tickets(app)) == 2
    last = (await tickets(app))[-1]
    assert "燃气费" in last.description and "账户异常" in last.description
