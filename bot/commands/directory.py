"""`complaint-bot grid …` and `complaint-bot staff …`: who works where."""

from __future__ import annotations

import argparse
from typing import Any

from bot.app import App
from bot.commands import desk as desk_cmd
from bot.commands import dispatch as dispatch_cmd
from bot.commands.common import CommandError, run_with_app, table
from core.enums import Role
from core.service.directory import DESKS


def register(sub: Any) -> None:
    grid = sub.add_parser("grid", help="grids (网格) and their group chats", description="Manage grids.")
    gsub = grid.add_subparsers(dest="grid_command", metavar="ACTION", required=True)

    add = gsub.add_parser("add", help="add a grid (or update it with --update)")
    add.add_argument("code", help="short code, e.g. XFL (letters, digits, - and _)")
    add.add_argument("name", help="display name, e.g. 幸福里网格")
    add.add_argument("--pattern", action="append", default=[], metavar="TEXT",
                     help="a 小区 name or address pattern routed here, e.g. '幸福里小区' or '幸福里小区 1-6栋' (repeatable)")
    add.add_argument("--center", metavar="LAT,LNG", help="centre point for routing shared locations")
    add.add_argument("--radius", type=float, metavar="METRES", help="radius around the centre")
    add.add_argument("--update", action="store_true", help="update the grid if it exists")
    add.set_defaults(func=_grid_add)

    lst = gsub.add_parser("list", help="list grids")
    lst.set_defaults(func=_grid_list)

    code = gsub.add_parser("bind-code", help="one-time code to bind a group chat: /bind <grid> <code>")
    code.add_argument("target", help=f"grid code, or a desk: {', '.join(DESKS)}")
    code.set_defaults(func=_bind_code)

    dispatch_cmd.register_grid(gsub)  # grid import

    wecom = gsub.add_parser("set-wecom", help="set the grid's WeCom group robot webhook URL")
    wecom.add_argument("grid")
    wecom.add_argument("url", help="robot webhook URL, or 'none' to remove")
    wecom.set_defaults(func=_set_wecom)

    staff = sub.add_parser("staff", help="staff: workers, dispatchers, supervisors", description="Manage staff.")
    ssub = staff.add_subparsers(dest="staff_command", metavar="ACTION", required=True)
    sadd = ssub.add_parser("add", help="add a staff member")
    sadd.add_argument("name")
    sadd.add_argument("--role", default="worker", choices=["worker", "dispatcher", "supervisor", "admin"])
    sadd.add_argument("--grid", action="append", default=[], metavar="CODE", help="grid membership (repeatable)")
    sadd.add_argument("--department", help="维修 / 保洁 / 保安 / 客服")
    sadd.add_argument("--phone")
    sadd.set_defaults(func=_staff_add)
    slist = ssub.add_parser("list", help="list staff")
    slist.set_defaults(func=_staff_list)
    inv = ssub.add_parser("invite", help="one-time code a staff member sends to the bot to bind their chat")
    inv.add_argument("staff", help="staff id or name")
    inv.set_defaults(func=_staff_invite)
    desk_cmd.register(ssub)  # staff password


def _center(text: str | None) -> tuple[float, float] | None:
    if text is None:
        return None
    try:
        lat, lng = (float(x) for x in text.replace("，", ",").split(","))
    except ValueError:
        raise CommandError(f"--center must be LAT,LNG (e.g. 30.2741,120.1551), not {text!r}") from None
    return lat, lng


def _grid_add(args: argparse.Namespace) -> int:
    dispatch_cmd.check_patterns(args.pattern)

    async def work(app: App) -> None:
        grid = await app.directory.add_grid(args.code, args.name, patterns=args.pattern,
                                            center=_center(args.center), radius_m=args.radius, update=args.update)
        print(f"grid {grid.code} ({grid.name}) saved; patterns: {', '.join(grid.address_patterns) or '—'}")

    run_with_app(args, work)
    return 0


def _grid_list(args: argparse.Namespace) -> int:
    async def work(app: App) -> None:
        grids = await app.directory.grids()
        if not grids:
            print("no grids yet: add one with `complaint-bot grid add CODE NAME --pattern 小区名`")
            return
        rows = [[g.code, g.name, "; ".join(g.address_patterns or []),
                 f"{g.center_lat},{g.center_lng}" if g.center_lat is not None else "",
                 "yes" if g.wecom_robot_url else ""] for g in grids]
        print(table(rows, ["code", "name", "patterns", "center", "wecom"]))

    run_with_app(args, work)
    return 0


def _bind_code(args: argparse.Namespace) -> int:
    async def work(app: App) -> None:
        code = await app.directory.grid_bind_code(args.target)
        print(f"one-time code for {args.target}: {code} (valid 24 h)")
        print(f"in the group chat, send:  /bind {args.target} {code}")

    run_with_app(args, work)
    return 0


def _set_wecom(args: argparse.Namespace) -> int:
    async def work(app: App) -> None:
        url = None if args.url.lower() == "none" else args.url
        grid = await app.directory.set_wecom(args.grid, url)
        print(f"grid {grid.code}: WeCom robot {'set' if url else 'removed'}")

    run_with_app(args, work)
    return 0


def _staff_add(args: argparse.Namespace) -> int:
    async def work(app: App) -> None:
        staff = await app.directory.add_staff(args.name, Role(args.role), grids=args.grid, phone=args.phone,
                                              department=args.department)
        print(f"staff #{staff.id} {staff.name} ({args.role}) added; grids: {', '.join(args.grid) or '—'}")

    run_with_app(args, work)
    return 0


def _staff_list(args: argparse.Namespace) -> int:
    async def work(app: App) -> None:
        rows = [[st.id, st.name, Role(st.role).label, ", ".join(grids), "" if st.active else "inactive"]
                for st, grids in await app.directory.staff_list()]
        print(table(rows, ["id", "name", "role", "grids", ""]) if rows else "no staff yet")

    run_with_app(args, work)
    return 0


def _staff_invite(args: argparse.Namespace) -> int:
    async def work(app: App) -> None:
        staff, code = await app.directory.staff_invite(args.staff)
        print(f"one-time code for {staff.name} (#{staff.id}): {code} (valid 24 h)")
        print(f"they send to the bot in a private chat:  绑定 {code}")

    run_with_app(args, work)
    return 0
