"""`complaint-bot demo`: a small community to look at and play with — grids, staff, group chats on
the offline `cli` channel, and tickets in different states."""

from __future__ import annotations

import argparse
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from bot.app import App, build_app
from bot.commands.common import run_with_app, table
from bot.commands.demo_answers import load_answers
from core.clock import ManualClock
from core.enums import Rating, Role, Status, Urgency
from core.errors import NotFound
from core.service.accounts import Accounts
from core.service.actor import Actor
from core.service.tickets import NewTicket

CHANNEL = "cli"

GRIDS = [
    ("XFL", "幸福里网格", ["幸福里小区", "幸福里"], (30.2741, 120.1551)),
    ("YGHY", "阳光花园网格", ["阳光花园"], (30.2803, 120.1632)),
    ("CHY", "翠湖苑网格", ["翠湖苑"], (30.2655, 120.1420)),
]
STAFF = [
    ("张伟", Role.WORKER, ["XFL"], "维修"),
    ("李娜", Role.WORKER, ["XFL"], "保洁"),
    ("王强", Role.WORKER, ["YGHY"], "维修"),
    ("陈静", Role.WORKER, ["CHY"], "客服"),
    ("赵敏", Role.DISPATCHER, [], None),
    ("孙主任", Role.SUPERVISOR, [], None),
]


@dataclass
class _Story:
    text: str
    resident: str
    grid: str | None
    category: str
    address: tuple[str, str | None, str | None, str | None]
    phone: str
    steps: list[str]  # what happens after filing
    urgency: Urgency = Urgency.NORMAL
    occurred: str | None = None


STORIES = [
    _Story("楼下烧烤店每天晚上12点还在吵，油烟也大", "demo-1", "XFL", "噪音扰民", ("幸福里小区", "3", "2", "501"),
           "13812345678", [], occurred="每天晚上"),
    _Story("3栋2单元楼道灯坏了一个多星期，晚上上楼很黑", "demo-2", "XFL", "工程维修", ("幸福里小区", "3", "2", None),
           "13900001111", ["claim:张伟", "progress:张伟:已报备件，明天上午更换灯具"]),
    _Story("垃圾站好几天没清运，味道很大", "demo-3", "YGHY", "环境卫生", ("阳光花园", "7", None, None),
           "13700002222", ["claim:王强", "resolve:王强:垃圾已清运并消杀，今后每天清运两次"]),
    _Story("电梯按钮失灵，按了没反应", "demo-4", "CHY", "工程维修", ("翠湖苑", "2", "1", None),
           "0571-88886666", ["claim:陈静", "resolve:陈静:已联系电梯维保，按钮面板已更换", "rate:satisfied"]),
    _Story("物业前台工作人员态度很差，问问题爱答不理", "demo-5", "XFL", "服务质量", ("幸福里小区", None, None, None),
           "13600003333", ["claim:李娜", "resolve:李娜:已与前台沟通并道歉", "rate:dissatisfied:只是口头道歉，没有改进"]),
    _Story("小区东门的门禁坏了，外卖员随便进出", "demo-6", "CHY", "安全管理", ("翠湖苑", None, None, None),
           "13500004444", ["return:陈静:不属于本网格:东门由阳光花园物业管理"]),
    _Story("厨房里有很大的煤气味，我已经关了阀门", "demo-7", "XFL", "安全管理", ("幸福里小区", "5", "1", "302"),
           "13400005555", ["claim:张伟"], urgency=Urgency.EMERGENCY, occurred="刚才"),
    _Story("想咨询一下小区停车位怎么租", "demo-8", None, "其他", ("", None, None, None),
           "13300006666", []),
]


def _demo(args: argparse.Namespace) -> int:
    async def work(app: App) -> None:
        try:
            await app.directory.grid("XFL")
            print("the demo community is already loaded:\n")
        except NotFound:
            await load_demo(app)
            print("loaded the demo community:\n")
        await print_demo(app)
        await demo_desk_logins(app)

    run_with_app(args, work)
    return 0


async def load_demo(app: App) -> list[str]:
    d = app.directory
    for code, name, patterns, center in GRIDS:
        await d.add_grid(code, name, patterns=patterns, center=center, radius_m=500)
        await d.bind_group_direct(CHANNEL, f"group:{code}", code)
    await d.bind_group_direct(CHANNEL, "group:supervisors", "supervisors")
    await d.bind_group_direct(CHANNEL, "group:dispatchers", "dispatchers")
    staff: dict[str, Actor] = {}
    for name, role, grids, department in STAFF:
        member = await d.add_staff(name, role, grids=grids, department=department)
        await d.bind_staff_identity(member.id, CHANNEL, f"staff:{name}", name)
        staff[name] = Actor.staff(member.id, role)

    await load_answers(app)
    # the stories happened over the last days, so deadlines and timelines look lived-in
    span = sum(2 + 3 * len(story.steps) for story in STORIES) + 1
    clock = ManualClock(app.clock.now() - timedelta(hours=span))
    story_app = build_app(app.settings, clock=clock, db=app.db)
    numbers = []
    for story in STORIES:
        community, building, unit, room = story.address
        t = await story_app.tickets.file(NewTicket(
            description=story.text, channel=CHANNEL, external_id=story.resident, grid_code=story.grid,
            category=story.category, urgency=story.urgency, community=community or None, building=building,
            unit=unit, room=room, contact_phone=story.phone, occurred_text=story.occurred,
        ))
        numbers.append(t.number)
        for step in story.steps:
            clock.advance(hours=3)
            verb, _, rest = step.partition(":")
            who, _, note = rest.partition(":")
            if verb == "claim":
                await story_app.tickets.claim(t.number, staff[who])
            elif verb == "progress":
                await story_app.tickets.add_progress(t.number, staff[who], note)
            elif verb == "resolve":
                await story_app.tickets.resolve(t.number, staff[who], note)
            elif verb == "return":
                reason, _, detail = note.partition(":")
                await story_app.tickets.return_(t.number, staff[who], reason, detail)
            elif verb == "rate":
                async with app.db.transaction() as s:
                    from sqlalchemy import select

                    from core.db.models import Ticket

                    owner = (await s.execute(select(Ticket.resident_id, Ticket.origin_identity_id)
                                             .where(Ticket.number == t.number))).one()
                await story_app.tickets.rate(t.number, Actor.resident(owner[0], owner[1]), Rating(who),
                                             comment=note or None)
        clock.advance(hours=2)
    return numbers


async def print_demo(app: App) -> None:
    grids = await app.directory.grids()
    print(table([[g.code, g.name, "、".join(g.address_patterns)] for g in grids], ["grid", "name", "小区"]))
    print()
    rows = [[st.id, st.name, Role(st.role).label, ", ".join(gs)] for st, gs in await app.directory.staff_list()]
    print(table(rows, ["id", "staff", "role", "grids"]))
    print()
    tickets = []
    for resident in {s.resident for s in STORIES}:
        tickets += await _tickets_of(app, resident)
    tickets.sort(key=lambda t: t.number)
    print(table([[t.number, Status(t.status).label, Urgency(t.urgency).label, t.category, t.description[:22]]
                 for t in tickets], ["ticket", "status", "urgency", "category", "what"]))
    if tickets:
        print(f"\nnext: `.venv/bin/complaint-bot ticket show {tickets[0].number}` shows one with its timeline;")
        print("      `.venv/bin/complaint-bot serve` runs the bot, `.venv/bin/complaint-bot chat` lets you play it.")


DESK_LOGINS = ("赵敏", "孙主任", "张伟")  # a dispatcher, the head, a grid worker


async def demo_desk_logins(app: App) -> str:
    """A fresh password (the same for the three demo logins) each time `demo` runs, printed with the
    desk's address: the README's first command leads to a working desk."""
    password = "demo-" + secrets.token_urlsafe(6)
    desk = app.settings.desk
    accounts = Accounts(app.db, app.clock, max_failures=desk.login_max_failures,
                        lockout=timedelta(minutes=desk.lockout_minutes))
    for name in DESK_LOGINS:
        staff = await app.directory.find_staff(name)
        await accounts.set_password(staff.id, password)
    url = f"http://{app.settings.http_host}:{app.settings.http_port}{desk.path}/"
    print(f"\nthe hotline desk (热线工作台), once `complaint-bot serve` runs: {url}")
    print(f"      username 赵敏 (调度员 dispatcher), 孙主任 (负责人 head) or 张伟 (网格员 grid worker); "
          f"password {password}")
    return password


async def _tickets_of(app: App, external_id: str) -> list[Any]:
    from sqlalchemy import select

    from core.db.models import ChannelIdentity

    async with app.db.transaction() as s:
        rid = (await s.execute(select(ChannelIdentity.resident_id).where(
            ChannelIdentity.channel == CHANNEL, ChannelIdentity.external_id == external_id))).scalar_one_or_none()
    return await app.queries.for_resident(rid) if rid else []
