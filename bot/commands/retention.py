"""`complaint-bot retention run [--dry-run]|log`: anonymise and delete old records."""

from __future__ import annotations

import argparse
import getpass

from bot.app import App, build_retention
from bot.commands.common import run_with_app, table
from bot.progress import progress
from core.service.texts import fmt_time


def _run(args: argparse.Namespace) -> int:
    async def work(app: App) -> None:
        retention = build_retention(app)
        with progress("retention run") as shown:
            result = await retention.run(dry_run=args.dry_run, actor=f"cli:{_user()}", progress=shown)
        cfg = app.settings.followthrough.retention
        head = "dry run — nothing changed" if result.dry_run else "done"
        print(f"retention run #{result.run_id} ({head})")
        print(f"  anonymise: tickets closed before {fmt_time(result.anonymise_before, app.tz)} "
              f"({cfg.anonymise_after_days} days)")
        print(f"  delete:    tickets closed before {fmt_time(result.delete_before, app.tz)} "
              f"({cfg.delete_after_days} days)")
        print(f"  tickets anonymised: {result.anonymised_tickets}   deleted: {result.deleted_tickets}   "
              f"kept under legal hold: {result.held}")
        print(f"  residents anonymised: {result.anonymised_residents}   deleted: {result.deleted_residents}")

    run_with_app(args, work)
    return 0


def _log(args: argparse.Namespace) -> int:
    async def work(app: App) -> None:
        runs = await build_retention(app).history(max(1, min(args.limit, 500)))
        rows = [[r.id, fmt_time(r.started_at, app.tz), r.actor, "dry" if r.dry_run else "", r.anonymised_tickets,
                 r.deleted_tickets, r.anonymised_residents, r.deleted_residents, r.held, (r.error or "")[:40]]
                for r in runs]
        print(table(rows, ["run", "started", "by", "", "anon", "deleted", "res.anon", "res.del", "held", "error"])
              if rows else "no retention runs yet")

    run_with_app(args, work)
    return 0


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in a container: still log the run
        return "unknown"
