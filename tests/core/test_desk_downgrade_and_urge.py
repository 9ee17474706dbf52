"""The desk's 解除紧急 and 催办 (desk30): a dispatcher or head takes an emergency back after calling the resident, with a
reason, through the same core service the resident's 「点错了」 uses; and urges the grid by hand, at most once in half
an hour per ticket. Who may, on which tickets, and what the grid hears."""

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from core.db.models import OutboxMessage, Ticket, TicketEvent
from core.enums import EventType, Kind, Urgency
from core.errors import InvalidInput, NotAllowed, NotFound
from core.service.urge import URGE_EVERY
from tests.world import World


async def _ticket(world: World, number: str) -> Ticket:
    async with world.app.db.transaction() as s:
        return (await s.execute(select(Ticket).where(Ticket.number == number))).scalar_one()


async def _events(world: World, number: str, kind: EventType) -> list[TicketEvent]:
    t = await _ticket(world, number)
    async with world.app.db.transaction() as s:
        return list((await s.execute(select(TicketEvent).where(
            TicketEvent.ticket_id == t.id, TicketEvent.type == kind.value).order_by(TicketEvent.id))).scalars())


async def _rows(world: World, address: str) -> list[str]:
    async with world.app.db.transaction() as s:
        rows = (await s.execute(select(OutboxMessage).where(OutboxMessage.address == address)
                                .order_by(OutboxMessage.id))).scalars()
        return [json.dumps(r.payload, ensure_ascii=False) for r in rows]


async def _emergency(world: World) -> str:
    return await world.file("地下室配电箱冒烟了 有焦味", urgency=Urgency.EMERGENCY, kind=Kind.HELP,
                            emergency_triggers=("居民确认有危险",))


# ---- 解除紧急 ----------------------------------------------------------------------------------------


async def test_a_dispatcher_takes_an_emergency_back_with_the_reason_they_found(world: World) -> None:
    number = await _emergency(world)
    heads = len(await _rows(world, "group-sup"))
    t = await world.app.tickets.downgrade(number, world.actor(world.dispatcher), "回电确认只是闻到焦味，已断电")
    assert t.urgency != Urgency.EMERGENCY.value
    (ev,) = await _events(world, number, EventType.DOWNGRADED)
    assert ev.actor_staff_id == world.dispatcher.id and ev.data["checked"] == "回电确认只是闻到焦味，已断电"
    assert "核实" in (ev.note or "") and "居民说明" not in (ev.note or "")
    told = (await _rows(world, "group-sup"))[heads:]
    assert len(told) == 1 and "核实" in told[0] and "已断电" in told[0] and "误报" not in told[0]


async def test_a_head_may_too_but_a_grid_worker_may_not(world: World) -> None:
    number = await _emergency(world)
    with pytest.raises(NotAllowed):
        await world.app.tickets.downgrade(number, world.actor(world.worker), "我看过了没事")
    assert (await _ticket(world, number)).urgency == Urgency.EMERGENCY.value
    await world.app.tickets.downgrade(number, world.actor(world.supervisor), "现场无人员被困")
    assert (await _ticket(world, number)).urgency != Urgency.EMERGENCY.value


async def test_the_desk_is_told_why_nothing_happened(world: World) -> None:
    ordinary = await world.file("小区门口垃圾桶满了")
    with pytest.raises(InvalidInput, match="不是紧急工单"):
        await world.app.tickets.downgrade(ordinary, world.actor(world.dispatcher), "核实过了")
    number = await _emergency(world)
    with pytest.raises(InvalidInput, match="原因"):
        await world.app.tickets.downgrade(number, world.actor(world.dispatcher), "  ")
    await world.app.tickets.cancel(number, await world.resident(), "已经好了")
    with pytest.raises(InvalidInput, match="工单[-0-9]+已撤销，不能再解除紧急"):  # never 已已撤销
        await world.app.tickets.downgrade(number, world.actor(world.dispatcher), "核实过了")
    assert not await _events(world, number, EventType.DOWNGRADED)


async def test_the_holder_hears_the_desk_checked_not_that_the_resident_said(world: World) -> None:
    number = await _emergency(world)
    await world.app.tickets.claim(number, world.actor(world.worker))
    before = len(await _rows(world, "w1"))
    await world.app.tickets.downgrade(number, world.actor(world.dispatcher), "电话核实无危险")
    told = (await _rows(world, "w1"))[before:]
    assert len(told) == 1 and "核实" in told[0] and "误报" not in told[0]


# ---- 催办 ---------------------------------------------------------------------------------------------


async def test_an_urge_is_an_event_of_the_dispatcher_and_reaches_the_grid(world: World) -> None:
    number = await world.file()
    card = len(await _rows(world, "group-A"))
    await world.app.tickets.urge(number, world.actor(world.dispatcher), "居民第三次来电")
    (ev,) = await _events(world, number, EventType.REMINDED)
    assert ev.actor_staff_id == world.dispatcher.id and ev.data["reminder"] == "manual"
    told = (await _rows(world, "group-A"))[card:]
    assert len(told) == 1 and "催办" in told[0] and "赵敏" in told[0] and "居民第三次来电" in told[0]


async def test_the_holder_is_urged_in_person(world: World) -> None:
    number = await world.file()
    await world.app.tickets.claim(number, world.actor(world.worker))
    before = len(await _rows(world, "w1"))
    await world.app.tickets.urge(number, world.actor(world.supervisor))
    told = (await _rows(world, "w1"))[before:]
    assert len(told) == 1 and "催办" in told[0] and number in told[0]


async def test_a_second_urge_within_half_an_hour_names_the_first(world: World) -> None:
    number = await world.file()
    first = await world.app.tickets.urge(number, world.actor(world.dispatcher))
    at = (await _events(world, number, EventType.REMINDED))[0].at.astimezone(world.app.tz)
    world.app.clock.advance(minutes=29)  # type: ignore[attr-defined]
    with pytest.raises(InvalidInput, match=f"已于 {at:%H:%M} 催办过"):
        await world.app.tickets.urge(number, world.actor(world.supervisor))
    assert len(await _events(world, number, EventType.REMINDED)) == 1
    world.app.clock.advance(URGE_EVERY - timedelta(minutes=29))  # type: ignore[attr-defined]
    await world.app.tickets.urge(number, world.actor(world.dispatcher))
    assert len(await _events(world, number, EventType.REMINDED)) == 2 and first.number == number


async def test_the_timers_reminders_do_not_count_against_an_urge(world: World) -> None:
    number = await world.file()
    await world.app.tickets.remind(number, "deadline", data={"percent": 80})
    await world.app.tickets.urge(number, world.actor(world.dispatcher))
    assert len(await _events(world, number, EventType.REMINDED)) == 2


async def test_who_may_urge_and_which_tickets(world: World) -> None:
    number = await world.file()
    with pytest.raises(NotAllowed):
        await world.app.tickets.urge(number, world.actor(world.worker))
    with pytest.raises(NotFound):  # a resident urges only their own (work30: tests/core/test_resident_urge.py)
        await world.app.tickets.urge(number, await world.resident("resident-9"))
    unrouted = await world.file(grid=None, category="其他")
    with pytest.raises(InvalidInput, match="请先派单"):
        await world.app.tickets.urge(unrouted, world.actor(world.dispatcher))
    await world.app.tickets.cancel(number, await world.resident(), "不用了")
    with pytest.raises(InvalidInput, match="不能再催办"):
        await world.app.tickets.urge(number, world.actor(world.dispatcher))
    assert not await _events(world, number, EventType.REMINDED)


async def test_the_resident_hears_it_is_handled_as_an_ordinary_ticket_now(world: World) -> None:
    # twentieth session: taken back on the desk, the resident was told nothing and may still wait for help
    number = await _emergency(world)
    await world.app.tickets.downgrade(number, world.actor(world.dispatcher), "回电核实 配电箱已断电 无人员危险")
    async with world.app.db.transaction() as s:
        rows = list((await s.execute(select(OutboxMessage).where(
            OutboxMessage.audience == "resident", OutboxMessage.purpose == "downgraded"))).scalars())
    (told,) = [json.dumps(r.payload, ensure_ascii=False) for r in rows]
    assert number in told and "一般诉求" in told and "119" in told
