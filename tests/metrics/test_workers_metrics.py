"""`serve --workers 2` on PostgreSQL, the real command as a subprocess (the `two_workers` fixture,
shared with tests/cli/test_serve_workers.py): whichever process answers a scrape reports the
messages both processes answered (prometheus-client's multiprocess mode). What the other test sent
counts too, so the figures checked are what this test's messages added."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import aiohttp
from prometheus_client.parser import text_string_to_metric_families

from core.clock import SystemClock
from tests.cli.workers_server import STALE, TOKEN, TwoWorkers
from tests.wechat.platform import WeChatPlatform

MESSAGES = 16
Figures = dict[tuple[str, tuple[tuple[str, str], ...]], float]


async def scrape(port: int) -> Figures:
    connector = aiohttp.TCPConnector(force_close=True)  # a new connection: the kernel picks the process
    async with aiohttp.ClientSession(connector=connector) as http, \
            http.get(f"http://127.0.0.1:{port}/metrics") as resp:
        assert resp.status == 200
        text = await resp.text()
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def histogram_files(folder: Path) -> dict[str, bytes]:
    return {f.name: f.read_bytes() for f in folder.glob("histogram_*.db")}


async def test_two_processes_report_whole_figures(two_workers: TwoWorkers) -> None:
    await two_workers.ready()
    port, shared = two_workers.port, two_workers.metrics
    assert not (shared / STALE).exists()  # serve emptied the folder it was given
    platform = WeChatPlatform(f"http://127.0.0.1:{port}/wechat", token=TOKEN, app_id="", aes_key=None,
                              clock=SystemClock())
    platform.session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(force_close=True))
    webhooks = ("complaint_bot_webhook_seconds_count", (("channel", "wechat"),))
    steps = ("complaint_bot_dialog_step_seconds_count", (("channel", "wechat"),))
    try:
        before_files = histogram_files(shared)
        before = await scrape(port)
        answers = await asyncio.gather(*(platform.post(platform.text(f"o-metrics-{n}", "楼道灯坏了"))
                                         for n in range(MESSAGES)))
        assert all(a.status == 200 for a in answers)
        # both processes answered some of them: each wrote to its own histogram file
        changed = {name for name, data in histogram_files(shared).items() if before_files.get(name) != data}
        writers = {m.group(1) for name in changed if (m := re.match(r"histogram_(\d+)", name))}
        assert len(writers) == 2, sorted(shared.iterdir())
        # yet every scrape, whichever process takes it, counts them all (a step that overran the reply
        # budget on a busy machine finishes a little after its answer: those are waited for)
        for attempt in range(60):
            figures = await scrape(port)
            assert figures[webhooks] - before.get(webhooks, 0) == MESSAGES
            assert figures[("complaint_bot_db_pool_connections", (("state", "open"),))] >= 2  # both pools
            assert figures[("complaint_bot_database_up", ())] == 1
            if figures[steps] - before.get(steps, 0) == MESSAGES and attempt >= 5:
                break
            await asyncio.sleep(0.5)
        assert figures[steps] - before.get(steps, 0) == MESSAGES
    finally:
        await platform.close()
