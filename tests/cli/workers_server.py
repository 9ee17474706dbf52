"""One `complaint-bot serve --workers 2` on PostgreSQL for the whole run, shared by
tests/cli/test_serve_workers.py and tests/metrics/test_workers_metrics.py (the `two_workers` fixture
in tests/conftest.py): starting three Python processes and a database costs more than either test.

The tests that share it measure what they did (figures before and after, files that changed), so
neither depends on what the other did first. Stopping it is a check too: SIGTERM must end serve with
code 0 and leave no worker behind, or the run fails at the fixture's teardown."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
from sqlalchemy import text

from core.db.engine import Database
from core.db.migrate import upgrade

TOKEN = "workers-token"
STALE = "counter_999999.db"  # left by an earlier run in the metrics folder: serve must not count it


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


def _admin(statement: str, url: str) -> None:
    async def run() -> None:
        admin = Database(url)
        try:
            async with admin.engine.connect() as conn:
                await (await conn.execution_options(isolation_level="AUTOCOMMIT")).execute(text(statement))
        finally:
            await admin.dispose()

    asyncio.run(run())


def create_database(pg_url: str) -> str:
    """A database of its own (serve cannot be pointed at the tests' schema), migrated."""
    name = f"ccb_workers_{uuid.uuid4().hex[:8]}"
    _admin(f'CREATE DATABASE "{name}"', pg_url)
    url = pg_url.rsplit("/", 1)[0] + "/" + name

    async def migrate() -> None:
        db = Database(url)
        await upgrade(db)
        await db.dispose()

    asyncio.run(migrate())
    return url


def drop_database(pg_url: str, url: str) -> None:
    _admin(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)', pg_url)


@dataclass
class TwoWorkers:
    """serve --workers 2 on `port`, writing its figures to `metrics` and its output to `log`."""

    proc: subprocess.Popen[bytes]
    port: int
    database: str
    metrics: Path
    log: Path
    children: set[int] = field(default_factory=set)

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    async def ready(self) -> None:
        """Both processes answer /healthz (at once when they already have)."""
        assert self.proc.poll() is None, self.output()
        assert await health_workers(self.port, want={0, 1}) == {0, 1}, self.output()

    def stop(self) -> tuple[int, set[int]]:
        """SIGTERM: serve's exit code and the workers (any it ever had) still alive afterwards."""
        self.children |= workers_of(self.proc.pid) if self.proc.poll() is None else set()
        self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(40)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise
        for _ in range(50):
            if not any(alive(c) for c in self.children):
                break
            time.sleep(0.1)
        return code, {c for c in self.children if alive(c)}


def start(database: str, folder: Path, port: int) -> TwoWorkers:
    metrics = folder / "metrics"
    metrics.mkdir()
    (metrics / STALE).write_bytes(b"left by an earlier run")
    env = {**os.environ, "DATABASE_URL": database, "WECHAT_TOKEN": TOKEN, "HTTP_HOST": "127.0.0.1",
           "HTTP_PORT": str(port), "LOG_LEVEL": "WARNING", "PROMETHEUS_MULTIPROC_DIR": str(metrics)}
    for name in ("REDIS_URL", "TELEGRAM_BOT_TOKEN", "WECHAT_AES_KEY", "WECHAT_APP_ID", "WECHAT_APP_SECRET",
                 "METRICS_PORT", "METRICS_TOKEN"):
        env.pop(name, None)
    log = folder / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "serve", "--workers", "2"], cwd=folder, env=env,
                                stdout=out, stderr=subprocess.STDOUT)
    return TwoWorkers(proc, port, database, metrics, log)
