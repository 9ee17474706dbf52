"""Round 19's dialog classes (development data, docs/understanding.md "Round 19's misses"), none a round-19
sentence. After filing: the wait told in hours or a part of the day, whether the worker has come, what the resident
did with the other party, the ticket's matter named as 刚才那个, and a warning should it come again (再吵我就…) go to
the ticket just filed; a lead with who it is said to or who wants it (跟你说个别的, 我要再报一个) opens a new matter,
and lights gone out (灯都灭了) are a fault. At the time question, a verb asked both ways (收不收钱) is a question for
the staff, not when. A bare weekday with 也 / 都 (星期天都不歇) says how often, so since when is asked."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from bot.dialogs.state import Asking
from core.messages import plain_text
from core.text.answers import new_matter
from core.text.timephrase import parse_time_phrase
from tests.dialogs.conftest import resident, tickets
from tests.dialogs.test_after_filing_same_ticket import (
    FULL,
    _filed,
    _not_noted,
    noted_on_the_ticket_just_filed,
)
from tests.dialogs.test_intake_slots import at
from tests.dialogs.test_steps import msg, step
from tests.world import World

NOW = datetime(2026, 11, 23, 15, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.mark.parametrize("words", [
    "人呢 我都等一下午了",  # the wait told in a part of the day
    "另外 我跟楼下店老板说过了 他不听",  # what the resident did with the other party, after a lead
    "刚才那家又开始了 你们管不管啊",  # the ticket's matter named as 刚才那个
    "明晚再吵我就自己下去找他",  # a warning should it come again
])  # fmt: skip
async def test_after_filing_these_go_to_the_ticket_just_filed(
    world: World, engine: DialogEngine, app: App, words: str
) -> None:
    await noted_on_the_ticket_just_filed(engine, app, words)


@pytest.mark.parametrize("words", ["维修工来了没有", "师傅到没到"])
async def test_after_filing_whether_the_worker_came_is_answered_with_the_status(
    world: World, engine: DialogEngine, app: App, words: str
) -> None:
    me = resident(engine)
    number = await _filed(me)
    await me.say(words)
    assert number in me.said and tx.ASK_PHONE not in me.said
    assert len(await tickets(app)) == 1


@pytest.mark.parametrize("words", ["我还要再报个 单元门口的灯都灭了", "跟你们说个别的 快递柜的屏幕太暗了"])
async def test_after_filing_a_lead_said_to_someone_opens_a_new_matter(
    world: World, engine: DialogEngine, app: App, words: str
) -> None:
    me = resident(engine)
    await _filed(me)
    await me.say(words)
    assert await _not_noted(me, app)
    assert new_matter(words, FULL)


@pytest.mark.parametrize("said", ["垃圾清运收不收钱", "这种事物业管不管"])
def test_a_verb_asked_both_ways_at_the_time_question_is_kept_and_the_time_asked_again(said: str) -> None:
    s = step(at(Asking.OCCURRED).state, msg(said))
    d = s.state.draft
    assert d and d.occurred_text is None and d.asking == Asking.OCCURRED
    assert said in d.description and tx.REMARK_KEPT in plain_text(s.replies)


@pytest.mark.parametrize(("text", "phrase"), [("对面工地天天打桩 星期天都不歇", "天天"), ("隔壁切割机 周六也开工", "周六")])
def test_a_bare_weekday_with_also_says_how_often(text: str, phrase: str) -> None:
    got = parse_time_phrase(text, NOW)
    assert got is not None and (got.text, got.vague, got.recurring, got.start) == (phrase, True, True, None)


@pytest.mark.parametrize("text", ["上周三也吵到半夜", "星期天来修可以吗"])
def test_a_dated_or_a_bare_weekday_is_still_a_day(text: str) -> None:
    got = parse_time_phrase(text, NOW)
    assert got is not None and not got.vague and got.start is not None
