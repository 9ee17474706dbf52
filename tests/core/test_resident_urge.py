"""work30 (usertest1 item 23): a resident's 「催一下」 was a note on the ticket while the chat said 已催促 — nobody in
the grid heard it. The resident's urge is the desk's 催办 (core/service/urge.py) with the resident as its actor: a
REMINDED event, the grid's group told, once per half hour per ticket whoever urged; a second one within that half
hour is refused with the first one's time (`UrgedRecently.at`), for the chat to say so."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from core.db.models import OutboxMessage, Ticket, TicketEvent
from core.enums import EventType
from core.errors import InvalidInput, NotFound
from core.service.urge import URGE_EVERY, UrgedRecently
from tests.world import World


async def _reminded(world: World, number: str) -> list[TicketEvent]:
    async with world.app.db.transaction() as s:
        t = (await s.execute(select(Ticket).where(Ticket.number == number))).scalar_one()
        return list((await s.execute(select(TicketEvent).where(
            TicketEvent.ticket_id == t.id, TicketEvent.type == EventType.REMINDED.value))).scalars())


async def _group(world: World, address: str = "group-A") -> list[str]:
    async with world.app.db.transaction() as s:
        rows = (await s.execute(select(OutboxMessage).where(OutboxMessage.address == address)
                                .order_by(OutboxMessage.id))).scalars()
        return [json.dumps(r.payload, ensure_ascii=False) for r in rows]


async def test_a_resident_urges_their_own_ticket_and_the_grid_hears_it(world: World) -> None:
    number = await world.file("幸福里小区2栋电梯按钮失灵")
    before = len(await _group(world))
    owner = await world.resident()
    await world.app.tickets.urge(number, owner, "等了一上午了还没人来")
    (ev,) = await _reminded(world, number)
    assert ev.data["reminder"] == "manual" and ev.actor_staff_id is None
    told = (await _group(world))[before:]
    assert len(told) == 1 and number in told[0] and "催办" in told[0] and "等了一上午" in told[0]


async def test_someone_elses_ticket_cannot_be_urged(world: World) -> None:
    number = await world.file("幸福里小区2栋电梯按钮失灵")
    with pytest.raises(NotFound):
        await world.app.tickets.urge(number, await world.resident("resident-7"))
    assert not await _reminded(world, number)


async def test_a_second_urge_within_the_half_hour_says_when_the_first_was(world: World) -> None:
    number = await world.file("幸福里小区4栋门禁坏了")
    owner = await world.resident()
    await world.app.tickets.urge(number, world.actor(world.dispatcher))  # the desk urged first: it counts too
    at = (await _reminded(world, number))[0].at.astimezone(world.app.tz)
    world.app.clock.advance(minutes=12)  # type: ignore[attr-defined]
    with pytest.raises(UrgedRecently) as caught:
        await world.app.tickets.urge(number, owner)
    assert caught.value.at == f"{at:%H:%M}" and isinstance(caught.value, InvalidInput)
    world.app.clock.advance(URGE_EVERY)  # type: ignore[attr-defined]
    await world.app.tickets.urge(number, owner)
    assert len(await _reminded(world, number)) == 2


async def test_an_undispatched_ticket_is_refused_with_its_own_code(world: World) -> None:
    number = await world.file("不知道哪个网格的路灯坏了", grid=None, category="其他")
    with pytest.raises(InvalidInput) as caught:
        await world.app.tickets.urge(number, await world.resident())
    assert caught.value.code == "not_dispatched"
