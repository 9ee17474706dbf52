"""Round 25's dialog classes (development data, docs/understanding.md "Round 25's dialog misses"), none a round-25
sentence. After filing: someone again putting things in shared space (又有人…, 有人贴…), water standing or tap water of
a wrong colour, the staff treating someone badly (even said with 刚才那个), a repair asked for another thing (把…修一下)
and a paper asked for (开个…证明) are not the ticket's; the ticket's own matter again with a time first (今晚又被占了) is.
Mid-form: a parking space's code (车位是C-215, 车库D-09) is no building and room; a deadline told with a request at the
time question (明天必须…, 能不能…) is kept for the staff, not taken as when it began; the household's things (我家的车位)
are not the flat; a garbage station with the 小区 alone is asked where inside it."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from bot.dialogs.state import Asking
from core.messages import plain_text
from core.text.address import parse_address
from core.text.answers import FAULT, new_matter
from tests.dialogs.conftest import resident, tickets
from tests.dialogs.test_after_filing_same_ticket import FULL, _filed, _not_noted
from tests.dialogs.test_intake_slots import at
from tests.dialogs.test_steps import msg, step
from tests.world import World

KNOWN = ["幸福里小区", "阳光花园", "翠湖苑"]


@pytest.mark.parametrize("words", [
    "车库出口那里又有人停三轮车",  # someone again
    "电梯间有人贴小广告",  # someone putting things in shared space
    "一楼大堂有人晾被子晒床单",
    "小区东门那块路面积了一大滩水",  # water standing
    "自来水放出来有点浑浊",  # tap water of a wrong colour
    "厨房龙头放出来的水发黄",
    "刚才那个门卫对我爸吼了半天",  # the staff treating someone badly, 刚才 saying when
    "物业管家在电话里骂人",
    "你们能不能把单元门的闭门器换一下",  # a repair asked for another thing
])  # fmt: skip
def test_round_25_news_after_filing_is_a_new_matter(words: str) -> None:
    assert new_matter(words, FULL)


@pytest.mark.parametrize(("filed", "words"), [
    ("保安晚上值班老在岗亭里睡觉，幸福里小区南门", "刚才那个保安又对我吼"),  # the ticket is about them
    ("楼下烧烤店每天晚上12点还在吵，幸福里小区3栋2单元501", "能不能把烧烤店的音响拉走"),  # the ticket's thing
    ("我的车位老是被别人占了，阳光花园地下车库", "今晚又被占了"),  # the ticket's matter again, a time first
    ("楼道里有人乱堆杂物，翠湖苑5栋", "刚才又堆了"),
])  # fmt: skip
def test_the_ticket_s_own_matter_is_no_new_matter(filed: str, words: str) -> None:
    assert not new_matter(words, filed)


def test_a_tap_s_colour_is_a_fault_but_a_leak_s_colour_is_not_said_as_tap_water() -> None:
    assert FAULT.search("水龙头出来的水是红的")
    assert not FAULT.search("楼上滴下来的是清水")


async def test_after_filing_a_paper_asked_for_is_not_noted_on_the_ticket(
    world: World, engine: DialogEngine, app: App
) -> None:
    me = resident(engine)
    await _filed(me, FULL)
    await me.say("能帮我开张租房用的证明吗")
    assert await _not_noted(me, app)


async def test_after_filing_the_ticket_s_matter_again_goes_to_the_ticket(
    world: World, engine: DialogEngine, app: App
) -> None:
    me = resident(engine)
    number = await _filed(me, "我的车位这个星期又被别人占了两次，幸福里小区地下车库，电话13812345678")
    await me.say("今天早上又被占了")
    assert number in me.said, me.said
    assert len(await tickets(app)) == 1


@pytest.mark.parametrize("said", [
    "翠湖苑，我的车位是C-215",  # a parking space's code after 车位
    "阳光花园地下车库D-098",  # after the garage
    "幸福里小区 车位号：A-12-306",
])  # fmt: skip
def test_a_parking_space_s_code_is_no_building_nor_room(said: str) -> None:
    got = parse_address(said, KNOWN)
    assert got.community is not None and (got.building, got.unit, got.room) == (None, None, None)


def test_a_dash_address_without_a_parking_word_is_still_read() -> None:
    got = parse_address("翠湖苑C-1502", KNOWN)
    assert (got.building, got.room) == ("C", "1502")


def test_a_deadline_with_a_request_at_since_when_is_kept_for_the_staff() -> None:
    s = step(at(Asking.OCCURRED, "信箱的锁坏了").state, msg("里面有我的银行卡，明天必须取出来，你们能不能先帮我打开"))
    d = s.state.draft
    assert d is not None and d.asking == Asking.OCCURRED and d.occurred_text is None
    assert "明天必须取出来" in (d.description or "")
    s = step(s.state, msg("两天了"))
    assert s.state.draft is not None and s.state.draft.occurred_text == "两天了"


@pytest.mark.parametrize("said", ["能不能今天就修好，晚上要用", "明天要用，你们能不能快点修", "能不能今天就清走 我晚上要停车"])
def test_when_the_repair_is_wanted_at_since_when_is_no_start(said: str) -> None:
    s = step(at(Asking.OCCURRED, "单元门的门禁刷不开了").state, msg(said))
    d = s.state.draft
    assert d is not None and d.asking == Asking.OCCURRED and d.occurred_text is None


def test_the_household_s_parking_space_asks_no_door() -> None:
    s = step(at(Asking.ADDRESS, "我家的车位被一辆三轮车堵住了").state, msg("阳光花园地下车库"))
    d = s.state.draft
    assert d is not None and d.asking == Asking.OCCURRED


def test_a_garbage_station_with_the_estate_alone_is_asked_where_inside() -> None:
    s = step(at(Asking.ADDRESS, "小区垃圾站的味道太冲了").state, msg("幸福里小区"))
    d = s.state.draft
    assert d is not None and d.asking == Asking.DOOR
    assert tx.ASK_SPOT.format(community="幸福里小区") in plain_text(s.replies)


def test_a_visit_time_asked_at_since_when_is_still_taken() -> None:
    s = step(at(Asking.OCCURRED, "阳台顶上渗水").state, msg("一下雨就渗，后天下午能来人看看吗"))
    d = s.state.draft
    assert d is not None and d.occurred_text is not None and d.asking != Asking.OCCURRED
