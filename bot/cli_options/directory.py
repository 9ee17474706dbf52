"""`grid …` and `staff …`: who works where."""

from __future__ import annotations

from typing import Any

from bot.cli_options import group, handler

DESKS = ("supervisors", "dispatchers")  # core.service.directory.DESKS (tests keep them equal)


def register(sub: Any) -> None:
    grid = group(sub, "grid", help="grids (网格) and their group chats", description="Manage grids.")
    add = grid.add_parser("add", help="add a grid (or update it with --update)")
    add.add_argument("code", help="short code, e.g. XFL (letters, digits, - and _)")
    add.add_argument("name", help="display name, e.g. 幸福里网格")
    add.add_argument("--pattern", action="append", default=[], metavar="TEXT",
                     help="a 小区 name or address pattern routed here, e.g. '幸福里小区' or '幸福里小区 1-6栋' (repeatable)")
    add.add_argument("--center", metavar="LAT,LNG", help="centre point for routing shared locations")
    add.add_argument("--radius", type=float, metavar="METRES", help="radius around the centre")
    add.add_argument("--update", action="store_true", help="update the grid if it exists")
    add.set_defaults(func=handler("bot.commands.directory:_grid_add"))

    lst = grid.add_parser("list", help="list grids")
    lst.set_defaults(func=handler("bot.commands.directory:_grid_list"))

    code = grid.add_parser("bind-code", help="one-time code to bind a group chat: /bind <grid> <code>")
    code.add_argument("target", help=f"grid code, or a desk: {', '.join(DESKS)}")
    code.set_defaults(func=handler("bot.commands.directory:_bind_code"))

    imp = grid.add_parser(
        "import",
        help="create or update grids from a CSV or TOML file (see docs/dispatch.md)",
        description="Create or update grids from FILE (.csv or .toml). The whole file is "
        "checked first; nothing is written if any line is wrong.",
    )
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--dry-run", action="store_true", help="check the file and show what would change")
    imp.set_defaults(func=handler("bot.commands.dispatch:_grid_import"))

    wecom = grid.add_parser("set-wecom", help="set the grid's WeCom group robot webhook URL")
    wecom.add_argument("grid")
    wecom.add_argument("url", help="robot webhook URL, or 'none' to remove")
    wecom.set_defaults(func=handler("bot.commands.directory:_set_wecom"))

    staff = group(sub, "staff", help="staff: workers, dispatchers, supervisors", description="Manage staff.")
    sadd = staff.add_parser("add", help="add a staff member")
    sadd.add_argument("name")
    sadd.add_argument("--role", default="worker", choices=["worker", "dispatcher", "supervisor", "admin"])
    sadd.add_argument("--grid", action="append", default=[], metavar="CODE", help="grid membership (repeatable)")
    sadd.add_argument("--department", help="维修 / 保洁 / 保安 / 客服")
    sadd.add_argument("--phone")
    sadd.add_argument("--wecom-userid", metavar="ID", help="their WeCom account (企业微信 userid) for the WeCom app")
    sadd.set_defaults(func=handler("bot.commands.directory:_staff_add"))
    swecom = staff.add_parser("set-wecom", help="link a staff member to their WeCom account (企业微信 userid)")
    swecom.add_argument("staff", help="staff id or name")
    swecom.add_argument("userid", help="the userid from the WeCom admin console (通讯录), or 'none' to unlink")
    swecom.set_defaults(func=handler("bot.commands.directory:_staff_set_wecom"))
    slist = staff.add_parser("list", help="list staff")
    slist.set_defaults(func=handler("bot.commands.directory:_staff_list"))
    inv = staff.add_parser("invite", help="one-time code a staff member sends to the bot to bind their chat")
    inv.add_argument("staff", help="staff id or name")
    inv.set_defaults(func=handler("bot.commands.directory:_staff_invite"))
    pw = staff.add_parser("password", help="set a staff member's desk password (read from standard input)",
                          description="Set the password the staff member logs in to the desk with (at the "
                          "desk's URL, e.g. http://127.0.0.1:8080/desk). Read from standard input: once from a "
                          "pipe, twice on a terminal. Their open desk sessions end.")
    pw.add_argument("staff", help="staff id or name")
    pw.add_argument("--username", help="the login name (default: their current one, or their name)")
    pw.set_defaults(func=handler("bot.commands.desk:_password"))
