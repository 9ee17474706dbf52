"""After filing (#15): words the urgency model alone calls an emergency (no rule, no hazard nor a person's
state read) right after a ticket that was no emergency are asked the triage question instead of called;
"no" notes them on the ticket just filed, "yes" takes the emergency path. What a rule or the danger
concepts read is still called at once, and a conversation's first message is read as before (terse calls
such as 救命 8栋 are emergencies). Words added at the read-back of a draft about something else are asked
about the same way. Through DialogEngine.handle against the real core; none of these sentences is one that
was found by hand (外婆一个人在屋里, 工人还在敲)."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from core.text.urgency import EMERGENCY, assess_urgency
from tests.dialogs.conftest import Person, resident, tickets
from tests.dialogs.test_after_filing_same_ticket import _filed, _said_events
from tests.world import World

# what the model alone calls an emergency: people named, nobody said to be in danger
MODEL_ALONE = ["我奶奶一个人在家", "工人还在上面", "小孩还在屋里", "我妈在屋里"]
# a rule, a hazard or a state said as present
DANGER_SAID = ["我妈摔倒了起不来", "厨房冒烟了 好大的烟", "楼道里一股煤气味", "我爸突然说不出话了"]


def _called(me: Person) -> bool:
    """The reply shouts the emergency numbers."""
    return "⚠️ 这可能是紧急情况" in me.said and "120" in me.said


@pytest.mark.parametrize("words", MODEL_ALONE)
def test_these_are_the_model_s_emergency_alone(words: str) -> None:
    # the premise of the tests below: read with no context, each is an emergency no rule or concept supports
    u = assess_urgency(words)
    assert u.level == EMERGENCY and u.model_alone and not u.triggers


@pytest.mark.parametrize("words", MODEL_ALONE)
async def test_after_filing_the_model_s_emergency_alone_is_asked_then_noted(
    world: World, engine: DialogEngine, app: App, words: str
) -> None:
    me = resident(engine)
    number = await _filed(me)
    await me.say(words)
    assert tx.ASK_TRIAGE in me.said and not _called(me)
    assert len(await tickets(app)) == 1
    await me.pick(tx.TRIAGE_NO)
    assert me.said == tx.noted_on_ticket(number)
    assert [e.note for e in await _said_events(app)] == [words]
    assert len(await tickets(app)) == 1
    await me.say("我的投诉")  # no draft left behind
    assert tx.CONTINUE_DRAFT not in me.said


async def test_yes_to_the_question_after_filing_is_the_emergency_path(
    world: World, engine: DialogEngine, app: App
) -> None:
    me = resident(engine)
    await _filed(me)
    await me.say(MODEL_ALONE[0])
    await me.pick(tx.TRIAGE_YES)
    assert _called(me)
    await me.say("幸福里小区3栋2单元501")
    if "电话" in me.said:
        await me.say("13812345678")
    filed = await tickets(app)
    assert len(filed) == 2 and filed[-1].urgency == "emergency"
    assert tx.TRIAGE_TRIGGER in (filed[-1].emergency_triggers or [])


async def test_a_typed_no_after_filing_notes_them_too(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    number = await _filed(me)
    await me.say(MODEL_ALONE[1])
    await me.say("没事")
    assert me.said == tx.noted_on_ticket(number)


@pytest.mark.parametrize("words", DANGER_SAID)
async def test_danger_said_after_filing_is_still_called_at_once(
    world: World, engine: DialogEngine, app: App, words: str
) -> None:
    me = resident(engine)
    await _filed(me)
    await me.say(words)
    assert _called(me) and tx.ASK_TRIAGE not in me.said
    assert await _said_events(app) == []


@pytest.mark.parametrize("words", ["救命 8栋", "火!!! 3栋", "快来 9栋", *MODEL_ALONE[:2]])
async def test_the_first_message_is_read_as_before(world: World, engine: DialogEngine, words: str) -> None:
    # a terse call opening a conversation is an emergency, whatever read it: the model learned such calls
    me = resident(engine)
    await me.say(words)
    assert _called(me) and tx.ASK_TRIAGE not in me.said


async def test_after_an_emergency_the_model_s_emergency_alone_is_still_called(
    world: World, engine: DialogEngine, app: App
) -> None:
    # after a gas leak was filed, someone named alone at home may be the one at risk: no question first
    me = resident(engine)
    await me.say("楼道里一股煤气味，幸福里小区3栋2单元")
    while "已紧急上报" not in me.said:
        await me.say("13812345678")
    await me.say(MODEL_ALONE[0])
    assert _called(me) and tx.ASK_TRIAGE not in me.said


async def test_words_at_a_read_back_that_only_the_model_reads_as_danger_are_asked_about(
    world: World, engine: DialogEngine, app: App
) -> None:
    me = resident(engine)
    await me.say("楼下烧烤店每天晚上12点还在吵，幸福里小区3栋2单元501，电话13812345678")
    assert tx.SUBMIT in me.said
    await me.say(MODEL_ALONE[2])  # more words at the read-back
    assert tx.ASK_TRIAGE in me.said and not _called(me) and await tickets(app) == []
    await me.pick(tx.TRIAGE_NO)
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert t.urgency != "emergency" and MODEL_ALONE[2] in t.description


async def test_a_new_matter_asked_about_after_filing_is_filed_as_answered(
    world: World, engine: DialogEngine, app: App
) -> None:
    # 「另外…」 is a matter of its own: "no" goes on with its form, and the ticket keeps the resident's answer
    # rather than the text read afresh (the model alone would call it an emergency again)
    me = resident(engine)
    await _filed(me)
    await me.say("另外，" + MODEL_ALONE[1])
    assert tx.ASK_TRIAGE in me.said
    await me.pick(tx.TRIAGE_NO)
    for _ in range(6):
        if len(await tickets(app)) == 2:
            break
        if tx.SUBMIT in me.said:
            await me.pick(tx.SUBMIT)
        elif "吗？" in me.said and "还是" in me.said:  # the place just used, offered
            await me.pick("是，还是这里")
        elif "电话" in me.said:
            await me.say("13812345678")
        else:
            await me.say("今天上午")
    filed = await tickets(app)
    assert len(filed) == 2 and filed[-1].urgency != "emergency"
    assert await _said_events(app) == []


async def test_a_new_matter_answered_no_is_filed_in_the_category_its_words_say(
    world: World, engine: DialogEngine, app: App
) -> None:
    # the model alone reads 工人还在上面 as someone hurt (injury → 安全管理); answered "no", the matter is the
    # rubbish in the stairwell its words tell of, and is filed (and read back) there, not under the hazard
    words = "另外，工人还在上面 楼道里全是装修垃圾"
    me = resident(engine)
    await _filed(me)
    await me.say(words)
    assert tx.ASK_TRIAGE in me.said
    await me.pick(tx.TRIAGE_NO)
    for _ in range(6):
        if len(await tickets(app)) == 2:
            break
        if tx.SUBMIT in me.said:
            assert "安全管理" not in me.said
            await me.pick(tx.SUBMIT)
        elif "吗？" in me.said and "还是" in me.said:
            await me.pick("是，还是这里")
        elif "电话" in me.said:
            await me.say("13812345678")
        else:
            await me.say("今天上午")
    filed = await tickets(app)
    assert len(filed) == 2 and filed[-1].urgency != "emergency"
    assert filed[-1].category == "环境卫生"
