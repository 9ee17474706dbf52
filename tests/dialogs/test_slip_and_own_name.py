"""usertest28: a known 小区 typed with a slip that sounds the same (阳光花圆) matched no grid and was asked about,
then lost; a name the resident gave in the text (我叫王秀英) reached the grid group's card in full."""

from __future__ import annotations

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from tests.dialogs.conftest import outbox, resident, tickets
from tests.world import World


async def test_a_slip_in_a_known_name_goes_to_its_grid_and_is_said(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.say("阳光花源5栋的楼道灯坏了好几天了")
    await me.say("13900008888")
    review = next((x for x in me.said if x.startswith(tx.REVIEW_HEAD)), str(me.said))
    assert "阳光花园5栋" in review and tx.written_as("阳光花源") in review
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert t.community == "阳光花园" and t.grid_id is not None
    assert await outbox(app, address="group-B", purpose="card")  # 阳光花园's grid, not the desk


async def test_a_name_said_in_the_words_is_masked_on_the_group_card(world: World, engine: DialogEngine,
                                                                      app: App) -> None:
    me = resident(engine)
    await me.say("我叫周丽萍，幸福里小区4栋2单元302，楼道扶手松了好几天了")
    await me.say("13900007777")
    await me.pick(tx.SUBMIT)
    cards = [str(m.payload) for m in await outbox(app, address="group-A")]
    assert cards and all("周丽萍" not in c for c in cards) and any("周**" in c for c in cards)
