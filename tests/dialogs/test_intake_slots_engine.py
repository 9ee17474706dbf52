"""Issue 15's slots through DialogEngine.handle against the real core (SQLite and PostgreSQL): the
second problem filed as its own ticket, the resident's own duplicate found by the real duplicate
check, the triage question's "yes" filing an emergency."""

from __future__ import annotations

from datetime import timedelta

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from bot.dialogs.understand import Reader
from core.clock import ManualClock
from core.dispatch.duplicates import DuplicateChecker
from core.enums import Urgency
from tests.dialogs.conftest import resident, tickets
from tests.world import World

FULL = "楼下烧烤店每天晚上12点还在吵，幸福里小区3栋2单元501，电话13812345678"
LIFT = "另外电梯也坏了两天了"
LIFT_WORDS = "电梯也坏了两天了"  # kept without the 另外 that brought it up


async def test_a_second_problem_at_the_time_question_is_filed_as_its_own_ticket(
    world: World, engine: DialogEngine, app: App
) -> None:
    me = resident(engine)
    await me.say("楼道灯坏了，幸福里小区3栋")
    assert tx.ASK_OCCURRED in me.said
    await me.say(LIFT)
    assert tx.ASIDE_NOTED in me.said and tx.ASK_OCCURRED in me.said
    await me.say("昨晚")
    await me.say("13812345678")
    await me.pick(tx.SUBMIT)
    (first,) = await tickets(app)
    assert first.occurred_text == "昨晚" and "电梯" not in first.description
    assert tx.aside_offer(LIFT_WORDS) in me.said
    await me.pick(tx.ASIDE_YES)
    while tx.REVIEW_QUESTION not in me.said:  # a lift: perhaps asked who is trapped; then where
        if tx.ASK_TRIAGE in me.said:
            await me.pick(tx.TRIAGE_NO)
        elif tx.ASK_PHONE in me.said or "用上次的" in me.said:
            await me.say("13812345678")
        else:
            await me.say("幸福里小区3栋")
    await me.pick(tx.SUBMIT)
    found = await tickets(app)
    assert len(found) == 2 and found[1].description == LIFT_WORDS and found[1].occurred_text == "两天了"


async def test_the_same_resident_s_identical_complaint_is_offered_as_a_duplicate(
    world: World, engine: DialogEngine, app: App, clock: ManualClock
) -> None:
    assert isinstance(app.duplicates, DuplicateChecker)  # the real check the app wires
    me = resident(engine)
    await me.say(FULL)
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    clock.advance(timedelta(hours=2))
    await me.say(FULL)
    await me.pick(tx.SUBMIT)
    assert tx.own_duplicate_offer(t.number) in me.said
    await me.pick(tx.NO_REFILE_LABEL)
    assert me.said == tx.not_refiled(t.number) and len(await tickets(app)) == 1
    # 仍要提交 files it after all
    await me.say(FULL)
    await me.pick(tx.SUBMIT)
    await me.pick(tx.FILE_ANYWAY_LABEL)
    assert len(await tickets(app)) == 2


async def test_outside_the_window_the_same_complaint_is_filed(
    world: World, engine: DialogEngine, app: App, clock: ManualClock
) -> None:
    me = resident(engine)
    await me.say(FULL)
    await me.pick(tx.SUBMIT)
    assert isinstance(app.duplicates, DuplicateChecker)
    clock.advance(app.duplicates.rules.window + timedelta(hours=1))
    await me.say(FULL)
    await me.pick(tx.SUBMIT)
    assert len(await tickets(app)) == 2


async def test_triage_yes_files_an_emergency(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.say("楼道里有股怪味，不知道是不是煤气")
    assert tx.ASK_TRIAGE in me.said and "119" not in me.said
    await me.say("1")  # numbered options, as WeChat shows them
    assert "119" in me.said and tx.ASK_ADDRESS_EMERGENCY in me.said
    await me.say("幸福里小区地下车库")  # filed with the place; the phone asked after
    (t,) = await tickets(app)
    assert t.urgency == Urgency.EMERGENCY and tx.filed_emergency(t.number, "幸福里网格") in me.said
    assert t.category == "安全管理"  # a guessed gas leak confirmed: gas's category, not the text's 工程维修


def test_a_confirmed_emergency_without_a_hazard_is_a_person_in_danger() -> None:
    reader = Reader(None, {"gas": "安全管理", "injury": "安全管理", "water": "工程维修"})
    assert reader.emergency_category("water") == "工程维修"
    assert reader.emergency_category(None) == "安全管理"
    assert Reader(None).emergency_category("gas") is None  # nothing configured: the text's category stays


async def test_triage_no_files_an_ordinary_ticket(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.say("楼道里有股怪味，不知道是不是煤气")
    await me.pick(tx.TRIAGE_NO)
    assert tx.ASK_ADDRESS in me.said
    await me.say("幸福里小区3栋")
    await me.say("今天早上")
    await me.say("13400005555")
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert t.urgency != Urgency.EMERGENCY
