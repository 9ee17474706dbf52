"""`complaint-bot serve --workers N`: N processes answer on one port, share the work through
PostgreSQL, a dead worker comes back, and SIGTERM stops them all (checked when the `two_workers`
fixture, one serve shared with tests/metrics, is torn down). The real command, as a subprocess."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import text

from bot.workers import MAX_WORKERS, WebWorkers, check_workers
from core.clock import SystemClock
from core.config import Settings, load_settings
from core.db.engine import Database
from core.errors import InvalidInput
from tests.cli.failing_worker import exit_at_once
from tests.cli.workers_server import TOKEN, TwoWorkers, health_workers, workers_of
from tests.wechat.platform import WeChatPlatform

__all__ = ["database", "health_workers"]  # tests/cli/test_serve_kill.py takes both from here


@pytest.fixture
def database(pg_database: str) -> str:
    """The run's own PostgreSQL database (tests/conftest.py): serve cannot be pointed at the tests' schema."""
    return pg_database


async def test_workers_answer_on_one_port_and_come_back(two_workers: TwoWorkers) -> None:
    await two_workers.ready()
    port, proc = two_workers.port, two_workers.proc
    platform = WeChatPlatform(f"http://127.0.0.1:{port}/wechat", token=TOKEN, app_id="", aes_key=None,
                              clock=SystemClock())
    platform.session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(force_close=True))
    try:
        (first,) = workers_of(proc.pid)  # worker 1: serve itself is worker 0
        two_workers.children.add(first)  # the fixture's teardown checks that none outlives serve

        # residents are answered whichever process takes them
        answers = await asyncio.gather(*(platform.post(platform.text(f"o-worker-{n}", "楼道灯坏了")) for n in range(12)))
        assert all(a.status == 200 and a.text for a in answers), answers

        # resends reach different processes (each copy on a new connection: 6 copies all landing on
        # one process would take a 1-in-32 chance): one dialog step, the same answer each time
        message = platform.text("o-worker-resend", "小区门口的垃圾三天没人清运")
        again = await asyncio.gather(*(platform.post(message) for _ in range(6)))
        assert [a.status for a in again] == [200] * 6
        assert len({a.text for a in again if a.text}) == 1
        db = Database(two_workers.database)
        try:
            async with db.engine.connect() as conn:
                version = (await conn.execute(text("SELECT version FROM dialog_states WHERE key = :k"),
                                              {"k": "wechat:p:o-worker-resend"})).scalar_one()
        finally:
            await db.dispose()
        assert version == 1

        # a worker that dies is started again
        os.kill(first, signal.SIGKILL)
        for _ in range(200):
            replaced = workers_of(proc.pid) - {first}
            if replaced:
                break
            await asyncio.sleep(0.1)
        assert replaced, "the dead worker was not started again"
        two_workers.children |= replaced
        assert 1 in await health_workers(port, want={1})
        answer = await platform.post(platform.text("o-worker-after", "路灯不亮"))
        assert answer.status == 200 and answer.text
    finally:
        await platform.close()


def test_a_worker_count_that_cannot_work_is_refused() -> None:
    settings = load_settings({"DATABASE_URL": "postgresql://postgres@127.0.0.1:5432/test", "HTTP_WORKERS": "3"})
    assert settings.http_workers == 3
    check_workers(settings, 3)
    for count in (0, MAX_WORKERS + 1):
        with pytest.raises(InvalidInput, match="--workers must be"):
            check_workers(settings, count)


async def test_a_worker_that_keeps_failing_at_start_is_retried_ever_more_slowly() -> None:
    workers = WebWorkers(Settings(), "127.0.0.1", 0, 1, target=exit_at_once)  # never listens
    starts = []
    spawn, fourth = workers._spawn, asyncio.Event()

    def counted(index: int) -> None:
        starts.append(time.monotonic())
        if len(starts) >= 4:
            fourth.set()
        spawn(index)

    workers._spawn = counted  # type: ignore[method-assign]
    workers.start()
    try:
        # four starts take 1 + 2 + 4 s of pauses plus the lives (a spawned interpreter each); a busy
        # machine only lengthens them, and longer gaps pass the check below: wait generously
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(fourth.wait(), 180)
    finally:
        await workers.stop()
    assert len(starts) >= 4, starts
    # each pause twice the last (1, 2, 4 s, at least): a crash loop does not spin. Restarted every
    # second, a worker that lives under a second would come back within about 2 s each time
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)][:3]
    assert all(gap >= 0.95 * 2**i for i, gap in enumerate(gaps)), gaps


def test_workers_need_postgresql(tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/one.db"}
    out = subprocess.run([sys.executable, "-m", "bot.cli", "serve", "--workers", "2"], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert "--workers above 1 needs PostgreSQL" in out.stderr
    assert not (tmp_path / "one.db").exists()  # refused before anything was opened
