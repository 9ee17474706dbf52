"""A ticket for a place no grid covers (branch left29): no repair deadline is promised while the desk finds who is
responsible, and the grid's deadline runs from the placement, told to the resident with the grid's name."""


from sqlalchemy import select

from core.db.models import OutboxMessage, Ticket
from core.enums import Complexity, Kind, Urgency
from core.service.placement import awaits_placement
from core.texts import notes
from tests.world import World


async def _ticket(world: World, number: str) -> Ticket:
    async with world.app.db.transaction() as s:
        return (await s.execute(select(Ticket).where(Ticket.number == number))).scalar_one()


async def test_placed_days_later_the_deadline_runs_from_the_placement(world: World) -> None:
    number = await world.file("单元门禁坏了", grid=None, community="银杏苑", building="2栋")
    filed = await _ticket(world, number)
    assert filed.grid_id is None and notes.NO_GRID_MATCHED in (filed.flag_reason or "") and awaits_placement(filed)
    world.app.clock.advance(days=3)  # type: ignore[attr-defined]
    await world.app.tickets.assign(number, "A", world.actor(world.dispatcher))
    placed = await _ticket(world, number)
    now = world.app.clock.now()
    expected = world.app.tickets.policy.compute(now, category=placed.category, urgency=Urgency(placed.urgency),
                                                complexity=Complexity(placed.complexity), kind=Kind(placed.kind))
    assert placed.due_at == expected.due_at and placed.due_at > now and not awaits_placement(placed)
    async with world.app.db.transaction() as s:
        told = [str(r.payload) for r in (await s.execute(select(OutboxMessage).where(
            OutboxMessage.purpose == "assigned"))).scalars()]
    assert len(told) == 1 and "幸福里网格" in told[0]


async def test_a_ticket_the_desk_only_looks_at_first_keeps_the_deadline_it_was_given(world: World) -> None:
    number = await world.file("单元门禁坏了", grid=None, community="幸福里小区", needs_dispatcher=True,
                              flag_reason="请确认分类")
    filed = await _ticket(world, number)
    assert not awaits_placement(filed)
    world.app.clock.advance(days=1)  # type: ignore[attr-defined]
    await world.app.tickets.assign(number, "A", world.actor(world.dispatcher))
    assert (await _ticket(world, number)).due_at == filed.due_at


async def test_an_emergency_outside_every_grid_keeps_its_minutes(world: World) -> None:
    number = await world.file("煤气味很大", grid=None, community="银杏苑", urgency=Urgency.EMERGENCY, kind=Kind.HELP)
    assert not awaits_placement(await _ticket(world, number))
