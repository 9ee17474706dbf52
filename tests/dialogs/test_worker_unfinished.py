"""办结 with a note that says the work is still to come (师傅明天上午去看, 等配件到了再换) is asked about before the
ticket closes and the resident is sent a survey: recorded as progress, or resolved all the same (thirteenth
session, talking to the chat as a grid worker)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import worker_texts as wtx
from core.db.models import Ticket, TicketEvent
from core.enums import Status
from core.text.unfinished import sounds_unfinished
from tests.dialogs.conftest import Person, in_group, outbox, tickets
from tests.world import World


@pytest.mark.parametrize("note", ["师傅明天上午去看", "等配件到了再换", "已联系楼上住户", "还没修好 下午再来", "约了周三上门",
                                  "已上报电梯公司 等厂家来修", "已安排保洁明早清理"])
def test_work_still_to_come(note: str) -> None:
    assert sounds_unfinished(note)


@pytest.mark.parametrize("note", ["已修好", "灯泡已更换 现在亮了", "已联系楼上住户 已修好", "疏通了", "垃圾已清走", "已修复 明天回访",
                                  "清理完毕", "现场查看无异常"])
def test_work_done(note: str) -> None:
    assert not sounds_unfinished(note)


async def _ticket(app: App) -> Ticket:
    (t,) = await tickets(app)
    return t


async def _surveys(app: App) -> int:
    return len(await outbox(app, address="resident-1", purpose="survey"))


async def _asked_to_resolve(world: World, engine: DialogEngine) -> tuple[str, Person]:
    """A ticket 张伟 claimed in the group and pressed 办结 on: the bot waits for the note."""
    number = await world.file()
    zhang = in_group(engine, "w1")
    await zhang.press(f"claim:{number}")
    await zhang.press(f"done:{number}")
    return number, zhang


async def test_recorded_as_progress_when_the_worker_says_so(world: World, engine: DialogEngine, app: App) -> None:
    number, zhang = await _asked_to_resolve(world, engine)
    await zhang.say("师傅明天上午去看")
    assert "听起来还没办完" in zhang.said
    assert (await _ticket(app)).status == Status.ACCEPTED  # nothing closed yet
    await zhang.pick("记为进展")
    assert zhang.said == wtx.progress_added(number)
    t = await _ticket(app)
    assert t.status == Status.ACCEPTED and t.resolution_note is None
    async with app.db.transaction() as s:
        notes = list((await s.execute(select(TicketEvent.note).where(TicketEvent.type == "progress"))).scalars())
    assert notes == ["师傅明天上午去看"]
    assert await _surveys(app) == 0


async def test_resolved_all_the_same(world: World, engine: DialogEngine, app: App) -> None:
    number, zhang = await _asked_to_resolve(world, engine)
    await zhang.say("已通知住户自行维修")
    await zhang.pick("仍然办结")
    assert zhang.said == wtx.resolved(number)
    t = await _ticket(app)
    assert t.status == Status.RESOLVED and t.resolution_note == "已通知住户自行维修"
    assert await _surveys(app) == 1  # the survey a resolved ticket sends (so the count above can fail)


async def test_typed_in_a_private_chat(world: World, engine: DialogEngine, app: App) -> None:
    number = await world.file()
    zhang = Person(engine, "w1", "w1")
    await zhang.say(f"接单 {number}")
    await zhang.say(f"办结 {number} 等配件到了再换")
    assert "听起来还没办完" in zhang.said
    await zhang.say("记为进展")
    assert zhang.said == wtx.progress_added(number)
    assert (await _ticket(app)).status == Status.ACCEPTED


async def test_a_done_note_closes_at_once(world: World, engine: DialogEngine, app: App) -> None:
    number, zhang = await _asked_to_resolve(world, engine)
    await zhang.say("已更换灯具")
    assert zhang.said == wtx.resolved(number)
    assert (await _ticket(app)).status == Status.RESOLVED


async def test_own_words_without_a_number(world: World, engine: DialogEngine, app: App) -> None:
    number = await world.file()
    zhang = in_group(engine, "w1")
    await zhang.press(f"claim:{number}")
    await zhang.say("搞定了 明天派保洁来清")
    assert "听起来还没办完" in zhang.said and number in zhang.said
    await zhang.pick("记为进展")
    assert zhang.said == wtx.progress_added(number)
    assert (await _ticket(app)).status == Status.ACCEPTED


async def test_own_words_when_several_are_claimed_ask_which(world: World, engine: DialogEngine, app: App) -> None:
    first = await world.file()
    second = await world.file("幸福里小区5栋门口的垃圾桶满了两天没人清")
    zhang = in_group(engine, "w1")
    await zhang.press(f"claim:{first}")
    await zhang.press(f"claim:{second}")
    await zhang.say("搞定了 明天派保洁来清")
    assert "听起来还没办完" not in zhang.said and first in zhang.said and second in zhang.said


async def test_done_words_instead_of_a_button_resolve(world: World, engine: DialogEngine, app: App) -> None:
    number, zhang = await _asked_to_resolve(world, engine)
    await zhang.say("明天再去看看")
    await zhang.say("辛苦了")  # neither: the question again, nothing closed
    assert "听起来还没办完" in zhang.said and (await _ticket(app)).status == Status.ACCEPTED
    await zhang.say("哦不对 已经修好了")
    assert zhang.said == wtx.resolved(number)
    t = await _ticket(app)
    assert t.status == Status.RESOLVED and t.resolution_note == "哦不对 已经修好了"
