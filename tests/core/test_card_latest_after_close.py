"""usertest29 item 21: after 结案 the grid's card said 「最新：已联系维修师傅」 (the progress note before) instead of what
was done. The result, once there is one, is the card's latest line until the ticket is reopened."""

import json

from sqlalchemy import select

from core.db.models import OutboxMessage
from core.enums import Rating
from tests.world import World


async def _last_card(world: World) -> str:
    async with world.app.db.transaction() as s:
        rows = (await s.execute(select(OutboxMessage).where(OutboxMessage.address == "group-A")
                                .order_by(OutboxMessage.id))).scalars().all()
    return json.dumps(rows[-1].payload, ensure_ascii=False)


async def test_the_closed_card_shows_the_result(world: World) -> None:
    number = await world.file("2栋单元门的闭门器坏了")
    worker = world.actor(world.worker)
    await world.app.tickets.claim(number, worker)
    await world.app.tickets.add_progress(number, worker, "配件已订，后天到")
    await world.app.tickets.resolve(number, worker, "闭门器已更换")
    await world.app.tickets.rate(number, await world.resident(), Rating.SATISFIED)
    card = await _last_card(world)
    assert "已结案" in card and "最新：闭门器已更换" in card and "配件已订" not in card
