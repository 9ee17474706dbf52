"""`complaint-bot ticket show|list`."""

from __future__ import annotations

import argparse
from typing import Any

from bot.app import App
from bot.commands import dispatch as dispatch_cmd
from bot.commands.common import CommandError, run_with_app, table, ticket_number
from core.enums import Kind, Status, Urgency
from core.service import timeline
from core.service.actor import Actor
from core.service.texts import address_label, fmt_time, mask_phone


def register(sub: Any) -> None:
    p = sub.add_parser("ticket", help="look at tickets; the dispatcher's desk", description="Look at tickets and act on them at the desk.")
    tsub = p.add_subparsers(dest="ticket_command", metavar="ACTION", required=True)
    show = tsub.add_parser("show", help="a ticket with its timeline")
    show.add_argument("number", help="ticket number, e.g. 261123-0001")
    show.add_argument("--full-phone", action="store_true", help="show the resident's phone unmasked")
    show.set_defaults(func=_show)
    lst = tsub.add_parser("list", help="the open queue (default), overdue or dispatch queue")
    group = lst.add_mutually_exclusive_group()
    group.add_argument("--overdue", action="store_true")
    group.add_argument("--dispatch", action="store_true", help="unrouted, returned or flagged tickets")
    lst.add_argument("--limit", type=int, default=50)
    lst.set_defaults(func=_list)
    dispatch_cmd.register_ticket(tsub)  # the desk: assign, reclassify, merge, split, followers
    hold = tsub.add_parser("hold", help="legal hold: retention keeps the ticket whole while it is on")
    hold.add_argument("number")
    switch = hold.add_mutually_exclusive_group(required=True)
    switch.add_argument("--on", dest="hold", action="store_true")
    switch.add_argument("--off", dest="hold", action="store_false")
    hold.add_argument("--reason", help="why (kept in the ticket's timeline)")
    hold.set_defaults(func=_hold)


def _show(args: argparse.Namespace) -> int:
    number = ticket_number(args.number)

    async def work(app: App) -> int:
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
        for line in timeline.lines(d.events, d.staff_names, tz):
            print(f"    {line}")
        return 0

    return run_with_app(args, work)


def _list(args: argparse.Namespace) -> int:
    async def work(app: App) -> None:
        if args.overdue:
            tickets = await app.queries.overdue(app.clock.now(), limit=args.limit)
        elif args.dispatch:
            tickets = await app.queries.dispatch_queue(limit=args.limit)
        else:
            tickets = await app.queries.open_queue(limit=args.limit)
        rows = [[t.number, Status(t.status).label, Urgency(t.urgency).label, t.category,
                 address_label(t)[:24], fmt_time(t.due_at, app.tz)] for t in tickets]
        print(table(rows, ["number", "status", "urgency", "category", "address", "due"]) if rows else "none")

    run_with_app(args, work)
    return 0


def _hold(args: argparse.Namespace) -> int:
    number = ticket_number(args.number)

    async def work(app: App) -> None:
        t = await app.tickets.set_legal_hold(number, Actor.system(), args.hold, args.reason)
        print(f"ticket {t.number}: legal hold {'on' if t.legal_hold else 'off'}")

    run_with_app(args, work)
    return 0
