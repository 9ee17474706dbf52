"""`complaint-bot ticket show|list`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from bot.commands.common import CommandError, Reading, run_reading, run_with_app, table, ticket_number
from core.enums import Kind, Status, Urgency
from core.service import timeline
from core.service.actor import Actor
from core.service.texts import address_label, fmt_time, mask_phone

if TYPE_CHECKING:
    from bot.app import App


def _show(args: argparse.Namespace) -> int:
    number = ticket_number(args.number)

    async def work(app: Reading) -> int:
        d = await app.queries.detail(number)
        if d is None:
            raise CommandError(f"no ticket {number}")
        t, tz = d.ticket, app.tz
        flags = []
        if t.escalation_level:
            flags.append(f"escalated L{t.escalation_level}")
        if t.needs_dispatcher:
            flags.append(f"needs dispatcher: {t.flag_reason}")
        print(f"工单 {t.number}  [{Status(t.status).label}]  {Urgency(t.urgency).label}  "
              f"{Kind(t.kind).label}·{t.category}" + (f"  ({'; '.join(flags)})" if flags else ""))
        print(f"  内容：{t.description}")
        print(f"  地址：{address_label(t)}" + (f"  坐标 {t.lat:.5f},{t.lng:.5f}" if t.lat is not None else ""))
        if t.occurred_text:
            print(f"  时间：{t.occurred_text}")
        print(f"  电话：{t.contact_phone if args.full_phone else mask_phone(t.contact_phone)}")
        print(f"  网格：{d.grid.name + ' (' + d.grid.code + ')' if d.grid else '—'}"
              f"   处理人：{d.assignee.name if d.assignee else '—'}")
        if t.photos:
            print(f"  照片：{len(t.photos)}张")
        print(f"  受理：{fmt_time(t.created_at, tz)}   办结时限：{fmt_time(t.due_at, tz)}   "
              f"首次答复时限：{fmt_time(t.first_response_due_at, tz)}   升级时限：{fmt_time(t.escalate_at, tz)}")
        print("  时间线：")
        for line in timeline.lines(d.events, d.staff_names, tz, grid_names=d.grid_names):
            print(f"    {line}")
        return 0

    return run_reading(args, work)


def _list(args: argparse.Namespace) -> int:
    async def work(app: Reading) -> None:
        if args.overdue:
            tickets = await app.queries.overdue(app.clock.now(), limit=args.limit)
        elif args.dispatch:
            tickets = await app.queries.dispatch_queue(limit=args.limit)
        else:
            tickets = await app.queries.open_queue(limit=args.limit)
        rows = [[t.number, Status(t.status).label, Urgency(t.urgency).label, t.category,
                 address_label(t)[:24], fmt_time(t.due_at, app.tz)] for t in tickets]
        print(table(rows, ["number", "status", "urgency", "category", "address", "due"]) if rows else "none")

    run_reading(args, work)
    return 0


def _hold(args: argparse.Namespace) -> int:
    number = ticket_number(args.number)

    async def work(app: App) -> None:
        t = await app.tickets.set_legal_hold(number, Actor.system(), args.hold, args.reason)
        print(f"ticket {t.number}: legal hold {'on' if t.legal_hold else 'off'}")

    run_with_app(args, work)
    return 0
