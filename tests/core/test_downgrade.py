"""An emergency its resident takes back (「点错了」 after a yes to the triage question, branch left29): the ticket stays,
its urgency and deadlines go back to what its words say, and those the emergency alerted hear it was a mistake."""

import json

import pytest
from sqlalchemy import select

from core.db.models import OutboxMessage, Ticket, TicketEvent
from core.enums import EventType, Kind, Rating, Urgency
from core.errors import InvalidInput, NotFound
from tests.world import World


async def _ticket(world: World, number: str) -> Ticket:
    async with world.app.db.transaction() as s:
        return (await s.execute(select(Ticket).where(Ticket.number == number))).scalar_one()


async def _rows(world: World, address: str) -> list[str]:
    async with world.app.db.transaction() as s:
        rows = (await s.execute(select(OutboxMessage).where(OutboxMessage.address == address)
                                .order_by(OutboxMessage.id))).scalars()
        return [json.dumps(r.payload, ensure_ascii=False) for r in rows]


async def _emergency(world: World) -> str:
    return await world.file("电梯坏了 停在两层中间", urgency=Urgency.EMERGENCY, kind=Kind.HELP,
                            emergency_triggers=("居民确认有危险",))


async def test_the_ticket_stays_with_its_urgency_and_deadlines_set_back(world: World) -> None:
    number = await _emergency(world)
    before = await _ticket(world, number)
    t = await world.app.tickets.downgrade(number, await world.resident(), "点错了")
    assert t.number == number and t.urgency != Urgency.EMERGENCY.value and t.kind != Kind.HELP.value
    after = await _ticket(world, number)
    assert after.status == before.status and after.grid_id == before.grid_id  # the matter is still real
    assert after.due_at > before.due_at and after.claim_due_at > before.claim_due_at
    async with world.app.db.transaction() as s:
        ev = (await s.execute(select(TicketEvent).where(TicketEvent.type == EventType.DOWNGRADED.value))).scalar_one()
    assert ev.data["from_urgency"] == "emergency" and ev.data["to_urgency"] == after.urgency and "点错了" in (ev.note or "")


async def test_the_heads_alerted_hear_it_was_a_mistake_and_the_card_loses_its_badge(world: World) -> None:
    number = await _emergency(world)
    heads, card = len(await _rows(world, "group-sup")), len(await _rows(world, "group-A"))
    assert heads == 1  # the emergency's alert
    await world.app.tickets.downgrade(number, await world.resident(), "不是，没人被困")
    told = (await _rows(world, "group-sup"))[heads:]
    assert len(told) == 1 and "解除紧急" in told[0] and number in told[0]
    cards = (await _rows(world, "group-A"))[card:]
    assert len(cards) == 1 and "误报" in cards[0] and "🔴紧急" not in cards[0]


async def test_the_worker_on_the_way_is_told_in_person(world: World) -> None:
    number = await _emergency(world)
    await world.app.tickets.claim(number, world.actor(world.worker))
    before = len(await _rows(world, "w1"))
    await world.app.tickets.downgrade(number, await world.resident(), "搞错了 没那么严重")
    told = (await _rows(world, "w1"))[before:]
    assert len(told) == 1 and "解除紧急" in told[0]


async def test_said_twice_or_of_no_emergency_changes_nothing(world: World) -> None:
    number = await _emergency(world)
    await world.app.tickets.downgrade(number, await world.resident(), "点错了")
    heads = len(await _rows(world, "group-sup"))
    await world.app.tickets.downgrade(number, await world.resident(), "点错了")
    plain = await world.file()
    await world.app.tickets.downgrade(plain, await world.resident(), "点错了")
    assert len(await _rows(world, "group-sup")) == heads
    async with world.app.db.transaction() as s:
        n = len((await s.execute(select(TicketEvent).where(TicketEvent.type == EventType.DOWNGRADED.value))).all())
    assert n == 1


async def test_only_the_resident_of_an_open_ticket(world: World) -> None:
    number = await _emergency(world)
    with pytest.raises(NotFound):
        await world.app.tickets.downgrade(number, await world.resident("resident-2"), "点错了")
    await world.app.tickets.claim(number, world.actor(world.worker))
    await world.app.tickets.resolve(number, world.actor(world.worker), "已处理")
    await world.app.tickets.rate(number, await world.resident(), Rating.SATISFIED)
    with pytest.raises(InvalidInput):
        await world.app.tickets.downgrade(number, await world.resident(), "点错了")
    assert (await _ticket(world, number)).urgency == Urgency.EMERGENCY.value
