"""Round 16's classes (development data, docs/understanding.md "Round 16's slots"), none a round-16 sentence. At
the time question: a question for the staff with no time in it (照片要不要先发给你们 我拍了好几张) and a request
whose time tells of someone's plan (你们快点派人 我下午还要去上班) are kept for the staff, and the time is asked
again, as a place said there is (test_time_slot.py)."""

from __future__ import annotations

import re

import pytest

from bot.dialogs import texts as tx
from bot.dialogs.state import Asking
from core.messages import plain_text
from tests.dialogs.test_intake_slots import at
from tests.dialogs.test_steps import msg, step


@pytest.mark.parametrize("said", [
    "物业能查一下是谁干的吗 我想找他赔",
    "要不要我先拍照片给你们？ 我拍了好几张",
    "你们快点派人 我下午还要去上班",
    "麻烦早点派人来 孩子晚上要写作业",
])  # fmt: skip
def test_a_question_or_a_request_at_the_time_question_is_kept_and_the_time_asked_again(said: str) -> None:
    s = step(at(Asking.OCCURRED).state, msg(said))
    d = s.state.draft
    assert d and d.occurred_text is None and d.asking == Asking.OCCURRED
    assert said in d.description and tx.REMARK_KEPT in plain_text(s.replies)
    s = step(s.state, msg("上周五"))
    assert s.state.draft and s.state.draft.occurred_text == "上周五"


@pytest.mark.parametrize(("said", "kept"), [
    ("昨天下午吧 你们能快点吗", "昨天下午"),
    ("下午开始的 还要等多久", "下午开始的"),
    ("前天晚上", "前天晚上"),
])  # fmt: skip
def test_a_time_said_with_a_question_is_still_the_time(said: str, kept: str) -> None:
    s = step(at(Asking.OCCURRED).state, msg(said))
    d = s.state.draft
    assert d and d.occurred_text is not None and kept in d.occurred_text


# ---- after filing: a question about the matter just filed, not a consultation of its own --------------------

from bot.app import App  # noqa: E402
from bot.conversation.engine import DialogEngine  # noqa: E402
from tests.dialogs.conftest import resident, tickets  # noqa: E402
from tests.dialogs.test_after_filing_same_ticket import _filed, noted_on_the_ticket_just_filed  # noqa: E402
from tests.world import World  # noqa: E402


@pytest.mark.parametrize("words", [
    "烧烤店晚上几点必须关门啊",  # names what the ticket names (烧烤店)
    "这种情况是不是环保局的事",  # who is responsible
    "这个归不归城管管",
    "物业能不能赔",  # who pays for the harm
    "要我们自己出钱吗",
    "师傅的电话是多少 我自己跟他约",  # the worker's contact
])  # fmt: skip
async def test_after_filing_a_question_about_the_matter_goes_to_the_ticket(
    world: World, engine: DialogEngine, app: App, words: str
) -> None:
    await noted_on_the_ticket_just_filed(engine, app, words)


@pytest.mark.parametrize("words", ["想问下燃气费在哪里交", "物业费一年多少钱", "装修押金在哪里交"])
async def test_after_filing_a_question_of_its_own_is_still_a_consultation(
    world: World, engine: DialogEngine, app: App, words: str
) -> None:
    me = resident(engine)
    await _filed(me)
    await me.say(words)
    assert "已补充到工单" not in me.said
    assert len(await tickets(app)) == 1


# ---- after an emergency: its course told (a call made, help arrived, the person out) -----------------------

from tests.dialogs.test_after_filing_followups import _emergency_filed  # noqa: E402
from tests.dialogs.test_after_filing_same_ticket import _said_events  # noqa: E402


@pytest.mark.parametrize("words", [
    "我刚报了警 打了110",
    "消防车已经到楼下了",
    "5栋的王阿姨 她儿子来了",
    "孩子已经抱出来了 腿上擦破点皮",
    "救护车来了 人送医院了",
])  # fmt: skip
async def test_after_an_emergency_its_course_goes_to_its_ticket(
    world: World, engine: DialogEngine, app: App, words: str
) -> None:
    me = resident(engine)
    number = await _emergency_filed(me)
    await me.say(words)
    assert me.said == tx.noted_on_emergency(number)
    assert [e.note for e in await _said_events(app)] == [words]
    assert len(await tickets(app)) == 1


@pytest.mark.parametrize("words", ["我们刚打了119", "消防的人到了 在敲门", "人救出来了 手上烫了一下"])
async def test_after_a_gas_leak_its_course_goes_to_its_ticket(
    world: World, engine: DialogEngine, app: App, words: str
) -> None:
    me = resident(engine)
    await me.say("楼道里一股煤气味，幸福里小区3栋2单元")
    while "已紧急上报" not in me.said:
        await me.say("13812345678")
    number = me.said.split("编号 ")[1].split("。")[0]
    await me.say(words)
    assert me.said == tx.noted_on_emergency(number, "gas")
    assert len(await tickets(app)) == 1


# ---- a feared fault is no report; showing the way is no place -----------------------------------------------

from core.text.answers import new_matter, reads_as_place  # noqa: E402


@pytest.mark.parametrize(("words", "filed"), [
    ("那墙皮会不会掉下来砸到人", "楼道的墙皮裂开了好大一块"),
    ("怕会漏到楼下去", "卫生间地漏返水 地上全是水"),
])  # fmt: skip
def test_a_fault_feared_about_the_ticket_is_no_new_matter(words: str, filed: str) -> None:
    assert not new_matter(words, filed)
    assert new_matter("另外单元门也坏了", filed)


@pytest.mark.parametrize("said", ["你们物业赶紧派个人来带路", "叫保安出来给救护车指个路"])
def test_showing_the_way_is_no_place(said: str) -> None:
    assert not reads_as_place(said)


# ---- a suggestion asks which 小区, as a praise does; 我家孩子 is a person, not a place ------------------------

from bot.dialogs.state import Draft  # noqa: E402,F401
from tests.dialogs.test_steps import fresh  # noqa: E402


@pytest.mark.parametrize("words", ["建议西门那边加几个路灯 晚上太黑了", "希望在篮球场旁边装个饮水机"])
async def test_a_suggestion_asks_which_community(world: World, engine: DialogEngine, words: str) -> None:
    me = resident(engine)
    await me.say(words)
    if tx.ASK_TRIAGE in me.said:
        await me.pick(tx.TRIAGE_NO)
    assert tx.ASK_COMMUNITY_PRAISE in me.said


@pytest.mark.parametrize("said", ["吵得我家孩子晚上老哭", "我家老人心脏不好 受不了这个"])
def test_how_bad_it_is_for_someone_at_home_is_no_place(said: str) -> None:
    s = step(step(fresh(), msg("隔壁天天半夜唱卡拉OK")).state, msg(said))
    assert "看起来不太像地址" not in plain_text(s.replies)


# ---- a number without its area or country code, given again, is kept as written -----------------------------

@pytest.mark.parametrize("said", ["6688 1234", "5123 9876", "8765432"])
def test_a_short_number_given_twice_is_kept_as_written(said: str) -> None:
    # a landline without its area code, or a Hong Kong / Macau mobile without +852 / +853: a real number somewhere;
    # the bot says what it lacks once, and the same digits again are the resident's answer
    s = step(at(Asking.PHONE).state, msg(said))
    assert s.state.draft and s.state.draft.phone is None and tx.BAD_PHONE_SHORT in plain_text(s.replies)
    s = step(s.state, msg(said))
    d = s.state.draft
    assert d and d.phone == said.replace(" ", "") and d.asking != Asking.PHONE


@pytest.mark.parametrize(("first", "then"), [
    # eleventh session: the number among words, or read out in numerals, was only told it looked wrong
    ("我没有手机 座机行吗 八三二六七七五一", "八三二六七七五一"), ("家里座机 6688 1234", "6688 1234"),
])  # fmt: skip
def test_a_short_number_among_words_or_in_numerals_is_told_what_it_lacks(first: str, then: str) -> None:
    s = step(at(Asking.PHONE).state, msg(first))
    assert s.state.draft and s.state.draft.phone is None and tx.BAD_PHONE_SHORT in plain_text(s.replies)
    d = step(s.state, msg(then)).state.draft
    assert d and d.phone == re.sub(r"\D", "", digit_view(then, numerals=True)) and d.asking != Asking.PHONE


@pytest.mark.parametrize(("first", "then"), [("6688 1234", "6688 1235"), ("12345", "12345"), ("1381234", "138")])
def test_other_wrong_numbers_are_still_refused(first: str, then: str) -> None:
    s = step(step(at(Asking.PHONE).state, msg(first)).state, msg(then))
    assert s.state.draft and s.state.draft.phone is None and s.state.draft.asking == Asking.PHONE


# ---- a question asked in Cantonese (点样办, 几钱, 喺边度) is a consultation ------------------------------------

from core.text.consult import consultation_cues  # noqa: E402
from core.text.phone import digit_view  # noqa: E402


@pytest.mark.parametrize("words", ["停车卡点样办", "泳池年卡几钱 喺边度买", "垃圾袋几多钱一卷"])
def test_a_question_asked_in_cantonese_has_its_cues(words: str) -> None:
    asks, problems = consultation_cues(words)
    assert asks and not problems


async def test_a_cantonese_question_is_not_asked_where_nor_when(world: World, engine: DialogEngine) -> None:
    me = resident(engine)
    await me.say("會所游泳池年卡點樣辦 幾錢一年")
    assert tx.ASK_ADDRESS not in me.said and "什么时候开始" not in me.said
