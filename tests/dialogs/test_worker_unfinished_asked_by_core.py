"""The chat's worker steps no longer judge a resolution note themselves: they send 办结 and ask when the core refuses
it as work still to come (core.errors.SoundsUnfinished). So a note typed with photos, or with the ticket's serial
only, is asked about like any other, and 仍然办结 resolves with the photos and the whole number."""

from __future__ import annotations

from sqlalchemy import select

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import worker_texts as wtx
from core.db.models import Ticket, TicketEvent
from core.enums import Status
from tests.dialogs.conftest import in_group, outbox, tickets
from tests.world import World


async def _ticket(app: App) -> Ticket:
    (t,) = await tickets(app)
    return t


async def test_a_note_typed_with_photos_is_asked_about_and_keeps_them(
        world: World, engine: DialogEngine, app: App) -> None:
    number = await world.file()
    zhang = in_group(engine, "w1")
    await zhang.press(f"claim:{number}")
    await zhang.photo("old-lampshade", caption=f"办结 {number} 师傅下午再来装新灯罩")
    assert "听起来还没办完" in zhang.said and (await _ticket(app)).status == Status.ACCEPTED
    assert await outbox(app, address="resident-1", purpose="survey") == []
    await zhang.pick("仍然办结")
    assert zhang.said == wtx.resolved(number)
    async with app.db.transaction() as s:
        done = (await s.execute(select(TicketEvent).where(TicketEvent.type == "resolved"))).scalar_one()
    assert done.note == "师傅下午再来装新灯罩" and [p["media_id"] for p in done.attachments] == ["old-lampshade"]


async def test_a_serial_alone_is_asked_about_with_the_whole_number(
        world: World, engine: DialogEngine, app: App) -> None:
    number = await world.file()
    zhang = in_group(engine, "w1")
    await zhang.press(f"claim:{number}")
    await zhang.say(f"办结 {number[-4:]} 下周二再派人来换水管")
    assert "听起来还没办完" in zhang.said and number in zhang.said
    await zhang.pick("记为进展")
    assert zhang.said == wtx.progress_added(number)
    t = await _ticket(app)
    assert t.status == Status.ACCEPTED and t.resolution_note is None
