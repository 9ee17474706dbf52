"""`outbox`, `retention`, `report`: what happens after the conversation."""

from __future__ import annotations

from typing import Any

from bot.cli_options import group, handler

REPORT_PERIODS = ("daily", "weekly", "monthly")  # core.reports.period.KINDS (tests keep them equal)
REPORT_FORMATS = ("text", "csv", "xlsx", "html")  # core.reports.service.FORMATS (likewise)


def register(sub: Any) -> None:
    outbox = group(sub, "outbox", help="outgoing messages: dead letters, retry, counts",
                   description="Look at the outbox and send dead letters again.")
    dead = outbox.add_parser("dead", help="messages that gave up (dead letters)")
    dead.add_argument("--limit", type=int, default=50)
    dead.set_defaults(func=handler("bot.commands.outbox:_dead"))
    retry = outbox.add_parser("retry", help="send dead (or deferred) messages again")
    retry.add_argument("ids", type=int, nargs="+", metavar="ID")
    retry.set_defaults(func=handler("bot.commands.outbox:_retry"))
    stats = outbox.add_parser("stats", help="messages per channel and status")
    stats.set_defaults(func=handler("bot.commands.outbox:_stats"))

    retention = group(sub, "retention", help="anonymise and delete old records (legal hold respected)",
                      description="Residents' personal data on tickets closed long ago is anonymised, and "
                                  "deleted later still (see docs/followthrough.md); tickets on legal hold "
                                  "are kept. Every run is logged.")
    run = retention.add_parser("run", help="anonymise and delete what is due")
    run.add_argument("--dry-run", action="store_true", help="count what would happen, change nothing")
    run.set_defaults(func=handler("bot.commands.retention:_run"))
    log = retention.add_parser("log", help="earlier runs")
    log.add_argument("--limit", type=int, default=20)
    log.set_defaults(func=handler("bot.commands.retention:_log"))

    p = sub.add_parser("report", help="daily / weekly / monthly report (text, csv, xlsx, html with charts)",
                       description="The hotline's figures for a day, ISO week or month (local time). "
                                   "Definitions: docs/reports.md.")
    p.add_argument("period", choices=REPORT_PERIODS)
    p.add_argument("--date", metavar="YYYY-MM-DD", help="a day inside the period (default: yesterday, local time)")
    p.add_argument("--grid", metavar="CODE", help="only tickets of this grid")
    p.add_argument("--format", choices=REPORT_FORMATS, default="text")
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE (required for xlsx)")
    p.set_defaults(func=handler("bot.commands.report:_report"))
