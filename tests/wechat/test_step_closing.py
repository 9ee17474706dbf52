"""A WeChat message whose dialog step calls no service is one transaction: the claim, the window
and what waits for the person, the step, the stored answer and the options shown (#17). A step's COMMIT that
lands while its answer is lost is not taken for a failure: the message is answered once, from
what that commit stored."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.app import App
from bot.conversation.engine import DialogEngine
from bot.dialogs import texts as dialog_texts
from core.clock import ManualClock
from core.db.desk_models import InboundMessage
from core.db.engine import Database
from core.db.models import DialogState, ProcessedUpdate
from tests.fakes.wechat_api import FakeWeChatAPI
from tests.wechat.conftest import Running
from tests.world import World

RESIDENT = "oClosingResident000000001"
SAID = "幸福里小区3栋2单元楼道灯坏了一个星期了，晚上很黑"


@pytest.fixture
def dialogs(app: App) -> DialogEngine:
    return app.engine


async def test_a_step_without_service_calls_commits_with_its_stored_answer(
        app: App, world: World, running: Running, wechat_api: FakeWeChatAPI) -> None:
    transactions: list[list[str]] = [[]]  # the statements of each transaction committed

    def statement(conn: Any, cursor: Any, sql: str, *_: Any) -> None:
        transactions[-1].append(sql)

    def committed(conn: Any) -> None:
        transactions.append([])

    wechat_api.user_wrote(RESIDENT)
    message = running.platform.text(RESIDENT, SAID)
    engine = app.db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine, "commit", committed)
    try:
        answer = await running.platform.post(message)
    finally:
        event.remove(engine, "before_cursor_execute", statement)
        event.remove(engine, "commit", committed)
    # a slow step's claim is renewed meanwhile (every second): not part of the message's work
    commits = [t for t in transactions[:-1] if not all("SET lease_until" in sql for sql in t)]
    assert answer.status == 200 and "电话" in answer.text
    assert len(commits) == 1  # claim, window, step, answer (two before, three before that)
    assert any("processed_updates" in sql for sql in commits[0]) and any("dialog_states" in sql for sql in commits[0])
    async with app.db.transaction() as s:
        (claim,) = (await s.execute(select(ProcessedUpdate))).scalars().all()
        assert claim.done_at is not None and claim.result == {"text": answer.text}
    again = await running.platform.post(message)  # WeChat's resend: the same answer, no second step
    assert again.status == 200 and again.text == answer.text


class CommitAnswerLost:
    """The database as the dialog engine sees it, except that the first transaction to store a
    WeChat answer commits and then fails as if the connection broke before the answer came back."""

    def __init__(self, db: Database) -> None:
        self.db, self.lost = db, 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.db, name)

    def transaction(self) -> AbstractAsyncContextManager[AsyncSession]:
        return self._losing(self.db.transaction())

    def step_transaction(self) -> AbstractAsyncContextManager[AsyncSession]:  # the step's (no session unless asked)
        return self._losing(self.db.step_transaction())

    @asynccontextmanager
    async def _losing(self, transaction: AbstractAsyncContextManager[AsyncSession]) -> AsyncIterator[AsyncSession]:
        async with transaction as s:
            yield s
            finishing = s.info.get("finishing", False)
        if finishing and not self.lost:
            self.lost += 1
            raise OperationalError("COMMIT", {}, Exception("database is locked"))  # a blip


async def test_a_step_whose_commit_landed_but_whose_answer_was_lost_answers_once(
        app: App, world: World, running: Running, wechat_api: FakeWeChatAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    lossy = CommitAnswerLost(app.db)
    monkeypatch.setattr(app.engine, "db", lossy)
    finish = running.webhook.log.finish

    async def finishing(key: str, result: Any = None, *, session: AsyncSession | None = None, **kw: Any) -> None:
        if session is not None:
            session.info["finishing"] = True
        await finish(key, result, session=session, **kw)

    monkeypatch.setattr(running.webhook.log, "finish", finishing)
    wechat_api.user_wrote(RESIDENT)
    answer = await running.platform.post(running.platform.text(RESIDENT, SAID))
    assert lossy.lost == 1
    assert answer.status == 200 and "电话" in answer.text
    async with app.db.transaction() as s:
        (claim,) = (await s.execute(select(ProcessedUpdate))).scalars().all()
        assert claim.done_at is not None and claim.result == {"text": answer.text}
        (state,) = (await s.execute(select(DialogState))).scalars().all()
        assert state.version == 1  # routed and saved once
        assert len((await s.execute(select(InboundMessage))).scalars().all()) == 1


async def test_storing_that_fails_with_the_step_gets_503_not_an_apology(
        app: App, world: World, running: Running, wechat_api: FakeWeChatAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    finish = running.webhook.log.finish
    failures: list[int] = []

    async def broken_once(*args: Any, **kwargs: Any) -> None:
        if not failures:
            failures.append(1)
            raise RuntimeError("storing the answer failed")
        await finish(*args, **kwargs)

    monkeypatch.setattr(running.webhook.log, "finish", broken_once)
    wechat_api.user_wrote(RESIDENT)
    message = running.platform.text(RESIDENT, SAID)
    first = await running.platform.post(message)
    assert first.status == 503  # as when the answer's own transaction failed: WeChat resends
    async with app.db.transaction() as s:
        # nothing stored, no apology: the step rolled back, and the claim made in it with it
        assert (await s.execute(select(ProcessedUpdate))).scalars().all() == []
        assert (await s.execute(select(DialogState))).scalars().all() == []
        assert (await s.execute(select(InboundMessage))).scalars().all() == []
    again = await running.platform.post(message)
    assert again.status == 200 and "电话" in again.text and dialog_texts.SORRY not in again.text


async def test_a_known_resident_message_is_five_statements_in_one_transaction_two_on_postgresql(
        app: App, world: World, running: Running, wechat_api: FakeWeChatAPI) -> None:
    """The usual message (#17): the claim; the window noted (who wrote, the options shown, the
    grids' token, whether anything waits in the outbox and the dialog state, in that UPDATE's
    RETURNING); the numbered options its answer shows, if any; the answer stored; the state
    saved; what they wrote recorded (at commit). No state read of its own, no grids read
    (unchanged), no outbox read (nothing there), no options read, none cleared that were never
    shown. On PostgreSQL the claim, the window and what they wrote are one statement, and the
    options shown and the answer stored go in the state's save (they stand only if the save lands)."""
    wechat_api.user_wrote(RESIDENT)
    assert "电话" in (await running.platform.post(running.platform.text(RESIDENT, SAID))).text
    statements: list[str] = []
    commits: list[int] = []

    def statement(conn: Any, cursor: Any, sql: str, *_: Any) -> None:
        if "SET lease_until" not in sql:  # a slow step's claim is renewed meanwhile: not the message's work
            words = sql.replace('"', "").split()
            if words[0] == "WITH":  # data-modifying CTEs (PostgreSQL): what each of them changes
                changes = re.findall(r"(INSERT|(?<!DO )UPDATE|DELETE)(?: INTO| FROM)? (\w+)", " ".join(words))
                statements.append("WITH " + ", ".join(f"{verb} {table}" for verb, table in changes))
                return
            table = words[2] if words[0] in ("INSERT", "DELETE") else words[1] if words[0] == "UPDATE" else \
                words[words.index("FROM") + 1]
            statements.append(f"{words[0]} {table}")

    engine = app.db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine, "commit", lambda conn: commits.append(1))
    try:
        answer = await running.platform.post(running.platform.text(RESIDENT, "13912345678", msg_id=880002))
    finally:
        event.remove(engine, "before_cursor_execute", statement)
    assert answer.status == 200
    shows = ["INSERT kv"] if "1." in answer.text else []  # numbered options shown are remembered
    if app.db.is_sqlite:  # (was: the state read first, then the claim …, the state saved, the answer stored …)
        assert statements == ["INSERT processed_updates", "UPDATE channel_identities",
                              *shows, "UPDATE processed_updates", "UPDATE dialog_states", "INSERT inbound_messages"]
    else:  # the claim, the window noted (only if claimed, reading the state) and what they wrote as one
        # statement (CTEs); the state saved, the options shown and the answer stored (only if the save
        # landed) as another
        assert statements == ["WITH INSERT processed_updates, UPDATE channel_identities, INSERT inbound_messages",
                              f"WITH UPDATE dialog_states, {''.join(s + ', ' for s in shows)}UPDATE processed_updates"]
    assert len(commits) == 1  # was 11.3 statements in 2 transactions (4 on PostgreSQL before this round)
    async with app.db.transaction() as s:  # what they wrote is kept, once each, for the desk
        kept = (await s.execute(select(InboundMessage.text).order_by(InboundMessage.id))).scalars().all()
    assert kept == [SAID, "13912345678"]


async def test_copies_reaching_two_processes_at_once_get_one_step_and_the_same_answer(
        app: App, world: World, running: Running, wechat_api: FakeWeChatAPI, clock: ManualClock) -> None:
    """Each process claims in its step's transaction: the one that loses the claim (it waited for
    the winner's commit) answers what the winner stored, and so do the copies waiting in it."""
    from aiohttp import web

    from bot.app import conversation_engine, wechat_component
    from bot.server import build_web_app
    from tests.wechat.conftest import APP_ID, TOKEN
    from tests.wechat.platform import WeChatPlatform

    other = wechat_component(app, dialogs=conversation_engine(app))  # its own engine, its own claims' owner
    await other.start()
    runner = web.AppRunner(build_web_app(app, [other]), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    elsewhere = WeChatPlatform(f"http://127.0.0.1:{runner.addresses[0][1]}/wechat", token=TOKEN, app_id=APP_ID,
                               aes_key=app.settings.wechat.aes_key, clock=clock)
    try:
        running.webhook.budget = other.budget = 30.0  # both answer passively even on a busy machine
        wechat_api.user_wrote(RESIDENT)
        message = running.platform.text(RESIDENT, SAID, msg_id=880003)
        answers = await asyncio.gather(*(p.post(message) for p in [running.platform, elsewhere] * 3))
    finally:
        await elsewhere.close()
        await other.stop()
        await runner.cleanup()
    assert [a.status for a in answers] == [200] * 6
    assert len({a.text for a in answers}) == 1 and "电话" in answers[0].text
    async with app.db.transaction() as s:
        (state,) = (await s.execute(select(DialogState))).scalars().all()
        assert state.version == 1  # one step
        assert len((await s.execute(select(InboundMessage))).scalars().all()) == 1


def saving_first(store: Any, moved: list[int], *, once: bool) -> Callable[..., Awaitable[bool]]:
    """A save that another delivery beats to it (the same state as it was, one version on), the first
    time only or every time; each time it does is counted in `moved`."""
    save = store.save

    async def another_first(at: str, data: dict[str, Any], **kw: Any) -> bool:
        if not (once and moved):
            moved.append(1)
            there = await store.load(at, session=kw.get("session"))
            assert await save(at, dict(there.data or {}), expected=there.version, now=kw["now"], due=kw["due"],
                              session=kw.get("session"))
        return await save(at, data, **kw)

    return another_first


async def another_delivery_saves_first(app: App, running: Running, wechat_api: FakeWeChatAPI,
                                       monkeypatch: pytest.MonkeyPatch, resident: str) -> None:
    """Another delivery saves the chat between the step's read of it and its save (in the step's
    transaction, as SQLite allows nothing else in between; in Redis, for good): the save does not
    land, the step's try rolls back (its claim, its stored answer, the options it showed, what they
    wrote) and the step runs again on the fresher state, answering once."""
    store = app.engine.store
    key = f"wechat:p:{resident}"
    moved: list[int] = []
    another_first = saving_first(store, moved, once=True)

    wechat_api.user_wrote(resident)
    assert "电话" in (await running.platform.post(running.platform.text(resident, SAID, msg_id=880011))).text
    monkeypatch.setattr(store, "save", another_first)
    message = running.platform.text(resident, "13912345678", msg_id=880012)
    answer = await running.platform.post(message)
    assert moved and answer.status == 200 and "1. 提交" in answer.text
    in_redis = not hasattr(store, "db")  # the other save stood there; in the database it went with the try
    assert (await store.load(key)).version == (3 if in_redis else 2)
    assert (await app.wechat.options.recall(resident))["1"] == "i:submit"
    async with app.db.transaction() as s:
        claim = await s.get(ProcessedUpdate, "wechat:880012")
        assert claim is not None and claim.done_at is not None and claim.result == {"text": answer.text}
        kept = (await s.execute(select(InboundMessage.text).order_by(InboundMessage.id))).scalars().all()
    assert kept == [SAID, "13912345678"]  # once each
    again = await running.platform.post(message)  # WeChat's resend: the same answer
    assert again.status == 200 and again.text == answer.text


async def test_a_save_that_does_not_land_takes_what_went_with_it_back(
        app: App, world: World, running: Running, wechat_api: FakeWeChatAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    await another_delivery_saves_first(app, running, wechat_api, monkeypatch, RESIDENT)


async def test_a_chat_that_keeps_changing_gets_the_apology_with_its_message_claimed_and_kept_once(
        app: App, world: World, running: Running, wechat_api: FakeWeChatAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every try's save finds the state moved (and rolls back its claim with it): the step gives
    up with an apology, and the claim and what they wrote are committed on their own first."""
    store = app.engine.store
    always_moved = saving_first(store, [], once=False)

    wechat_api.user_wrote(RESIDENT)
    assert "电话" in (await running.platform.post(running.platform.text(RESIDENT, SAID, msg_id=880021))).text
    monkeypatch.setattr(store, "save", always_moved)
    answer = await running.platform.post(running.platform.text(RESIDENT, "13912345678", msg_id=880022))
    assert answer.status == 200 and dialog_texts.SORRY in answer.text
    async with app.db.transaction() as s:
        claim = await s.get(ProcessedUpdate, "wechat:880022")
        assert claim is not None and claim.done_at is not None and claim.result == {"text": answer.text}
        kept = (await s.execute(select(InboundMessage.text).order_by(InboundMessage.id))).scalars().all()
    assert kept == [SAID, "13912345678"]
