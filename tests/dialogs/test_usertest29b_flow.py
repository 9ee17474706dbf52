"""usertest29b's flow findings (branch flow29b), in sentences of our own: giving up said twice or with two words
(算了算了 不报了, 不要了 撤销) cancels; the matter corrected right after the opening replaces it; a corrected unit
follows into the description; asking after an earlier ticket (那个X的事 有没有人管, 上次那个X的事 怎么样了) shows its
status instead of a new draft or a note."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from core.messages import plain_text
from tests.dialogs.conftest import resident, tickets
from tests.dialogs.test_steps import fresh, msg, step
from tests.world import World


@pytest.mark.parametrize("said", ["算了算了 不报了", "不要了 撤销", "算了 算了", "取消吧 不要了", "不用了 算了 不弄了"])
def test_giving_up_said_twice_cancels(said: str) -> None:
    s = step(fresh(), msg("幸福里5栋门口路灯不亮了"))
    assert s.state.draft is not None
    s = step(s.state, msg(said))
    assert s.state.draft is None and plain_text(s.replies) == tx.CANCELLED


def test_no_need_said_twice_is_no_cancel() -> None:
    from bot.dialogs.inputs import global_request
    from core.messages import Incoming

    assert global_request(Incoming(channel="cli", sender="c", chat="c", text="不用了 不用了")) is None


def test_the_unit_corrected_follows_into_the_description() -> None:
    s = step(fresh(), msg("幸福里6栋3单元门禁坏了"))
    s = step(s.state, msg("不好意思说错了 是2单元"))
    d = s.state.draft
    assert d is not None and d.unit and "2" in d.unit
    assert "3单元" not in (d.description or "") and "2单元" in (d.description or "")


@pytest.mark.parametrize(("opening", "old"), [("幸福里7栋门口路灯坏了", "路灯"), ("电梯又坏了", "电梯")])
def test_the_matter_corrected_after_the_opening_replaces_it(opening: str, old: str) -> None:
    s = step(fresh(), msg(opening))  # the time question, or (no place yet) the address question
    s = step(s.state, msg("不是不是 我搞错了 是门口的垃圾桶满了"))
    d = s.state.draft
    assert d is not None and old not in (d.description or "") and "垃圾桶" in (d.description or "")


def test_the_time_corrected_replaces_the_time() -> None:
    s = step(fresh(), msg("幸福里8栋楼道灯不亮了"))
    s = step(s.state, msg("刚刚"))
    s = step(s.state, msg("不是刚刚 是昨天晚上"))
    d = s.state.draft
    assert d is not None and "刚刚" not in (d.occurred_text or "") and "昨天" in (d.occurred_text or "")
    assert "刚刚" not in (d.description or "") and "昨天晚上" not in (d.description or "")


LAMP = "幸福里小区3栋楼道灯坏了一个星期了，电话13812345678"


@pytest.mark.parametrize("words", ["那个楼道灯的事 到底有没有人管啊", "上次那个楼道灯的事 现在咋样了",
                                   "我之前说的楼道灯 怎么样了"])
async def test_chasing_a_ticket_shows_its_status(world: World, engine: DialogEngine, app: App, words: str) -> None:
    me = resident(engine)
    number = await me.file(LAMP)
    await me.say(words)
    assert number in me.said and "已补充" not in me.said and len(await tickets(app)) == 1
