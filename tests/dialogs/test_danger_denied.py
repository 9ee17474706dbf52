"""The danger told otherwise (tenth session, talking to the chat): 「电梯坏了 困了半天没人修」 was an emergency, and
「没有人被困 就是电梯坏了」 at its phone question was only noted — the emergency would have alerted the heads. Now the
danger is asked about again, and "no" takes the ordinary path (filed as a repair, not 求助). And an answer to the triage
question that names the gas or fire it asks about is a yes, whatever else it denies."""

from __future__ import annotations

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from bot.dialogs.state import Asking
from core.enums import Kind, Urgency
from core.messages import plain_text
from tests.dialogs.conftest import resident, tickets
from tests.dialogs.test_intake_slots import TRIAGE_TEXT
from tests.dialogs.test_steps import fresh, msg, step
from tests.world import World

EMERGENCY = "电梯里困人了 快来"  # no place yet: an emergency is filed as soon as its place is known


def test_the_danger_denied_at_the_address_question_is_asked_again() -> None:
    s = step(fresh(), msg(EMERGENCY))
    assert s.state.draft and s.state.draft.emergency and s.state.draft.asking == Asking.ADDRESS
    s = step(s.state, msg("搞错了 里面没人 就是电梯停了"))
    d = s.state.draft
    assert d and not d.emergency and d.asking == Asking.TRIAGE and tx.DANGER_DENIED in plain_text(s.replies)
    s = step(s.state, msg("有危险"))
    assert s.state.draft and s.state.draft.emergency  # yes: the emergency path again


def test_an_answer_with_danger_in_it_is_no_denial() -> None:
    s = step(fresh(), msg(EMERGENCY))
    s = step(s.state, msg("没人受伤 但是我妈还在里面出不来"))
    assert s.state.draft and s.state.draft.emergency


async def test_no_to_the_question_again_files_an_ordinary_repair(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.say(EMERGENCY)
    await me.say("不是困人 电梯停在8楼不动了")
    await me.pick(tx.TRIAGE_NO)
    for answer in ("幸福里小区8栋", "今天上午", "13812345678"):
        if tx.REVIEW_QUESTION in me.said:
            break
        await me.say(answer)
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert t.urgency != Urgency.EMERGENCY.value and t.kind != Kind.HELP.value


def test_the_gas_named_in_a_triage_answer_is_a_yes() -> None:
    s = step(fresh(), msg(TRIAGE_TEXT))
    assert s.state.draft and s.state.draft.asking == Asking.TRIAGE
    s = step(s.state, msg("人都没事 不过味道越来越大 肯定是燃气"))
    assert s.state.draft and s.state.draft.emergency and s.state.draft.hazard == "gas"
