"""The resident's answer to a desk reply (#13): written in their chat within the window, it lands on
the ticket as a 居民回复 event the ticket page shows, and is not filed as a new complaint."""

from __future__ import annotations

from bot.app import conversation_engine
from bot.conversation.store import DatabaseStateStore
from core.messages import Incoming, plain_text
from tests.desk.conftest import Desk
from tests.desk.test_ticket import events, page, version
from tests.world import CHANNEL


async def test_the_residents_answer_shows_on_the_ticket_page(desk: Desk) -> None:
    number = await desk.world.file()
    await desk.logged_in()
    response = await desk.post(f"/tickets/{number}/reply", {"text": "请问是哪个楼层的灯？",
                                                           "version": await version(desk, number)})
    assert response.status == 303
    engine = conversation_engine(desk.app, DatabaseStateStore(desk.app.db))
    replies = await engine.handle(Incoming(channel=CHANNEL, sender="resident-1", chat="resident-1",
                                           chat_kind="private", text="五楼和六楼之间的那盏", message_id="m1"))
    assert number in plain_text(replies)
    said = [e for e in await events(desk, number) if e.type == "resident_said"]
    assert [e.note for e in said] == ["五楼和六楼之间的那盏"]
    status, html = await page(desk, number)
    assert status == 200 and "居民回复：五楼和六楼之间的那盏" in html
