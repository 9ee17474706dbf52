"""usertest29 item 20: a worker typed 「3」 (退回 on the card he saw) in the group, then the reason, and got no answer
at all while the ticket stayed as it was. A bare option number the group has no options for is answered with how to
name the ticket; group chatter that is no number stays unanswered."""

from __future__ import annotations

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import worker_texts as wtx
from core.enums import Status
from tests.dialogs.conftest import in_group, tickets
from tests.world import World


async def test_a_bare_option_number_in_the_group_is_answered(world: World, engine: DialogEngine, app: App) -> None:
    number = await world.file()
    li = in_group(engine, "w1")
    await li.press(f"claim:{number}")
    await li.say("3")
    assert li.said == wtx.COMMAND_NEEDS_NUMBER
    await li.say("２")  # a full-width digit, as some keyboards type it
    assert li.said == wtx.COMMAND_NEEDS_NUMBER
    assert await li.say("大家辛苦了") == []  # chatter is not for the bot
    (t,) = await tickets(app)
    assert t.status == Status.ACCEPTED
