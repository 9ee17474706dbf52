"""Administration → 节假日 (/desk/admin/calendar), the head's: this year's and next year's holidays and
make-up working days (调休) as the deadlines' calendar knows them, and, for a year chinesecalendar
does not know yet, adding or removing days (stored, audited, read by every process)."""

from __future__ import annotations

from datetime import date, timedelta

import aiohttp_jinja2
from aiohttp import web
from aiohttp_session import get_session

from bot.desk.access import actor_for, require_page
from bot.desk.auth import user
from bot.desk.deps import DeskDeps, deps
from bot.desk.forms import FieldError, Form, read_form
from core.errors import DomainError
from core.service.actor import Actor
from core.service.calendar_days import MAX_DAYS, CalendarDays
from core.service.permissions import Verb
from core.texts import calendar as texts

WEEKDAYS = "一二三四五六日"


def _service(d: DeskDeps) -> CalendarDays:
    if d.calendar is None:
        raise web.HTTPNotFound()
    return CalendarDays(d.db, d.clock, d.calendar)


async def calendar_page(request: web.Request) -> web.StreamResponse:
    d = deps(request)
    await require_page(d.db, user(request), Verb.MANAGE_CALENDAR)
    return await _render(request, {}, {}, status=200)


async def _render(request: web.Request, errors: dict[str, str], values: dict[str, str], *,
                  status: int) -> web.Response:
    service = _service(deps(request))
    return aiohttp_jinja2.render_template("calendar.html", request, {
        "years": await service.years(), "changes": await service.changes(),
        "sources": texts.SOURCES, "change_labels": texts.CHANGES, "weekdays": WEEKDAYS,
        "errors": errors, "values": values, "max_days": MAX_DAYS}, status=status)


def _date(form: Form, name: str, label: str, *, required: bool) -> date | None:
    raw = form.text(name, label, required=required, limit=20)
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise FieldError(name, f"{label}不是有效的日期（例如 2027-02-06）") from None


async def calendar_action(request: web.Request) -> web.StreamResponse:
    d = deps(request)
    action = request.match_info["action"]
    if action not in ("add", "remove"):
        raise web.HTTPNotFound()
    await require_page(d.db, user(request), Verb.MANAGE_CALENDAR)
    form = await read_form(request, max_bytes=16 * 1024)
    actor = actor_for(user(request))
    try:
        if action == "add":
            message = await _add(d, form, actor)
        else:
            day = _date(form, "day", "日期", required=True)
            assert day is not None
            await _service(d).remove_day(actor, day)
            message = f"已删除 {day.isoformat()}"
    except FieldError as exc:
        return await _render(request, {action: exc.message, exc.field: exc.message}, _values(form), status=400)
    except DomainError as exc:
        return await _render(request, {action: exc.message}, _values(form), status=400)
    session = await get_session(request)
    session["flash"] = message
    raise web.HTTPSeeOther(str(request.app.router["admin-calendar"].url_for()))


async def _add(d: DeskDeps, form: Form, actor: Actor) -> str:
    first = _date(form, "day", "日期", required=True)
    last = _date(form, "until", "结束日期", required=False) or first
    assert first is not None and last is not None
    if last < first:
        raise FieldError("until", "结束日期不能早于开始日期")
    if (last - first).days >= MAX_DAYS:
        raise FieldError("until", texts.too_many_days(MAX_DAYS))
    kind = form.choice("kind", "类型", ["holiday", "workday"], required=True)
    name = form.text("name", "名称", limit=40) or None
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    await _service(d).set_days(actor, days, kind == "workday", name)
    what = "调休上班日" if kind == "workday" else "节假日"
    return f"已录入{what} {first.isoformat()}" + (f" 至 {last.isoformat()}" if last != first else "")


def _values(form: Form) -> dict[str, str]:
    return {k: v for k, v in form.values.items() if k != "csrf_token"}
