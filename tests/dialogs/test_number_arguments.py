"""A ticket number typed after 查询 or /query is taken only when it is exactly a number: text around
it is refused with the usual hint, never mined for a number that happens to be inside."""

from __future__ import annotations

from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from tests.dialogs.conftest import resident
from tests.world import World


async def test_a_query_with_more_than_a_number_does_not_show_the_ticket(world: World, engine: DialogEngine) -> None:
    number = await world.file()
    me = resident(engine)
    await me.say(f"查询 {number}")
    assert me.said.startswith(f"工单 {number}")
    await me.command("query", number)
    assert me.said.startswith(f"工单 {number}")

    injected = f"{number}' OR '1'='1"
    await me.command("query", *injected.split())
    assert me.said == tx.QUERY_HOW
    await me.say(f"查询 {injected}")
    assert f"工单 {number}" not in me.said
