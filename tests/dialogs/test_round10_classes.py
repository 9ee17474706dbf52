"""Round 10's classes (development data, docs/understanding.md "Round 10's slots"): a remark at the address
or phone question is kept on the ticket and read back; a second matter at the time question is set aside
even when it carries a time of its own; a time the resident is home is no time of the problem; a floor and
its door (15楼2号) is a room; after filing, leads said after a filler, pointing back with 我说的那个 or at
the complaint itself, faults said as 进不来, something left out about another thing, and another
emergency with a hazard of its own."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from bot.dialogs.state import Asking
from core.messages import plain_text
from core.text.address import parse_address
from core.text.answers import new_matter
from core.text.timephrase import parse_time_phrase
from tests.dialogs.conftest import resident, tickets
from tests.dialogs.test_after_filing_followups import _emergency_filed
from tests.dialogs.test_after_filing_same_ticket import _filed, _said_events
from tests.dialogs.test_intake_slots import at
from tests.dialogs.test_steps import msg, step
from tests.world import World

NOW = datetime(2026, 12, 6, 11, 0)


@pytest.mark.parametrize("words", ["我孩子明年高考，真的很影响", "您那什么时候能来啊，冻得够呛"])
def test_a_remark_at_the_address_question_is_kept_and_read_back(words: str) -> None:
    s = step(at(Asking.ADDRESS).state, msg(words))
    d = s.state.draft
    assert d and d.asking == Asking.ADDRESS and d.address_text is None and not d.address_ok
    assert tx.REMARK_KEPT in plain_text(s.replies) and tx.ADDRESS_IS_HERE not in plain_text(s.replies)
    for answer in ("幸福里小区3栋", "昨晚", "13812345678"):
        s = step(s.state, msg(answer))
    d = s.state.draft
    assert d and d.asking == Asking.REVIEW and (d.community, d.building) == ("幸福里小区", "3")
    assert words in plain_text(s.replies)  # read back with the description, so the ticket keeps it


def test_a_stall_at_the_address_question_is_not_kept() -> None:
    s = step(at(Asking.ADDRESS).state, msg("稍等我看一下门牌"))
    d = s.state.draft
    assert d and d.description == "楼道灯坏了" and tx.ADDRESS_NOT_GIVEN in plain_text(s.replies)


def test_a_question_at_the_phone_question_is_kept_not_called_a_wrong_number() -> None:
    s = step(at(Asking.PHONE).state, msg("你们保洁是不是换公司了？"))
    d = s.state.draft
    assert d and d.asking == Asking.PHONE and "保洁是不是换公司" in (d.description or "")
    assert tx.BAD_PHONE not in plain_text(s.replies)


@pytest.mark.parametrize("words", ["还有西门保安亭晚上根本没人值班", "对了，单元楼道也好几天没人拖了"])
def test_a_second_matter_with_a_time_in_it_is_set_aside_at_the_time_question(words: str) -> None:
    s = step(at(Asking.OCCURRED).state, msg(words))
    d = s.state.draft
    assert d and d.asking == Asking.OCCURRED and d.occurred_text is None
    assert s.state.asides and s.state.asides[0] in words


@pytest.mark.parametrize("words", ["还有就是每天晚上十点以后", "另外一般是晚上十点以后"])
def test_a_time_after_还有_is_still_the_answer(words: str) -> None:
    s = step(at(Asking.OCCURRED).state, msg(words))
    d = s.state.draft
    assert d and d.occurred_text and "十点以后" in d.occurred_text and not s.state.asides


def test_a_stall_at_the_time_question_is_asked_again() -> None:
    s = step(at(Asking.OCCURRED).state, msg("等一下，我老公在喊我"))
    d = s.state.draft
    assert d and d.asking == Asking.OCCURRED and d.occurred_text is None


@pytest.mark.parametrize("text", ["排风扇不转了，周末两天都在，随时可以来", "热水器打不着火，今晚八点以后有人在家",
                                  "上午都行"])
def test_when_the_resident_is_home_is_a_visiting_time(text: str) -> None:
    phrase = parse_time_phrase(text, NOW)
    assert phrase is not None and phrase.visit


@pytest.mark.parametrize("text", ["每天晚上都在吵", "晚上有人在楼道抽烟", "晚上在家都能听到"])
def test_times_of_the_problem_stay(text: str) -> None:
    phrase = parse_time_phrase(text, NOW)
    assert phrase is not None and not phrase.visit


def test_the_time_of_the_problem_wins_over_the_visiting_time() -> None:
    phrase = parse_time_phrase("昨晚开始漏水，明天上午家里有人", NOW)
    assert phrase is not None and phrase.text.startswith("昨晚") and not phrase.visit


def test_the_opening_s_visiting_time_does_not_answer_the_time_question() -> None:
    s = step(at(Asking.ADDRESS, "排风扇不转了，周末两天都在，随时可以来").state, msg("幸福里小区3栋"))
    assert s.state.draft and s.state.draft.asking == Asking.OCCURRED


@pytest.mark.parametrize(("text", "room"), [("金色家园12幢二单元15楼2号", "1502"), ("天一家园15座23楼1号", "2301"),
                                            ("云杉公寓1号楼11楼3号", "1103"), ("幸福里3栋5楼501", "501")])
def test_a_floor_and_its_door_is_the_room(text: str, room: str) -> None:
    assert parse_address(text).room == room


def test_a_softened_verb_before_小区_is_no_name() -> None:
    assert parse_address("想问下小区车位能不能租").community is None
    assert parse_address("下沙小区3栋").community == "下沙小区"


FILED = "楼下烧烤店每天晚上12点还在吵，幸福里小区3栋2单元501，电话13812345678"


@pytest.mark.parametrize("text", ["顺带一提，保安晚上老在岗亭睡觉", "噢对 二楼那家在楼道里养了条大狗，没拴",
                                  "那个 另外的事 我家楼上好像在养鸡 天天早上打鸣", "小区后门晚上八点就锁，我们下晚班的进不来"])
def test_new_matters_after_a_filler_or_said_as_a_fault(text: str) -> None:
    assert new_matter(text)


@pytest.mark.parametrize("text", ["麻烦别说是我反映的", "刚才那个投诉能撤销吗", "就是我说的那个楼道灯，现在整层都黑了",
                                  "还是在漏，刚才师傅看了说要换管子，啥时候来换", "嗯对，师傅下午来就行"])
def test_words_about_the_ticket_itself(text: str) -> None:
    assert not new_matter(text, FILED)


@pytest.mark.parametrize("text", ["刚才忘了说，垃圾房门口的污水流了一地", "楼下那个棋牌室又开始打麻将了"])
def test_left_out_or_again_about_another_thing_is_new(text: str) -> None:
    assert not new_matter(text)  # without the ticket's words there is no telling
    assert new_matter(text, FILED)


@pytest.mark.parametrize("text", ["刚才忘了说，烧烤的烟也很大", "楼下又开始烧烤了", "刚才忘了说，晚上吵得最厉害"])
def test_left_out_or_again_about_the_same_thing_is_the_ticket_s(text: str) -> None:
    assert not new_matter(text, FILED)


async def test_after_filing_something_left_out_about_another_thing_opens_a_draft(
    world: World, engine: DialogEngine, app: App
) -> None:
    me = resident(engine)
    await _filed(me)
    await me.say("刚才忘了说，垃圾房门口的污水流了一地")
    assert await _said_events(app) == [] and not me.said.startswith("已补充")
    await me.say("刚才忘了说，晚上吵得最厉害")  # the draft's question is answered; the first ticket kept
    assert len(await tickets(app)) == 1


@pytest.mark.parametrize("words", ["楼下有人晕倒了", "厨房煤气味好重"])
async def test_after_an_emergency_another_emergency_is_its_own_report(
    world: World, engine: DialogEngine, app: App, words: str
) -> None:
    me = resident(engine)
    await _emergency_filed(me)  # trapped in a lift
    await me.say(words)
    assert await _said_events(app) == []
    assert "119" in me.said or "120" in me.said  # the emergency numbers again, for this one
    await me.say("幸福里小区5栋楼道")
    await me.say("13812345678")
    filed = await tickets(app)
    assert len(filed) == 2 and all(t.urgency == "emergency" for t in filed)


async def test_after_an_emergency_the_same_danger_growing_still_goes_to_its_ticket(
    world: World, engine: DialogEngine, app: App
) -> None:
    me = resident(engine)
    number = await _emergency_filed(me)
    await me.say("烟越来越大了")  # another hazard, told as the first growing
    assert me.said == tx.noted_on_emergency(number)


@pytest.mark.parametrize(("answer", "has_start"), [("明天上午", False), ("今晚八点以后", False), ("周末两天都在", False),
                                                   ("昨晚", True)])
def test_a_time_still_to_come_keeps_its_words_but_no_start(answer: str, has_start: bool) -> None:
    s = step(at(Asking.OCCURRED).state, msg(answer))
    d = s.state.draft
    assert d and d.occurred_text == answer and (d.occurred_at is not None) == has_start
