"""Tracking (我的投诉, 查询) and the survey through DialogEngine.handle against the real core."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import survey_texts as stx
from bot.dialogs import texts as tx
from core.db.models import SurveyAnswer, Ticket
from core.enums import Rating, Status
from core.messages import Notice
from tests.dialogs.conftest import Person, outbox, resident, tickets
from tests.world import World


async def _answers(app: App) -> list[SurveyAnswer]:
    async with app.db.transaction() as s:
        return list((await s.execute(select(SurveyAnswer).order_by(SurveyAnswer.id))).scalars())


async def _resolved(world: World, who: str = "resident-1") -> str:
    number = await world.file(who=who)
    await world.app.tickets.claim(number, world.actor(world.worker))
    await world.app.tickets.resolve(number, world.actor(world.worker), "已更换灯泡")
    return number


def _survey_key(rows: list, rating: str) -> str:  # type: ignore[type-arg]
    survey = next(r for r in rows if r.purpose == "survey")
    return next(k for k, _ in survey.payload[0]["options"] if k.endswith(":" + rating))


async def test_my_tickets_and_the_timeline(world: World, engine: DialogEngine) -> None:
    me = resident(engine)
    await me.say("我的投诉")
    assert me.said == tx.NO_TICKETS
    number = await world.file()
    await world.app.tickets.claim(number, world.actor(world.worker))
    await me.say("我的投诉")
    assert number in me.said and Status.ACCEPTED.label in me.said and "时限" in me.said
    await me.say(f"查询 {number}")
    assert me.said.startswith(f"工单 {number}") and "受理登记" in me.said and "接单" in me.said
    assert "张伟" not in me.said  # residents see 张师傅, never a worker's full name
    await me.say("查询")
    assert me.said == tx.QUERY_HOW


async def test_a_strangers_number_answers_exactly_like_an_unknown_one(
    world: World, engine: DialogEngine
) -> None:
    number = await world.file(who="resident-1")
    stranger = resident(engine, "resident-2")
    await stranger.say("我的投诉")  # make them a known resident too
    await stranger.say(f"查询 {number}")
    theirs = stranger.said
    unknown = "991231-0099"
    await stranger.say(f"查询 {unknown}")
    assert theirs == tx.not_found(number) and stranger.said == tx.not_found(unknown)
    assert theirs.replace(number, "N") == stranger.said.replace(unknown, "N")
    # and someone who never wrote before gets the same words
    newcomer = resident(engine, "resident-3")
    await newcomer.say(f"查询 {number}")
    assert newcomer.said == theirs


async def test_survey_records_one_answer_and_a_comment(world: World, engine: DialogEngine, app: App) -> None:
    number = await _resolved(world)
    key = _survey_key(await outbox(app, address="resident-1"), Rating.SATISFIED.value)
    me = resident(engine)
    await me.press(key)
    assert me.said.startswith(stx.SURVEY_THANKS)
    await me.say("师傅很负责")
    assert me.said == stx.SURVEY_COMMENT_THANKS
    (answer,) = await _answers(app)
    assert (answer.rating, answer.comment, answer.via) == ("satisfied", "师傅很负责", "chat")
    t = (await tickets(app))[0]
    assert t.number == number and t.status == Status.CLOSED
    # a repeated press is acknowledged, not recorded twice
    await me.press(key)
    assert me.said == stx.SURVEY_ALREADY
    await me.press(key.replace(":satisfied", ":dissatisfied"))
    assert me.said == stx.SURVEY_ALREADY
    assert len(await _answers(app)) == 1 and (await tickets(app))[0].status == Status.CLOSED


async def test_late_answer_from_an_earlier_round(world: World, engine: DialogEngine, app: App) -> None:
    await _resolved(world)
    first_round = _survey_key(await outbox(app, address="resident-1"), Rating.DISSATISFIED.value)
    me = resident(engine)
    await me.press(first_round)
    assert me.said.startswith(stx.SURVEY_WHY)
    await me.say("灯还是不亮")
    assert me.said == stx.SURVEY_REASON_THANKS
    (t,) = await tickets(app)
    assert t.status == Status.REOPENED and t.round == 2
    (answer,) = await _answers(app)
    assert answer.rating == "dissatisfied" and answer.comment and "灯还是不亮" in answer.comment
    await me.press(first_round.replace(":dissatisfied", ":satisfied"))  # round 1 again
    assert me.said == stx.SURVEY_ALREADY and len(await _answers(app)) == 1


async def test_answer_after_the_survey_closed_unanswered_is_late(
    world: World, engine: DialogEngine, app: App
) -> None:
    number = await _resolved(world)
    key = _survey_key(await outbox(app, address="resident-1"), Rating.SATISFIED.value)
    await app.tickets.close_unanswered(number)  # the resident never answered in time
    me = resident(engine)
    await me.press(key)
    assert me.said == stx.SURVEY_LATE
    (answer,) = await _answers(app)
    assert answer.rating == Rating.NO_ANSWER.value  # the late words are a note, not a second answer


async def test_typed_rating_answers_the_waiting_survey(world: World, engine: DialogEngine, app: App) -> None:
    await _resolved(world)
    me = resident(engine)
    await me.say("基本满意")
    assert me.said.startswith(stx.SURVEY_THANKS)
    await me.say("不用了")
    assert me.said == stx.SURVEY_DONE
    (answer,) = await _answers(app)
    assert answer.rating == Rating.BASIC.value


async def test_survey_arriving_mid_intake_does_not_disturb_the_draft(
    world: World, engine: DialogEngine, app: App
) -> None:
    await _resolved(world)
    key = _survey_key(await outbox(app, address="resident-1"), Rating.SATISFIED.value)
    me = resident(engine)
    await me.say("垃圾站好几天没清运")
    await me.pick("阳光花园")
    question = me.said
    await me.press(key)
    assert me.said.startswith(stx.SURVEY_THANKS)
    await me.say("不用了")
    assert me.said == "\n\n".join([stx.SURVEY_DONE, tx.CONTINUE_DRAFT, question])
    await me.say("昨天")
    await me.say("13900001111")
    await me.pick(tx.SUBMIT)
    new = (await tickets(app))[-1]
    assert (new.description, new.community, new.contact_phone) == (
        "垃圾站好几天没清运",
        "阳光花园",
        "13900001111",
    )


async def test_a_strangers_survey_key_is_refused(world: World, engine: DialogEngine, app: App) -> None:
    await _resolved(world)
    key = _survey_key(await outbox(app, address="resident-1"), Rating.SATISFIED.value)
    stranger = Person(engine, "resident-2", "resident-2")
    await stranger.say("我的投诉")
    await stranger.press(key)
    number = key.split(":")[1]
    assert stranger.said == tx.not_found(number) and await _answers(app) == []


async def test_forged_survey_key_is_refused(world: World, engine: DialogEngine, app: App) -> None:
    number = await _resolved(world)
    me = resident(engine)
    replies = await me.press(f"sv:{number}:1:excellent")
    assert replies == [Notice(tx.EXPIRED_BUTTON)] and await _answers(app) == []
    async with app.db.transaction() as s:
        assert (await s.execute(select(Ticket.status))).scalar_one() == Status.RESOLVED


async def test_a_rating_typed_in_words_with_the_reason(world: World, engine: DialogEngine, app: App) -> None:
    """WeChat shows no buttons: 「不太满意，灯还是一闪一闪的」 opened a new complaint (还是「…」吗？) and the
    ticket stayed resolved; 「还行吧」 was added to the ticket as a note."""
    number = await _resolved(world)
    me = resident(engine)
    await me.say("不太满意，灯还是一闪一闪的")
    assert me.said.startswith(stx.SURVEY_TYPED_REASON)
    (answer,) = await _answers(app)
    assert answer.rating == Rating.DISSATISFIED.value and answer.comment == "不太满意，灯还是一闪一闪的"
    t = (await tickets(app))[0]
    assert t.number == number and t.status == Status.REOPENED


async def test_a_rating_typed_alone_in_words(world: World, engine: DialogEngine, app: App) -> None:
    await _resolved(world)
    me = resident(engine)
    await me.say("还行吧")
    assert me.said.startswith(stx.SURVEY_THANKS)
    (answer,) = await _answers(app)
    assert answer.rating == Rating.BASIC.value


async def test_words_that_are_no_rating_are_not_taken_for_one(world: World, engine: DialogEngine, app: App) -> None:
    await _resolved(world)
    me = resident(engine)
    await me.say("楼下一般晚上很吵，幸福里小区3栋")  # 一般 inside a new matter
    assert await _answers(app) == []


@pytest.mark.parametrize(("said", "rating"), [
    ("还可以吧，就是师傅来得有点晚", Rating.BASIC), ("不行 灯还是一会亮一会不亮", Rating.DISSATISFIED),
    ("挺好的！师傅很耐心", Rating.SATISFIED),
])  # fmt: skip
async def test_a_word_that_counts_alone_leading_a_comment(world: World, engine: DialogEngine, app: App,
                                                          said: str, rating: Rating) -> None:
    """Ninth session: 「还行吧 希望以后别这样」 was added to the ticket as a note and the survey stayed open."""
    await _resolved(world)
    me = resident(engine)
    await me.say(said)
    (answer,) = await _answers(app)
    assert answer.rating == rating.value and answer.comment == said


async def test_a_word_that_counts_alone_before_danger_is_no_rating(world: World, engine: DialogEngine,
                                                                   app: App) -> None:
    await _resolved(world)
    me = resident(engine)
    await me.say("不行了，楼道里好大的煤气味")
    assert await _answers(app) == []
