"""Administration (/desk/admin), the head's: staff (add, role, grids, deactivate, reset a desk
password, an invite code for their chat), grids (patterns, centre, polygon, a bind code for their
group), dead letters (retry), and whether the holiday calendar knows next year."""

from __future__ import annotations

import json
import secrets

import aiohttp_jinja2
from aiohttp import web
from aiohttp_session import get_session

from bot.desk.access import allowed_pages, require_page
from bot.desk.auth import user
from bot.desk.deps import DeskDeps, deps
from bot.desk.forms import FieldError, Form, read_form
from core.enums import Role
from core.errors import DomainError
from core.outbox import Outbox
from core.service.permissions import Verb

STAFF_ROLES = [Role.WORKER, Role.DISPATCHER, Role.SUPERVISOR, Role.ADMIN]


async def admin_page(request: web.Request) -> web.StreamResponse:
    d = deps(request)
    await require_page(d.db, user(request), Verb.MANAGE_STAFF)
    return await _render(request, {}, status=200)


async def _render(request: web.Request, errors: dict[str, str], *, status: int,
                  shown: str | None = None) -> web.Response:
    d = deps(request)
    pages = await allowed_pages(d.db, user(request))
    calendar = d.calendar
    today = d.clock.now().astimezone(d.tz).date()
    years = [(y, calendar.knows_year(y)) for y in (today.year, today.year + 1)] if calendar is not None else []
    return aiohttp_jinja2.render_template("admin.html", request, {
        "staff": await d.directory.staff_list(), "usernames": await d.accounts.usernames(),
        "grids": await d.directory.grids(), "roles": STAFF_ROLES,
        "dead": await Outbox(d.db, d.clock).dead_letters(50) if "manage_grids" in pages else [],
        "years": years, "errors": errors, "shown": shown}, status=status)


async def admin_action(request: web.Request) -> web.StreamResponse:
    d = deps(request)
    action = request.match_info["action"]
    handler = ACTIONS.get(action)
    if handler is None:
        raise web.HTTPNotFound()
    verb, run = handler
    await require_page(d.db, user(request), verb)
    form = await read_form(request, max_bytes=256 * 1024)
    try:
        message, shown = await run(d, form)
    except FieldError as exc:
        return await _render(request, {action: exc.message, exc.field: exc.message}, status=400)
    except DomainError as exc:
        return await _render(request, {action: exc.message}, status=400)
    if shown is not None:  # a password or code is shown once, never stored readable
        return await _render(request, {}, status=200, shown=f"{message}：{shown}")
    session = await get_session(request)
    session["flash"] = message
    raise web.HTTPSeeOther(str(request.app.router["admin"].url_for()))


async def _add_staff(d: DeskDeps, form: Form) -> tuple[str, str | None]:
    name = form.text("name", "姓名", required=True, limit=100)
    role = form.choice("role", "角色", [r.value for r in STAFF_ROLES], required=True)
    assert role is not None
    grids = form.values.getall("grids", [])
    staff = await d.directory.add_staff(name, Role(role), grids=grids, phone=form.text("phone", "电话", limit=32) or None)
    return f"已添加工作人员 {staff.name}", None


async def _update_staff(d: DeskDeps, form: Form) -> tuple[str, str | None]:
    staff_id = form.integer("staff", "工作人员", required=True, low=1)
    role = form.choice("role", "角色", [r.value for r in STAFF_ROLES], required=True)
    assert staff_id is not None and role is not None
    staff = await d.directory.update_staff(staff_id, role=Role(role), grids=form.values.getall("grids", []),
                                           active=not form.flag("inactive"))
    return f"已更新 {staff.name}", None


async def _reset_password(d: DeskDeps, form: Form) -> tuple[str, str | None]:
    staff_id = form.integer("staff", "工作人员", required=True, low=1)
    assert staff_id is not None
    password = secrets.token_urlsafe(9)
    account = await d.accounts.set_password(staff_id, password, username=form.text("username", "用户名", limit=100) or None)
    return f"已重置 {account.username} 的桌面密码（只显示这一次，请转告本人）", password


async def _invite(d: DeskDeps, form: Form) -> tuple[str, str | None]:
    staff_id = form.integer("staff", "工作人员", required=True, low=1)
    staff, code = await d.directory.staff_invite(str(staff_id))
    return f"{staff.name} 的绑定码（24小时内有效，私聊机器人发送「绑定 绑定码」）", code


def _floats(form: Form, name: str, label: str) -> tuple[float, float] | None:
    raw = form.text(name, label, limit=60)
    if not raw:
        return None
    try:
        lat, lng = (float(x) for x in raw.replace("，", ",").split(","))
    except ValueError:
        raise FieldError(name, f"{label}应为 纬度,经度（例如 30.2741,120.1551）") from None
    return lat, lng


async def _save_grid(d: DeskDeps, form: Form) -> tuple[str, str | None]:
    code = form.text("code", "网格编码", required=True, limit=40)
    name = form.text("name", "网格名称", required=True, limit=100)
    patterns = [p.strip() for p in form.text("patterns", "地址匹配", limit=4000).splitlines() if p.strip()]
    radius = form.integer("radius", "半径", low=1, high=100_000)
    polygon = None
    if raw := form.text("polygon", "多边形", limit=20_000):
        try:
            polygon = [[float(a), float(b)] for a, b in json.loads(raw)]
        except (ValueError, TypeError):
            raise FieldError("polygon", "多边形应为 JSON：[[纬度, 经度], …]") from None
    grid = await d.directory.add_grid(code, name, patterns=patterns, center=_floats(form, "center", "中心点"),
                                      radius_m=float(radius) if radius else None, polygon=polygon,
                                      update=form.flag("update"))
    return f"网格 {grid.code} 已保存", None


async def _bind_code(d: DeskDeps, form: Form) -> tuple[str, str | None]:
    target = form.text("grid", "网格", required=True, limit=40)
    code = await d.directory.grid_bind_code(target)
    return f"在 {target} 的群里发送「/bind {target} 绑定码」（24小时内有效）", code


async def _retry(d: DeskDeps, form: Form) -> tuple[str, str | None]:
    outbox_id = form.integer("id", "消息", required=True, low=1)
    assert outbox_id is not None
    if not await Outbox(d.db, d.clock).requeue(outbox_id):
        raise FieldError("id", "这条消息不在失败列表中")
    return f"消息 #{outbox_id} 已重新排队发送", None


ACTIONS = {
    "staff-add": (Verb.MANAGE_STAFF, _add_staff), "staff-update": (Verb.MANAGE_STAFF, _update_staff),
    "staff-password": (Verb.MANAGE_STAFF, _reset_password), "staff-invite": (Verb.MANAGE_STAFF, _invite),
    "grid-save": (Verb.MANAGE_GRIDS, _save_grid), "grid-bind": (Verb.MANAGE_GRIDS, _bind_code),
    "dead-retry": (Verb.MANAGE_GRIDS, _retry),
}
