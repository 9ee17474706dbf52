"""What a resident adds to an open emergency after filing reaches those its alert reached (second user test, twentieth
session: 「是5楼阳台在烧」 and 「火越来越大了」 were told 「已转告…人员」 but went to the timeline only): the grid's card
shows it, the heads' group reads it, the worker holding it is told in person. An ordinary ticket's words stay quiet."""

from __future__ import annotations

from core.enums import Kind, Urgency
from tests.core.test_tickets_service import outbox, text_of
from tests.world import World


async def test_words_added_to_an_emergency_reach_the_heads_the_card_and_the_holder(world: World) -> None:
    number = await world.file("11栋楼顶冒黑烟 好像有东西烧起来了", urgency=Urgency.EMERGENCY, kind=Kind.HELP,
                              category="安全管理")
    await world.app.tickets.claim(number, world.actor(world.worker))
    heads = len(await outbox(world, address="group-sup"))
    await world.app.tickets.resident_says(number, await world.resident(), "是顶楼1102的阳台 火苗窜出来了 我电话13544445555")
    told = [text_of(m) for m in await outbox(world, address="group-sup")][heads:]
    assert len(told) == 1 and "1102的阳台" in told[0] and "13544445555" not in told[0]
    cards = [text_of(m) for m in await outbox(world, purpose="card")]
    assert "居民补充：是顶楼1102的阳台" in cards[-1]
    assert any("1102的阳台" in text_of(m) for m in await outbox(world, purpose="contact"))


async def test_words_added_to_an_ordinary_ticket_tell_nobody(world: World) -> None:
    number = await world.file("单元门口的地砖松了")
    before = len(await outbox(world))
    await world.app.tickets.resident_says(number, await world.resident(), "是靠右边那块")
    assert len(await outbox(world)) == before
