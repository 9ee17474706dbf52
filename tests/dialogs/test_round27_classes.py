"""Round 27's dialog classes (development data, docs/understanding.md "Round 27's dialog misses"), none a round-27
sentence. The place: the resident's door said as 我是NNN, the neighbour's door pointed out as 他家是NNN, the whole dash
address said again after the building and unit. Mid-form: a lead and someone's doing at the place question is a second
problem though it names a building. After filing: when the ticket's trouble began (是…开始的) and the trouble compared
with an earlier day (比前天还吵) are the ticket's, as a wish for next time about its own thing (下次停水提前说); a machine
not doing its job (不制热), a mess spread over the ground (翻了一地), a paper or money withheld (不给我开收据) and an
animal's noise the ticket does not name are news."""

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


@pytest.mark.parametrize(("said", "unit", "room"), [
    ("锦园5栋1单元 我是1203 吵的声音是楼上来的", "1", "1203"),  # the resident's door said as 我是
    ("锦园12幢3单元 门牌12-3-502", "3", "502"),  # the whole dash address again after the building and unit
    ("绿城4栋1单元 4-1-301", "1", "301"),
    ("锦园5栋1101隔壁 他家是1102", None, "1102"),  # the neighbour's door pointed out from the resident's
    ("锦园8栋702对门 她们家是701", None, "701"),
    ("锦园6栋 我住401 隔壁是402", None, "401"),  # controls: theirs said outright stays (round 26)
    ("锦园9栋2单元 9-1-301", "2", None),  # a dash address of another unit is not taken for this one
])  # fmt: skip
def test_round_27_doors(said: str, unit: str | None, room: str | None) -> None:
    got = parse_address(said, KNOWN)
    assert (got.unit, got.room) == (unit, room)


def test_a_lead_and_someone_s_doing_at_the_place_question_is_set_aside() -> None:
    s = step(at(Asking.ADDRESS, "楼道里的灯一直闪").state, msg("另外 7栋楼梯间有人吐痰了一直没人拖"))
    d = s.state.draft
    assert d is not None and d.asking in (Asking.ADDRESS, Asking.COMMUNITY) and d.building is None
    assert tx.ASIDE_NOTED in plain_text(s.replies)


def test_a_lead_and_the_place_is_still_the_answer() -> None:
    s = step(at(Asking.ADDRESS, "楼道里的灯一直闪").state, msg("还有 就在幸福里小区3栋2单元门口"))
    d = s.state.draft
    assert d is not None and d.building == "3" and tx.ASIDE_NOTED not in plain_text(s.replies)


POWER = "昨天下午停水四个小时 事先也没贴通知"
DOG = "楼下那家的狗天天晚上叫"


@pytest.mark.parametrize(("words", "filed"), [
    ("对了 是半夜一点多开始的", FULL),  # when the ticket's trouble began
    ("今晚比前天还吵", FULL),  # the trouble compared with an earlier day
    ("噪音比上周更大了", FULL),
    ("下次停水麻烦提前贴个通知", POWER),  # a wish for next time about the ticket's own thing
    ("以后停水能不能早点说", POWER),
    ("那条狗还在叫", DOG),  # the ticket's animal
])  # fmt: skip
def test_round_27_words_about_the_ticket_are_no_new_matter(words: str, filed: str) -> None:
    assert not new_matter(words, filed)


@pytest.mark.parametrize(("words", "filed"), [
    ("楼道里的暖气片不制热", FULL),  # a machine not doing its job
    ("楼道口的垃圾袋翻了一地", FULL),  # a mess spread over the ground
    ("停车费收据一直没给我开", FULL),  # a paper owed to the resident withheld
    ("对面那户的猫整夜在嚎", FULL),  # an animal's noise the ticket does not name
    ("对门的狗一直叫", POWER),
    ("以后能不能让保安晚上巡逻 车棚里电动车被偷了", FULL),  # next time, and news
])  # fmt: skip
def test_round_27_news_after_filing_is_a_new_matter(words: str, filed: str) -> None:
    assert new_matter(words, filed)


def test_a_harm_the_trouble_once_did_at_since_when_is_kept_and_asked_again() -> None:
    s = step(at(Asking.OCCURRED, "小区后门晚上没人看 谁都能进").state, msg("去年我的自行车就是这样被人偷走的"))
    d = s.state.draft
    assert d is not None and d.asking == Asking.OCCURRED and "去年" not in (d.occurred_text or "")
    assert "自行车" in (d.description or "")
    s = step(s.state, msg("这个月一直这样"))
    assert s.state.draft is not None and "这个月" in (s.state.draft.occurred_text or "")


def test_the_hour_it_starts_each_day_is_kept_and_since_when_asked() -> None:
    s = step(at(Asking.ADDRESS, "对面工地每天早上六点就开始打桩").state, msg("幸福里小区3栋2单元501"))
    d = s.state.draft
    assert d is not None and d.asking == Asking.OCCURRED
    s = step(s.state, msg("上周开始的"))
    got = s.state.draft.occurred_text if s.state.draft else ""
    assert got is not None and "每天早上六点" in got and "上周" in got


def test_a_daily_hour_without_a_start_is_still_the_time() -> None:
    s = step(at(Asking.ADDRESS, "每天凌晨三点有车在楼下按喇叭").state, msg("幸福里小区3栋2单元501"))
    d = s.state.draft
    assert d is not None and d.asking != Asking.OCCURRED and "凌晨三点" in (d.occurred_text or "")
