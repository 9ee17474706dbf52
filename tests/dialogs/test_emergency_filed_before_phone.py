"""An emergency is filed as soon as its place is known (seventeenth session, usertest27 and talking to the chat): the
bot said 「我们同时通知社区人员赶来」 but filed nothing and alerted no one until a phone was given — 「快来人啊」,
「我不知道号码」, 「跳过」, 「他叫不醒怎么办」 were each answered 「这个号码好像不对」. Now the alert goes out with the place,
the phone is asked after it, and a number sent next goes onto that ticket (the grid's card shows it masked); words said
at an emergency's address question tell the resident to call 120 / 119 / 110 at once — against the real core."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import emergency_texts as etx
from bot.dialogs import texts as tx
from tests.dialogs.conftest import outbox, resident, tickets
from tests.world import World

GAS = "厨房煤气味特别大 我爸在里屋睡觉"
PLACE = "幸福里3栋1单元201"


async def test_the_alert_goes_out_with_the_place_and_the_phone_is_asked_after(
        world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.say(GAS)
    await me.say(PLACE)
    (t,) = await tickets(app)
    assert t.urgency == "emergency" and t.contact_phone is None
    assert etx.ASK_PHONE_AFTER_EMERGENCY in me.said and tx.BAD_PHONE not in me.said
    await me.say("13800001234")
    assert me.said == etx.phone_added_to_ticket(t.number, "13800001234")
    (t,) = await tickets(app)
    assert t.contact_phone == "13800001234"
    cards = [m for m in await outbox(app) if "138****1234" in str(m.payload)]
    assert cards, "the grid's card shows the number, masked"
    assert not [m for m in await outbox(app) if "13800001234" in str(m.payload) and m.audience == "group"]


async def test_words_instead_of_the_number_after_the_alert_are_no_new_ticket(
        world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.say(GAS)
    await me.say(PLACE)
    await me.say("他叫不醒怎么办")  # the first emergency's victim, not a second emergency with no place
    assert len(await tickets(app)) == 1 and tx.BAD_PHONE not in me.said


@pytest.mark.parametrize("words", ["快点来人啊", "他一直在哭怎么办"])
async def test_words_at_an_emergencys_address_question_say_call_now(
        world: World, engine: DialogEngine, app: App, words: str) -> None:
    me = resident(engine)
    await me.say("电梯里困了人 我儿子在里面")
    await me.say(words)
    assert etx.REMARK_KEPT_EMERGENCY in me.said and await tickets(app) == []


async def test_help_already_called_is_not_told_to_call_again(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.say("电梯里困了人 我儿子在里面")
    await me.say("我已经打了119 等下要人帮忙")
    assert tx.REMARK_KEPT in me.said and etx.REMARK_KEPT_EMERGENCY not in me.said


async def test_a_phone_given_for_the_place_is_kept_and_the_place_asked_again(
        world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.say(GAS)
    await me.say("13800001234")
    assert etx.PHONE_NOTED_PLACE_STILL in me.said and await tickets(app) == []
    await me.say(PLACE)
    (t,) = await tickets(app)
    assert t.contact_phone == "13800001234" and etx.ASK_PHONE_AFTER_EMERGENCY not in me.said


async def test_a_whole_address_after_loose_words_goes_onto_the_ticket(
        world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.say(GAS)
    await me.say("我已经出来了 在楼下")
    await me.say("就我家啊")  # asked once more: any words will do, and it is filed
    (t,) = await tickets(app)
    assert etx.ASK_BOTH_AFTER_EMERGENCY in me.said
    await me.say("翠湖苑3座1502")
    (t,) = await tickets(app)
    assert (t.community, t.building, t.room) == ("翠湖苑", "3", "1502")


async def test_a_new_complaint_carrying_a_phone_is_not_taken_as_the_emergencys_number(
        world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.say(GAS)
    await me.say(PLACE)
    await me.say("楼下烧烤店每天晚上12点还在吵，幸福里小区3栋2单元501，电话13812345678")
    assert "已记到紧急工单" not in me.said
    (t, *_) = await tickets(app)
    assert t.contact_phone is None


async def test_the_phone_on_file_is_told_and_a_new_one_still_taken(
        world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.file("阳光花园5栋2单元楼道的窗户玻璃碎了，前天开始的，电话13600006666")
    await me.say(GAS)
    await me.say(PLACE)
    assert etx.ask_after_emergency(phone=True, place=False, on_file="136****6666") in me.said
    await me.say("一三九 零零零零 一一一一")
    number = [t for t in await tickets(app) if t.urgency == "emergency"][0].number
    assert me.said == etx.phone_added_to_ticket(number, "13900001111")


@pytest.mark.parametrize("words", ["不方便留", "我没带手机"])
async def test_the_phone_declined_after_the_alert_is_acknowledged(
        world: World, engine: DialogEngine, app: App, words: str) -> None:
    me = resident(engine)
    await me.say(GAS)
    await me.say(PLACE)
    await me.say(words)
    assert me.said == etx.PHONE_NOT_LEFT and len(await tickets(app)) == 1
