"""Round 17's dialog classes (development data, docs/understanding.md "Round 17's misses"), none a round-17
sentence: a second matter led in Cantonese (仲有 / 重有) at the time question; a recurrence with a time of day in
the first message asks since when, and hours said then narrow its time of day; after filing, a place alone,
a word about what was sent, the resident's part asked the other way round and a hedge go to the ticket just
filed, while a thing kept in the way or done by the wind is a new matter."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs.state import Asking
from tests.dialogs.conftest import resident
from tests.dialogs.test_after_filing_same_ticket import _filed, _not_noted, noted_on_the_ticket_just_filed
from tests.dialogs.test_intake_slots import at
from tests.dialogs.test_steps import fresh, msg, step
from tests.world import World


@pytest.mark.parametrize("aside", ["仲有 後樓梯啲燈壞咗成個禮拜", "重有啊 門口個垃圾桶冇人收", "btw 单元门口的快递柜也打不开"])
def test_a_second_matter_led_in_cantonese_at_the_time_question_is_no_time(aside: str) -> None:
    s = step(at(Asking.OCCURRED).state, msg(aside))
    d = s.state.draft
    assert d and d.occurred_text is None and d.asking == Asking.OCCURRED
    assert s.state.asides  # kept, offered once this complaint is filed
    s = step(s.state, msg("前日開始"))
    # a reply in Traditional is read, and kept, in Simplified (flow30: 跳過, 不留電話 were not understood)
    assert s.state.draft and s.state.draft.occurred_text == "前日开始"


@pytest.mark.parametrize(("first", "kept"), [
    ("对面烧烤摊每天半夜还在吆喝 吵死了", "每天半夜"),
    ("楼上天天拖柜子拖到后半夜", "天天拖柜子拖到后半夜"),
    ("工地从早敲到晚 周末也敲", "从早敲到晚 周末"),
])  # fmt: skip
def test_a_recurrence_with_a_time_of_day_asks_since_when_and_keeps_both(first: str, kept: str) -> None:
    s = at(Asking.OCCURRED, first)
    s = step(s.state, msg("上个月开始的"))
    d = s.state.draft
    assert d and d.occurred_text == f"{kept}，上个月开始的" and d.asking == Asking.PHONE


def test_hours_said_after_a_time_of_day_narrow_it() -> None:
    s = at(Asking.OCCURRED, "楼上小孩天天晚上蹦 吵得睡不着")
    s = step(s.state, msg("十点十一点那会儿"))
    d = s.state.draft
    assert d and d.occurred_text == "天天晚上十点十一点那会儿"


def test_a_start_after_a_time_of_day_is_still_a_clause_of_its_own() -> None:
    s = step(fresh(), msg("路灯坏了 晚上黑漆漆的"))
    s = step(s.state, msg("幸福里小区3栋"))
    s = step(s.state, msg("三天前"))
    d = s.state.draft
    assert d and d.occurred_text == "晚上，三天前"


@pytest.mark.parametrize("words", [
    "8楼",  # the model alone calls a bare floor an emergency
    "是7楼",
    "我刚才那条是不是发重复了",
    "需不需要我下去给师傅开门",
    "我就随便问问 不急",
    "我先找了块木板挡着",  # the resident's stop-gap (round 8's q060), no new matter
])  # fmt: skip
async def test_after_filing_a_detail_or_a_word_about_the_message_goes_to_the_ticket(
    world: World, engine: DialogEngine, app: App, words: str
) -> None:
    await noted_on_the_ticket_just_filed(engine, app, words)


@pytest.mark.parametrize("words", [
    "单元门口的雨棚让风给掀了",
    "有辆三轮车在消防通道占着一个多月了",
    "隔壁拿旧沙发霸着公共车位",
])  # fmt: skip
async def test_after_filing_a_thing_in_the_way_or_done_by_the_wind_is_a_new_matter(
    world: World, engine: DialogEngine, app: App, words: str
) -> None:
    me = resident(engine)
    await _filed(me)
    await me.say(words)
    assert await _not_noted(me, app)


async def test_after_filing_a_fire_at_a_floor_is_still_called(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await _filed(me)
    await me.say("6楼着火了")
    assert await _not_noted(me, app) and "119" in me.said
