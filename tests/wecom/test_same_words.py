"""The same words typed by a worker give the same act in the group chat and in the WeCom app: both read them with
bot/dialogs/worker_words.py and call the core through bot/conversation/worker_calls.py. Each script runs once in
each channel, on a ticket of its own, and the ticket's events must agree — a test that fails if one channel's
reading drifts from the other's (the two copies had: after 退回 the app returned 「。」 as 其他 「。」 where the group
asked for words; 「进展 N ！」 was recorded as the note 「!」 in the group where the app asked for one)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.app import App, conversation_engine
from bot.conversation.store import DatabaseStateStore
from core.db.models import Ticket, TicketEvent
from tests.dialogs.conftest import in_group
from tests.fakes.wechat_api import FakeWeChatAPI
from tests.wecom.conftest import Running
from tests.wecom.test_end_to_end import file_from_wechat
from tests.world import World

SCRIPTS = {  # the words, and the event they end in
    "a return said in words": (["接单 {n}", "退回 {n} 这是燃气公司的管道，不归物业管"], "returned"),
    "a reason typed at the reason prompt": (["接单 {n}", "退回 {n}", "不归我们管 是燃气公司的"], "returned"),
    "punctuation is no reason": (["接单 {n}", "退回 {n}", "。", "业主已自行修好"], "returned"),
    "punctuation is no note": (["接单 {s}", "进展 {n} ！", "已到现场 正在排查"], "progress"),
    "own words while a note is awaited": (["接单 {n}", "进展 {n}", "搞定了 灯泡换了新的"], "progress"),
    "work still to come, kept as progress": (["接单 {n}", "办结 {n} 师傅明天上午去看", "记为进展"], "progress"),
    "work still to come, resolved all the same": (["接单 {n}", "办结 {n} 师傅明天上午去看", "仍然办结"], "resolved"),
    "work still to come, then done after all": (["接单 {n}", "办结 {n} 明天再去看看", "已经清理完了 地面也冲洗了"],
                                                 "resolved"),
}


async def _events(app: App, number: str) -> list[tuple[str, str | None, object]]:
    async with app.db.transaction() as s:
        ticket_id = (await s.execute(select(Ticket.id).where(Ticket.number == number))).scalar_one()
        rows = (await s.execute(select(TicketEvent).where(TicketEvent.ticket_id == ticket_id)
                                .order_by(TicketEvent.id))).scalars()
        return [(e.type, e.note, e.data.get("reason")) for e in rows]


@pytest.mark.parametrize("script", list(SCRIPTS))
async def test_the_same_words_act_the_same_in_the_group_and_the_wecom_app(
        app: App, world: World, running: Running, wechat_api: FakeWeChatAPI, script: str) -> None:
    group = in_group(conversation_engine(app, DatabaseStateStore(app.db)), "w1")  # 张伟 in grid A's group
    seen = []
    for say in (group.say, lambda words: running.platform.post(running.platform.text("zhangwei", words))):
        number = await file_from_wechat(app, wechat_api)
        for line in SCRIPTS[script][0]:
            await say(line.format(n=number, s=number.split("-")[1]))
        seen.append(await _events(app, number))
    in_group_chat, in_wecom = seen
    assert in_group_chat == in_wecom
    assert [e[0] for e in in_group_chat][-2:] == ["claimed", SCRIPTS[script][1]]
