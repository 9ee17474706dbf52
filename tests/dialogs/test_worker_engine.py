"""Worker actions and binding through DialogEngine.handle against the real core."""

from __future__ import annotations

from sqlalchemy import select

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as tx
from bot.dialogs import worker_texts as wtx
from core.db.models import GroupBinding, SurveyAnswer, Ticket, TicketEvent
from core.enums import Rating, Status
from core.messages import Notice, Text
from core.service import keys
from core.texts import resident as to_resident
from tests.dialogs.conftest import Person, in_group, notices, outbox, text, tickets
from tests.world import CHANNEL, World


async def _ticket(app: App) -> Ticket:
    (t,) = await tickets(app)
    return t


async def _events(app: App) -> list[str]:
    async with app.db.transaction() as s:
        return list((await s.execute(select(TicketEvent.type).order_by(TicketEvent.id))).scalars())


async def test_claim_progress_with_photos_and_resolve_from_the_group(
    world: World, engine: DialogEngine, app: App
) -> None:
    number = await world.file()
    zhang = in_group(engine, "w1")
    claimed = await zhang.press(f"claim:{number}")
    assert claimed == [Notice(wtx.claimed(number))]
    assert (await _ticket(app)).status == Status.ACCEPTED
    prompt = await zhang.press(f"prog:{number}")
    assert isinstance(prompt[0], Text) and prompt[0].force_reply and number in prompt[0].text
    assert len(await zhang.photo("site-1")) == 1
    assert await zhang.photo("site-2") == []  # same burst: quiet
    await zhang.say("已到现场，灯具需要更换")
    assert zhang.said == wtx.progress_added(number)
    async with app.db.transaction() as s:
        progress = (await s.execute(select(TicketEvent).where(TicketEvent.type == "progress"))).scalar_one()
    assert progress.note == "已到现场，灯具需要更换" and [p["media_id"] for p in progress.attachments] == [
        "site-1",
        "site-2",
    ]
    await zhang.press(f"done:{number}")
    await zhang.say("已更换灯具")
    t = await _ticket(app)
    assert t.status == Status.RESOLVED and t.resolution_note == "已更换灯具"
    assert zhang.said == wtx.resolved(number)
    # chatter in the group afterwards is not taken as a note
    assert await zhang.say("辛苦了") == []


async def test_return_with_a_reason_from_the_list_and_a_note(
    world: World, engine: DialogEngine, app: App
) -> None:
    number = await world.file()
    li = in_group(engine, "w2")
    await li.press(f"ret:{number}")
    await li.pick("不属于本网格")
    assert li.last[0].force_reply  # type: ignore[union-attr]
    await li.say("东门由阳光花园物业管理")
    t = await _ticket(app)
    assert t.status == Status.RETURNED and li.said == wtx.returned(number)
    async with app.db.transaction() as s:
        ev = (await s.execute(select(TicketEvent).where(TicketEvent.type == "returned"))).scalar_one()
    assert ev.note == "不属于本网格：东门由阳光花园物业管理"
    # the resident is told what happens next, in plain words, not the grid's internal reason (#14)
    told = [r.payload[0]["text"] for r in await outbox(app, address="resident-1", purpose="returned")]
    assert told == [to_resident.returned(t, app.tz)]
    assert "交回调度中心重新派单" in told[0] and "办结时限不变" in told[0] and "阳光花园" not in told[0]
    # and 我的投诉 calls the status something that does not read like a refusal
    mine = await Person(engine, "resident-1", "resident-1").command("my")
    assert number in text(mine) and "重新派单中" in text(mine) and "已退回" not in text(mine)


async def test_unauthorised_worker_actions_change_nothing(
    world: World, engine: DialogEngine, app: App
) -> None:
    number = await world.file()  # grid A
    before = await _events(app)
    # a worker of grid B, pressing in group A (a forwarded card) and in their own group
    wang_in_a = in_group(engine, "w3", "group-A")
    for verb, label in (("claim", "接单"), ("prog", "反馈进展"), ("done", "办结"), ("ret", "退回")):
        replies = await wang_in_a.press(f"{verb}:{number}")
        assert len(replies) == 1 and isinstance(replies[0], Notice), verb
        assert replies[0].text == f"您不是该工单所属网格的工作人员，不能{label}。"
    replies = await in_group(engine, "w3", "group-B").press(f"claim:{number}")
    assert replies == [Notice(wtx.NOT_THIS_GROUP)]
    # somebody who is not staff at all
    assert await in_group(engine, "passer-by").press(f"claim:{number}") == [Notice(wtx.NOT_STAFF)]
    # progress before claiming, and a second worker's resolve after 张伟 claimed
    li = in_group(engine, "w2")
    assert "请先接单" in notices(await li.press(f"prog:{number}"))[0]
    await in_group(engine, "w1").press(f"claim:{number}")
    assert "只有接单人" in notices(await li.press(f"done:{number}"))[0]
    assert "已有人接单" in notices(await li.press(f"claim:{number}"))[0]
    t = await _ticket(app)
    assert t.status == Status.ACCEPTED and t.assignee_id == world.worker.id
    assert await _events(app) == before + ["claimed"]


async def test_forged_and_stale_keys_in_groups(world: World, engine: DialogEngine, app: App) -> None:
    zhang = in_group(engine, "w1")
    assert await zhang.press("claim:991231-0001") == [Notice(tx.not_found("991231-0001"))]
    assert await zhang.press("w:r:0") == [Notice(tx.EXPIRED_BUTTON)]  # a reason button never offered
    assert await zhang.press("fu:991231-0001:1:great") == [Notice(tx.EXPIRED_BUTTON)]
    assert await zhang.press("bogus") == [Notice(tx.EXPIRED_BUTTON)]
    assert await tickets(app) == []


async def test_worker_commands_in_a_private_chat(world: World, engine: DialogEngine, app: App) -> None:
    number = await world.file()
    zhang = Person(engine, "w1", "w1")
    await zhang.say(f"接单 {number}")
    assert zhang.said == wtx.claimed(number)
    await zhang.say(f"进展 {number.replace('-', '')} 已到现场")
    assert zhang.said == wtx.progress_added(number)
    await zhang.say(f"办结 {number}")
    assert "处理结果" in zhang.said and not zhang.last[0].force_reply  # type: ignore[union-attr]
    await zhang.say("已修好")
    assert (await _ticket(app)).status == Status.RESOLVED
    stranger = Person(engine, "someone", "someone")
    await stranger.say(f"接单 {number}")
    assert stranger.said == wtx.NOT_STAFF


async def test_follow_up_visit_recorded_by_grid_staff_only(
    world: World, engine: DialogEngine, app: App
) -> None:
    number = await world.file()
    await app.tickets.claim(number, world.actor(world.worker))
    await app.tickets.resolve(number, world.actor(world.worker), "已处理")
    assert await in_group(engine, "w3", "group-B").press(f"fu:{number}:1:satisfied") == [
        Notice(wtx.NOT_THIS_GROUP)
    ]
    li = in_group(engine, "w2")
    assert await li.press(f"fu:{number}:1:basically_satisfied") == [
        Notice(wtx.follow_up_recorded(number, Rating.BASIC.label))
    ]
    assert await li.press(f"fu:{number}:1:satisfied") == [Notice(wtx.follow_up_not_recorded(number))]
    async with app.db.transaction() as s:
        (answer,) = (await s.execute(select(SurveyAnswer))).scalars().all()
    t = await _ticket(app)
    assert (answer.rating, answer.via, answer.resident_id) == ("basically_satisfied", "phone", t.resident_id)
    assert t.status == Status.CLOSED


async def test_binding_groups_and_staff(world: World, engine: DialogEngine, app: App) -> None:
    code = await app.directory.grid_bind_code("B")
    new_group = in_group(engine, "w3", "group-new")
    await new_group.command("bind", "B", code)
    assert new_group.said == wtx.group_bound("阳光花园网格")
    await new_group.command("bind", "B", code)  # used up
    assert "无效" in new_group.said
    outsider = in_group(engine, "w1", "group-new")  # grid A's worker: not their group to unbind
    await outsider.command("unbind")
    assert outsider.said == wtx.UNBIND_NOT_ALLOWED
    async with app.db.transaction() as s:
        bound = (
            (
                await s.execute(
                    select(GroupBinding).where(
                        GroupBinding.chat_id == "group-new", GroupBinding.unbound_at.is_(None)
                    )
                )
            )
            .scalars()
            .all()
        )
    assert len(bound) == 1
    await new_group.command("unbind")
    assert new_group.said == wtx.GROUP_UNBOUND
    # a staff member binds their private chat with an invite code
    _, invite = await app.directory.staff_invite("王强")
    wang = Person(engine, "wang-wechat", "wang-wechat", channel="wechat")
    await wang.say(f"绑定 {invite.lower()}")
    assert wang.said == wtx.staff_bound("王强")
    staff = await app.directory.staff_by_identity("wechat", "wang-wechat")
    assert staff is not None and staff.staff.id == world.other_worker.id


async def test_cards_never_show_the_residents_phone_or_name(
    world: World, engine: DialogEngine, app: App
) -> None:
    me = Person(engine, "resident-9", "resident-9")
    me_name = "王大妈"
    await me.send(text="幸福里小区3栋楼道灯坏了，今天开始，电话13812345678", sender_name=me_name)
    await me.pick(tx.SUBMIT)
    number = (await _ticket(app)).number
    await in_group(engine, "w1").press(f"claim:{number}")
    for row in await outbox(app, channel=CHANNEL, audience="group"):
        body = str(row.payload)
        assert "13812345678" not in body and me_name not in body


async def test_a_command_word_without_a_number_acts_on_the_one_ticket_it_can_mean(
        world: World, engine: DialogEngine, app: App) -> None:
    """「接单」 or 「办结 灯已换好」 with no ticket number (tenth session: it was always told to give the number): the one
    ticket of the group's grid the verb can act on — unclaimed for 接单, claimed by the sender for 进展 / 办结 — or, with
    none or several, told which numbers to choose from."""
    first = await world.file()
    second = await world.file("3栋门口的垃圾桶坏了")
    zhang = in_group(engine, "w1")
    await zhang.say("接单")  # two unclaimed: which?
    assert zhang.said == wtx.which_ticket(keys.CLAIM, [second, first])
    await zhang.say("办结 灯已换好")  # none claimed by him
    assert zhang.said == wtx.COMMAND_NEEDS_NUMBER
    assert {t.status for t in await tickets(app)} == {Status.ASSIGNED}
    await zhang.say(f"接单 {first}")
    await zhang.say("进展 明天上午去换")  # the one he holds
    assert "进展已记录" in zhang.said and first in zhang.said
    await zhang.say("接单")  # the one left unclaimed
    assert second in zhang.said and (await _ticket_by(app, second)).status == Status.ACCEPTED
    await zhang.say("办结 灯已换好")  # he holds two now
    assert zhang.said == wtx.which_ticket(keys.RESOLVE, [second, first])
    assert await zhang.say("进展怎么样大家") == []  # talk that starts with the word is still not for the bot


async def test_a_command_in_the_workers_own_words(world: World, engine: DialogEngine, app: App) -> None:
    """Eleventh session: 「这单我接了」「搞定了 门吸换了」「已办结」 in the group were ignored (on WeChat there are no
    buttons: workers type). They act as 接单 / 办结 with no number; a question or news of something else does not."""
    number = await world.file()
    zhang = in_group(engine, "w1")
    assert await zhang.say("电话接了吗") == [] and await zhang.say("我来了") == []
    await zhang.say("这单我接了")
    assert number in zhang.said and (await _ticket_by(app, number)).status == Status.ACCEPTED
    assert await zhang.say("修好了吗") == []
    await zhang.say("进展")  # the note asked for: words like 处理好了 are that note, not a command
    await zhang.say("处理好了一半 明天再来看看")
    assert "进展已记录" in zhang.said and (await _ticket_by(app, number)).status == Status.ACCEPTED
    await zhang.say("进展")
    await zhang.say("处理好了 明天再来复查")
    assert "进展已记录" in zhang.said and (await _ticket_by(app, number)).status == Status.ACCEPTED
    await zhang.say("搞定了 灯泡换了新的")
    t = await _ticket_by(app, number)
    assert t.status == Status.RESOLVED and number in zhang.said


async def test_the_serial_alone_in_the_group(world: World, engine: DialogEngine, app: App) -> None:
    """Ninth session: 「0005 接单」 and 「接单 0005」 (what a busy group types) were told to give the whole number. The
    serial is the one open ticket of this group's grid ending in it; none, or another grid's, is refused."""
    number = await world.file()  # grid A
    other = await world.file("阳光花园5栋门禁坏了", grid="B")
    serial, other_serial = number.split("-")[1], other.split("-")[1]
    zhang = in_group(engine, "w1")
    await zhang.say(f"{serial} 接单")
    assert number in zhang.said and (await _ticket_by(app, number)).status == Status.ACCEPTED
    await zhang.say(f"进展 #{serial} 明天上午去换")
    assert "进展已记录" in zhang.said
    await zhang.say(f"接单 {other_serial}")  # grid B's ticket, from group A
    assert zhang.said == wtx.serial_not_found(other_serial)
    assert (await _ticket_by(app, other)).status != Status.ACCEPTED


async def _ticket_by(app: App, number: str) -> Ticket:
    return next(t for t in await tickets(app) if t.number == number)
