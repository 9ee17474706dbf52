"""The numbered options a WeChat answer shows, and their clearing by the next answer without any,
go in the dialog state's save on PostgreSQL (#17: no statement of their own). The bench's resident
sends the same sentence again and again and every third time reaches the 「转人工客服」 menu: the
menu is remembered for the choice, cleared by the answer after it, and still chosen after a
restart."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event

from bot.adapters.wechat.options import TTL, OptionsMemory
from bot.app import App, build_app
from bot.conversation.engine import DialogEngine
from core.clock import ManualClock
from core.config import Settings
from core.db.engine import Database
from core.db.models import KeyValue
from tests.fakes.wechat_api import FakeWeChatAPI
from tests.wechat.conftest import Running, serving
from tests.world import World

RESIDENT = "oRidingResident0000000001"
SAID = "3栋2单元楼道灯坏了一个星期，晚上上楼很黑"  # what the bench's resident sends every time
MENU = "1. 转人工客服"


@pytest.fixture
def dialogs(app: App) -> DialogEngine:
    return app.engine


@contextmanager
def statements_of(app: App) -> Iterator[list[str]]:
    """The statements run meanwhile, each as its verbs and tables (a CTE's parts in one line)."""
    seen: list[str] = []

    def statement(conn: Any, cursor: Any, sql: str, *_: Any) -> None:
        if "SET lease_until" not in sql:  # a slow step's claim renewed: not the message's work
            seen.append(", ".join(f"{verb} {table}" for verb, table in re.findall(
                r"(INSERT|(?<!DO )UPDATE|DELETE|SELECT)(?: INTO| FROM)? (\w+)", sql.replace('"', ""))[:4]))

    engine = app.db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", statement)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", statement)


async def _post(running: Running, text: str, msg_id: int) -> str:
    answer = await running.platform.post(running.platform.text(RESIDENT, text, msg_id=msg_id))
    assert answer.status == 200
    return answer.text


async def test_the_menu_of_a_repeated_message_is_remembered_cleared_and_chosen_after_a_restart(
        app: App, world: World, running: Running, wechat_api: FakeWeChatAPI, clock: ManualClock,
        settings: Settings, db: Database) -> None:
    wechat_api.user_wrote(RESIDENT)
    msg_id = 660000
    answers: list[str] = []
    while MENU not in (answers or [""])[-1]:
        assert len(answers) < 6, answers  # the menu comes after a few repetitions
        msg_id += 1
        with statements_of(app) as menu_statements:
            answers.append(await _post(running, SAID, msg_id))
    shown = await app.wechat.options.recall(RESIDENT)
    assert shown["1"] == "i:human" and shown["2"] == "i:cancel"
    async with app.db.transaction() as s:
        row = await s.get(KeyValue, OptionsMemory.key(RESIDENT))
        assert row is not None and row.expires_at == clock.now() + TTL  # kept a week, as before

    with statements_of(app) as clear_statements:  # the same sentence again: no choice, no menu
        after = await _post(running, SAID, msg_id + 1)
    assert "1." not in after
    assert await app.wechat.options.recall(RESIDENT) == {}
    if not app.db.is_sqlite:  # the claim's statement, and the save's with the options and the answer
        assert len(menu_statements) == 2 and "INSERT kv" in menu_statements[1], menu_statements
        assert "UPDATE dialog_states" in menu_statements[1], menu_statements
        assert len(clear_statements) == 2 and "DELETE kv" in clear_statements[1], clear_statements
        assert "UPDATE dialog_states" in clear_statements[1], clear_statements

    msg_id += 1
    while MENU not in await _post(running, SAID, msg_id := msg_id + 1):  # the menu shown again
        assert msg_id < 660020
    # the service is started again: the menu is still theirs to choose from
    await running.webhook.stop()
    again = build_app(settings, clock=clock, db=db)
    try:
        async with serving(again, again.engine, clock) as restarted:  # type: ignore[arg-type]
            cancelled = await _post(restarted, "2", msg_id + 1)
            assert MENU not in cancelled and "取消" in cancelled, cancelled
            assert await again.wechat.options.recall(RESIDENT) == {}
    finally:
        await again.close()
