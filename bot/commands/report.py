"""`complaint-bot report daily|weekly|monthly`: the hotline's figures (see docs/reports.md)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import date
from pathlib import Path

from bot.app import App, build_reports
from bot.commands.common import CommandError, run_with_app
from bot.progress import progress
from core.reports.period import default_day
from core.reports.service import render


def _report(args: argparse.Namespace) -> int:
    day: date | None = None
    if args.date:
        try:
            day = date.fromisoformat(args.date)
        except ValueError:
            raise CommandError(f"--date must be YYYY-MM-DD, not {args.date!r}") from None
    if args.format == "xlsx" and not args.output:
        raise CommandError("xlsx is binary: give --output FILE.xlsx")
    output = Path(args.output) if args.output else None
    if output is not None and not output.parent.exists():
        raise CommandError(f"directory {output.parent} does not exist")

    async def work(app: App) -> bytes:
        with progress("report") as shown:
            shown.stage("figures")
            report = await build_reports(app).make(args.period, day or default_day(app.clock.now(), app.tz),
                                                   grid=args.grid)
            shown.stage(f"rendering {args.format}")
            return await asyncio.to_thread(render, report, args.format)  # charts are CPU work

    data = run_with_app(args, work)
    if output is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        output.write_bytes(data)
        print(f"{args.period} report written to {output} ({len(data)} bytes)")
    return 0
