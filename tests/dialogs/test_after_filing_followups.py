"""After filing, round 9's classes (development data): what follows an emergency is that emergency
unfolding (烟越来越大了, 我在门口等着) and goes to its ticket, not a new report nor the triage question;
words pointing back at the ticket (还是那家, 补充一下, 工单号) go to it even when the urgency model hints
at danger; a second place (跟刚才那个不是一处) or a fault said as a state (抬不起来, 全黑了) is a new matter."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from core.text.answers import new_matter
from tests.dialogs.conftest import Person, resident, tickets
from tests.dialogs.test_after_filing_same_ticket import _filed, _said_events
from tests.world import World

EMERGENCY = "我被困在电梯里了 电梯停在两层中间 按铃没人应"


async def _emergency_filed(me: Person) -> str:
    """The resident reports EMERGENCY and says where (it is filed then), then the phone asked after; its number."""
    await me.say(EMERGENCY)
    await me.say("幸福里小区3栋电梯里")
    assert "已紧急上报" in me.said
    number = me.said.split("编号 ")[1].split("。")[0]
    await me.say("13812345678")
    return number


@pytest.mark.parametrize("words", ["烟越来越大了", "快点 里面好闷", "我在门口等着", "120也打了 你们先来个人帮忙"])
async def test_after_an_emergency_what_follows_goes_to_its_ticket(
    world: World, engine: DialogEngine, app: App, words: str
) -> None:
    me = resident(engine)
    number = await _emergency_filed(me)
    await me.say(words)
    assert me.said == tx.noted_on_emergency(number)
    (said,) = await _said_events(app)
    assert said.note == words
    assert len(await tickets(app)) == 1


async def test_after_an_emergency_another_matter_is_still_new(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await _emergency_filed(me)
    await me.say("另外 楼道里的灯也坏了")
    assert await _said_events(app) == []


@pytest.mark.parametrize("words", ["噪音现在又开始了 还是那家", "补充一下 漏水的地方是在厨房水槽下面", "还是刚才那个楼道灯 现在彻底不亮了"])
async def test_words_pointing_back_go_to_the_ticket(world: World, engine: DialogEngine, app: App, words: str) -> None:
    me = resident(engine)
    number = await _filed(me)
    await me.say(words)
    assert me.said == tx.noted_on_ticket(number)
    assert len(await tickets(app)) == 1


@pytest.mark.parametrize("text", [
    "对了 我家阳台的水管也在滴水 跟刚才那个不是一处", "车库入口的道闸又抬不起来了", "地下室的灯全黑了",
    "楼上在阳台上烧东西 烟飘到我家来了",
])
def test_new_matters_said_as_another_place_or_a_state(text: str) -> None:
    assert new_matter(text)


@pytest.mark.parametrize("text", ["照片拍不清楚 晚上太黑了", "再补充一句 晚上十点以后声音最大", "工单号是多少来着"])
def test_more_about_the_ticket(text: str) -> None:
    assert not new_matter(text)


async def test_after_an_emergency_a_complaint_of_its_own_is_new(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await _emergency_filed(me)
    await me.say("楼下烧烤店每天晚上12点还在吵")
    assert await _said_events(app) == [] and not me.said.startswith("已转告")


@pytest.mark.parametrize("words", ["里面的声音停了 人不知道怎么样", "声音停了 也没人出来"])
async def test_after_an_emergency_the_noise_stopping_goes_to_its_ticket(
    world: World, engine: DialogEngine, app: App, words: str
) -> None:
    # round 15 (p022): 声音停了 is news of the emergency, not a noise complaint of its own
    me = resident(engine)
    number = await _emergency_filed(me)
    await me.say(words)
    assert me.said == tx.noted_on_emergency(number)


@pytest.mark.parametrize("words", ["我已经打了120 等下要人帮忙背下楼", "救护车马上到 你们快派人"])
async def test_an_emergency_s_address_answered_with_no_place_is_asked_once_more(
    world: World, engine: DialogEngine, app: App, words: str
) -> None:
    # rounds 14 (p016) and 15 (p058): the words are kept for those on the way, and where is asked again,
    # once; the second answer is taken whatever it says
    me = resident(engine)
    await me.say(EMERGENCY)
    await me.say(words)
    assert tx.REMARK_KEPT in me.said
    await me.say("幸福里小区3栋电梯里")
    await me.say("13812345678")
    (t,) = await tickets(app)
    assert (t.community, t.building) == ("幸福里小区", "3") and words in (t.description or "")
    me2 = resident(engine, "r-twice")
    await me2.say(EMERGENCY)
    await me2.say(words)
    await me2.say("快点来人啊")
    assert "电话" in me2.said  # not asked a third time
