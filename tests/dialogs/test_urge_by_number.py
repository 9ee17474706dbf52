"""A hurry that names its ticket by number (second user test, twentieth session: 「都两天了还没人来，能不能快点 <编号>」 was
added as a note): the named ticket is urged — an older one too, after a newer one was filed — and a number among
other matters is no urge."""

from __future__ import annotations

from datetime import timedelta

from bot.app import App
from bot.conversation.engine import DialogEngine
from core.clock import ManualClock
from core.enums import EventType
from tests.dialogs.conftest import resident
from tests.dialogs.test_work30_resident_urge import _events
from tests.world import World


async def test_the_older_ticket_named_by_number_is_urged(world: World, engine: DialogEngine, app: App,
                                                         clock: ManualClock) -> None:
    me = resident(engine)
    older = await me.file("幸福里小区2栋1单元门口的路灯不亮了，前天开始，电话13611112222")
    clock.advance(timedelta(hours=2))
    await me.file("幸福里小区2栋楼下的垃圾桶盖子坏了，今天早上，电话13611112222")
    clock.advance(timedelta(days=1))
    await me.say(f"路灯那个都等了一整天了，麻烦快点 {older}")
    (urge,) = await _events(app, EventType.REMINDED)
    assert older in me.said and "催" in me.said
    assert urge.data["reminder"] == "manual"


async def test_a_number_with_another_matter_is_no_urge(world: World, engine: DialogEngine, app: App,
                                                       clock: ManualClock) -> None:
    me = resident(engine)
    number = await me.file("幸福里小区2栋1单元门口的路灯不亮了，前天开始，电话13611112222")
    clock.advance(timedelta(days=1))
    await me.say(f"{number} 楼下的井盖也松了")
    assert not await _events(app, EventType.REMINDED)
