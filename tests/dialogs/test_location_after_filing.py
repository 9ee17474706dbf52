"""A location shared right after filing goes onto the ticket just filed (eighteenth session, talking to the chat: an
emergency's alert says 「或直接发送位置」, and a location sent after the alert opened a new draft asking 「请简单说说
发生了什么」, the pin never reaching the people on the way) — against the real core."""

from __future__ import annotations

from datetime import timedelta

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import aftercare_texts as atx
from bot.dialogs import emergency_texts as etx
from bot.dialogs import texts as tx
from core.clock import ManualClock
from tests.dialogs.conftest import outbox, resident, tickets
from tests.world import World

GAS = "厨房煤气味特别大 我爸在里屋睡觉"
FULL = "幸福里小区5栋2单元楼道的灯不亮了，前天开始的，电话13600006666"


async def test_a_location_after_an_emergencys_alert_goes_to_that_ticket(
        world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.say(GAS)
    await me.say("幸福里3栋1单元201")
    (t,) = await tickets(app)
    await me.location(30.2742, 120.1552, "幸福里3栋")
    assert atx.location_added_to_ticket(t.number, emergency=True) in me.said
    assert etx.ASK_PHONE_AFTER_EMERGENCY in me.said  # the phone is still wanted
    assert tx.LOCATION_RECEIVED not in me.said and "发生了什么" not in me.said
    (t,) = await tickets(app)
    assert (t.lat, t.lng, t.location_label) == (30.2742, 120.1552, "幸福里3栋") and t.building == "3"
    cards = [str(m.payload) for m in await outbox(app) if m.purpose == "card"]
    assert "uri.amap.com" in cards[-1] and "居民补充了位置" in cards[-1]
    await me.say("13800001234")  # the phone asked after the alert still goes onto the ticket
    assert me.said == etx.phone_added_to_ticket(t.number, "13800001234")


async def test_a_location_for_an_emergency_filed_with_loose_words_is_its_place(
        world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.say("电梯里困了人 我儿子在里面")
    await me.location(31.2304, 121.4737)  # shared at the address question: filed with it
    (t,) = await tickets(app)
    assert t.urgency == "emergency" and t.lat == 31.2304
    await me.location(31.2310, 121.4740, "阳光花园东门")  # shared again, nearer: the ticket takes the new point
    assert atx.location_added_to_ticket(t.number, emergency=True) in me.said
    (t,) = await tickets(app)
    assert (t.lat, t.location_label) == (31.2310, "阳光花园东门") and len(await tickets(app)) == 1


async def test_a_location_soon_after_an_ordinary_ticket_is_added_and_said_so(
        world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    number = await me.file(FULL)
    await me.location(30.2742, 120.1552)
    assert me.said == atx.location_added_to_ticket(number, emergency=False)
    (t,) = await tickets(app)
    assert t.lat == 30.2742 and (t.community, t.building, t.unit) == ("幸福里小区", "5", "2")


async def test_a_location_long_after_filing_starts_a_new_matter(
        world: World, engine: DialogEngine, app: App, clock: ManualClock) -> None:
    me = resident(engine)
    await me.file(FULL)
    clock.advance(timedelta(hours=2))
    await me.location(30.2742, 120.1552)
    assert tx.LOCATION_RECEIVED in me.said and "已补充到工单" not in me.said
    (t,) = await tickets(app)
    assert t.lat is None


async def test_a_ticket_ended_meanwhile_takes_no_location(
        world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    number = await me.file(FULL)
    await app.tickets.cancel(number, world.actor(world.dispatcher), "重复登记")
    await me.location(30.2742, 120.1552)
    (t,) = await tickets(app)
    assert t.lat is None and "已补充到工单" not in me.said
