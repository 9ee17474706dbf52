"""The dashboard (/desk/dashboard): today and this month in the report module's own figures (受理量,
及时率, 结案率, 回访率, 满意率, the overdue list, per grid and per category) and its charts, and the
daily / weekly / monthly reports to download (csv, xlsx, html). Nothing is computed twice: every
number comes from core.reports."""

from __future__ import annotations

import asyncio
from datetime import date

import aiohttp_jinja2
from aiohttp import web

from bot.desk.access import require_page
from bot.desk.auth import user
from bot.desk.deps import DeskDeps, deps
from core.reports import charts
from core.reports.figures import Report
from core.reports.period import PeriodKind
from core.reports.service import Reports, render
from core.reports.texts import FIGURES, TITLES
from core.service.permissions import Verb

KINDS: tuple[PeriodKind, ...] = ("daily", "weekly", "monthly")
FORMATS = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           "html": "text/html"}
CHARTS = {"trend": charts.trend_chart, "category": charts.category_chart, "grid": charts.grid_chart}


def reports_of(d: DeskDeps) -> Reports:
    if d.reports is None:
        raise web.HTTPServiceUnavailable(text="reports are not configured")
    return d.reports


def _today(d: DeskDeps) -> date:
    return d.clock.now().astimezone(d.tz).date()


def _day(d: DeskDeps, request: web.Request) -> date:
    raw = request.query.get("day")
    if not raw:
        return _today(d)
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise web.HTTPBadRequest(text="日期格式应为 YYYY-MM-DD（参数 day）") from None


async def dashboard(request: web.Request) -> web.StreamResponse:
    d = deps(request)
    await require_page(d.db, user(request), Verb.REPORTS)
    reports = reports_of(d)
    today = _today(d)
    day, month = await reports.make("daily", today), await reports.make("monthly", today)
    figures = [(key, FIGURES[key][0], FIGURES[key][1]) for key in
               ("feedback_on_time", "resolved_on_time", "closure", "follow_up", "satisfaction")]
    return aiohttp_jinja2.render_template("dashboard.html", request, {
        "periods": [("今日", "daily", day), ("本月", "monthly", month)], "figures": figures, "today": today,
        "kinds": [(k, TITLES[k]) for k in KINDS], "formats": list(FORMATS)})


async def chart(request: web.Request) -> web.StreamResponse:
    d = deps(request)
    await require_page(d.db, user(request), Verb.REPORTS)
    kind, name = request.match_info["kind"], request.match_info["chart"]
    if kind not in KINDS or name not in CHARTS:
        raise web.HTTPNotFound()
    report: Report = await reports_of(d).make(kind, _day(d, request))  # type: ignore[arg-type]
    png = await asyncio.to_thread(CHARTS[name], report)  # matplotlib: off the event loop
    return web.Response(body=png, content_type="image/png", headers={"Cache-Control": "private, max-age=60"})


async def download(request: web.Request) -> web.StreamResponse:
    d = deps(request)
    await require_page(d.db, user(request), Verb.REPORTS)
    kind, fmt = request.match_info["kind"], request.match_info["fmt"]
    if kind not in KINDS or fmt not in FORMATS:
        raise web.HTTPNotFound()
    day = _day(d, request)
    report = await reports_of(d).make(kind, day)  # type: ignore[arg-type]
    body = await asyncio.to_thread(render, report, fmt)  # type: ignore[arg-type]
    name = f"report-{kind}-{report.period.first_day.isoformat()}.{fmt}"
    return web.Response(body=body, content_type=FORMATS[fmt], charset="utf-8" if fmt != "xlsx" else None,
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})
