"""The follow-up visit (回访): the survey at resolution, one reminder, a phone task for the grid,
and closing as "no answer" — never as satisfied without an answer. Through the National Day."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.app import App, build_sender, build_timers
from core import messages as m
from core.clock import ManualClock
from core.db.models import OutboxMessage, SurveyAnswer, Ticket
from core.delivery import DeliveryResult
from core.enums import Rating
from core.followthrough.ratelimit import MemoryRateLimiter
from core.service import keys
from tests.followthrough.channel import RecordingChannel
from tests.followthrough.timeline import fired, local, walk_plan, without_daily_jobs
from tests.world import World

H = timedelta(hours=1)


async def resolved(world: World, clock: ManualClock, text: str = "3栋楼道灯坏了") -> str:
    app = without_daily_jobs(world.app)
    number = await world.file(text)
    clock.advance(minutes=30)
    await app.tickets.claim(number, world.actor(world.worker))
    clock.advance(minutes=30)
    await app.tickets.resolve(number, world.actor(world.worker), "已更换灯泡")
    return number


def wired(app: App, channel: RecordingChannel):  # type: ignore[no-untyped-def]
    app.senders[channel.channel] = channel
    return [build_timers(app), build_sender(app, limiter=MemoryRateLimiter(app.clock))]


class _Both:
    """Timers and sender in one pass, as `serve` runs them."""

    def __init__(self, timers, sender) -> None:  # type: ignore[no-untyped-def]
        self.timers, self.sender = timers, sender

    async def run_once(self) -> None:
        await self.timers.run_once()
        await self.sender.run_once()


async def outcome(app: App, number: str) -> tuple[str, list[tuple[str, str]]]:
    async with app.db.transaction() as s:
        t = (await s.execute(select(Ticket).where(Ticket.number == number))).scalar_one()
        answers = (await s.execute(select(SurveyAnswer.rating, SurveyAnswer.via).where(
            SurveyAnswer.ticket_id == t.id))).all()
    return t.status, [tuple(a) for a in answers]


async def test_silence_through_the_national_day(world: World, clock: ManualClock) -> None:
    app = without_daily_jobs(world.app)
    channel = RecordingChannel("test")
    both = _Both(*wired(app, channel))
    clock.set(local(2026, 9, 30, 15))
    number = await resolved(world, clock)  # resolved 16:00 on the last working day before the holiday
    await walk_plan(both, clock, [(local(2026, 10, 1, 18), H), (local(2026, 10, 9, 6), 6 * H),
                                  (local(2026, 10, 9, 10), H), (local(2026, 10, 12, 4), 6 * H),
                                  (local(2026, 10, 12, 10), H)])
    assert await fired(app, number) == [
        ("10-01 16:00", "reminded", "survey"),  # 24 h after the survey reached the resident
        ("10-09 09:00", "reminded", "phone_followup"),  # 2 working days: 10-08, 10-09
        ("10-12 09:00", "closed", "no_answer"),  # 4 working days: 10-08, 10-09, 10-10 (make-up), 10-12
    ]
    assert await outcome(app, number) == ("closed", [(Rating.NO_ANSWER.value, "timeout")])
    survey = [d for d in channel.to("resident-1") if d.purpose in ("survey", "survey_reminder")]
    assert [d.purpose for d in survey] == ["survey", "survey_reminder"]
    reminder = survey[1].messages[0]
    assert isinstance(reminder, m.Choices)
    assert [o.key for o in reminder.options] == [keys.encode(keys.SURVEY, number, 1, r)
                                                 for r in ("satisfied", "basically_satisfied", "dissatisfied")]
    task = [d for d in channel.to("group-A") if d.purpose == "followup_task"]
    assert len(task) == 1
    card = task[0].messages[0]
    assert isinstance(card, m.Choices)
    assert [o.key for o in card.options] == [f"fu:{number}:1:satisfied", f"fu:{number}:1:basically_satisfied",
                                             f"fu:{number}:1:dissatisfied"]
    assert "138****5678" in card.prompt and "13812345678" not in card.prompt  # the group sees a masked phone
    private = [d for d in channel.to("w1") if d.purpose == "followup_phone"]
    assert len(private) == 1 and "13812345678" in m.plain_text(list(private[0].messages))
    closed = [d for d in channel.to("resident-1") if d.purpose == "closed"]
    assert len(closed) == 1


async def test_phone_answer_recorded_by_the_worker_stops_the_close(world: World, clock: ManualClock) -> None:
    app = without_daily_jobs(world.app)
    both = _Both(*wired(app, RecordingChannel("test")))
    number = await resolved(world, clock)  # Monday 11:00
    await walk_plan(both, clock, [(local(2026, 11, 24, 10), 3 * H), (local(2026, 11, 24, 13), H),
                                  (local(2026, 11, 25, 7), 6 * H), (local(2026, 11, 25, 10), H)])
    assert await fired(app, number) == [("11-24 11:00", "reminded", "survey"),
                                        ("11-25 09:00", "reminded", "phone_followup")]
    # the worker phoned and pressed 居民满意 on the task: the dialogs call rate(via="phone")
    result = await app.tickets.rate(number, world.actor(world.worker), Rating.SATISFIED, via="phone")
    assert result.recorded and result.closed
    await walk_plan(both, clock, [(local(2026, 11, 30, 12), 3 * H)])
    assert [kind for _, _, kind in await fired(app, number)] == ["survey", "phone_followup"]
    assert await outcome(app, number) == ("closed", [(Rating.SATISFIED.value, "phone")])


async def test_an_answer_in_chat_stops_everything(world: World, clock: ManualClock) -> None:
    app = without_daily_jobs(world.app)
    both = _Both(*wired(app, RecordingChannel("test")))
    number = await resolved(world, clock)
    await walk_plan(both, clock, [(local(2026, 11, 24, 6), 3 * H)])
    await app.tickets.rate(number, await world.resident(), Rating.BASIC)
    await walk_plan(both, clock, [(local(2026, 12, 1, 12), 6 * H)])
    assert await fired(app, number) == []
    assert await outcome(app, number) == ("closed", [(Rating.BASIC.value, "chat")])


async def test_dissatisfied_reopens_and_the_new_round_is_followed_up_again(world: World, clock: ManualClock) -> None:
    app = without_daily_jobs(world.app)
    both = _Both(*wired(app, RecordingChannel("test")))
    number = await resolved(world, clock)
    await app.tickets.rate(number, await world.resident(), Rating.DISSATISFIED, comment="灯还是不亮")
    clock.advance(hours=1)
    await app.tickets.claim(number, world.actor(world.worker))
    await app.tickets.resolve(number, world.actor(world.worker), "更换了整套灯具")
    await walk_plan(both, clock, [(local(2026, 11, 30, 12), 6 * H)])
    survey_and_close = [(kind) for _, ev, kind in await fired(app, number) if ev in ("reminded", "closed")]
    assert "survey" in survey_and_close and survey_and_close[-1] == "no_answer"
    status, answers = await outcome(app, number)
    assert status == "closed"
    assert sorted(answers) == sorted([(Rating.DISSATISFIED.value, "chat"), (Rating.NO_ANSWER.value, "timeout")])


async def test_a_survey_held_for_the_wechat_window_is_not_reminded_until_it_arrives(
        world: World, clock: ManualClock) -> None:
    app = without_daily_jobs(world.app)
    channel = RecordingChannel("test")
    channel.always["resident-1"] = DeliveryResult("deferred", reason="outside the 48 h window")
    both = _Both(*wired(app, channel))
    number = await resolved(world, clock)  # Monday 11:00
    await walk_plan(both, clock, [(local(2026, 11, 24, 20), 3 * H)])
    assert await fired(app, number) == []  # the survey itself is still waiting for the resident
    # Tuesday 20:00 the resident writes again: the channel hands over what was held
    held = await app.outbox.take_deferred("test", "resident-1")
    assert "survey" in [d.purpose for d in held]
    del channel.always["resident-1"]
    await walk_plan(both, clock, [(local(2026, 11, 25, 8), 3 * H), (local(2026, 11, 25, 10), H)])
    # the phone task does not wait for the window: Wednesday 09:00, 2 working days after resolving
    assert await fired(app, number) == [("11-25 09:00", "reminded", "phone_followup")]
    await walk_plan(both, clock, [(local(2026, 11, 26, 22), 3 * H)])
    # and once the grid phones, a chat reminder would only repeat the question
    assert await fired(app, number) == [("11-25 09:00", "reminded", "phone_followup")]


async def test_survey_reminder_counts_from_delivery_not_resolution(world: World, clock: ManualClock) -> None:
    app = without_daily_jobs(world.app)
    channel = RecordingChannel("test")
    channel.always["resident-1"] = DeliveryResult("deferred", reason="outside the 48 h window")
    both = _Both(*wired(app, channel))
    number = await resolved(world, clock)  # Monday 11:00
    await walk_plan(both, clock, [(local(2026, 11, 23, 15), H)])
    await app.outbox.take_deferred("test", "resident-1")  # they wrote at 15:00 and got the survey
    del channel.always["resident-1"]
    await walk_plan(both, clock, [(local(2026, 11, 24, 10), 3 * H), (local(2026, 11, 24, 16), H)])
    assert await fired(app, number) == [("11-24 15:00", "reminded", "survey")]
    async with app.db.transaction() as s:
        rows = (await s.execute(select(OutboxMessage.status).where(
            OutboxMessage.address == "resident-1", OutboxMessage.purpose == "survey_reminder"))).all()
    assert rows == [("sent",)]
