"""flow30 (a black-box user test's flow and slot findings), in sentences of our own; each failed before:
a withdrawal in words picks the ticket its words name; a phone taken back in the same line; a read-back word, a
Traditional decline or skip, a greeting are no field's value; a door said after filing, and a place changed
through 修改, reach the ticket and 内容; a lasting or recurring time is an answer to since when."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from bot.dialogs.flow_texts import NOT_YET_SUBMIT, WITHDRAW_PICK
from bot.dialogs.state import Asking
from core.enums import Status
from core.messages import Choices, plain_text
from tests.dialogs.conftest import Person, resident, tickets
from tests.dialogs.test_steps import fresh, msg, step
from tests.world import World

# ---- 1. a withdrawal in words: the ticket its words name ----------------------------------------------------------

DRAIN = "幸福里小区8栋北边的下水道堵了，污水漫出来，前天开始的，电话13700002222"
SWING = "幸福里小区2栋旁边儿童乐园的秋千链子断了，昨天开始的，电话13700002222"


@pytest.mark.parametrize("words", ["下水道的事不用处理了，撤销吧", "把下水道那个投诉取消掉"])
async def test_the_ticket_the_words_name_is_offered(world: World, engine: DialogEngine, app: App, words: str) -> None:
    me = resident(engine)
    drain = await me.file(DRAIN)
    swing = await me.file(SWING)  # filed last: it used to be the one offered
    await me.say(words)
    assert me.said.startswith(tx.withdraw_ask(drain)) and swing not in me.said
    await me.pick(tx.WITHDRAW_YES)
    status = {t.number: t.status for t in await tickets(app)}
    assert status[drain] == Status.CANCELLED and status[swing] != Status.CANCELLED


async def test_the_ticket_named_but_taken_is_refused_by_its_number(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    drain = await me.file(DRAIN)
    swing = await me.file(SWING)
    await app.tickets.claim(drain, world.actor(world.worker))
    await me.say("下水道那个不用管了 撤销")
    assert drain in me.said and "无法撤销" in me.said and swing not in me.said and tx.WITHDRAW_YES not in me.said


async def test_with_nothing_filed_in_this_chat_the_open_tickets_are_offered(
        world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    first, second = await me.file(DRAIN), await me.file(SWING)
    elsewhere = Person(engine, me.sender, "another-chat")  # the same resident where nothing was filed
    await elsewhere.say("那个投诉我不要了 撤销吧")
    assert WITHDRAW_PICK in elsewhere.said and first in elsewhere.said and second in elsewhere.said
    await elsewhere.pick(f"{first} " + next(o.label for r in elsewhere.last if isinstance(r, Choices)
                                            for o in r.options if o.label.startswith(first))[len(first) + 1:])
    assert elsewhere.said.startswith(tx.withdraw_ask(first))


async def test_a_bare_withdrawal_is_still_the_ticket_filed_last(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.file(DRAIN)
    swing = await me.file(SWING)
    await me.say("撤销投诉")
    assert me.said.startswith(tx.withdraw_ask(swing))


# ---- 2. a phone taken back in the same line -----------------------------------------------------------------------

@pytest.mark.parametrize("line", ["幸福里3栋门口的路灯坏了，昨晚开始的，手机号15900001111，哦写错了应该是15900001112",
                                  "幸福里3栋门口的路灯坏了，昨晚开始的，我电话15900001111 不对 15900001112"])
def test_the_phone_set_right_in_the_same_line_wins(line: str) -> None:
    s = step(fresh(), msg(line))
    assert s.state.draft is not None and s.state.draft.phone == "15900001112"


def test_the_phone_set_right_when_asked() -> None:
    s = step(fresh(), msg("幸福里3栋门口的路灯坏了，昨晚开始的"))
    s = step(s.state, msg("15900001111，打错了，是15900001112"))
    assert s.state.draft is not None and s.state.draft.phone == "15900001112"


# ---- 3. words that are no field's value --------------------------------------------------------------------------

def test_a_read_back_word_at_a_place_question_is_no_place() -> None:
    s = step(fresh(), msg("7栋电梯按钮不灵了"))  # which 小区?
    assert s.state.draft is not None and s.state.draft.asking in (Asking.COMMUNITY, Asking.ADDRESS)
    s = step(s.state, msg("确认提交"))
    d = s.state.draft
    assert d is not None and NOT_YET_SUBMIT in plain_text(s.replies)
    assert "提交" not in (d.community or "") + (d.address_text or "")


async def test_a_door_for_the_matter_set_aside_keeps_the_estate(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.say("幸福里小区5栋的楼道灯坏了，前天开始的，电话13700003333，另外楼下的垃圾桶满了好几天没人清")
    await me.pick(tx.SUBMIT)
    await me.pick(tx.ASIDE_YES)  # 还是「幸福里小区5栋」吗？
    await me.say("9栋楼下")
    assert "哪个小区" not in me.said


@pytest.mark.parametrize(("question_first", "said"), [("幸福里小区6栋3单元楼道扶手松了", "唔留電話"),
                                                      ("幸福里小区6栋3单元楼道扶手松了，前天開始的", "沒有電話可以留，你們直接派人過來處理就行")])
def test_a_traditional_decline_of_the_phone(question_first: str, said: str) -> None:
    s = step(fresh(), msg(question_first))
    while s.state.draft is not None and s.state.draft.asking == Asking.OCCURRED:
        s = step(s.state, msg("前天"))
    s = step(s.state, msg(said))
    d = s.state.draft
    assert d is not None and d.phone_declined and tx.BAD_PHONE not in plain_text(s.replies)


@pytest.mark.parametrize("said", ["跳過", "不記得了"])
def test_a_traditional_skip_is_no_time(said: str) -> None:
    s = step(fresh(), msg("幸福里小区6栋3单元楼道扶手松了"))
    assert s.state.draft is not None and s.state.draft.asking == Asking.OCCURRED
    s = step(s.state, msg(said))
    d = s.state.draft
    assert d is not None and said not in (d.occurred_text or "") and d.asking != Asking.OCCURRED


@pytest.mark.parametrize("opening", ["下午好，幸福里小区4栋电梯里的灯不亮了", "您好 早上好！幸福里小区4栋电梯里的灯不亮了"])
def test_a_greeting_is_no_time(opening: str) -> None:
    s = step(fresh(), msg(opening))
    d = s.state.draft
    assert d is not None and not d.occurred_text and d.asking == Asking.OCCURRED


def test_a_day_part_that_is_no_greeting_is_still_a_time() -> None:
    s = step(fresh(), msg("幸福里小区4栋楼上晚上好吵，拖家具的声音"))
    d = s.state.draft
    assert d is not None and "晚上" in (d.occurred_text or "")


# ---- 4. information that reached nothing -------------------------------------------------------------------------

async def test_a_door_sent_after_an_emergency_reaches_the_ticket(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.say("幸福里小区7栋楼道里冒黑烟了，好呛")
    (t,) = await tickets(app)
    assert t.urgency == "emergency" and t.room is None
    await me.say("7号楼2单元302")
    (t,) = await tickets(app)
    assert (t.building, t.unit, t.room) == ("7", "2", "302")


async def test_a_door_of_another_building_is_no_refinement(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.file("幸福里小区7栋2单元门口的垃圾好几天没人收了，电话13700004444")
    await me.say("8栋1单元")
    (t,) = await tickets(app)
    assert (t.building, t.unit) == ("7", "2")


def _key(s: object, label: str) -> str:
    for r in s.replies:  # type: ignore[attr-defined]
        if isinstance(r, Choices):
            for o in r.options:
                if o.label == label:
                    return o.key
    raise KeyError(label)


def test_a_room_changed_through_the_change_button_follows_into_the_description() -> None:
    s = step(fresh(), msg("幸福里小区4栋2单元0603门口的声控灯不亮了，上周开始的，电话13700005555"))
    s = step(s.state, msg(None, choice=_key(s, tx.CHANGE)))
    s = step(s.state, msg(None, choice=_key(s, "地点")))
    s = step(s.state, msg("幸福里小区4栋2单元0703"))
    d = s.state.draft
    assert d is not None and d.room == "0703"
    assert "0603" not in (d.description or "") and "0703" in (d.description or "")


def test_a_room_typed_at_the_read_back_follows_into_the_description() -> None:
    s = step(fresh(), msg("幸福里小区4栋2单元603门口的声控灯不亮了，上周开始的，电话13700005555"))
    s = step(s.state, msg("改一下 是703"))
    d = s.state.draft
    assert d is not None and d.room == "703" and "603" not in (d.description or "")


# ---- 5. a lasting or recurring time: what was heard is said, only the start asked ---------------------------------

@pytest.mark.parametrize(("opening", "heard"), [("幸福里小区9栋车棚的灯坏了很长时间了", "很长时间"),
                                                ("幸福里小区9栋楼上每天凌晨都在剁东西", "每天凌晨"),
                                                ("幸福里小区9栋的电梯坏了好久", "好久")])
def test_since_when_after_a_lasting_or_recurring_time_says_what_it_heard(opening: str, heard: str) -> None:
    s = step(fresh(), msg(opening))
    d = s.state.draft
    assert d is not None and d.asking == Asking.OCCURRED
    asked = plain_text(s.replies)
    assert heard in asked and tx.ASK_OCCURRED not in asked
    labels = [o.label for r in s.replies if isinstance(r, Choices) for o in r.options]
    assert "刚刚" not in labels and "今天" not in labels and "说不清" in labels
    s = step(s.state, msg("1"))  # a tap on the first option shown: 好几天了, the phrase kept before it
    d = s.state.draft
    assert d is not None and heard in (d.occurred_text or "") and "好几天" in (d.occurred_text or "")


@pytest.mark.parametrize("opening", ["幸福里小区9栋车棚的灯坏了", "幸福里小区9栋车棚的灯晚上不亮"])
def test_an_empty_or_only_a_day_part_time_is_asked_as_before(opening: str) -> None:
    s = step(fresh(), msg(opening))
    d = s.state.draft
    assert d is not None and d.asking == Asking.OCCURRED and tx.ASK_OCCURRED in plain_text(s.replies)
