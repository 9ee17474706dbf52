"""`complaint-bot serve --workers N`: N processes answer on one port, share the work through
PostgreSQL, a dead worker comes back, and SIGTERM stops them all. The real command, as a subprocess."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import text

from bot.workers import MAX_WORKERS, WebWorkers, check_workers
from core.clock import SystemClock
from core.config import Settings, load_settings
from core.db.engine import Database
from core.db.migrate import upgrade
from core.errors import InvalidInput
from tests.conftest import PG_URL
from tests.wechat.platform import WeChatPlatform

TOKEN = "workers-token"


def workers_of(pid: int) -> set[int]:
    """The spawned worker processes of the serve process (Linux /proc)."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    found = set()
    for child in children:
        try:
            if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                found.add(int(child))
        except FileNotFoundError:
            continue
    return found


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


@pytest.fixture
async def database(pg_schema: str) -> AsyncIterator[str]:
    """A database of its own: the serve processes cannot be pointed at the tests' schema."""
    name = f"ccb_workers_{uuid.uuid4().hex[:8]}"
    admin = Database(PG_URL)
    async with admin.engine.connect() as conn:
        await (await conn.execution_options(isolation_level="AUTOCOMMIT")).execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_URL.rsplit("/", 1)[0] + "/" + name
    db = Database(url)
    await upgrade(db)
    await db.dispose()
    try:
        yield url
    finally:
        async with admin.engine.connect() as conn:
            await (await conn.execution_options(isolation_level="AUTOCOMMIT")).execute(
                text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()


async def health_workers(port: int, *, want: set[int], within: float = 90.0) -> set[int]:
    """Ask /healthz on new connections until every process in `want` has answered."""
    seen: set[int] = set()
    deadline = time.monotonic() + within
    connector = aiohttp.TCPConnector(force_close=True)  # a new connection each time: the kernel picks the process
    async with aiohttp.ClientSession(connector=connector) as http:
        while time.monotonic() < deadline and not want <= seen:
            try:
                async with http.get(f"http://127.0.0.1:{port}/healthz") as resp:
                    seen.add(int((await resp.json())["worker"]))
            except (aiohttp.ClientError, OSError):
                await asyncio.sleep(0.3)
    return seen


async def test_workers_answer_on_one_port_and_come_back(tmp_path: Path, database: str, unused_tcp_port: int) -> None:
    port = unused_tcp_port
    env = {**os.environ, "DATABASE_URL": database, "WECHAT_TOKEN": TOKEN, "HTTP_HOST": "127.0.0.1",
           "HTTP_PORT": str(port), "LOG_LEVEL": "WARNING"}
    for name in ("REDIS_URL", "TELEGRAM_BOT_TOKEN", "WECHAT_AES_KEY", "WECHAT_APP_ID", "WECHAT_APP_SECRET"):
        env.pop(name, None)
    log = (tmp_path / "serve.log").open("wb")
    proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot.cli", "serve", "--workers", "2",
                                                cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT)
    platform = WeChatPlatform(f"http://127.0.0.1:{port}/wechat", token=TOKEN, app_id="", aes_key=None,
                              clock=SystemClock())
    platform.session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(force_close=True))
    try:
        assert await health_workers(port, want={0, 1}) == {0, 1}, (tmp_path / "serve.log").read_text()
        (first,) = workers_of(proc.pid)

        # residents are answered whichever process takes them
        answers = await asyncio.gather(*(platform.post(platform.text(f"o-worker-{n}", "楼道灯坏了")) for n in range(12)))
        assert all(a.status == 200 and a.text for a in answers), answers

        # resends reach different processes (each copy on a new connection: 6 copies all landing on
        # one process would take a 1-in-32 chance): one dialog step, the same answer each time
        message = platform.text("o-worker-resend", "小区门口的垃圾三天没人清运")
        again = await asyncio.gather(*(platform.post(message) for _ in range(6)))
        assert [a.status for a in again] == [200] * 6
        assert len({a.text for a in again if a.text}) == 1
        db = Database(database)
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
        assert 1 in await health_workers(port, want={1})
        answer = await platform.post(platform.text("o-worker-after", "路灯不亮"))
        assert answer.status == 200 and answer.text
    finally:
        await platform.close()
        children = workers_of(proc.pid) if proc.returncode is None else set()
        proc.send_signal(signal.SIGTERM)
        try:
            code = await asyncio.wait_for(proc.wait(), 40)
        except TimeoutError:
            proc.kill()
            raise
        log.close()
    assert code == 0, (tmp_path / "serve.log").read_text()
    for _ in range(50):
        if not any(alive(c) for c in children):
            break
        await asyncio.sleep(0.1)
    assert not any(alive(c) for c in children), "a worker outlived serve"


def test_a_worker_count_that_cannot_work_is_refused() -> None:
    settings = load_settings({"DATABASE_URL": "postgresql://postgres@127.0.0.1:5432/test", "HTTP_WORKERS": "3"})
    assert settings.http_workers == 3
    check_workers(settings, 3)
    for count in (0, MAX_WORKERS + 1):
        with pytest.raises(InvalidInput, match="--workers must be"):
            check_workers(settings, count)


def exit_at_once(settings: Settings, host: str, port: int, index: int, parent: int) -> None:
    """A worker that cannot start (its database is away, say)."""
    sys.exit(3)


async def test_a_worker_that_keeps_failing_at_start_is_retried_ever_more_slowly() -> None:
    workers = WebWorkers(Settings(), "127.0.0.1", 0, 1, target=exit_at_once)  # never listens
    starts = []
    spawn = workers._spawn

    def counted(index: int) -> None:
        starts.append(time.monotonic())
        spawn(index)

    workers._spawn = counted  # type: ignore[method-assign]
    workers.start()
    try:
        for _ in range(400):  # four starts take 1 + 2 + 4 s of pauses plus the lives: well under 40 s
            if len(starts) >= 4:
                break
            await asyncio.sleep(0.1)
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
