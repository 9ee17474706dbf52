"""`complaint-bot serve`: the main job."""

from __future__ import annotations

import argparse
import asyncio
import logging

from bot.app import build_app
from bot.metrics import processes
from bot.server import freeze_startup_heap, serve
from bot.workers import WebWorkers, check_workers, serves_webhooks
from core.dispatch.wiring import warm_up

log = logging.getLogger(__name__)


def _serve(args: argparse.Namespace) -> int:
    settings = args.settings
    workers = args.workers if args.workers is not None else settings.http_workers
    check_workers(settings, workers)  # before anything starts: a clear error, not a half-started server
    if workers > 1 and not serves_webhooks(settings):
        log.warning("--workers %d: no webhook is configured (WECHAT_TOKEN, or TELEGRAM_MODE=webhook), so the other "
                    "processes would have nothing to answer; serving with one", workers)
        workers = 1

    host = args.host or settings.http_host

    def pool(port: int) -> WebWorkers:  # the others answer the same port as this one
        return WebWorkers(settings, host, port, workers - 1)

    async def main() -> None:
        app = build_app(settings)
        try:
            await warm_up(app.db, app.assessor, app.router)  # smart dispatch: classifier and place names
            await serve(app, host, args.port or settings.http_port, on_started=freeze_startup_heap,
                        workers=pool if workers > 1 else None)
        finally:
            await app.close()

    shared_metrics = processes.prepare(workers)  # before anything counts: the workers inherit the folder
    try:
        asyncio.run(main())
    finally:
        if shared_metrics is not None:
            shared_metrics.close()
    return 0
