"""After filing (#15): what adds to the ticket just filed goes to it (RESIDENT_SAID) and opens no
draft; a new matter, danger, or anything after the window or once the ticket is closed opens a new
complaint — through DialogEngine.handle against the real core."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from core.clock import ManualClock
from core.db.models import TicketEvent
from core.enums import EventType, Role, Status
from core.service.actor import Actor, Place
from tests.dialogs.conftest import Person, resident, tickets
from tests.world import World

FULL = "楼下烧烤店每天晚上12点还在吵，幸福里小区3栋2单元501，电话13812345678"


async def _filed(me: Person, text: str = FULL) -> str:
    return await me.file(text)


async def _said_events(app: App) -> list[TicketEvent]:
    async with app.db.transaction() as s:
        rows = await s.execute(select(TicketEvent).where(TicketEvent.type == EventType.RESIDENT_SAID.value)
                               .order_by(TicketEvent.id))
        return list(rows.scalars())


async def _not_noted(me: Person, app: App) -> bool:
    """The words were not added to the ticket just filed (no 「已补充到工单」, no RESIDENT_SAID event)."""
    return not me.said.startswith("已补充到工单") and await _said_events(app) == []


@pytest.mark.parametrize("words", [
    # (唔該晒 was here: read in simplified since the tenth session, it is the thanks 唔该晒, answered as one)
    "我晚上七点以后才在家", "师傅来之前先打个电话", "已经不吵了 谢谢",
    # round 8's classes: a question about this ticket's visit, repair or a request to act on it, a
    # correction of its details, the wait for it
    "明天能来吗", "今天能处理好吗", "能帮忙去跟他们说说吗", "刚才门牌写错了 是502",
    # (都等了两天了 能不能快点 was here: a hurry alone is a real 催办 since work30, test_work30_resident_urge.py)
    # eleventh session: how the one sent for it came or did opened a new complaint
    "一般般吧 维修师傅态度还行 就是来得太慢了", "修的人手艺不错",
])
async def test_words_about_the_ticket_just_filed_go_to_it(
    world: World, engine: DialogEngine, app: App, words: str
) -> None:
    (said,) = await noted_on_the_ticket_just_filed(engine, app, words)
    assert said.note == words


async def noted_on_the_ticket_just_filed(engine: DialogEngine, app: App, words: str) -> list[TicketEvent]:
    """A resident files, then says `words`: they are noted on that ticket, no other is opened. The
    ticket's notes of what was said."""
    me = resident(engine)
    number = await _filed(me)
    await me.say(words)
    assert me.said == tx.noted_on_ticket(number)
    assert len(await tickets(app)) == 1
    return await _said_events(app)
    await me.say("我的投诉")  # no draft behind it
    assert number in me.said and tx.CONTINUE_DRAFT not in me.said


@pytest.mark.parametrize("words", [
    "对了，小区东门的道闸抬不起来了", "地下室的排风扇不转了", "车棚里有人把电瓶拆下来乱扔", "再补充个别的事 健身器材的螺丝松了",
])
async def test_a_new_matter_after_filing_opens_a_complaint(
    world: World, engine: DialogEngine, app: App, words: str
) -> None:
    me = resident(engine)
    await _filed(me)
    await me.say(words)
    assert await _not_noted(me, app)
    # a new draft: its place asked, or the place just used offered (还是「…」吗？)
    # the place just used: the estate for an estate-wide matter (道闸, 健身器材), not the flat (thirteenth session)
    assert "还是「幸福里小区" in me.said or "请核对" in me.said or "位置" in me.said


async def test_danger_after_filing_is_never_noted_on_the_old_ticket(
    world: World, engine: DialogEngine, app: App
) -> None:
    me = resident(engine)
    await _filed(me)
    await me.say("我妈突然晕倒了叫不醒")
    assert await _not_noted(me, app)


async def test_past_the_window_or_once_closed_the_words_are_a_new_matter(
    world: World, engine: DialogEngine, app: App, clock: ManualClock
) -> None:
    me = resident(engine)
    number = await _filed(me)
    clock.advance(timedelta(hours=49))
    await me.say("我晚上七点以后才在家")
    assert await _not_noted(me, app)
    await me.say("取消")

    other = resident(engine, "r-closed")
    number = await _filed(other, "小区东门的垃圾桶从昨天起没人清，阳光花园5栋1单元302，电话13912345678")
    dispatcher = await app.directory.add_staff("赵敏", Role.DISPATCHER)
    await app.tickets.cancel(number, Actor.staff(dispatcher.id, Role.DISPATCHER, place=Place("desk")), "重复")
    await other.say("我晚上七点以后才在家")
    assert await _not_noted(other, app)
    t = next(t for t in await tickets(app) if t.number == number)
    assert t.status == Status.CANCELLED


@pytest.mark.parametrize("words", ["地下车库有烟", "楼道里有股怪味，不知道是不是煤气"])
async def test_a_place_with_a_hint_of_danger_is_asked_about(
    world: World, engine: DialogEngine, app: App, words: str
) -> None:
    me = resident(engine)
    await _filed(me)
    await me.say(words)
    assert await _not_noted(me, app)


@pytest.mark.parametrize("words", [
    # round 15's classes, in new words: the resident's own part (what to send or bring), how they are to be
    # reached or told, a note for the visit, and how this repair should be done or made good
    "视频要不要也发一下", "需要我带什么证明吗", "你们会不会打电话通知我", "白天打不通的话加我微信",
    "门口有条大狗 别怕 它不咬人", "屋里养了条狗 师傅来了别怕", "这回得彻底修 别再修了又漏", "修了又坏都三回了",
    "多扣的物业费能退吗",
])  # fmt: skip
async def test_the_resident_s_part_contact_and_the_repair_s_quality_go_to_the_ticket_just_filed(
    world: World, engine: DialogEngine, app: App, words: str
) -> None:
    (said,) = await noted_on_the_ticket_just_filed(engine, app, words)
    assert said.note == words


@pytest.mark.parametrize("words", [
    "再说个事 小区水池里的鱼全翻肚皮了", "好的 然后我们那栋的信箱锁芯被人换了", "另外小区里的路灯一到十点就全灭了",
])  # fmt: skip
async def test_leads_of_round_15_open_a_new_matter(world: World, engine: DialogEngine, app: App, words: str) -> None:
    me = resident(engine)
    await _filed(me)
    await me.say(words)
    assert await _not_noted(me, app)
    assert "还是「幸福里小区" in me.said and "501" not in me.said  # never 「另外小区」 taken as a 小区; a shared place


async def test_a_question_about_the_ticket_filed_asked_mid_form_shows_its_status_then_the_question(
    world: World, engine: DialogEngine, app: App
) -> None:
    me = resident(engine)
    number = await _filed(me)
    await me.say("对了，地下室的排风扇不转了")  # a new matter: its form opens
    asked = me.said
    await me.say("师傅什么时候来看啊")  # about the first ticket, not an answer to this form
    assert number in me.said and asked.splitlines()[0] in me.said  # its status, then the same question
    assert tx.REMARK_KEPT not in me.said  # not added to the new matter's description
