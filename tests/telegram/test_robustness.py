"""What goes wrong in real life: strangers pressing buttons, forged and stale buttons, webhook
calls without the secret, updates delivered twice, Telegram's 429, people who blocked the bot."""

from __future__ import annotations

from datetime import timedelta

import aiohttp
import pytest
from sqlalchemy import func, select

from bot.adapters.telegram import texts as tx
from core import messages as m
from core.db.models import ChannelIdentity, OutboxMessage, ProcessedUpdate, Ticket, TicketEvent
from core.enums import Status
from tests.telegram.conftest import (
    GROUP_A,
    OTHER_WORKER,
    RESIDENT,
    SECRET,
    STRANGER,
    WORKER,
    WORKER2,
    Harness,
    community,
    file_complaint,
)

webhook_only = pytest.mark.parametrize("mode", ["webhook"])
polling_only = pytest.mark.parametrize("mode", ["polling"])


async def count(h: Harness, model: type, *where: object) -> int:
    async with h.app.db.transaction() as s:
        return int((await s.execute(select(func.count()).select_from(model).where(*where))).scalar_one())


async def snapshot(h: Harness, number: str) -> tuple[str, int | None, int, int]:
    t = await h.app.queries.by_number(number)
    assert t is not None
    return t.status, t.assignee_id, t.version, await count(h, OutboxMessage)


async def blocked_at(h: Harness, identity_id: int) -> object:
    async with h.app.db.transaction() as s:
        identity = await s.get(ChannelIdentity, identity_id)
        assert identity is not None
        return identity.blocked_at


async def filed_and_posted(h: Harness, **kwargs: bool) -> tuple[str, dict]:
    await community(h, **kwargs)
    number, _ = await file_complaint(h, photo=False)
    await h.drain()
    return number, h.fake.find(GROUP_A, f"【工单 {number}】")


async def redeliver(h: Harness, update: dict) -> None:
    """The same update once more: a webhook retry, or in polling mode a restart after which
    Telegram sends again what it never heard was handled."""
    if h.mode == "webhook":
        pushed = await h.fake.deliver(update)
        assert pushed.status == 200
    else:
        await h.restart(forget_confirmed_from=update["update_id"])
        await h.fake.wait_confirmed(update["update_id"])


@webhook_only
async def test_a_non_member_pressing_claim_gets_an_alert_and_nothing_changes(tg: Harness) -> None:
    f = tg.fake
    number, card = await filed_and_posted(tg)
    before = await snapshot(tg, number)
    _, other_grid = await f.press(OTHER_WORKER, GROUP_A, card["message_id"], "接单")
    _, stranger = await f.press(STRANGER, GROUP_A, card["message_id"], "接单")
    assert f.answers[other_grid]["show_alert"] is True
    assert "不是该工单所属网格的工作人员" in f.answers[other_grid]["text"]
    assert f.answers[stranger]["show_alert"] is True and "没有绑定工作人员身份" in f.answers[stranger]["text"]
    assert await snapshot(tg, number) == before
    await tg.drain()
    assert f.labels(f.chats[GROUP_A].messages[card["message_id"]]) == ["接单", "退回"]
    assert "edit_date" not in f.chats[GROUP_A].messages[card["message_id"]]


async def test_forged_and_stale_buttons_are_refused_before_the_conversation(tg: Harness) -> None:
    f = tg.fake
    number, card = await filed_and_posted(tg)
    before = await snapshot(tg, number)
    seen = len(tg.engine.seen)
    genuine = f.buttons(card)[0]["callback_data"]
    signer = tg.sender.signer
    attempts = {
        "made up": f"claim:{number}~000000AAAAAAAAAAAA",
        "tampered": genuine.replace(number, number[:-1] + "9"),
        "no signature": f"claim:{number}",
        "another chat's": signer.sign(RESIDENT, f"claim:{number}", tg.clock.now()),
        "old": signer.sign(GROUP_A, f"claim:{number}", tg.clock.now() - timedelta(days=61)),
    }
    answers = {}
    for what, data in attempts.items():
        _, query = await f.press(WORKER, GROUP_A, card["message_id"], data=data)
        answers[what] = f.answers[query]
    assert {what: a["text"] for what, a in answers.items()} == {
        "made up": tx.BUTTON_FORGED, "tampered": tx.BUTTON_FORGED, "no signature": tx.BUTTON_FORGED,
        "another chat's": tx.BUTTON_FORGED, "old": tx.BUTTON_STALE,
    }
    assert all(a["show_alert"] is True for a in answers.values())
    assert len(tg.engine.seen) == seen  # the conversation never saw them
    assert await snapshot(tg, number) == before
    # the genuine button still works
    await f.press(WORKER, GROUP_A, card["message_id"], "接单")
    assert (await tg.app.queries.by_number(number)).status == Status.ACCEPTED  # type: ignore[union-attr]


@webhook_only
async def test_a_webhook_without_the_secret_is_refused_and_changes_nothing(tg: Harness) -> None:
    f = tg.fake
    f.user(RESIDENT, "张阿姨")
    update = {"update_id": 777001, "message": {
        "message_id": 1, "date": 1700000000, "chat": {"id": RESIDENT, "type": "private", "first_name": "张阿姨"},
        "from": f.users[RESIDENT], "text": "/start", "entities": [{"type": "bot_command", "offset": 0, "length": 6}]}}
    f.started.add(RESIDENT)
    assert await f.post_webhook(update, secret=False) == 401
    assert await f.post_webhook(update, secret="wrong-secret") == 401
    assert await f.post_webhook(update, secret=SECRET[:-1]) == 401
    assert f.bot_messages(RESIDENT) == [] and tg.engine.seen == []
    assert await count(tg, ProcessedUpdate) == 0  # not even remembered as seen
    # bad bodies with the right secret are refused with a reason
    async with aiohttp.ClientSession() as http:
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        async with http.post(tg.webhook_url, data="not json", headers={**headers, "Content-Type": "application/json"}) as r:
            assert r.status == 400
        async with http.post(tg.webhook_url, data="{}", headers={**headers, "Content-Type": "text/plain"}) as r:
            assert r.status == 415
        async with http.post(tg.webhook_url, json={"no": "update_id"}, headers=headers) as r:
            assert r.status == 400
        async with http.post(tg.webhook_url, data=b"x" * (2 * 1024 * 1024),
                             headers={**headers, "Content-Type": "application/json"}) as r:
            assert r.status == 413
    # the same update with the secret is handled as if the refused ones never happened
    assert await f.post_webhook(update) == 200
    assert f.bot_messages(RESIDENT) and len(tg.engine.seen) == 1


async def test_an_update_delivered_twice_has_no_second_effect(tg: Harness) -> None:
    f = tg.fake
    await community(tg)
    number, _ = await file_complaint(tg, photo=False)
    filing = f.history[-1]  # 提交 on the read-back
    assert filing["callback_query"]["from"]["id"] == RESIDENT
    replies = len(f.bot_messages(RESIDENT))
    await redeliver(tg, filing)
    assert await count(tg, Ticket) == 1
    assert len(f.bot_messages(RESIDENT)) == replies
    assert len([c for c in f.calls if c.method == "answerCallbackQuery"
                and c.params["callback_query_id"] == filing["callback_query"]["id"]]) == 1
    await tg.drain()

    card = f.find(GROUP_A, f"【工单 {number}】")
    _, query = await f.press(WORKER, GROUP_A, card["message_id"], "接单")
    claim = f.history[-1]
    await redeliver(tg, claim)
    t = await tg.app.queries.by_number(number)
    assert t is not None and t.status == Status.ACCEPTED
    assert await count(tg, TicketEvent, TicketEvent.type == "claimed") == 1
    assert len([c for c in f.calls if c.method == "answerCallbackQuery"
                and c.params["callback_query_id"] == query]) == 1


@polling_only
async def test_polling_stops_cleanly_and_resumes_after_the_last_handled_update(tg: Harness) -> None:
    f = tg.fake
    f.user(RESIDENT, "张阿姨")
    await f.write(RESIDENT, "/start")
    handled = f.history[-1]["update_id"]
    await tg.restart()
    # stopping confirmed what was handled, so after the restart nothing comes twice
    confirm = [c for c in f.calls if c.method == "getUpdates" and c.params.get("offset") == handled + 1]
    assert confirm
    assert len(tg.engine.seen) == 1
    await f.write(RESIDENT, "/help")
    assert len(tg.engine.seen) == 2


async def test_a_429_is_retried_after_retry_after_and_delivered_once(tg: Harness) -> None:
    f = tg.fake
    await community(tg)
    number, _ = await file_complaint(tg, photo=False)
    await tg.drain()  # the card
    f.fail("sendMessage", chat_id=RESIDENT, code=429, description="Too Many Requests: retry after 7",
           retry_after=7)
    card = f.find(GROUP_A, f"【工单 {number}】")
    await f.press(WORKER, GROUP_A, card["message_id"], "接单")  # the resident hears of it
    first = await tg.drain()
    retried = [(item, result) for item, result, status in first if status == "pending"]
    assert len(retried) == 1
    item, result = retried[0]
    assert item.address == str(RESIDENT) and result.retry_after == 7
    async with tg.app.db.transaction() as s:
        row = await s.get(OutboxMessage, item.id)
        assert row is not None and row.next_attempt_at >= tg.clock.now() + timedelta(seconds=6)
    assert await tg.drain() == []  # not before retry_after
    tg.clock.advance(seconds=7)
    second = await tg.drain()
    assert [(i.id, s) for i, _, s in second] == [(item.id, "sent")]
    claimed = [c for c in f.ok_calls("sendMessage", RESIDENT) if "接单" in c.params["text"]]
    assert len(claimed) == 1
    assert len([c for c in f.calls if c.method == "sendMessage" and c.error_code == 429]) == 1
    assert number


@webhook_only
async def test_a_reply_hitting_429_is_postponed_to_the_outbox_not_lost(tg: Harness) -> None:
    f = tg.fake
    f.user(RESIDENT, "张阿姨")
    await f.write(RESIDENT, "/start")
    f.fail("sendMessage", chat_id=RESIDENT, code=429, description="Too Many Requests: retry after 3",
           retry_after=3)
    before = len(f.bot_messages(RESIDENT))
    await f.write(RESIDENT, "/help")
    assert len(f.bot_messages(RESIDENT)) == before
    assert await tg.drain() == []
    tg.clock.advance(seconds=3)
    [(item, result, status)] = await tg.drain()
    assert (item.purpose, status) == ("reply", "sent")
    assert [c.params["text"] for c in f.ok_calls("sendMessage", RESIDENT)][before:] == [
        msg.text for msg in item.messages if isinstance(msg, m.Text)]


@webhook_only
async def test_a_reply_after_a_postponed_one_follows_it_through_the_outbox(tg: Harness) -> None:
    f = tg.fake
    f.user(RESIDENT, "张阿姨")
    await f.write(RESIDENT, "/start")
    f.fail("sendMessage", chat_id=RESIDENT, code=429, description="Too Many Requests: retry after 3",
           retry_after=3)
    before = len(f.bot_messages(RESIDENT))
    await f.write(RESIDENT, "/help")  # its reply waits in the outbox for 3 s
    tg.clock.advance(seconds=2.5)  # the chat's pause is nearly over: a direct reply would go first
    await f.write(RESIDENT, "我的投诉")
    assert len(f.bot_messages(RESIDENT)) == before
    tg.clock.advance(seconds=1)
    drained = await tg.drain()
    assert [(item.purpose, status) for item, _, status in drained] == [("reply", "sent"), ("reply", "sent")]
    sent = [c.params["text"] for c in f.ok_calls("sendMessage", RESIDENT)][before:]
    expected = [msg.text for item, _, _ in drained for msg in item.messages if isinstance(msg, m.Text)]
    assert sent == expected and "/help" not in sent[-1]


@webhook_only
async def test_a_resident_who_blocked_the_bot_is_marked_and_not_retried(tg: Harness) -> None:
    f = tg.fake
    await community(tg)
    number, _ = await file_complaint(tg, photo=False)
    await tg.drain()  # the card
    f.block(RESIDENT)
    card = f.find(GROUP_A, f"【工单 {number}】")
    await f.press(WORKER, GROUP_A, card["message_id"], "接单")  # the resident would hear of it
    await tg.drain()
    async with tg.app.db.transaction() as s:
        rows = list((await s.execute(select(OutboxMessage).where(OutboxMessage.address == str(RESIDENT)))).scalars())
        ident = (await s.execute(select(ChannelIdentity).where(
            ChannelIdentity.channel == "telegram", ChannelIdentity.external_id == str(RESIDENT)))).scalar_one()
    assert [(r.status, r.attempts) for r in rows] == [("dead", 1)]
    assert "blocked" in (rows[0].last_error or "")
    assert ident.blocked_at is not None
    tries = len([c for c in f.calls if c.method == "sendMessage" and c.params.get("chat_id") == RESIDENT])
    tg.clock.advance(hours=1)
    assert await tg.drain() == []
    assert len([c for c in f.calls if c.method == "sendMessage" and c.params.get("chat_id") == RESIDENT]) == tries
    # writing to the bot again unmarks them
    await f.write(RESIDENT, "/help")
    assert await blocked_at(tg, ident.id) is None
    # and Telegram says so directly when someone blocks or unblocks the bot (my_chat_member)
    for before, after in (("member", "kicked"), ("kicked", "member")):
        await f.push({"my_chat_member": {
            "chat": {"id": RESIDENT, "type": "private", "first_name": "张阿姨"}, "from": f.users[RESIDENT],
            "date": 1700000000, "old_chat_member": {"status": before, "user": f.bot_user, "until_date": 0},
            "new_chat_member": {"status": after, "user": f.bot_user, "until_date": 0}}})
        assert (await blocked_at(tg, ident.id) is None) == (after == "member")
    assert number


@webhook_only
async def test_a_worker_who_never_opened_a_private_chat_is_told_and_the_phone_is_dead_lettered(tg: Harness) -> None:
    f = tg.fake
    number, card = await filed_and_posted(tg, worker2_via_bot=False)
    claim = f.buttons(card)[0]["callback_data"]
    _, query = await f.press(WORKER2, GROUP_A, card["message_id"], "接单")
    assert f.answers[query]["text"].startswith(f"已接单 {number}")
    assert tx.START_PRIVATE_FIRST in f.answers[query]["text"]
    await tg.drain()
    async with tg.app.db.transaction() as s:
        contact = (await s.execute(select(OutboxMessage).where(OutboxMessage.purpose == "contact"))).scalar_one()
        ident = await s.get(ChannelIdentity, contact.identity_id)
    assert contact.status == "dead" and "can't initiate conversation" in (contact.last_error or "")
    assert ident is not None and ident.blocked_at is None  # not blocked: they can still start the chat
    # the hint is about the presser's own claim: pressing the stale 接单 says only that it is taken
    _, query = await f.press(WORKER, GROUP_A, card["message_id"], data=claim)
    assert "已有人接单" in f.answers[query]["text"]
    assert tx.START_PRIVATE_FIRST not in f.answers[query]["text"]
