"""The pure parts of the Telegram channel: callback signing, rendering, reading updates, limits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from aiogram.methods import SendMessage
from aiogram.types import Message, User

from bot.adapters.telegram import texts as tx
from bot.adapters.telegram.callbacks import MAX_BYTES, CallbackRefused, CallbackSigner, fits
from bot.adapters.telegram.render import Renderer, Target, keyboard, split_text
from bot.adapters.telegram.sender import TelegramLimits
from bot.adapters.telegram.updates import from_message, parse_command
from core import messages as m
from core.clock import ManualClock
from core.followthrough.ratelimit import MemoryRateLimiter, wait_and_take
from tests.telegram.conftest import TOKEN, virtual_sleep

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
ME = User(id=123456789, is_bot=True, first_name="社区诉求", username="complaint_test_bot")
LONGEST_KEYS = ["fu:261123-0001:12:basically_satisfied", "sv:261123-1234:3:dissatisfied", "claim:261123-0001",
                "nojoin:261123-0001", "opt:12"]


# ---- callback data -------------------------------------------------------------------------------

def test_signed_data_round_trips_within_64_bytes() -> None:
    signer = CallbackSigner(TOKEN)
    for key in LONGEST_KEYS:
        data = signer.sign(-1001000000001, key, NOW)
        assert len(data.encode()) <= MAX_BYTES
        assert signer.verify(-1001000000001, data, NOW + timedelta(days=30)) == key


@pytest.mark.parametrize("mutate", [
    lambda d: d[:-1] + ("A" if d[-1] != "A" else "B"),  # the MAC
    lambda d: d.replace("261123-0001", "261123-0002"),  # the key
    lambda d: d[:-18] + "0" * 6 + d[-12:],  # the time stamp
    lambda d: d.split("~")[0],  # no signature
    lambda d: d + "x",
    lambda d: "接单" + d,
    lambda d: "",
])
def test_tampered_data_is_forged(mutate) -> None:  # type: ignore[no-untyped-def]
    signer = CallbackSigner(TOKEN)
    data = signer.sign(42, "claim:261123-0001", NOW)
    with pytest.raises(CallbackRefused) as refused:
        signer.verify(42, mutate(data), NOW)
    assert refused.value.reason == "forged"


def test_data_is_bound_to_its_chat_and_bot_and_expires() -> None:
    signer = CallbackSigner(TOKEN)
    data = signer.sign(42, "claim:261123-0001", NOW)
    for chat, other_signer in ((43, signer), (42, CallbackSigner("987654321:another-bot-token"))):
        with pytest.raises(CallbackRefused, match="forged"):
            other_signer.verify(chat, data, NOW)
    with pytest.raises(CallbackRefused, match="stale"):
        signer.verify(42, data, NOW + signer.ttl + timedelta(minutes=2))
    with pytest.raises(CallbackRefused, match="stale"):  # from the future: a clock gone wrong, or forged
        signer.verify(42, signer.sign(42, "opt:1", NOW + timedelta(hours=1)), NOW)


def test_keys_that_cannot_travel_are_refused_when_signing() -> None:
    signer = CallbackSigner(TOKEN)
    assert not fits("opt:" + "x" * 60) and not fits("选项") and not fits("a~b") and not fits("")
    with pytest.raises(ValueError):
        signer.sign(1, "a~b", NOW)


# ---- rendering -------------------------------------------------------------------------------------

def test_split_text_cuts_at_line_ends_within_the_limit() -> None:
    text = "\n".join(f"第{i}行" + "字" * 50 for i in range(200))
    parts = split_text(text)
    assert all(len(p) <= 4096 for p in parts) and len(parts) == 3
    assert "\n".join(parts) == text
    assert split_text("x" * 5000) == ["x" * 4096, "x" * 904]


def test_keyboards_pack_short_labels_in_rows() -> None:
    signer = CallbackSigner(TOKEN)
    opts = lambda *labels: tuple(m.Choice(f"opt:{i}", label) for i, label in enumerate(labels))  # noqa: E731
    rows = lambda markup: [[b.text for b in row] for row in markup.inline_keyboard]  # noqa: E731
    assert rows(keyboard(1, opts("接单", "退回"), signer, NOW)) == [["接单", "退回"]]
    assert rows(keyboard(1, opts("满意", "基本满意", "不满意"), signer, NOW)) == [["满意", "基本满意", "不满意"]]
    assert rows(keyboard(1, opts("幸福里小区（东区）", "阳光花园一期", "翠湖苑"), signer, NOW)) == [
        ["幸福里小区（东区）"], ["阳光花园一期", "翠湖苑"]]


def test_a_group_prompt_names_the_worker_so_the_selective_force_reply_reaches_them() -> None:
    worker = User(id=2001, is_bot=False, first_name="张伟😀")
    [call] = Renderer(CallbackSigner(TOKEN)).plan(
        [m.Text("请回复本消息，写明进展", force_reply=True)], Target(-100, NOW, mention=worker))
    assert isinstance(call, SendMessage)
    assert call.text == "张伟😀 请回复本消息，写明进展"
    assert call.entities is not None and call.entities[0].length == 4  # UTF-16: the emoji counts twice
    assert call.reply_markup is not None and call.reply_markup.selective is True
    [call] = Renderer(CallbackSigner(TOKEN)).plan(
        [m.Text("请回复", force_reply=True)], Target(-100, NOW, mention=User(id=2, is_bot=False, first_name="李",
                                                                             username="lina")))
    assert call.text == "@lina 请回复" and not call.entities  # type: ignore[union-attr]


def test_a_prompt_that_opens_with_the_workers_name_names_them_once() -> None:
    """#14: 「张伟 张伟，请回复本消息…」 — the dialog's address and the mention were two names."""
    worker = User(id=2001, is_bot=False, first_name="张伟")
    prompt = m.Text("张伟，请回复本消息，写明进展", force_reply=True, addressee="张伟")
    [call] = Renderer(CallbackSigner(TOKEN)).plan([prompt], Target(-100, NOW, mention=worker))
    assert call.text == "张伟，请回复本消息，写明进展"  # type: ignore[union-attr]
    assert call.entities is not None and (call.entities[0].offset, call.entities[0].length) == (0, 2)  # type: ignore[union-attr]
    assert call.entities[0].user == worker  # type: ignore[union-attr]
    named = User(id=2, is_bot=False, first_name="李", username="lina")
    [call] = Renderer(CallbackSigner(TOKEN)).plan(
        [m.Text("李娜，请回复", force_reply=True, addressee="李娜")], Target(-100, NOW, mention=named))
    assert call.text == "@lina，请回复"  # type: ignore[union-attr]
    assert m.from_json(m.to_json(prompt)) == prompt  # the addressee survives the outbox


def test_the_main_menu_rides_on_the_first_plain_message_in_private_only() -> None:
    r = Renderer(CallbackSigner(TOKEN))
    choices = m.Choices("请选择：", (m.Choice("opt:1", "甲"),))
    first, second = r.plan([choices, m.Text("您好")], Target(7, NOW, main_menu=True))
    assert second.reply_markup.keyboard[0][0].text == tx.MENU_FILE  # type: ignore[union-attr]
    assert first.reply_markup.inline_keyboard  # type: ignore[union-attr]
    only_choices = r.plan([choices], Target(7, NOW, main_menu=True, menu_hint=True))
    assert only_choices[-1].text == tx.MENU_HINT  # type: ignore[union-attr]
    assert len(r.plan([choices], Target(7, NOW, main_menu=True))) == 1  # no hint asked for: no extra message
    assert all(getattr(c, "reply_markup", None) is None or not hasattr(c.reply_markup, "keyboard")
               for c in r.plan([m.Text("x")], Target(-100, NOW, main_menu=True)))


# ---- reading updates --------------------------------------------------------------------------------

def message(chat: dict, text: str | None = None, **extra: object) -> Message:
    data = {"message_id": 5, "date": 1700000000, "chat": chat,
            "from": {"id": 1001, "is_bot": False, "first_name": "张", "last_name": "阿姨"}, **extra}
    if text is not None:
        data["text"] = text
    return Message.model_validate(data)


PRIVATE = {"id": 1001, "type": "private", "first_name": "张"}
GROUP = {"id": -100, "type": "supergroup", "title": "网格群"}


def test_commands() -> None:
    assert parse_command("/bind A CODE12", "complaint_test_bot").args == ("A", "CODE12")  # type: ignore[union-attr]
    assert parse_command("/START@Complaint_Test_Bot", "complaint_test_bot").name == "start"  # type: ignore[union-attr]
    assert parse_command("/start@other_bot", "complaint_test_bot").for_us is False  # type: ignore[union-attr]
    assert parse_command("/", "b") is None and parse_command("3/4栋", "b") is None
    assert parse_command("/x " + "a " * 50, "b").args == ("a",) * 10  # type: ignore[union-attr]


def test_private_messages_become_incoming() -> None:
    i = from_message(message(PRIVATE, "/bind CODE"), ME, NOW)
    assert i is not None and (i.command, i.args, i.text, i.chat_kind, i.sender_name) == (
        "bind", ("CODE",), None, "private", "张 阿姨")
    menu = from_message(message(PRIVATE, tx.MENU_MINE), ME, NOW)  # the menu's words, as typed
    assert menu is not None and (menu.text, menu.command) == (tx.MENU_MINE, None)
    assert from_message(message(PRIVATE, tx.MENU_FILE), ME, NOW).text == tx.MENU_FILE  # type: ignore[union-attr]
    photo = from_message(message(PRIVATE, photo=[
        {"file_id": "big", "file_unique_id": "b", "width": 1280, "height": 960},
        {"file_id": "small", "file_unique_id": "s", "width": 90, "height": 60}], caption="漏水", media_group_id="g1"),
        ME, NOW)
    assert photo is not None and photo.photos == (m.MediaRef("telegram", "big"),) and photo.text == "漏水"
    assert photo.extra["media_group_id"] == "g1"
    doc = from_message(message(PRIVATE, document={"file_id": "doc1", "file_unique_id": "d", "mime_type": "image/jpeg"}),
                       ME, NOW)
    assert doc is not None and doc.photos == (m.MediaRef("telegram", "doc1"),)
    venue = from_message(message(PRIVATE, venue={"location": {"latitude": 30.1, "longitude": 120.2},
                                                 "title": "幸福里小区", "address": "幸福路1号"}), ME, NOW)
    assert venue is not None and venue.location == m.GeoPoint(30.1, 120.2, "幸福里小区（幸福路1号）")
    contact = from_message(message(PRIVATE, contact={"phone_number": "+8613812345678", "first_name": "张",
                                                     "user_id": 1001}), ME, NOW)
    assert contact is not None and contact.text == "+8613812345678" and contact.extra["contact"] is True
    voice = from_message(message(PRIVATE, voice={"file_id": "v", "file_unique_id": "v", "duration": 3}), ME, NOW)
    assert voice is not None and voice.extra["unsupported"] == "voice"


def test_in_groups_only_what_is_meant_for_the_bot_counts() -> None:
    assert from_message(message(GROUP, "大家好"), ME, NOW) is None
    assert from_message(message(GROUP, "/start@other_bot"), ME, NOW) is None
    mention = from_message(message(GROUP, "@complaint_test_bot 帮我看看"), ME, NOW)
    assert mention is not None and mention.text == "帮我看看" and mention.chat_kind == "group"
    bot_message = {"message_id": 3, "date": 1700000000, "chat": GROUP, "text": "请回复",
                   "from": {"id": ME.id, "is_bot": True, "first_name": "bot"}}
    reply = from_message(message(GROUP, "已处理", reply_to_message=bot_message), ME, NOW)
    assert reply is not None and reply.reply_to == "3" and reply.extra["reply_to_bot"] is True
    other = {**bot_message, "from": {"id": 77, "is_bot": False, "first_name": "x"}}
    assert from_message(message(GROUP, "已处理", reply_to_message=other), ME, NOW) is None
    assert from_message(message({"id": -200, "type": "channel", "title": "c"}, "/start"), ME, NOW) is None


# ---- limits -------------------------------------------------------------------------------------------

async def test_telegrams_limits_on_the_shared_limiter_in_virtual_time() -> None:
    clock = ManualClock(NOW)
    limiter, sleep = MemoryRateLimiter(clock), virtual_sleep(clock)
    limits = TelegramLimits()
    for _ in range(3):
        await wait_and_take(limiter, limits.for_chat(1, 1001), sleep)
    assert clock.now() == NOW  # a reply of three messages goes at once
    for _ in range(6):
        await wait_and_take(limiter, limits.for_chat(1, 1001), sleep)
    assert clock.now() - NOW == timedelta(seconds=6)  # then one a second in a private chat
    start = clock.now()
    for _ in range(21):
        await wait_and_take(limiter, limits.for_chat(1, -100), sleep)
    assert timedelta(seconds=60) <= clock.now() - start < timedelta(seconds=61)  # twenty a minute in a group
    start = clock.now()
    for chat in range(2000, 2031):
        await wait_and_take(limiter, limits.for_chat(1, chat), sleep)
    assert timedelta(seconds=1) <= clock.now() - start < timedelta(seconds=2)  # thirty a second overall
    chat = limits.for_chat(1, 3000)
    await limiter.pause(chat[0].key, 5)  # a 429 with retry_after 5
    assert await limiter.paused_for(chat[0].key) == 5 and await limiter.peek(chat) == 5
    start = clock.now()
    await wait_and_take(limiter, chat, sleep)
    assert clock.now() - start == timedelta(seconds=5)
    assert await limiter.paused_for(chat[0].key) == 0
