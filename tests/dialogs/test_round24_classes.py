"""Round 24's dialog classes (development data, docs/understanding.md "Round 24's dialog misses"), none a round-24
sentence. After filing: someone throwing from somewhere (有人从…扔), the staff doing something to the resident's things
(保安把我…搬走了), what should be strong said weak (水流…变小) and smoke or a smell drifting in (…往我家窗户里钻) are new
matters; the ticket pointed back at with what was told (我之前说漏水的那户), whether its work is done (我前天报的那个处理了
没有) and its number asked again (号码是多少来着) go to the ticket just filed. Mid-form: a floor and a door written as a
room number's last two digits (十五楼06) is the room; a recurrence in a clause of its own (天天…，晚上…) leaves its clause
out (「天天，晚上」); a fall at the fault's place (在那摔了一跤) dates that incident, not the fault."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs.aftercare import ticket_number_asked
from core.text.address import parse_address
from core.text.answers import new_matter
from core.text.timephrase import parse_time_phrase
from tests.dialogs.conftest import resident, tickets
from tests.dialogs.test_after_filing_same_ticket import FULL, _filed, _not_noted
from tests.world import World

LEAK = "卫生间顶上从昨天开始一直往下滴水，楼上应该是漏了，幸福里小区3栋2单元501，电话13812345678"


@pytest.mark.parametrize("words", [
    "有人从楼上扔下来一个酒瓶",  # someone throwing from somewhere
    "有人从五楼窗户往外扔烟头",
    "楼下的味道一直往我家卧室里钻",
    "保安把我停在楼下的电动车搬走了",  # the staff and the resident's things
    "快递员把我的包裹扔进了垃圾桶",
    "这两天厨房的水流一下子变小了",  # what should be strong, weak
    "家里的信号特别差 电话都打不了",
    "隔壁饭店的烟全飘到我家阳台上来了",  # drifting in
])  # fmt: skip
def test_round_24_news_after_filing_is_a_new_matter(words: str) -> None:
    assert new_matter(words, FULL)


@pytest.mark.parametrize("words", [
    "有人从物业那边过来看过了",  # someone came: the visit
    "师傅说水压没问题",
    "保安把他们叫下来了",  # not the resident's things
])  # fmt: skip
def test_round_24_what_is_not_news(words: str) -> None:
    assert not new_matter(words, FULL)


@pytest.mark.parametrize("words", [
    "对门是402，就是我之前说漏水的那户",
    "就是我刚才讲滴水的那个地方",
])  # fmt: skip
def test_the_ticket_pointed_back_at_with_what_was_told_is_no_new_matter(words: str) -> None:
    assert not new_matter(words, LEAK)


@pytest.mark.parametrize("words", [
    "对门是402，就是我之前说漏水的那户",
    "你好，我前天报的那个处理了没有",  # whether its work is done
    "晚上好 我之前反映的修好了没",
    "号码是多少来着 刚才没看清",  # its number asked again
    "那个号码我忘了",
])  # fmt: skip
async def test_after_filing_these_go_to_the_ticket_just_filed(
    world: World, engine: DialogEngine, app: App, words: str
) -> None:
    me = resident(engine)
    number = await _filed(me, LEAK)
    await me.say(words)
    assert number in me.said, me.said
    assert len(await tickets(app)) == 1


async def test_after_filing_the_staff_taking_the_resident_s_things_opens_a_draft(
    world: World, engine: DialogEngine, app: App
) -> None:
    me = resident(engine)
    await _filed(me, FULL)
    await me.say("保洁阿姨把我家门口的花盆拿走了")
    assert await _not_noted(me, app)


@pytest.mark.parametrize(("words", "asked"), [
    ("工单号是多少啊", True),
    ("编号没记下 能再说一遍吗", True),
    ("物业的电话号码是多少", False),  # a telephone number: not the ticket's
    ("门牌号是多少你们不是有吗", False),
    ("我家房号是1502", False),
])  # fmt: skip
def test_the_ticket_s_number_asked_again(words: str, asked: bool) -> None:
    assert ticket_number_asked(words) is asked


@pytest.mark.parametrize(("said", "room"), [
    ("阳光花园5栋1单元十五楼06", "1506"),
    ("幸福里小区8号楼 3楼02", "302"),
    ("锦绣华庭2栋二单元九层01", "901"),
])  # fmt: skip
def test_a_floor_and_a_two_digit_door_are_the_room(said: str, room: str) -> None:
    assert parse_address(said).room == room


def test_a_floor_and_a_clock_are_no_room() -> None:
    assert parse_address("幸福里小区8号楼 5楼08点以后有人").room is None


NOW = datetime(2026, 12, 7, 10, 0)


@pytest.mark.parametrize(("said", "phrase"), [
    ("门卫天天坐在那玩手机 晚上根本叫不应", "天天，晚上"),  # the recurrence kept in front, not its clause
    ("那只狗每天在楼道里乱叫，半夜最厉害", "每天，半夜"),
])  # fmt: skip
def test_a_recurrence_in_a_clause_of_its_own_leaves_the_next_clause_s_time(said: str, phrase: str) -> None:
    found = parse_time_phrase(said, NOW)
    assert found is not None and found.text == phrase and found.recurring


@pytest.mark.parametrize(("said", "phrase"), [
    ("楼上天天蹦迪到半夜", "天天蹦迪到半夜"),  # one clause: the recurrence starts it
    ("楼上每天 晚上十一点开始蹦", "每天 晚上十一点开始"),  # nothing between: one phrase
])  # fmt: skip
def test_a_recurrence_in_the_same_clause_starts_the_phrase(said: str, phrase: str) -> None:
    found = parse_time_phrase(said, NOW)
    assert found is not None and found.text == phrase


@pytest.mark.parametrize("said", [
    "楼道的地砖翘起来了，我爸前天在那摔了一跤",  # the one it befell, at the fault's place
    "车库坡道太滑 昨天我老婆在坡上滑倒了",
])  # fmt: skip
def test_a_fall_at_the_fault_s_place_dates_the_incident_not_the_fault(said: str) -> None:
    found = parse_time_phrase(said, NOW)
    assert found is not None and found.vague


def test_a_fall_that_is_the_matter_itself_keeps_its_time() -> None:
    found = parse_time_phrase("我家老人昨天摔倒了 现在起不来", NOW)
    assert found is not None and found.text == "昨天" and not found.vague


def test_a_range_of_the_same_doing_after_a_break_keeps_the_recurrence() -> None:
    found = parse_time_phrase("隔壁天天开着音响 放到夜里一点", NOW)
    assert found is not None and found.text == "天天开着音响 放到夜里一点"
