"""Intake through DialogEngine.handle against the real core, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from bot.app import App, conversation_engine, draft_sweeper
from bot.conversation.engine import DialogEngine, state_key
from bot.conversation.store import DatabaseStateStore
from bot.dialogs import filing_texts as ftx
from bot.dialogs import texts as tx
from core.clock import ManualClock
from core.db.models import DialogState, Grid
from core.enums import Kind, Status, Urgency
from core.messages import Choices, MediaRef, Text
from core.service.tickets import Assessment
from tests.dialogs.conftest import SameBuilding, choices, key_of, outbox, resident, tickets
from tests.world import World

FULL = "楼下烧烤店每天晚上12点还在吵，幸福里小区3栋2单元501，电话13812345678"


async def test_everything_in_the_first_message_files_after_one_confirmation(
    world: World, engine: DialogEngine, app: App
) -> None:
    me = resident(engine)
    readback = await me.say(FULL)
    assert isinstance(readback[-1], Choices) and "请核对" in readback[-1].prompt
    done = await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert (t.community, t.building, t.unit, t.room, t.contact_phone) == (
        "幸福里小区",
        "3",
        "2",
        "501",
        "13812345678",
    )
    assert t.occurred_text and "每天晚上" in t.occurred_text
    assert t.status == Status.ASSIGNED and t.grid_id is not None
    said = me.said
    assert t.number in said and "幸福里网格" in said
    assert (
        tx.filed(
            t.number, "幸福里网格", __import__("core.service.texts").service.texts.fmt_time(t.due_at, app.tz)
        )
        == said
    )
    assert len(done) == 1
    # what the group reads: the phone masked, in the card and in the description
    cards = await outbox(app, address="group-A", purpose="card")
    card_text = cards[0].payload[0]["prompt"]
    assert "138****5678" in card_text and "13812345678" not in card_text


async def test_menu_start_then_each_missing_field(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.command("start")
    await me.pick(tx.MENU_REPAIR)
    assert "维修" in me.said
    await me.say("楼道灯坏了")
    assert tx.ASK_ADDRESS in me.said
    await me.pick("阳光花园")
    assert tx.ASK_BUILDING.format(community="阳光花园") in me.said  # a light in the stairwell: which building
    await me.say("7栋")
    assert tx.ASK_OCCURRED in me.said
    await me.pick("好几天了")
    assert tx.ASK_PHONE in me.said
    await me.say("我的电话是 139-0000-1111")
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert t.kind == "repair" and t.community == "阳光花园" and t.contact_phone == "13900001111"
    assert t.building == "7" and "阳光花园网格" in me.said


async def test_phone_from_last_time_is_offered(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.say(FULL)
    await me.pick(tx.SUBMIT)
    await me.say("3栋电梯异响，幸福里小区，今天早上开始")
    assert "138****5678" in me.said  # offered masked
    await me.pick(tx.use_last_phone("138****5678"))
    await me.pick(tx.SUBMIT)
    assert [t.contact_phone for t in await tickets(app)] == ["13812345678", "13812345678"]


async def test_invalid_phone_three_times_then_a_human(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.say("幸福里小区3栋楼道灯坏了，今天开始的")
    for _ in range(3):
        await me.say("123")
    assert "13812345678" in me.said and tx.OPTION_HUMAN in me.said
    await me.pick(tx.OPTION_HUMAN)
    (t,) = await tickets(app)
    assert t.needs_dispatcher and t.flag_reason and t.flag_reason.startswith("居民要求人工服务")
    # the phone is what they could not give: not asked again, told the desk answers in the chat (branch left29)
    assert me.said.startswith(tx.filed_to_desk(t.number)) and me.said.endswith(ftx.HUMAN_IN_CHAT)
    assert ftx.HUMAN_ASK_PHONE not in me.said
    alerts = await outbox(app, address="group-desk")
    assert alerts and t.number in alerts[0].payload[0]["text"]


async def test_change_a_field_from_the_read_back(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.say(FULL)
    await me.pick(tx.CHANGE)
    await me.pick(tx.FIELD_LABELS["address"])
    await me.say("阳光花园7栋")
    assert "阳光花园7栋" in me.said and "请核对" in me.said
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert (t.community, t.building, t.room) == ("阳光花园", "7", None)


async def test_cancel_help_human_and_my_tickets_mid_intake(
    world: World, engine: DialogEngine, app: App
) -> None:
    me = resident(engine)
    await me.say(FULL)
    await me.pick(tx.SUBMIT)
    await me.say("楼道灯坏了")
    question = me.said
    await me.say("帮助")
    assert "使用说明" in me.said and me.said.endswith(question)
    await me.say("我的投诉")
    assert (await tickets(app))[0].number in me.said and tx.CONTINUE_DRAFT in me.said and question in me.said
    await me.say("取消")
    assert me.said == tx.CANCELLED
    await me.say("取消")
    assert me.said == tx.NOTHING_TO_CANCEL
    await me.say("水管漏水了")
    await me.say("人工")
    new = (await tickets(app))[-1]
    assert (
        new.needs_dispatcher and new.description == "水管漏水了" and me.said.startswith(tx.filed_to_desk(new.number))
    )
    assert ftx.human_phone_on_file("138****5678") in me.said  # the desk can call back (branch left29)


async def test_human_without_a_draft_flags_the_latest_open_ticket(
    world: World, engine: DialogEngine, app: App
) -> None:
    me = resident(engine)
    await me.say(FULL)
    await me.pick(tx.SUBMIT)
    await me.say("人工")
    (t,) = await tickets(app)
    assert t.needs_dispatcher and me.said.startswith(tx.filed_to_desk(t.number))
    assert ftx.human_phone_on_file("138****5678") in me.said  # the phone on file named, not asked (branch left29)


async def test_restart_in_the_middle_of_intake(world: World, app: App, clock: ManualClock) -> None:
    first = conversation_engine(app, DatabaseStateStore(app.db))
    me = resident(first)
    await me.say("楼道灯坏了")
    await me.say("幸福里小区3栋")
    assert tx.ASK_OCCURRED in me.said
    # the process restarts: a new engine over the same store picks up where we were
    me.engine = conversation_engine(app, DatabaseStateStore(app.db))
    await me.say("昨晚")
    assert tx.ASK_PHONE in me.said
    # away for an hour, then another restart: asked whether to go on
    clock.advance(hours=1)
    me.engine = conversation_engine(app, DatabaseStateStore(app.db))
    await me.say("13812345678")
    assert tx.resume_question("楼道灯坏了") in me.said
    await me.pick(tx.RESUME_GO)  # what they wrote is taken as the answer
    assert "请核对" in me.said and "13812345678" in me.said
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert (t.description, t.building, t.occurred_text) == ("楼道灯坏了", "3", "昨晚")


async def test_photos_in_a_burst_and_the_limit(
    world: World, engine: DialogEngine, app: App, clock: ManualClock
) -> None:
    me = resident(engine)
    await me.say("楼道里堆满杂物，幸福里小区3栋，好几天了")
    assert tx.ASK_PHONE in me.said
    replies = []
    for i in range(3):
        replies.append(await me.photo(f"photo-{i}"))
        clock.advance(seconds=1)
    assert [len(r) for r in replies] == [1, 0, 0]  # one acknowledgement for the burst
    readback = await me.say("13812345678")  # the dialog did not move on while photos arrived
    assert "照片：3张" in me.said
    clock.advance(minutes=5)
    await me.send(photos=tuple(MediaRef("test", f"x{i}") for i in range(8)))
    assert "最多9张" in me.said
    await me.press(key_of(readback, tx.SUBMIT))
    (t,) = await tickets(app)
    assert len(t.photos) == 9 and t.photos[0] == {"channel": "test", "media_id": "photo-0", "url": None}


async def test_empty_huge_and_binary_input_get_polite_replies(world: World, engine: DialogEngine) -> None:
    me = resident(engine)
    assert await me.say("") == [Text(tx.EMPTY_INPUT)]
    assert await me.say("吵" * 3000) == [Text(tx.too_long(2000))]
    assert await me.say("\x00\x01PK\x03\x04") == [Text(tx.BINARY_INPUT)]
    assert await me.send() == [Text(tx.UNSUPPORTED_INPUT)]


async def test_empty_answers_count_as_invalid(world: World, engine: DialogEngine) -> None:
    me = resident(engine)
    await me.say("幸福里小区3栋楼道灯坏了，今天开始的")
    await me.say("")
    await me.say("12")
    await me.say("  ")
    assert tx.OPTION_HUMAN in me.said


async def test_emergency_is_filed_at_once_with_the_numbers_first(
    world: World, engine: DialogEngine, app: App
) -> None:
    me = resident(engine)
    first = await me.say("厨房里煤气味很大，煤气泄漏了")
    assert isinstance(first[0], Text) and all(n in first[0].text for n in ("119", "120", "110", "96777"))
    assert tx.ASK_ADDRESS_EMERGENCY in me.said
    await me.say("幸福里小区5栋1单元302")  # filed with the place: the phone is asked after the alert is out
    (t,) = await tickets(app)
    assert t.urgency == Urgency.EMERGENCY and t.occurred_text is None and t.grid_id is not None
    assert tx.filed_emergency(t.number, "幸福里网格") in me.said and tx.ASK_PHONE_EMERGENCY not in me.said
    assert await outbox(app, address="group-sup", purpose="emergency")
    await me.say("13400005555")
    (t,) = await tickets(app)
    assert t.contact_phone == "13400005555"


async def test_two_presses_of_submit_file_once(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    readback = await me.say(FULL)
    key = readback[-1].options[0].key  # type: ignore[union-attr]
    other = conversation_engine(app, DatabaseStateStore(app.db))  # a second process
    results = await asyncio.gather(me.press(key), resident(other).press(key))
    assert len(await tickets(app)) == 1
    joined = " ".join(__import__("core.messages").messages.plain_text(r) for r in results)
    assert "编号" in joined and (tx.EXPIRED_BUTTON in joined or tx.SUBMITTING in joined)


async def test_photos_arriving_together_are_all_kept(world: World, app: App) -> None:
    engines = [conversation_engine(app, DatabaseStateStore(app.db)) for _ in range(3)]
    await resident(engines[0]).say("楼道里堆满杂物，幸福里小区3栋，好几天了")
    await asyncio.gather(*(resident(e).photo(f"album-{i}") for i, e in enumerate(engines)))
    me = resident(engines[0])
    await me.say("13812345678")
    assert "照片：3张" in me.said


async def test_unreadable_state_is_reset_with_an_apology(
    world: World, engine: DialogEngine, app: App
) -> None:
    me = resident(engine)
    await me.say("楼道灯坏了")
    async with app.db.transaction() as s:
        row = await s.get(
            DialogState,
            state_key(
                __import__("core.messages").messages.Incoming(
                    channel="test", sender="resident-1", chat="resident-1"
                )
            ),
        )
        assert row is not None
        row.state = {"v": 1, "draft": "garbage"}
    replies = await me.say("幸福里小区3栋")
    assert replies[0] == Text(tx.STATE_RESET)


async def test_duplicate_is_offered_and_joined(world: World, app: App) -> None:
    app.duplicates = SameBuilding(app)
    engine = conversation_engine(app, DatabaseStateStore(app.db))
    first = resident(engine, "neighbour")
    await first.say(FULL)
    await first.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    me = resident(engine)
    await me.say("3栋楼下烧烤太吵了，幸福里小区，每天晚上11点，13900001111")
    await me.pick(tx.SUBMIT)
    assert tx.duplicate_offer(t.number) in me.said
    await me.pick(tx.JOIN_LABEL)
    assert me.said == tx.joined(t.number) and len(await tickets(app)) == 1
    await me.say("我的投诉")
    assert t.number in me.said
    # and "仍要提交" files a new one
    await me.say("3栋楼下烧烤还在吵，幸福里小区，每天晚上11点，13900001111")
    await me.pick(tx.SUBMIT)
    await me.pick(tx.FILE_ANYWAY_LABEL)
    assert len(await tickets(app)) == 2


async def test_stale_read_back_button_after_submitting(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    readback = await me.say(FULL)
    await me.pick(tx.SUBMIT)
    again = await me.press(readback[-1].options[0].key)  # type: ignore[union-attr]
    assert me.said == tx.EXPIRED_BUTTON and len(again) == 1 and len(await tickets(app)) == 1


async def test_drafts_get_one_reminder_then_expire(
    world: World, engine: DialogEngine, app: App, clock: ManualClock
) -> None:
    me = resident(engine)
    await me.say("楼道灯坏了")
    sweeper = draft_sweeper(app, engine)
    assert await sweeper.sweep(clock.now()) == 0
    assert await sweeper.sweep(clock.now() + timedelta(hours=2, minutes=1)) == 1
    assert await sweeper.sweep(clock.now() + timedelta(hours=3)) == 0  # only one reminder
    assert await sweeper.sweep(clock.now() + timedelta(hours=24, minutes=1)) == 1
    rows = await outbox(app, address="resident-1")
    assert [r.purpose for r in rows] == ["draft_reminder", "draft_expired"]
    assert "楼道灯坏了" in rows[0].payload[0]["text"]
    clock.advance(hours=25)
    await me.say("幸福里小区3栋")  # a new conversation: the old draft is gone
    assert tx.ASK_OCCURRED not in me.said or "未提交" not in me.said
    async with app.db.transaction() as s:
        assert (await s.execute(select(DialogState.due_at))).scalars().all() != []


async def test_ticket_number_alone_shows_it(world: World, engine: DialogEngine, app: App) -> None:
    me = resident(engine)
    await me.say(FULL)
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    await me.say(t.number.replace("-", ""))
    assert me.said.startswith(f"工单 {t.number}") and "受理登记" in me.said


async def test_serve_runs_the_draft_sweep(world: World, app: App, clock: ManualClock) -> None:
    from bot.conversation.sweeper import DraftSweeper
    from bot.server import components_for

    assert any(isinstance(c, DraftSweeper) for c in components_for(app))
    await resident(app.engine).say("楼道灯坏了")
    clock.advance(hours=3)
    sweeper = draft_sweeper(app, every=0.01)
    await sweeper.start()
    try:
        for _ in range(500):
            if await outbox(app, purpose="draft_reminder"):
                break
            await asyncio.sleep(0.01)
    finally:
        await sweeper.stop()
    assert len(await outbox(app, purpose="draft_reminder")) == 1


class ShippedClassifier:
    """An Assessor over the classifier shipped in core.classify (what smart dispatch plugs in)."""

    def __init__(self) -> None:
        from core.classify.classifier import ComplaintClassifier

        self.model = ComplaintClassifier.load_default()

    def assess(self, text: str) -> Assessment:
        found = self.model.classify(text)
        return Assessment(
            category=found.category.label,
            kind=Kind.parse(found.kind.label),  # type: ignore[arg-type]
            category_confidence=found.category.confidence,
            kind_confidence=found.kind.confidence,
        )


async def test_category_and_kind_come_from_the_classifier(world: World, app: App) -> None:
    app.assessor = app.tickets.assessor = ShippedClassifier()
    me = resident(conversation_engine(app, DatabaseStateStore(app.db)))
    await me.say(FULL)
    assert "类型：投诉·噪音扰民" in me.said
    await me.pick(tx.SUBMIT)
    (t,) = await tickets(app)
    assert (t.kind, t.category) == ("complaint", "噪音扰民") and t.category_confidence


async def test_grids_added_or_edited_meanwhile_are_known_at_the_next_message(
    world: World, engine: DialogEngine, app: App
) -> None:
    """Every step compares the grid rows with the last ones (the communities are rebuilt only when
    they differ): a grid added here, or edited by another process, counts from the next message."""

    async def offered(who: str) -> list[str]:
        me = resident(engine, who)
        await me.command("start")
        await me.pick(tx.MENU_REPAIR)
        await me.say("楼道灯坏了")
        assert tx.ASK_ADDRESS in me.said
        return [o.label for o in choices(me.last).options]

    before = await offered("resident-a")
    assert "阳光花园" in before and "翠湖苑" not in before
    await app.directory.add_grid("C", "翠湖苑网格", patterns=["翠湖苑"])
    assert "翠湖苑" in await offered("resident-b")
    async with app.db.transaction() as s:  # as `grid import` in another process would
        await s.execute(update(Grid).where(Grid.code == "C").values(address_patterns=["碧水湾"]))
    now = await offered("resident-c")
    assert "碧水湾" in now and "翠湖苑" not in now


@pytest.mark.parametrize("caption", ["又拍了一张", "这是现场照片", "看图"])
async def test_a_caption_that_only_says_a_photo_is_sent_is_no_detail(
        world: World, engine: DialogEngine, app: App, caption: str) -> None:
    """Eleventh session: 「/photo 又拍了一张」 at the read-back was added to the description (…；又拍了一张), and 「看图」 with
    the first photo became the whole complaint."""
    me = resident(engine)
    await me.photo("first", caption)
    assert me.said == tx.PHOTO_START
    await me.say("楼道里堆满杂物，幸福里小区3栋，好几天了，电话13812345678")
    assert tx.REVIEW_HEAD in me.said
    await me.photo("second", caption)  # within the burst: no word back, the read-back's buttons stand
    await me.say(tx.SUBMIT)
    (t,) = await tickets(app)
    assert caption not in t.description and len(t.photos) == 2
