"""kill -9 of the real `serve` while it is in the middle of a resident's message: its claim must not
keep the message from being answered once `serve` is back (PostgreSQL: the test holds a lock on the
channel identities so that the step is caught right after its claim). The claim is made in the
step's transaction (#17), so it dies with the process; a claim that did commit without its answer
(a step with service calls, or one claimed on its own) is taken over once its lease runs out
(tests/wechat/test_claim_lease.py)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
from sqlalchemy import text

from core.clock import SystemClock
from core.db.engine import Database
from tests.cli.test_serve_workers import database, health_workers  # noqa: F401  (a fixture)
from tests.wechat.platform import Answer, WeChatPlatform

TOKEN = "kill-token"
RESIDENT = "o-killed-mid-step"


async def _serve(tmp_path: Path, url: str, port: int, name: str) -> asyncio.subprocess.Process:
    env = {**os.environ, "DATABASE_URL": url, "WECHAT_TOKEN": TOKEN, "HTTP_HOST": "127.0.0.1",
           "HTTP_PORT": str(port), "LOG_LEVEL": "WARNING", "SENDER_ENABLED": "false", "JOBS_ENABLED": "false"}
    for drop in ("REDIS_URL", "TELEGRAM_BOT_TOKEN", "WECHAT_AES_KEY", "WECHAT_APP_ID", "WECHAT_APP_SECRET"):
        env.pop(drop, None)
    log = (tmp_path / f"{name}.log").open("wb")
    proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot.cli", "serve", cwd=tmp_path, env=env,
                                                stdout=log, stderr=subprocess.STDOUT)
    assert await health_workers(port, want={0}) == {0}, (tmp_path / f"{name}.log").read_text()
    return proc


async def _claimed(db: Database) -> None:
    """The step is claiming the message and waits to note the window (on PostgreSQL one statement:
    it waits for the table before the claim's INSERT runs; nothing of it is committed either way)."""
    for _ in range(300):
        async with db.engine.connect() as conn:
            # this database's sessions only: other pytest-xdist workers' tests wait on locks of their own
            if (await conn.execute(text("SELECT 1 FROM pg_stat_activity WHERE datname = current_database()"
                                        " AND wait_event_type = 'Lock'"
                                        " AND (query LIKE 'UPDATE channel_identities%' OR query LIKE 'WITH claimed AS%')"))).first():
                return
        await asyncio.sleep(0.05)
    raise AssertionError("serve never claimed the message")


async def test_a_message_caught_mid_step_by_kill_9_is_answered_after_the_restart(
        tmp_path: Path, database: str, unused_tcp_port: int) -> None:  # noqa: F811
    port = unused_tcp_port
    platform = WeChatPlatform(f"http://127.0.0.1:{port}/wechat", token=TOKEN, app_id="", aes_key=None,
                              clock=SystemClock())
    db = Database(database)
    first = await _serve(tmp_path, database, port, "first")
    second = None
    try:
        message = platform.text(RESIDENT, "小区门口的垃圾三天没人清运", msg_id=7400000000000000001)
        async with db.engine.connect() as blocker:
            # the step notes the window right after its claim: it waits here, the claim made
            await blocker.execute(text("LOCK TABLE channel_identities IN ACCESS EXCLUSIVE MODE"))
            posting = asyncio.create_task(platform.post(message))
            await _claimed(db)
            first.send_signal(signal.SIGKILL)
            await first.wait()
            await blocker.rollback()
        try:
            await posting  # the connection died with the process
        except aiohttp.ClientError:
            pass
        second = await _serve(tmp_path, database, port, "second")
        # WeChat's resends: until one finds the dead claim's lease run out and is answered
        answer: Answer | None = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            answer = await platform.post(message)
            if answer.status == 200 and answer.text:
                break
            await asyncio.sleep(1)
        assert answer is not None and answer.status == 200 and answer.text, (tmp_path / "second.log").read_text()
        async with db.engine.connect() as conn:
            owner, done = (await conn.execute(text("SELECT owner, done_at IS NOT NULL FROM processed_updates "
                                                   "WHERE key = 'wechat:7400000000000000001'"))).one()
            version = (await conn.execute(text("SELECT version FROM dialog_states WHERE key = :k"),
                                          {"k": f"wechat:p:{RESIDENT}"})).scalar_one()
            recorded = (await conn.execute(text(
                "SELECT count(*) FROM inbound_messages JOIN channel_identities ON channel_identities.id = identity_id"
                " WHERE external_id = :r"), {"r": RESIDENT})).scalar_one()
        assert done and str(second.pid) in owner and version == 1 and recorded == 1
        again = await platform.post(message)
        assert again.text == answer.text  # answered once, and that answer is kept for resends
    finally:
        await platform.close()
        await db.dispose()
        for proc in (first, second):
            if proc is not None and proc.returncode is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    await asyncio.wait_for(proc.wait(), 40)
                except TimeoutError:
                    proc.kill()
