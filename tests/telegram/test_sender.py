"""TelegramSender against the Bot API server: what each outbox row becomes, and what each of
Telegram's answers means for it."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from aiogram.methods import SendMessage

from bot.adapters.telegram import TelegramSender, make_bot
from bot.adapters.telegram import texts as tx
from core import messages as m
from core.clock import ManualClock
from core.config import TelegramSettings
from core.delivery import Delivery, DeliveryResult
from core.followthrough.ratelimit import MemoryRateLimiter, RedisRateLimiter, wait_and_take
from tests.conftest import IN_CI, REDIS_URL
from tests.delivery import hand_over
from tests.fakes.telegram_api import FakeTelegram
from tests.telegram.conftest import TOKEN, virtual_sleep

USER, GROUP = 1001, -1001000000001
_ids = iter(range(1, 10_000))


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 11, 23, 2, 0, tzinfo=UTC))


@pytest.fixture
async def env(fake: FakeTelegram, clock: ManualClock) -> AsyncIterator[tuple[FakeTelegram, TelegramSender]]:
    fake.user(USER, "张阿姨")
    fake.started.add(USER)
    fake.group(GROUP, "幸福里网格群").bot_member = True
    sender = TelegramSender(make_bot(TelegramSettings(bot_token=TOKEN, api_base=fake.base_url)), clock=clock,
                            limiter=MemoryRateLimiter(clock), sleep=virtual_sleep(clock))
    yield fake, sender
    await sender.close()


async def deliver(sender: TelegramSender, item: Delivery) -> DeliveryResult:
    """As the outbox sender hands a row over: its first message takes its place in the limits first,
    the sender coming back (in virtual time) until there is room."""
    assert isinstance(sender.clock, ManualClock)
    while (wait := await sender.limiter.acquire(sender.limits(item))) > 0:
        sender.clock.advance(seconds=wait)
    return await sender.deliver(item)


def row(address: int, *messages: m.OutMessage, edit_key: str | None = None, previous_ref: str | None = None,
        delivery_id: int | None = None) -> Delivery:
    return Delivery(id=delivery_id or next(_ids), channel="telegram", address=str(address), audience="group",
                    purpose="card" if edit_key else "update", messages=messages, edit_key=edit_key,
                    previous_ref=previous_ref)


def card(text: str, *labels: str) -> m.OutMessage:
    verbs = {"接单": "claim", "退回": "ret", "进展": "prog", "办结": "done"}
    if not labels:
        return m.Text(text)
    return m.Choices(text, tuple(m.Choice(f"{verbs[label]}:261123-0001", label) for label in labels))


async def test_a_card_is_sent_then_edited_in_place_and_sent_anew_when_deleted(env, clock) -> None:  # type: ignore[no-untyped-def]
    fake, sender = env
    first = await deliver(sender, row(GROUP, card("【工单】已派单", "接单", "退回"), edit_key="card:1"))
    assert first.outcome == "sent"
    chat, message_id = (int(x) for x in (first.platform_ref or "").rsplit(":", 1))
    assert chat == GROUP and fake.labels(fake.chats[GROUP].messages[message_id]) == ["接单", "退回"]

    edited = await deliver(sender, row(GROUP, card("【工单】处理中", "进展", "办结", "退回"), edit_key="card:1",
                                      previous_ref=first.platform_ref))
    assert edited.outcome == "sent" and edited.platform_ref == first.platform_ref
    message = fake.chats[GROUP].messages[message_id]
    assert message["text"] == "【工单】处理中" and fake.labels(message) == ["进展", "办结", "退回"]
    assert len(fake.ok_calls("sendMessage", GROUP)) == 1

    # the same card again: Telegram says "not modified", which is a success
    again = await deliver(sender, row(GROUP, card("【工单】处理中", "进展", "办结", "退回"), edit_key="card:1",
                                     previous_ref=first.platform_ref))
    assert (again.outcome, again.platform_ref) == ("sent", first.platform_ref)
    assert "not modified" in (fake.calls[-1].description or "")

    # nothing left to do: the buttons go
    done = await deliver(sender, row(GROUP, card("【工单】已结案"), edit_key="card:1", previous_ref=first.platform_ref))
    assert done.outcome == "sent" and "reply_markup" not in fake.chats[GROUP].messages[message_id]

    # someone deleted the card: it comes back as a new message
    del fake.chats[GROUP].messages[message_id]
    anew = await deliver(sender, row(GROUP, card("【工单】重新处理", "接单", "退回"), edit_key="card:1",
                                    previous_ref=first.platform_ref))
    assert anew.outcome == "sent" and anew.platform_ref != first.platform_ref
    assert fake.last(GROUP)["text"] == "【工单】重新处理"


async def test_a_429_half_way_sends_nothing_twice(env, clock) -> None:  # type: ignore[no-untyped-def]
    fake, sender = env
    photo = fake.photo_sizes()[1]["file_id"]
    item = row(USER, m.Text("工单已办结"), m.Photo(m.MediaRef("telegram", photo)), m.Text("请评价"))
    fake.fail("sendPhoto", chat_id=USER, code=429, description="Too Many Requests: retry after 2", retry_after=2)
    first = await deliver(sender, item)
    assert (first.outcome, first.retry_after) == ("retry", 2)
    assert fake.texts(USER) == ["工单已办结"]
    calls = len(fake.calls)
    paused = await sender.deliver(item)  # too early: Telegram is not even asked
    assert paused.outcome == "retry" and 0 < (paused.retry_after or 0) <= 2
    assert len(fake.calls) == calls
    clock.advance(seconds=2)
    done = await deliver(sender, item)
    assert done.outcome == "sent"
    assert fake.texts(USER) == ["工单已办结", "", "请评价"]
    assert len(fake.ok_calls("sendPhoto", USER)) == 1


async def test_photos_albums_locations_long_texts_and_foreign_media(env) -> None:  # type: ignore[no-untyped-def]
    fake, sender = env
    ids = [fake.photo_sizes()[1]["file_id"] for _ in range(3)]
    result = await deliver(sender, row(
        USER,
        *(m.Photo(m.MediaRef("telegram", i), caption="现场照片" if n == 0 else "") for n, i in enumerate(ids)),
        m.Photo(m.MediaRef("wechat", "wx-media-1"), caption="居民上传"),
        m.Photo(m.MediaRef("telegram", "no-such-file"), caption="旧照片"),
        m.Location(m.GeoPoint(30.27, 120.15, "幸福里小区3栋")),
        m.Location(m.GeoPoint(30.28, 120.16)),
        m.Text("很长的说明。\n" * 800),
    ))
    assert result.outcome == "sent"
    [album] = fake.ok_calls("sendMediaGroup", USER)
    assert [p["media"] for p in album.params["media"]] == ids
    texts = fake.texts(USER)
    assert tx.FOREIGN_MEDIA_WITH_CAPTION.format(caption="居民上传") in texts
    assert tx.PHOTO_UNAVAILABLE + "旧照片" in texts  # the one photo Telegram no longer knows (sent alone, so by sendPhoto)
    [venue] = fake.ok_calls("sendVenue", USER)
    assert venue.params["title"] == "幸福里小区3栋"
    assert len(fake.ok_calls("sendLocation", USER)) == 1
    long_parts = [c.params["text"] for c in fake.ok_calls("sendMessage", USER) if "很长的说明" in c.params["text"]]
    assert len(long_parts) == 2 and all(len(p) <= 4096 for p in long_parts)
    assert "".join(long_parts).count("很长的说明") == 800


async def test_a_key_too_long_for_a_button_falls_back_to_numbered_options(env) -> None:  # type: ignore[no-untyped-def]
    fake, sender = env
    long_key = "opt:" + "x" * 60
    result = await deliver(sender, row(USER, m.Choices("请选择：", (m.Choice(long_key, "甲"), m.Choice("opt:2", "乙")))))
    assert result.outcome == "sent"
    message = fake.last(USER)
    assert message["text"] == "请选择：\n1. 甲\n2. 乙" and "reply_markup" not in message


@pytest.mark.parametrize(("code", "description", "parameters", "outcome"), [
    (403, "Forbidden: bot was blocked by the user", None, "blocked"),
    (403, "Forbidden: user is deactivated", None, "blocked"),
    (403, "Forbidden: bot was kicked from the supergroup chat", None, "blocked"),
    (403, "Forbidden: bot can't initiate conversation with a user", None, "failed"),
    (400, "Bad Request: chat not found", None, "failed"),
    (400, "Bad Request: group chat was upgraded to a supergroup chat", {"migrate_to_chat_id": -100777}, "failed"),
    (401, "Unauthorized", None, "retry"),
    (500, "Internal Server Error", None, "retry"),
    (502, "Bad Gateway", None, "retry"),
])
async def test_what_telegram_errors_mean(env, code, description, parameters, outcome) -> None:  # type: ignore[no-untyped-def]
    fake, sender = env
    fake.fail("sendMessage", code=code, description=description, parameters=parameters)
    result = await deliver(sender, row(USER, m.Text("您好")))
    assert result.outcome == outcome
    assert description.split(": ", 1)[-1] in result.reason
    if parameters:
        assert "-100777" in result.reason


async def test_bad_addresses_and_the_declared_limits(env) -> None:  # type: ignore[no-untyped-def]
    fake, sender = env
    assert (await deliver(sender, row(USER, m.Text("x")).__class__(
        id=1, channel="telegram", address="oBAD-openid", audience="resident", purpose="x",
        messages=(m.Text("x"),)))).outcome == "failed"
    private = {(lim.count, lim.per_seconds) for lim in sender.limits(row(USER, m.Text("x")))}
    group = {(lim.count, lim.per_seconds) for lim in sender.limits(row(GROUP, m.Text("x")))}
    assert private == {(3, 3.0), (30, 1.0)}
    assert group == {(3, 3.0), (30, 1.0), (20, 60.0)}
    keys = [lim.key for lim in sender.limits(row(GROUP, m.Text("x")))]
    assert all(k.startswith(f"telegram:{fake.bot_id}:") for k in keys)


async def test_a_row_for_a_group_whose_minute_is_used_up_is_given_back_not_waited_for(env, clock) -> None:  # type: ignore[no-untyped-def]
    fake, sender = env
    limits = sender.chat_limits(GROUP)
    while await sender.limiter.peek(limits) < 30:
        await wait_and_take(sender.limiter, limits, sender.sleep)
    before = len(fake.calls)
    result = await hand_over(sender.limiter, sender, row(GROUP, m.Text("第二十一条")))
    assert result.outcome == "retry" and (result.retry_after or 0) > 20
    assert len(fake.calls) == before
    clock.advance(seconds=result.retry_after or 0)
    assert (await hand_over(sender.limiter, sender, row(GROUP, m.Text("第二十一条")))).outcome == "sent"


async def test_the_rest_of_a_row_waits_for_room_and_is_never_sent_twice(env, clock) -> None:  # type: ignore[no-untyped-def]
    fake, sender = env
    limits = sender.chat_limits(GROUP)
    for _ in range(19):  # one place left in the group's minute
        await wait_and_take(sender.limiter, limits, sender.sleep)
    item = row(GROUP, m.Text("第一条"), m.Text("第二条"))
    half = await hand_over(sender.limiter, sender, item)
    assert half.outcome == "retry" and (half.retry_after or 0) > 20  # given back, not waited for
    assert fake.texts(GROUP) == ["第一条"]
    clock.advance(seconds=half.retry_after or 0)
    assert (await hand_over(sender.limiter, sender, item)).outcome == "sent"
    assert fake.texts(GROUP) == ["第一条", "第二条"]


async def test_replies_from_two_processes_count_against_the_same_limits(fake: FakeTelegram, clock: ManualClock) -> None:
    """Each process sends its replies at once, but the limits are the deployment's: with the limiter in
    Redis, two processes answering one chat together still keep Telegram's three per three seconds."""
    from redis.asyncio import Redis

    client = Redis.from_url(REDIS_URL)
    try:
        await client.ping()
    except Exception as exc:  # not reachable: skip, unless CI promised Redis
        await client.aclose()
        if IN_CI:
            pytest.fail(f"CI=true but Redis at {REDIS_URL} is not reachable: {exc}")
        pytest.skip(f"Redis not reachable at {REDIS_URL} ({exc})")
    fake.user(USER, "张阿姨")
    fake.started.add(USER)
    prefix = f"test:{uuid.uuid4().hex}:"
    settings = TelegramSettings(bot_token=TOKEN, api_base=fake.base_url)
    processes = [TelegramSender(make_bot(settings), clock=clock, limiter=RedisRateLimiter(clock, client, prefix),
                                sleep=virtual_sleep(clock)) for _ in range(2)]
    try:
        start = clock.now()
        for n in range(6):
            await processes[n % 2].send(SendMessage(chat_id=USER, text=f"第{n}条"), USER)
        assert fake.texts(USER) == [f"第{n}条" for n in range(6)]
        assert clock.now() - start >= timedelta(seconds=3)  # the fourth waited for the first to leave the window
    finally:
        for sender in processes:
            await sender.bot.session.close()
        keys = await client.keys(prefix + "*")
        if keys:
            await client.delete(*keys)
        await client.aclose()
