"""A resident withdraws a ticket they filed (eleventh session: 「撤销投诉」 and 「已经修好了 不用来了」 after filing were
added to the ticket as remarks, and nothing in the chat could withdraw it though the core allows residents to):
asked to confirm with two taps, cancelled by the core, refused once a worker took it — against the real core."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from bot.dialogs import worker_texts as wtx
from core.db.models import TicketEvent
from core.enums import EventType, Status
from tests.dialogs.conftest import resident, tickets
from tests.world import World

FULL = "幸福里小区3栋门口的垃圾桶坏了，盖子昨天掉了，电话13812345678"


@pytest.mark.parametrize("words", ["撤销投诉", "撤销", "我不想投诉了", "把工单撤了吧", "已经自己修好了 不用来了",
                                   "取消刚才的报修", "撤回"])
async def test_withdrawn_after_a_yes(world: World, engine: DialogEngine, app: App, words: str) -> None:
    me = resident(engine)
    number = await me.file(FULL)
    await me.say(words)
    assert me.said.startswith(tx.withdraw_ask(number))
    await me.pick(tx.WITHDRAW_YES)
    assert me.said == tx.withdrawn(number)
    (t,) = await tickets(app)
    assert t.status == Status.CANCELLED
    async with app.db.transaction() as s:
        notes = (await s.execute(select(TicketEvent.note).where(TicketEvent.type == EventType.CANCELLED.value))).scalars()
        # their words are the reason on the timeline; a bare request gives none (it read 「撤销：撤销」, branch left29)
        assert list(notes) == [words if "修好" in words else None]


async def test_kept_after_a_no(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.file(FULL)
    await me.say("撤销投诉")
    await me.pick(tx.WITHDRAW_NO)
    assert me.said == tx.WITHDRAW_KEPT
    (t,) = await tickets(app)
    assert t.status != Status.CANCELLED


async def test_refused_once_a_worker_took_it(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    number = await me.file(FULL)
    await app.tickets.claim(number, world.actor(world.worker))
    await me.say("不投诉了")  # said at once (eighteenth session: 「确认撤销」 was offered first, and refused after the tap)
    assert "无法撤销" in me.said and tx.WITHDRAW_YES not in me.said
    (t,) = await tickets(app)
    assert t.status == Status.ACCEPTED


async def test_taken_between_the_offer_and_the_tap_is_still_refused(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    number = await me.file(FULL)
    await me.say("撤销投诉")
    await app.tickets.claim(number, world.actor(world.worker))
    await me.pick(tx.WITHDRAW_YES)
    assert "无法撤销" in me.said
    (t,) = await tickets(app)
    assert t.status == Status.ACCEPTED


async def test_someone_elses_number_is_not_offered(world: World, engine: DialogEngine, app: App) -> None:
    number = await resident(engine, "resident-2").file(FULL)
    me = resident(engine)
    await me.say(f"撤销 {number}")
    assert tx.WITHDRAW_YES not in me.said and number in me.said and "没有找到" in me.said
    (t,) = await tickets(app)
    assert t.status != Status.CANCELLED


async def test_the_number_named_is_the_one(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    first = await me.file(FULL)
    await me.say("小区南门的路灯前天开始不亮了，幸福里小区，电话13812345678")
    await me.pick(tx.SUBMIT)
    await me.say(f"撤销 {first}")
    assert me.said.startswith(tx.withdraw_ask(first))


@pytest.mark.parametrize("words", ["为什么把我的投诉撤销了", "明天不用来了 后天上午来吧", "把车撤了"])
async def test_not_a_withdrawal(world: World, engine: DialogEngine, words: str) -> None:
    me = resident(engine)
    await me.file(FULL)
    await me.say(words)
    assert "要撤销工单" not in me.said and tx.WITHDRAW_YES not in me.said


async def test_nothing_filed_says_how(world: World, engine: DialogEngine) -> None:
    me = resident(engine)
    await me.say("我要撤销投诉")
    assert me.said == tx.WITHDRAW_WHICH


def test_an_emergency_just_filed_is_not_withdrawn_by_a_tap() -> None:
    from bot.dialogs import withdrawal
    from bot.dialogs.state import new_state

    state = new_state("telegram", "c1", "c1")
    state.last_filed, state.last_filed_emergency = "261207-0001", True
    assert not withdrawal.offered_for(state, "不用来了 人已经出来了")
    state.last_filed_emergency = False
    assert withdrawal.offered_for(state, "不用来了")


async def test_refused_once_resolved_says_why_in_plain_words(world: World, engine: DialogEngine, app: App) -> None:
    """Thirteenth session: 撤销投诉 after 办结 answered 「…当前状态为「已办结」，不能撤销：工单已办结，无法撤销」."""
    me = resident(engine)
    number = await me.file(FULL)
    await app.tickets.claim(number, world.actor(world.worker))
    await app.tickets.resolve(number, world.actor(world.worker), "已修好")
    await me.say("撤销投诉")
    assert "不用撤销" in me.said and "评价时说一声" in me.said and "无法撤销" not in me.said


@pytest.mark.parametrize("yes", ["确认", "是的", "对，撤了吧", "确定。"])
async def test_a_typed_yes_withdraws(world: World, engine: DialogEngine, app: App, yes: str) -> None:
    """Eighteenth session's user test: each was added to the ticket as a remark, and only 「1」 withdrew it."""
    me = resident(engine)
    number = await me.file(FULL)
    await me.say("撤销投诉")
    await me.say(yes)
    assert me.said == tx.withdrawn(number)
    (t,) = await tickets(app)
    assert t.status == Status.CANCELLED


@pytest.mark.parametrize("no", ["不撤了", "算了", "先不撤"])
async def test_a_typed_no_keeps_it(world: World, engine: DialogEngine, app: App, no: str) -> None:
    me = resident(engine)
    await me.file(FULL)
    await me.say("撤销投诉")
    await me.say(no)
    assert me.said == tx.WITHDRAW_KEPT
    (t,) = await tickets(app)
    assert t.status != Status.CANCELLED


async def test_a_yes_long_after_another_question_withdraws_nothing(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.file(FULL)
    await me.say("撤销投诉")
    await me.say("楼下路灯也坏了，幸福里小区南门")  # another matter: the withdrawal question is no longer the last
    await me.say("是的")
    (t, *_) = await tickets(app)
    assert t.status != Status.CANCELLED


async def test_a_numbered_withdrawal_mid_form_is_about_that_ticket(world: World, engine: DialogEngine, app: App) -> None:
    """Second user test: 「撤销 编号」 said while another form was open was taken as that form's answer."""
    me = resident(engine)
    number = await me.file(FULL)
    await me.say("小区南门的路灯坏了")  # a new form, asking where
    await me.say(f"撤销 {number}")
    assert me.said.startswith(tx.withdraw_ask(number))
    await me.pick(tx.WITHDRAW_YES)
    (t, *_) = await tickets(app)
    assert t.status == Status.CANCELLED


async def test_a_worker_cannot_withdraw_and_no_form_is_opened(world: World, engine: DialogEngine, app: App) -> None:
    """Second user test: a worker's 「取消 编号」 in their private chat opened a resident's form with the danger question."""
    number = await resident(engine).file(FULL)
    zhang = resident(engine, "w1")  # 张伟, privately
    for words in (f"取消 {number}", f"撤销 {number}"):
        await zhang.say(words)
        assert zhang.said == wtx.NO_WITHDRAW_FOR_STAFF
    await zhang.say("我的工单")
    assert "继续刚才的投诉" not in zhang.said
    (t,) = await tickets(app)
    assert t.status != Status.CANCELLED


async def test_a_bare_request_shows_no_duplicate_word_on_the_timeline(world: World, engine: DialogEngine) -> None:
    """「撤销」 alone is no reason: 查询 showed 「撤销：撤销」 (branch left29)."""
    me = resident(engine)
    number = await me.file(FULL)
    await me.say("撤销")
    await me.pick(tx.WITHDRAW_YES)
    await me.say(f"查询 {number}")
    assert "撤销：" not in me.said and "撤销" in me.said, me.said
