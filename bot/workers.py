"""More processes answering the webhooks: `complaint-bot serve --workers N` (or HTTP_WORKERS).

One Python process uses one core, and a webhook message costs a few milliseconds of it (verify,
decrypt, the dialog step, the database, the reply). With N processes on one port (SO_REUSEPORT:
the kernel spreads new connections over them) a machine's other cores answer too.

The main process runs everything, as with one process: its routes, Telegram polling, the outbox
sender, the timers, the draft sweeper. Each worker runs only the routes (the WeChat webhook, and
Telegram's in webhook mode) and leaves everything that must happen once to the main process.
What the processes share goes through the database or Redis, as it does between deployments:
message claims, dialog states with their version check, the outbox. SQLite has one writer at a
time, so more processes would only wait for each other on the file: workers need PostgreSQL.

A worker that dies is started again; a worker whose main process dies stops.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import socket
import time
from collections.abc import Callable
from contextlib import suppress
from multiprocessing.process import BaseProcess

from bot.backoff import Backoff
from bot.metrics import forget_process
from core.config import Settings
from core.db.engine import is_sqlite
from core.errors import InvalidInput

log = logging.getLogger(__name__)

MAX_WORKERS = 64
RESTART_PAUSE = 1.0  # seconds between looks at the workers
FIRST_BACKOFF = 1.0  # seconds before starting again a worker that died soon after its start; doubles
SETTLED = 30.0  # seconds a worker must have run for its death to count as a crash, not a failed start
MAX_BACKOFF = 60.0  # seconds, at most, between attempts to start a worker that keeps failing at once
STOP_GRACE = 15.0  # seconds a worker has to finish its requests when serve stops


def check_workers(settings: Settings, workers: int) -> None:
    """Refuse a worker count that cannot work, before anything starts."""
    if not 1 <= workers <= MAX_WORKERS:
        raise InvalidInput(f"--workers must be 1..{MAX_WORKERS}, not {workers}")
    if workers == 1:
        return
    if is_sqlite(settings.database_url):
        raise InvalidInput("--workers above 1 needs PostgreSQL (DATABASE_URL=postgresql://…): SQLite writes one "
                           "transaction at a time, and one process keeps it busy")
    if not hasattr(socket, "SO_REUSEPORT"):
        raise InvalidInput("--workers above 1 needs SO_REUSEPORT (Linux, BSD, macOS)")


def serves_webhooks(settings: Settings) -> bool:
    """Whether a worker would have any route to answer."""
    from bot.app import telegram_webhook

    return bool(settings.wechat.token) or telegram_webhook(settings) or settings.wecom.can_receive


class WebWorkers:
    """The main process' worker processes: started after its own server, restarted when one dies,
    stopped (SIGTERM, then SIGKILL after the grace) before its own components stop."""

    def __init__(self, settings: Settings, host: str, port: int, count: int,
                 target: Callable[[Settings, str, int, int, int], None] | None = None) -> None:
        self.settings, self.host, self.port, self.count = settings, host, port, count
        self.target = target or run_worker  # (settings, host, port, index, parent pid), in the new process
        self._context = multiprocessing.get_context("spawn")  # no forked copies of a running loop
        self._processes: dict[int, BaseProcess] = {}
        self._started: dict[int, float] = {}  # monotonic start time per worker
        # per worker: pauses before starting again one that keeps dying as it starts
        self._backoff = {index: Backoff(FIRST_BACKOFF, MAX_BACKOFF) for index in range(1, count + 1)}
        self._watch: asyncio.Task[None] | None = None
        self._stopping = False

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self._processes.values() if p.pid is not None]

    def start(self) -> None:
        for index in range(1, self.count + 1):
            self._spawn(index)
        self._watch = asyncio.create_task(self._keep_alive(), name="web-workers")

    def _spawn(self, index: int) -> None:
        process = self._context.Process(target=self.target, args=(self.settings, self.host, self.port, index, os.getpid()),
                                        name=f"complaint-bot-web-{index}", daemon=False)
        process.start()
        self._processes[index] = process
        self._started[index] = time.monotonic()
        log.info("web worker %d started (pid %s)", index, process.pid)

    async def _keep_alive(self) -> None:
        due: dict[int, float] = {}  # when a dead worker is started again
        while not self._stopping:
            await asyncio.sleep(RESTART_PAUSE)
            now = time.monotonic()
            for index, process in list(self._processes.items()):
                if process.is_alive() or self._stopping:
                    continue
                if index not in due:
                    # dying soon after its start (database away, port refused) backs off; a
                    # worker that ran a while is simply started again
                    if now - self._started[index] < SETTLED:
                        pause = self._backoff[index].next()
                    else:
                        pause = 0.0
                        self._backoff[index].reset()
                    due[index] = now + pause
                    log.error("web worker %d (pid %s) exited with %s: starting it again%s", index, process.pid,
                              process.exitcode, f" in {pause:.0f} s" if pause else "")
                    forget_process(process.pid)
                if now >= due[index]:
                    del due[index]
                    process.close()
                    self._spawn(index)

    async def stop(self) -> None:
        self._stopping = True
        if self._watch is not None:
            self._watch.cancel()
            with suppress(asyncio.CancelledError):
                await self._watch
        for process in self._processes.values():
            if process.is_alive():
                process.terminate()  # SIGTERM: serve's handler stops it after its running requests
        loop = asyncio.get_running_loop()
        for index, process in self._processes.items():
            await loop.run_in_executor(None, process.join, STOP_GRACE)
            if process.is_alive():
                log.error("web worker %d did not stop within %.0f s: killed", index, STOP_GRACE)
                process.kill()
                await loop.run_in_executor(None, process.join, 5)
        self._processes.clear()


def run_worker(settings: Settings, host: str, port: int, index: int, parent: int) -> None:
    """A worker process' entry point (spawned: imports everything afresh)."""
    from bot.logs import configure_logging

    configure_logging(settings, worker=index)
    with suppress(KeyboardInterrupt):  # Ctrl-C in a terminal reaches the whole group: the main process decides
        asyncio.run(_worker(settings, host, port, index, parent))


async def _worker(settings: Settings, host: str, port: int, index: int, parent: int) -> None:
    # a worker process' own composition: the same root and server as the main process
    from bot.app import build_app, web_components
    from bot.server import freeze_startup_heap, serve
    from core.dispatch.wiring import warm_up

    app = build_app(settings)
    stop = asyncio.Event()
    orphan = asyncio.create_task(_stop_when_orphaned(parent, stop))
    try:
        await warm_up(app.db, app.assessor, app.router)
        await serve(app, host, port, stop_event=stop, components=web_components(app),
                    on_started=freeze_startup_heap, worker=index)
    finally:
        orphan.cancel()
        await app.close()


async def _stop_when_orphaned(parent: int, stop: asyncio.Event) -> None:
    while os.getppid() == parent:  # noqa: ASYNC110 - nothing signals a parent's death; look every second
        await asyncio.sleep(1.0)
    log.error("the main serve process is gone: this web worker stops")
    stop.set()
