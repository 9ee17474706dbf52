"""`complaint-bot db upgrade|current`."""

from __future__ import annotations

import argparse

from bot.app import App
from bot.commands.common import run_with_app
from bot.progress import progress
from core.db.migrate import current_revision, head_revision, upgrade


def _upgrade(args: argparse.Namespace) -> int:
    async def work(app: App) -> None:
        with progress("db upgrade") as shown:
            before, after = await upgrade(app.db, progress=shown)
        where = app.db.url.split("@")[-1]
        if before == after:
            print(f"database {where} is up to date (revision {after})")
        else:
            print(f"database {where} upgraded: {before or 'empty'} → {after}")

    run_with_app(args, work, check_schema=False)
    return 0


def _current(args: argparse.Namespace) -> int:
    async def work(app: App) -> None:
        current = await current_revision(app.db)
        head = head_revision()
        state = "up to date" if current == head else f"needs upgrade to {head}"
        print(f"revision: {current or 'empty'} ({state})")

    run_with_app(args, work, check_schema=False)
    return 0
