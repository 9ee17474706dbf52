"""`complaint-bot serve`: the main job."""

from __future__ import annotations

import argparse
import asyncio
import logging
from typing import Any

from bot.app import build_app
from bot.server import freeze_startup_heap, serve
from bot.workers import WebWorkers, check_workers, serves_webhooks
from core.dispatch.wiring import warm_up

log = logging.getLogger(__name__)


def register(sub: Any) -> None:
    p = sub.add_parser("serve", help="run the bot: webhooks, polling, delivery and timers",
                       description="Run the bot (checks the database schema is current first).")
    p.add_argument("--host", help="listen address (default HTTP_HOST or 127.0.0.1)")
    p.add_argument("--port", type=int, help="listen port (default HTTP_PORT or 8080)")
    p.add_argument("--workers", type=int, help="processes answering webhooks on the port (default HTTP_WORKERS "
                   "or 1; more than 1 needs PostgreSQL, see bot/workers.py)")
    p.set_defaults(func=_serve)


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

    asyncio.run(main())
    return 0
