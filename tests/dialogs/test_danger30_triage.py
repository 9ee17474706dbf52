"""Branch danger30 (usertest1), the triage question: an answer of not knowing (a relative far away who does not
answer the phone) is "it could be" — filed urgent at once, flagged for someone to go and look, the resident told
what happens next — not 「请回答有危险或没有」 again; and a no about a person's chest or body still tells when to
call 120. Sentences of our own, not the tester's."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import emergency_texts as etx
from bot.dialogs import texts as tx
from bot.dialogs.state import Asking
from core.messages import plain_text
from tests.dialogs.conftest import resident, tickets
from tests.dialogs.test_steps import fresh, msg, step
from tests.world import World

UNREACHABLE = "我外公一个人住，从昨天起电话一直打不通，平时都接的"
CHEST = "我妈说心口有点闷，不过她说不要紧，能不能找个人来看一下"


@pytest.mark.parametrize("answer", ["这个我真说不准，我人不在本地", "我哪知道啊 我在外省上班", "不清楚"])
def test_not_knowing_is_taken_as_could_be_at_once(answer: str) -> None:
    s = step(fresh(), msg(UNREACHABLE))
    assert s.state.draft and s.state.draft.asking == Asking.TRIAGE
    s = step(s.state, msg(answer))
    d = s.state.draft
    said = plain_text(s.replies)
    assert d and d.asking != Asking.TRIAGE and tx.BAD_TRIAGE not in said
    assert d.urgency == "urgent" and d.triage_unknown and d.welfare_check and not d.emergency
    assert etx.TRIAGE_CANNOT_KNOW_SOMEONE in said


def test_not_knowing_about_a_thing_is_told_someone_comes_to_look() -> None:
    s = step(fresh(), msg("楼道里有股怪味，不知道是不是煤气"))
    assert s.state.draft and s.state.draft.asking == Asking.TRIAGE
    s = step(s.state, msg("说不好，我现在不在家"))
    d = s.state.draft
    assert d and d.welfare_check and etx.TRIAGE_CANNOT_KNOW in plain_text(s.replies)


async def test_a_welfare_check_is_flagged_for_the_desk_with_its_reason(world: World, engine: DialogEngine,
                                                                      app: App) -> None:
    me = resident(engine)
    await me.say(UNREACHABLE)
    await me.say("我也不清楚，我在外地")
    assert etx.TRIAGE_CANNOT_KNOW_SOMEONE in me.said
    for answer in ("幸福里2栋1单元301", "昨天", "13912345670", "提交", "提交"):
        if await tickets(app):
            break
        await me.say(answer)
    (t,) = await tickets(app)
    assert t.urgency == "urgent"
    assert t.flag_reason == etx.WELFARE_REASON


def test_a_no_about_the_chest_still_tells_when_to_call_120() -> None:
    s = step(fresh(), msg(CHEST))
    assert s.state.draft and s.state.draft.asking == Asking.TRIAGE
    s = step(s.state, msg("没有"))
    assert etx.WATCH_CHEST in plain_text(s.replies)


def test_a_no_about_a_thing_adds_no_medical_line() -> None:
    s = step(fresh(), msg("厨房水管裂了 水一直往外冒"))
    s = step(s.state, msg("没有"))
    said = plain_text(s.replies)
    assert etx.WATCH_CHEST not in said and etx.WATCH_BODY not in said


def test_not_at_home_but_nobody_hurt_is_no_welfare_check() -> None:
    s = step(fresh(), msg(UNREACHABLE))
    s = step(s.state, msg("我人不在家，不过没人受伤"))
    d = s.state.draft
    assert d and not d.welfare_check and etx.TRIAGE_CANNOT_KNOW_SOMEONE not in plain_text(s.replies)
