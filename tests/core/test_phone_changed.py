"""A resident corrects the contact phone of their open ticket (twelfth session: 「刚才电话留错了 是139…」 after filing
was only a remark, and the worker who held the ticket kept calling the wrong number) — against the real database."""

import json

import pytest
from sqlalchemy import select

from core.db.models import OutboxMessage, Ticket, TicketEvent
from core.enums import Rating
from core.errors import InvalidInput, NotFound
from core.texts import notes
from tests.world import World


async def _ticket(world: World, number: str) -> Ticket:
    async with world.app.db.transaction() as s:
        return (await s.execute(select(Ticket).where(Ticket.number == number))).scalar_one()


async def _contact_rows(world: World) -> list[str]:
    async with world.app.db.transaction() as s:
        rows = (await s.execute(select(OutboxMessage).where(OutboxMessage.address == "w1", OutboxMessage.purpose == "contact")
                                .order_by(OutboxMessage.id))).scalars()
        return [json.dumps(r.payload, ensure_ascii=False) for r in rows]


async def test_the_new_number_replaces_the_old_and_reaches_the_worker_in_private(world: World) -> None:
    number = await world.file()  # contact 13812345678
    await world.app.tickets.claim(number, world.actor(world.worker))
    await world.app.tickets.change_phone(number, await world.resident(), "电话留错了 是139 0000 1111")
    assert (await _ticket(world, number)).contact_phone == "13900001111"
    rows = await _contact_rows(world)
    assert len(rows) == 2 and "13812345678" in rows[0] and "13900001111" in rows[1]
    async with world.app.db.transaction() as s:
        ev = (await s.execute(select(TicketEvent).where(TicketEvent.type == "phone_changed"))).scalar_one()
    assert ev.note == notes.PHONE_CHANGED and "1390000" not in (ev.note or "")  # the number stays off the timeline


async def test_unclaimed_the_number_is_changed_and_nobody_told(world: World) -> None:
    number = await world.file()
    await world.app.tickets.change_phone(number, await world.resident(), "13900001111")
    assert (await _ticket(world, number)).contact_phone == "13900001111"
    assert await _contact_rows(world) == []


async def test_only_the_resident_of_an_open_ticket_and_only_a_phone(world: World) -> None:
    number = await world.file()
    with pytest.raises(NotFound):
        await world.app.tickets.change_phone(number, await world.resident("resident-2"), "13900001111")
    with pytest.raises(InvalidInput):
        await world.app.tickets.change_phone(number, await world.resident(), "电话错了")
    await world.app.tickets.claim(number, world.actor(world.worker))
    await world.app.tickets.resolve(number, world.actor(world.worker), "修好了")
    await world.app.tickets.rate(number, await world.resident(), Rating.SATISFIED)
    with pytest.raises(InvalidInput):
        await world.app.tickets.change_phone(number, await world.resident(), "13900001111")
    assert (await _ticket(world, number)).contact_phone == "13812345678"
