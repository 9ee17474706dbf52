"""work30 (usertest1 item 23): 「催一下」 alone was answered 已催促 while only a note 「居民回复：催一下」 reached the ticket
and nobody in the grid heard; 「催一下 + how long they waited」 was a plain note. A resident's hurry about the ticket
they filed is a real 催办 now (core/service/urge.py): a REMINDED event, a message in the grid's group naming the ticket,
and an honest answer — a second hurry within half an hour is told when the first one went, and nothing is sent again."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.app import App
from bot.conversation.engine import DialogEngine
from core.clock import ManualClock
from core.db.models import TicketEvent
from core.enums import EventType
from tests.dialogs.conftest import Person, outbox, resident, tickets
from tests.world import World

MATTER = "幸福里小区6栋2单元的楼道窗户玻璃昨天晚上碎了，电话13922224444"


async def _events(app: App, kind: EventType) -> list[TicketEvent]:
    async with app.db.transaction() as s:
        return list((await s.execute(select(TicketEvent).where(TicketEvent.type == kind.value)
                                     .order_by(TicketEvent.id))).scalars())


async def _group_texts(app: App) -> list[str]:
    return [str(row.payload) for row in await outbox(app, address="group-A")]


async def _filed(engine: DialogEngine) -> tuple[Person, str]:
    person = resident(engine)
    number = await person.file(MATTER)
    return person, number


@pytest.mark.parametrize("hurry", [
    "帮我催催",
    "催办",
    "麻烦再催一下吧",
    "能不能催一催，等了大半天了",
    "都三个多小时了，帮忙催一下",
    "怎么还没人来处理啊，都一上午了",
    "都等了两天了 能不能快点",
])
async def test_a_hurry_reaches_the_grid_as_an_urge(world: World, engine: DialogEngine, app: App,
                                                   clock: ManualClock, hurry: str) -> None:
    person, number = await _filed(engine)
    clock.advance(timedelta(hours=3))
    before = len(await _group_texts(app))
    await person.say(hurry)
    assert number in person.said and "催" in person.said
    (urge,) = await _events(app, EventType.REMINDED)
    assert urge.data["reminder"] == "manual" and urge.actor_resident_id is not None
    assert not await _events(app, EventType.RESIDENT_SAID)  # no note 「居民回复：…」 instead
    told = (await _group_texts(app))[before:]
    assert len(told) == 1 and number in told[0] and "催办" in told[0]


async def test_a_second_hurry_within_half_an_hour_is_told_when_the_first_went(
        world: World, engine: DialogEngine, app: App, clock: ManualClock) -> None:
    person, number = await _filed(engine)
    clock.advance(timedelta(hours=1))
    await person.say("帮我催催")
    first = (await _events(app, EventType.REMINDED))[0].at.astimezone(app.tz)
    sent = len(await _group_texts(app))
    clock.advance(timedelta(minutes=10))
    await person.say("再催一下，等了好久了")
    assert f"{first:%H:%M}" in person.said and number in person.said
    assert len(await _events(app, EventType.REMINDED)) == 1 and len(await _group_texts(app)) == sent
    clock.advance(timedelta(minutes=25))
    await person.say("催一下")
    assert len(await _events(app, EventType.REMINDED)) == 2


async def test_a_hurry_days_later_still_urges_the_ticket_not_a_new_complaint(
        world: World, engine: DialogEngine, app: App, clock: ManualClock) -> None:
    person, number = await _filed(engine)
    clock.advance(timedelta(days=3))
    await person.say("催一下")
    assert number in person.said
    assert len(await _events(app, EventType.REMINDED)) == 1 and len(await tickets(app)) == 1


async def test_a_hurry_on_a_ticket_already_done_shows_where_it_stands(
        world: World, engine: DialogEngine, app: App, clock: ManualClock) -> None:
    person, number = await _filed(engine)
    await app.tickets.cancel(number, await world.resident(), "不用了")
    await person.say("帮我催催")
    assert number in person.said and not await _events(app, EventType.REMINDED)
    assert len(await tickets(app)) == 1


async def test_a_hurry_with_a_new_matter_in_it_is_not_only_an_urge(world: World, engine: DialogEngine,
                                                                   app: App) -> None:
    person, _number = await _filed(engine)
    await person.say("催一下，另外5栋门口的路灯也不亮了")
    assert not await _events(app, EventType.REMINDED)
