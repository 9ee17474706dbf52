"""`complaint-bot report daily|weekly|monthly`: the hotline's figures (see docs/reports.md)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import date
from pathlib import Path
from typing import Any

from bot.app import App, build_reports
from bot.commands.common import CommandError, run_with_app
from core.reports.period import KINDS, default_day
from core.reports.service import FORMATS, render


def register(sub: Any) -> None:
    p = sub.add_parser("report", help="daily / weekly / monthly report (text, csv, xlsx, html with charts)",
                       description="The hotline's figures for a day, ISO week or month (local time). "
                                   "Definitions: docs/reports.md.")
    p.add_argument("period", choices=KINDS)
    p.add_argument("--date", metavar="YYYY-MM-DD",
                   help="a day inside the period (default: yesterday, local time)")
    p.add_argument("--grid", metavar="CODE", help="only tickets of this grid")
    p.add_argument("--format", choices=FORMATS, default="text")
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE (required for xlsx)")
    p.set_defaults(func=_report)


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
        report = await build_reports(app).make(args.period, day or default_day(app.clock.now(), app.tz),
                                               grid=args.grid)
        return await asyncio.to_thread(render, report, args.format)  # charts are CPU work

    data = run_with_app(args, work)
    if output is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        output.write_bytes(data)
        print(f"{args.period} report written to {output} ({len(data)} bytes)")
    return 0
