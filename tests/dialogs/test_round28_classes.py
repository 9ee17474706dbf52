"""Round 28's dialog classes (development data, docs/understanding.md "Round 28's dialog and consultation misses"),
none a round-28 sentence. The place: a door said by its side then by its number (门牌是…), the building the trouble
is in named after a landmark building (对面是…, 在…), a garage's number after its row, and an hour of the day before
小区 (昨晚十点多小区门口) that is no community. Mid-form: a question whether the bot is a person at the time question.
After filing: a plea that this time it be seen to is the ticket's; a bin overflowing, safety kit out of date, a
neighbour wheeling something somewhere and a noise that runs to a late hour are news. The hour a trouble runs until
each day says when in the day, not since when."""

from __future__ import annotations

import pytest

from bot.dialogs import texts as tx
from bot.dialogs.state import Asking
from core.messages import plain_text
from core.text.address import parse_address
from core.text.answers import new_matter
from tests.dialogs.test_after_filing_same_ticket import FULL
from tests.dialogs.test_intake_slots import at
from tests.dialogs.test_steps import msg, step

KNOWN = ["绿城", "锦园"]


@pytest.mark.parametrize(("said", "building", "room"), [
    ("锦园18号 6楼西户 门牌是603", "18", "603"),  # the side, then the number: the number is the door
    ("锦园7栋 3层北户 房号302", "7", "302"),
    ("锦园7栋 3层北户", "7", "3层北户"),  # control: the side alone is kept as said
    ("锦园5栋对面 冒烟的是6栋", "6", None),  # the building the trouble is in, after the landmark
    ("锦园5栋 对面是8栋 烟在8栋五楼", "8", None),
    ("锦园5栋对面的草坪", None, None),  # control: a landmark alone still gives no building
    ("锦园 3排 车库12号", "3", "12"),  # a garage's number after its row
])  # fmt: skip
def test_round_28_places(said: str, building: str | None, room: str | None) -> None:
    got = parse_address(said, KNOWN)
    assert (got.building, got.room) == (building, room)


@pytest.mark.parametrize("said", [
    "昨晚十点多小区门口有人放鞭炮",
    "今晚八点半小区广场的音响太吵了",
    "凌晨小区里有车一直按喇叭",
])  # fmt: skip
def test_an_hour_before_xiaoqu_is_no_community(said: str) -> None:
    assert parse_address(said).community is None


def test_a_question_whether_the_bot_is_a_person_at_the_time_question_is_no_time() -> None:
    s = step(at(Asking.OCCURRED, "单元门口的灯罩碎了一地").state, msg("你到底是人还是机器人"))
    d = s.state.draft
    assert d is not None and d.asking == Asking.OCCURRED and not d.occurred_text
    assert tx.SMALL_TALK_BOT_REPLY in plain_text(s.replies)


POWER = "昨天下午停水四个小时 事先也没贴通知"


@pytest.mark.parametrize(("words", "filed"), [
    ("这回可别再拖着没人管了", POWER),  # a plea that this time it be seen to
    ("这次千万别又没人理", FULL),
    ("烧烤店又闹到一点", FULL),  # the ticket's own party, late again
    ("那条狗今天又扑人了", "楼下那家的狗不拴绳 天天晚上叫"),  # the ticket's own animal
])  # fmt: skip
def test_round_28_words_about_the_ticket_are_no_new_matter(words: str, filed: str) -> None:
    assert not new_matter(words, filed)


@pytest.mark.parametrize(("words", "filed"), [
    ("三栋门口的垃圾箱满出来了", FULL),  # full to overflowing
    ("地下车库的灭火器早就过期了", FULL),  # safety kit past its date
    ("楼上那户把自行车搬到消防通道里了", FULL),  # a neighbour wheeling something somewhere
    ("对面麻将馆又打到两点", FULL),  # a noise of another party that runs to a late hour
    ("楼上那户的狗扑了我女儿一下 没受伤", FULL),  # an animal going for someone, not the ticket's
])  # fmt: skip
def test_round_28_news_after_filing_is_a_new_matter(words: str, filed: str) -> None:
    assert new_matter(words, filed)


def test_the_hour_it_runs_until_each_day_is_kept_and_since_when_asked() -> None:
    s = step(at(Asking.ADDRESS, "隔壁棋牌室每天闹到半夜一点").state, msg("幸福里小区3栋2单元501"))
    d = s.state.draft
    assert d is not None and d.asking == Asking.OCCURRED
    s = step(s.state, msg("这个月开始的"))
    got = s.state.draft.occurred_text if s.state.draft else ""
    assert got is not None and "半夜一点" in got and "这个月" in got
