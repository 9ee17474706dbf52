"""`complaint-bot staff password NAME`: set a staff member's password for the hotline desk (/desk).

The password is read from standard input: once from a pipe (`echo … | complaint-bot staff password
赵敏`), twice (typed, then confirmed, not echoed) on a terminal."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import timedelta
from typing import Any

from bot.app import App
from bot.commands.common import CommandError, run_with_app
from core.service.accounts import Accounts, check_password


def register(ssub: Any) -> None:
    """Hooked into `complaint-bot staff`."""
    p = ssub.add_parser("password", help="set a staff member's desk password (read from standard input)",
                        description="Set the password the staff member logs in to the desk with (at the "
                        "desk's URL, e.g. http://127.0.0.1:8080/desk). Read from standard input: once from a "
                        "pipe, twice on a terminal. Their open desk sessions end.")
    p.add_argument("staff", help="staff id or name")
    p.add_argument("--username", help="the login name (default: their current one, or their name)")
    p.set_defaults(func=_password)


def read_password(stdin: Any = None) -> str:
    stdin = stdin or sys.stdin
    if stdin.isatty():
        first = getpass.getpass("新密码 (new password): ")
        check_password(first)
        if getpass.getpass("再输入一次 (again): ") != first:
            raise CommandError("the two passwords differ; nothing was changed")
        return first
    line = stdin.readline()
    if not line:
        raise CommandError("no password on standard input")
    return check_password(line.rstrip("\r\n"))


def _password(args: argparse.Namespace) -> int:
    password = read_password()

    async def work(app: App) -> None:
        staff = await app.directory.find_staff(args.staff)
        desk = app.settings.desk
        accounts = Accounts(app.db, app.clock, max_failures=desk.login_max_failures,
                            lockout=timedelta(minutes=desk.lockout_minutes))
        account = await accounts.set_password(staff.id, password, username=args.username)
        print(f"desk password set for {staff.name} (#{staff.id}); username: {account.username}")
        print(f"log in at http://{app.settings.http_host}:{app.settings.http_port}{desk.path}/login")

    run_with_app(args, work)
    return 0
