"""Two matters in one message, the second with a time of its own (sixteenth session, talking to the chat:
「一个是小区健身器材坏了 还有就是晚上广场舞太吵」 took the dance's 晚上 as when the equipment broke, then dropped
「一个星期了」 said at the where-inside question and asked since when again)."""

from __future__ import annotations

from bot.dialogs.state import Asking
from tests.dialogs.test_steps import fresh, msg, step


def test_the_second_matters_time_is_not_the_firsts() -> None:
    s = step(fresh(), msg("有两个事 一是单元门口的路灯不亮 二是楼下烧烤摊每天半夜还在营业"))
    d = s.state.draft
    assert d and d.description and "路灯" in d.description and not d.occurred_text
    assert s.state.asides and "烧烤" in s.state.asides[0]


def test_the_time_said_at_the_where_inside_question_settles_a_vague_time() -> None:
    s = step(fresh(), msg("小区里的健身器材坏了 晚上锻炼的时候发现的"))
    s = step(s.state, msg("阳光花园"))
    d = s.state.draft
    assert d and d.asking == Asking.DOOR and d.occurred_text == "晚上" and d.occurred_vague
    s = step(s.state, msg("三天了"))
    d = s.state.draft
    assert d and d.occurred_text and "三天了" in d.occurred_text and not d.occurred_vague
    assert d.asking != Asking.OCCURRED
