"""`serve`, `jobs`, `db`, `demo`, `chat`, `doctor`: running the bot and setting it up."""

from __future__ import annotations

from typing import Any

from bot.cli_options import group, handler


def register(sub: Any) -> None:
    p = sub.add_parser("serve", help="run the bot: webhooks, polling, delivery and timers",
                       description="Run the bot (checks the database schema is current first).")
    p.add_argument("--host", help="listen address (default HTTP_HOST or 127.0.0.1)")
    p.add_argument("--port", type=int, help="listen port (default HTTP_PORT or 8080)")
    p.add_argument("--workers", type=int, help="processes answering webhooks on the port (default HTTP_WORKERS "
                   "or 1; more than 1 needs PostgreSQL, see bot/workers.py)")
    p.set_defaults(func=handler("bot.commands.serve:_serve"))

    p = sub.add_parser("jobs", help="run timers (deadlines, escalations, follow-ups, daily report, retention), "
                                    "the dialog-draft sweep and the outbox sender without the web server",
                       description="Run the background jobs alone. `serve` runs them too; several processes "
                                   "may run them at once (each timer fires once).")
    p.add_argument("--once", action="store_true", help="one pass, then exit (for cron or a quick check)")
    p.set_defaults(func=handler("bot.commands.jobs:_jobs"))

    db = group(sub, "db", help="database schema", description="Manage the database schema.")
    up = db.add_parser("upgrade", help="apply migrations (creates the SQLite file if needed)")
    up.set_defaults(func=handler("bot.commands.db:_upgrade"))
    cur = db.add_parser("current", help="show the schema revision")
    cur.set_defaults(func=handler("bot.commands.db:_current"))

    p = sub.add_parser("demo", help="load a demo community (grids, staff, tickets in different states)",
                       description="Load a demo community into the configured database and print it.")
    p.set_defaults(func=handler("bot.commands.demo:_demo"))

    p = sub.add_parser(
        "chat",
        help="play the bot in the terminal: you are a resident, /as <staff> acts as a worker",
        description="Run the conversations against the real core in this terminal (channel 'cli'). "
        "Reads plain lines when standard input is not a terminal.",
    )
    p.add_argument("--as-resident", metavar="NAME", default="resident",
                   help="the resident you play (default: %(default)s)")
    p.add_argument("--demo", action="store_true",
                   help="load the demo community first if the database has no grids")
    p.set_defaults(func=handler("bot.commands.chat:_chat"))

    p = sub.add_parser(
        "doctor", help="check the configuration before a real start: what is wrong and how to fix it",
        description="Check the database and its schema, Redis, each configured channel's credentials (a token "
                    "call against the configured API base), the webhooks through the public URL, the chart font, "
                    "the holiday calendar and the disk. Exit code 0 only when nothing needs fixing.")
    p.add_argument("--public-url", metavar="URL",
                   help="the public base URL nginx answers on (https://bot.example.com): check that /healthz and the "
                        "WeChat webhook answer through it, as WeChat would call")
    p.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS",
                   help="how long each network check may take (default %(default)s)")
    p.add_argument("--min-free-mb", type=int, default=1024, metavar="MB",
                   help="less free disk space than this fails the check (default %(default)s)")
    p.set_defaults(func=handler("bot.commands.doctor:_doctor"))
