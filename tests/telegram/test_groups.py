"""A grid's group chat: the bot greets, is bound and unbound by an admin with a one-time code,
ignores the group's own conversation, and follows the group when Telegram upgrades it."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.adapters.telegram import texts as tx
from core.db.models import ProcessedUpdate
from core.followthrough.ratelimit import wait_and_take
from tests.telegram.conftest import ADMIN, GROUP_A, GROUP_B, WORKER, Harness, community, file_complaint

pytestmark = pytest.mark.parametrize("mode", ["webhook"])


async def processed(h: Harness) -> int:
    async with h.app.db.transaction() as s:
        return int((await s.execute(select(func.count()).select_from(ProcessedUpdate))).scalar_one())


async def test_binding_needs_a_valid_code_and_can_be_undone(tg: Harness) -> None:
    f, d = tg.fake, tg.app.directory
    await community(tg)
    assert tx.ADDED_TO_GROUP in f.texts(GROUP_A)
    f.group(GROUP_B, "阳光花园网格群")
    await f.add_bot_to(GROUP_B, by=ADMIN)
    await f.write(ADMIN, "/bind B WRONGCODE", chat_id=GROUP_B)
    refusal = f.last(GROUP_B)
    assert "绑定码无效" in refusal["text"] and refusal["reply_to_message"]["text"] == "/bind B WRONGCODE"
    assert await d.group_binding("telegram", str(GROUP_B)) is None
    code = await d.grid_bind_code("A")  # a code for another grid does not bind this one
    await f.write(ADMIN, f"/bind B {code}", chat_id=GROUP_B)
    assert "与网格不符" in f.texts(GROUP_B)[-1]

    await f.write(ADMIN, "/unbind", chat_id=GROUP_A)  # not the grid's staff: refused
    assert "只有本网格的工作人员或负责人可以解除绑定" in f.texts(GROUP_A)[-1]
    assert await d.group_binding("telegram", str(GROUP_A)) is not None
    await f.write(WORKER, "/unbind", chat_id=GROUP_A)
    assert await d.group_binding("telegram", str(GROUP_A)) is None
    cards_before = len(f.bot_messages(GROUP_A))
    await file_complaint(tg, photo=False)
    await tg.drain()
    assert len(f.bot_messages(GROUP_A)) == cards_before  # an unbound group gets no cards


async def test_the_groups_own_conversation_is_not_the_bots_business(tg: Harness) -> None:
    f = tg.fake
    await community(tg)
    seen, claimed = len(tg.engine.seen), await processed(tg)
    await f.write(WORKER, "大家晚上好", chat_id=GROUP_A)
    await f.write(WORKER, "/start@some_other_bot", chat_id=GROUP_A)
    assert (len(tg.engine.seen), await processed(tg)) == (seen, claimed)
    await f.write(WORKER, "@complaint_test_bot 今天有新工单吗", chat_id=GROUP_A)
    assert tg.engine.seen[-1].text == "今天有新工单吗" and tg.engine.seen[-1].chat_kind == "group"


async def test_a_group_upgraded_to_a_supergroup_keeps_its_grid(tg: Harness) -> None:
    f, d = tg.fake, tg.app.directory
    await community(tg)
    new_id = -1009999999999
    f.group(new_id, "幸福里网格群").bot_member = True
    await f.push({"message": {"message_id": 99, "date": 1700000000, "from": f.users[ADMIN],
                              "chat": f.chats[GROUP_A].json(), "migrate_to_chat_id": new_id}})
    assert await d.group_binding("telegram", str(GROUP_A)) is None
    binding = await d.group_binding("telegram", str(new_id))
    assert binding is not None and binding.purpose == "grid"
    number, _ = await file_complaint(tg, photo=False)
    await tg.drain()
    assert f.find(new_id, f"【工单 {number}】")


async def test_the_conversation_learns_whether_a_group_command_comes_from_a_group_admin(tg: Harness) -> None:
    f = tg.fake
    await community(tg)
    await f.write(WORKER, "/unbind", chat_id=GROUP_A)
    assert tg.engine.seen[-1].extra["chat_admin"] is False
    f.chats[GROUP_A].admins.add(WORKER)
    await f.write(WORKER, "/unbind", chat_id=GROUP_A)
    assert tg.engine.seen[-1].extra["chat_admin"] is True
    bind = [i for i in tg.engine.seen if i.command == "bind" and i.chat == str(GROUP_A)]
    assert bind and bind[0].extra["chat_admin"] is True  # the group's creator bound it
    await f.write(WORKER, "/help", chat_id=GROUP_A)
    assert "chat_admin" not in tg.engine.seen[-1].extra  # only asked for /bind and /unbind


async def test_a_reply_in_a_group_that_used_its_minute_goes_through_the_outbox(tg: Harness) -> None:
    f = tg.fake
    await community(tg)
    limits = tg.sender.chat_limits(GROUP_A)
    for _ in range(20):  # the group's twenty messages of this minute (in virtual time)
        if await tg.sender.limiter.peek(limits) > 30:
            break
        await wait_and_take(tg.sender.limiter, limits, tg.sender.sleep)
    wait = await tg.sender.limiter.peek(limits)
    assert wait > 30
    before = len(f.bot_messages(GROUP_A))
    await f.write(WORKER, "/unbind", chat_id=GROUP_A)  # answered at once only if it fits
    assert len(f.bot_messages(GROUP_A)) == before
    assert await tg.drain() == []
    tg.clock.advance(seconds=wait)
    [(item, _, status)] = await tg.drain()
    assert (item.purpose, item.address, status) == ("reply", str(GROUP_A), "sent")
    assert await tg.app.directory.group_binding("telegram", str(GROUP_A)) is None
    assert "解除" in f.texts(GROUP_A)[-1]
