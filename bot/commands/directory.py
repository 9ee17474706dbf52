"""`complaint-bot grid …` and `complaint-bot staff …`: who works where."""

from __future__ import annotations

import argparse

from bot.app import App
from bot.commands import dispatch as dispatch_cmd
from bot.commands.common import CommandError, run_with_app, table
from core.enums import Role
from core.service.directory import check_wecom_userid


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
    if args.wecom_userid:
        check_wecom_userid(args.wecom_userid)  # refused before anyone is added

    async def work(app: App) -> None:
        staff = await app.directory.add_staff(args.name, Role(args.role), grids=args.grid, phone=args.phone,
                                              department=args.department)
        print(f"staff #{staff.id} {staff.name} ({args.role}) added; grids: {', '.join(args.grid) or '—'}")
        if args.wecom_userid:
            await app.directory.set_wecom_userid(str(staff.id), args.wecom_userid)
            print(f"WeCom account: {args.wecom_userid}")

    run_with_app(args, work)
    return 0


def _staff_set_wecom(args: argparse.Namespace) -> int:
    async def work(app: App) -> None:
        userid = None if args.userid.lower() == "none" else args.userid
        staff = await app.directory.set_wecom_userid(args.staff, userid)
        print(f"staff #{staff.id} {staff.name}: WeCom account {userid or 'unlinked'}")

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
