"""`serve --workers 2` on PostgreSQL, the real command as a subprocess: whichever process answers a
scrape reports the messages both processes answered (prometheus-client's multiprocess mode)."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import aiohttp
from prometheus_client.parser import text_string_to_metric_families

from core.clock import SystemClock
from tests.cli.test_serve_workers import health_workers
from tests.wechat.platform import WeChatPlatform

TOKEN = "metrics-workers-token"
MESSAGES = 16


async def scrape(port: int) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    connector = aiohttp.TCPConnector(force_close=True)  # a new connection: the kernel picks the process
    async with aiohttp.ClientSession(connector=connector) as http, \
            http.get(f"http://127.0.0.1:{port}/metrics") as resp:
        assert resp.status == 200
        text = await resp.text()
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


async def test_two_processes_report_whole_figures(tmp_path: Path, database: str, unused_tcp_port: int) -> None:
    port, shared = unused_tcp_port, tmp_path / "metrics"
    env = {**os.environ, "DATABASE_URL": database, "WECHAT_TOKEN": TOKEN, "HTTP_HOST": "127.0.0.1",
           "HTTP_PORT": str(port), "LOG_LEVEL": "WARNING", "PROMETHEUS_MULTIPROC_DIR": str(shared)}
    for name in ("REDIS_URL", "TELEGRAM_BOT_TOKEN", "WECHAT_AES_KEY", "WECHAT_APP_ID", "WECHAT_APP_SECRET",
                 "METRICS_PORT", "METRICS_TOKEN"):
        env.pop(name, None)
    shared.mkdir()
    (shared / "counter_999999.db").write_bytes(b"left by an earlier run")  # must not count
    log = (tmp_path / "serve.log").open("wb")
    proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot.cli", "serve", "--workers", "2",
                                                cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT)
    platform = WeChatPlatform(f"http://127.0.0.1:{port}/wechat", token=TOKEN, app_id="", aes_key=None,
                              clock=SystemClock())
    platform.session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(force_close=True))
    try:
        assert await health_workers(port, want={0, 1}) == {0, 1}, (tmp_path / "serve.log").read_text()
        answers = await asyncio.gather(*(platform.post(platform.text(f"o-metrics-{n}", "楼道灯坏了"))
                                         for n in range(MESSAGES)))
        assert all(a.status == 200 for a in answers)
        # both processes answered some of them: each wrote its own histogram file
        writers = {m.group(1) for f in shared.glob("histogram_*.db") if (m := re.match(r"histogram_(\d+)", f.stem))}
        assert len(writers) == 2, sorted(shared.iterdir())
        # yet every scrape, whichever process takes it, counts them all (a step that overran the reply
        # budget on a busy machine finishes a little after its answer: those are waited for)
        steps = ("complaint_bot_dialog_step_seconds_count", (("channel", "wechat"),))
        for attempt in range(60):
            figures = await scrape(port)
            assert figures[("complaint_bot_webhook_seconds_count", (("channel", "wechat"),))] == MESSAGES
            assert figures[("complaint_bot_db_pool_connections", (("state", "open"),))] >= 2  # both pools
            assert figures[("complaint_bot_database_up", ())] == 1
            if figures[steps] == MESSAGES and attempt >= 5:
                break
            await asyncio.sleep(0.5)
        assert figures[steps] == MESSAGES
    finally:
        await platform.close()
        proc.send_signal(signal.SIGTERM)
        try:
            code = await asyncio.wait_for(proc.wait(), 40)
        except TimeoutError:
            proc.kill()
            raise
        log.close()
    assert code == 0, (tmp_path / "serve.log").read_text()
    assert not (shared / "counter_999999.db").exists()  # serve emptied the folder it was given
