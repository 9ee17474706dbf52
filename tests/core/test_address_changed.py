"""A resident corrects the address of their open ticket (sixteenth session: 「刚才说错了 是3单元 不是2单元」 after filing
was only a note, and the ticket, the grid's card and the worker kept 2单元) — against the real database."""

import json

import pytest
from sqlalchemy import select

from core.db.models import OutboxMessage, Ticket, TicketEvent
from core.enums import Rating
from core.errors import InvalidInput, NotFound
from core.messages import GeoPoint
from core.service.timeline import describe
from core.text.address import Address
from tests.world import World

UNIT_3 = Address(None, None, "3", None)


async def _filed(world: World) -> str:
    return await world.file("楼道灯不亮了", community="幸福里小区", building="5", unit="2")


async def _ticket(world: World, number: str) -> Ticket:
    async with world.app.db.transaction() as s:
        return (await s.execute(select(Ticket).where(Ticket.number == number))).scalar_one()


async def _changes(world: World) -> list[TicketEvent]:
    async with world.app.db.transaction() as s:
        return list((await s.execute(select(TicketEvent).where(TicketEvent.type == "address_changed"))).scalars())


async def _rows(world: World, **where: str) -> list[str]:
    async with world.app.db.transaction() as s:
        q = select(OutboxMessage).order_by(OutboxMessage.id)
        for k, v in where.items():
            q = q.where(getattr(OutboxMessage, k) == v)
        return [json.dumps(r.payload, ensure_ascii=False) for r in (await s.execute(q)).scalars()]


async def test_only_the_unit_said_changes_and_the_event_keeps_both(world: World) -> None:
    number = await _filed(world)
    await world.app.tickets.change_address(number, await world.resident(), UNIT_3)
    t = await _ticket(world, number)
    assert (t.community, t.building, t.unit, t.room) == ("幸福里小区", "5", "3", None)
    (ev,) = await _changes(world)
    assert ev.data["from"] == "幸福里小区5栋2单元" and ev.data["to"] == "幸福里小区5栋3单元"
    assert "other_grid" not in ev.data  # the same grid: nothing for the dispatcher
    desk_line = describe(ev, {}, "staff") or ""
    assert "幸福里小区5栋2单元" in desk_line and "幸福里小区5栋3单元" in desk_line
    assert describe(ev, {}, "resident") == "居民更正地址为 幸福里小区5栋3单元"


async def test_the_grid_card_is_edited_to_the_new_address_and_the_holder_told(world: World) -> None:
    number = await _filed(world)
    await world.app.tickets.claim(number, world.actor(world.worker))
    before = await _rows(world, address="group-A", purpose="card")
    await world.app.tickets.change_address(number, await world.resident(), UNIT_3)
    cards = (await _rows(world, address="group-A", purpose="card"))[len(before):]
    assert len(cards) == 1 and "幸福里小区5栋3单元" in cards[0] and "原为 幸福里小区5栋2单元" in cards[0]
    told = await _rows(world, address="w1", purpose="contact")
    assert any("更正了地址" in r and "幸福里小区5栋3单元" in r for r in told)


async def test_another_communitys_grid_is_left_to_the_dispatcher(world: World) -> None:
    number = await _filed(world)
    await world.app.tickets.change_address(number, await world.resident(), Address("阳光花园", None, None, None))
    t = await _ticket(world, number)
    assert (t.community, t.building, t.unit) == ("阳光花园", "5", "2")  # only the 小区 said: the rest kept
    a_grid = t.grid_id
    (ev,) = await _changes(world)
    assert ev.data["other_grid"] == "阳光花园网格" and "请调度员确认" in (ev.note or "")
    assert (await _ticket(world, number)).grid_id == a_grid  # not moved by the resident's words
    assert any("阳光花园网格" in r for r in await _rows(world, address="group-desk"))


async def test_another_community_with_its_building_says_the_place_anew(world: World) -> None:
    number = await _filed(world)
    await world.app.tickets.change_address(number, await world.resident(), Address("阳光花园", "7", None, None))
    t = await _ticket(world, number)
    assert (t.community, t.building, t.unit) == ("阳光花园", "7", None)  # the old 2单元 is not the new place's


async def test_the_same_address_again_records_nothing(world: World) -> None:
    number = await _filed(world)
    await world.app.tickets.change_address(number, await world.resident(), Address(None, "5", "2", None))
    assert await _changes(world) == []


async def test_only_the_resident_of_an_open_ticket(world: World) -> None:
    number = await _filed(world)
    with pytest.raises(NotFound):
        await world.app.tickets.change_address(number, await world.resident("resident-2"), UNIT_3)
    with pytest.raises(InvalidInput):
        await world.app.tickets.change_address(number, await world.resident(), Address(None, None, None, None))
    await world.app.tickets.claim(number, world.actor(world.worker))
    await world.app.tickets.resolve(number, world.actor(world.worker), "修好了")
    await world.app.tickets.rate(number, await world.resident(), Rating.SATISFIED)
    with pytest.raises(InvalidInput):
        await world.app.tickets.change_address(number, await world.resident(), UNIT_3)
    assert (await _ticket(world, number)).unit == "2"
    assert await _changes(world) == []


async def test_a_location_added_after_filing_reaches_the_card_and_the_holder(world: World) -> None:
    number = await _filed(world)
    await world.app.tickets.claim(number, world.actor(world.worker))
    await world.app.tickets.add_location(number, await world.resident(), GeoPoint(30.2742, 120.1552, "东门"))
    t = await _ticket(world, number)
    assert (t.lat, t.lng, t.location_label) == (30.2742, 120.1552, "东门") and t.unit == "2"  # the words stay
    (ev,) = await _changes(world)
    assert ev.data["location"] is True and describe(ev, {}, "resident") == "居民补充了位置"
    assert "uri.amap.com" in (await _rows(world, address="group-A", purpose="card"))[-1]
    assert any("补充了位置" in r and "uri.amap.com" in r for r in await _rows(world, address="w1", purpose="contact"))
    await world.app.tickets.add_location(number, await world.resident(), GeoPoint(30.2742, 120.1552, "东门"))
    assert len(await _changes(world)) == 1  # the same point again records nothing
