"""`complaint-bot outbox dead|retry|stats`: what could not be delivered, and sending it again."""

from __future__ import annotations

import argparse

from sqlalchemy import select

from bot.app import App
from bot.commands.common import CommandError, run_with_app, table
from core.db.models import Ticket
from core.service.texts import fmt_time


def _dead(args: argparse.Namespace) -> int:
    if not 0 < args.limit <= 1000:
        raise CommandError("--limit must be 1..1000")

    async def work(app: App) -> None:
        rows = await app.outbox.dead_letters(args.limit)
        if not rows:
            print("no dead letters")
            return
        async with app.db.transaction() as s:
            ids = {r.ticket_id for r in rows if r.ticket_id}
            numbers = dict((await s.execute(select(Ticket.id, Ticket.number).where(Ticket.id.in_(ids)))).all()) \
                if ids else {}
        print(table([[r.id, numbers.get(r.ticket_id, "") if r.ticket_id else "", r.channel, r.audience, r.purpose,
                      r.attempts, fmt_time(r.created_at, app.tz), (r.last_error or "")[:60]] for r in rows],
                    ["id", "ticket", "channel", "to", "purpose", "tries", "created", "error"]))
        print("\nsend again with: complaint-bot outbox retry ID …")

    run_with_app(args, work)
    return 0


def _retry(args: argparse.Namespace) -> int:
    async def work(app: App) -> int:
        failed = 0
        for outbox_id in args.ids:
            if await app.outbox.requeue(outbox_id):
                print(f"#{outbox_id} queued again")
            else:
                failed += 1
                print(f"#{outbox_id}: no such dead or deferred message")
        return 1 if failed else 0

    return run_with_app(args, work)


def _stats(args: argparse.Namespace) -> int:
    async def work(app: App) -> None:
        rows = [[c.channel, c.status, c.count] for c in await app.outbox.statistics()]
        print(table(rows, ["channel", "status", "count"]) if rows else "the outbox is empty")

    run_with_app(args, work)
    return 0
