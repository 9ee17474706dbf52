"""A photo sent just after filing goes to the ticket just filed (twelfth session: a photo a minute after 「提交」
opened a new draft, 「收到照片。请再用文字说说发生了什么。」, and the next words were taken as a new matter) —
against the real core."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from core.clock import ManualClock
from core.db.models import TicketEvent
from core.enums import EventType
from tests.dialogs.conftest import resident, tickets
from tests.world import World

FULL = "阳光花园5栋2单元楼道的窗户玻璃碎了，前天开始的，电话13812345678"


async def _said_events(app: App) -> list[TicketEvent]:
    async with app.db.transaction() as s:
        rows = await s.execute(select(TicketEvent).where(TicketEvent.type == EventType.RESIDENT_SAID.value))
        return list(rows.scalars())


async def test_a_photo_with_no_caption_goes_to_the_ticket(
        world: World, engine: DialogEngine, app: App, clock: ManualClock) -> None:
    me = resident(engine)
    number = await me.file(FULL)
    await me.photo("p1")
    assert me.said == tx.photos_on_ticket(number)
    await me.photo("p1b")  # the same album: acknowledged once
    assert me.said == ""
    clock.advance(timedelta(minutes=2))
    await me.photo("p2", "再发一张")  # a caption that only says a photo is sent
    assert me.said == tx.photos_on_ticket(number)
    assert [len(e.attachments or []) for e in await _said_events(app)] == [1, 1, 1]
    assert len(await tickets(app)) == 1
    await me.say("谢谢")  # no draft was opened: thanks is small talk
    assert "哪里" not in me.said and "发生了什么" not in me.said


async def test_a_photo_of_another_matter_is_a_new_matter(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.file(FULL)
    await me.photo("p1", "另外小区门口的垃圾桶满了好几天没人清")
    assert tx.photos_on_ticket("") not in me.said
    assert "哪里" in me.said or "还是" in me.said  # the new draft asks where


async def test_long_after_filing_a_photo_starts_a_new_matter(
        world: World, engine: DialogEngine, app: App, clock: ManualClock) -> None:
    me = resident(engine)
    await me.file(FULL)
    clock.advance(timedelta(hours=3))
    await me.photo("p1")
    assert me.said == tx.PHOTO_START
    assert await _said_events(app) == []
