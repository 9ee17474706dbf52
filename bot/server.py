"""The long-running process (`complaint-bot serve`): one aiohttp server for every channel's webhook,
plus the background parts (polling, outbox sender, timers). Each part is a Component
(bot/component.py); the composition root (bot/app.py) says which the configuration turns on."""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
from collections.abc import Callable
from typing import Protocol

from aiohttp import web

from bot.app import App, components_for
from bot.component import Component
from bot.conversation.carry_over import carry_over_at_start
from bot.httplog import cap_request_logs
from bot.metrics import endpoint as metrics
from bot.metrics import watch_pool
from core.db.migrate import current_revision, ensure_current, head_revision

log = logging.getLogger(__name__)

MAX_BODY = 1024 * 1024  # webhooks carry small XML/JSON bodies; refuse anything bigger early
APP = web.AppKey("app", App)  # request.app[APP] is the wired App
COMPONENT_NAMES = web.AppKey("component_names", list[str])
WORKER = web.AppKey("worker", int)  # 0: the main process; 1..: a web worker (bot/workers.py)


class WorkerPool(Protocol):
    """More processes answering the routes on the same port (bot/workers.py)."""

    count: int

    def start(self) -> None: ...

    async def stop(self) -> None: ...


def _warn_about_the_calendar(app: App) -> None:
    """Deadlines are only as right as the holiday calendar: say early when a year is missing."""
    today = app.calendar.local_date(app.clock.now())
    for year in (today.year, today.year + 1) if today.month >= 11 else (today.year,):
        if not app.calendar.knows_year(year):
            log.warning("the holiday calendar has no data for %s: deadlines will count Monday-Friday; enter the "
                        "State Council's arrangement under [calendar] (see README, Deadlines)", year)


async def health(request: web.Request) -> web.Response:
    app = request.app[APP]
    try:
        current = await current_revision(app.db)
        ok = current == head_revision()
    except Exception as exc:  # the database is down: say so, do not crash the probe
        return web.json_response({"status": "error", "database": str(exc)[:200]}, status=503)
    return web.json_response(
        {"status": "ok" if ok else "schema-outdated", "schema": current,
         "components": request.app[COMPONENT_NAMES], "worker": request.app[WORKER]},
        status=200 if ok else 503,
    )


def build_web_app(app: App, components: list[Component], *, worker: int = 0) -> web.Application:
    cap_request_logs()  # a bad request writes one short line, whatever it sent
    web_app = web.Application(client_max_size=MAX_BODY)
    web_app[APP] = app
    web_app[WORKER] = worker
    web_app[COMPONENT_NAMES] = [c.name for c in components]
    web_app.router.add_get("/healthz", health)
    metrics.install(web_app, metrics.Source(app.db, app.clock, app.settings),
                    serve_endpoint=app.settings.metrics_port is None)
    for component in components:
        with metrics.routes_of(web_app, component.name):  # a webhook's latency is labelled with its channel
            component.setup_routes(web_app)
    return web_app


def freeze_startup_heap() -> None:
    """Move what start-up loaded (jieba's dictionary, the classifier, the grids' place names) out of
    the garbage collector's sight. Those objects live as long as the process; a full collection walked
    them all (~90 ms here), and whichever resident's message happened to trigger it waited that long."""
    gc.collect()
    gc.freeze()


async def serve(app: App, host: str, port: int, *, stop_event: asyncio.Event | None = None,
                components: list[Component] | None = None, on_started: Callable[[], None] | None = None,
                workers: Callable[[int], WorkerPool] | None = None, worker: int = 0) -> None:
    """Serve until SIGINT/SIGTERM (or `stop_event`). `workers` (main process): the pool of more
    processes answering the routes on the same port, made for the port actually bound and started
    here (bot/workers.py); `worker` > 0: this is one of them."""
    watch_pool(app.db)
    await ensure_current(app.db)
    main = worker == 0
    if main:
        _warn_about_the_calendar(app)
        # drafts an earlier DIALOG_STATE default left in Redis, before anyone is answered
        await carry_over_at_start(app.settings, app.db, app.clock)
    parts = components if components is not None else components_for(app)
    web_app = build_web_app(app, parts, worker=worker)
    own_port = None  # METRICS_PORT: bound first, so a port in use stops serve before anything started
    if main and app.settings.metrics_port is not None:
        own_port = await metrics.start_own_port(metrics.Source(app.db, app.clock, app.settings), host,
                                                app.settings.metrics_port)
    runner = web.AppRunner(web_app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port, reuse_port=True if workers is not None or not main else None)
    await site.start()
    for part in parts:
        await part.start()
    stop = stop_event or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):  # not the main thread (tests)
            pass
    pool = None
    if main and workers is not None:
        pool = workers(runner.addresses[0][1])  # the port actually bound (port 0 asks for any)
        pool.start()
    if on_started is not None:
        on_started()
    names = ", ".join(p.name for p in parts) or "none"
    log.info("serving on http://%s:%s (components: %s)", host, port, names)
    if main:
        processes = f", {pool.count + 1} processes" if pool is not None else ""
        print(f"community-complaint-bot is serving on http://{host}:{port}  (health: /healthz{processes})", flush=True)
        if any(p.name == "desk" for p in parts):
            print(f"the hotline desk: http://{host}:{port}{app.settings.desk.path}/  (logins: `complaint-bot demo` or "
                  "`complaint-bot staff password NAME`)", flush=True)
    if main and not app.senders:
        print("No chat channel is configured (set TELEGRAM_BOT_TOKEN or WECHAT_TOKEN, see README).\n"
              "To try the bot now, open another terminal here and run:  .venv/bin/complaint-bot chat",
              flush=True)
    try:
        await stop.wait()
    finally:
        if pool is not None:
            await pool.stop()  # the workers finish their requests first: they may still enqueue
        for part in reversed(parts):
            try:
                await part.stop()
            except Exception:
                log.exception("stopping %s failed", part.name)
        await runner.cleanup()
        if own_port is not None:
            await own_port.cleanup()
