from sqlalchemy import select

from core.db.models import OutboxMessage, TicketEvent
from tests.world import World


async def test_file_and_claim(world: World) -> None:
    number = await world.file()
    t = await world.app.tickets.claim(number, world.actor(world.worker))
    assert t.status == "accepted"
    async with world.app.db.transaction() as s:
        events = (await s.execute(select(TicketEvent.type))).scalars().all()
        out = (await s.execute(select(OutboxMessage.address, OutboxMessage.purpose))).all()
    assert events == ["filed", "assigned", "claimed"]
    print(out)
