"""The queue (/desk): open tickets with filters, search, counts and pages; `?partial=1` gives the
live part alone, which the page fetches again when the event stream says a ticket changed."""

from __future__ import annotations

from datetime import UTC, date, tzinfo
from typing import Any
from urllib.parse import urlencode

import aiohttp_jinja2
from aiohttp import web

from bot.desk import texts as tx
from bot.desk.access import readable_grids
from bot.desk.auth import user
from bot.desk.deps import deps
from bot.desk.forms import FieldError, Form, from_mapping
from core.enums import Status, Urgency
from core.service.directory import GRID_CODE
from core.service.queue import Queue, QueueFilter, Sort, jump_to, parse_cursor

FILTER_KEYS = ("status", "grid", "category", "urgency", "overdue", "dispatch", "human", "q", "sort", "from")


def parse_filter(query: Any, categories: list[str], page_size: int, tz: tzinfo = UTC) -> QueueFilter:
    form = from_mapping(query)
    grid = form.text("grid", "网格", limit=40) or None
    if grid and grid != "-" and not GRID_CODE.match(grid):
        raise FieldError("grid", "网格编码不正确")
    sort: Sort = "newest" if form.values.get("sort") == "newest" else "deadline"
    after, before = _cursor(form, "after"), _cursor(form, "before")
    day = _day(form, "from")
    return QueueFilter(
        status=form.choice("status", "状态", [s.value for s in Status]),
        grid=grid,
        category=form.choice("category", "分类", categories),
        urgency=form.choice("urgency", "紧急程度", [u.value for u in Urgency]),
        overdue=form.flag("overdue"), dispatch=form.flag("dispatch"), human=form.flag("human"),
        search=form.text("q", "搜索内容", limit=100),
        sort=sort,
        # a cursor's link without a page number: a page after a jump, whose number is not known
        page=form.integer("page", "页码", low=1, high=100_000) or (0 if after or before else 1),
        size=page_size, after=after, before=before,
        jump=jump_to(day, tz, sort) if day else None,
    )


def _day(form: Form, name: str) -> date | None:
    """跳到日期: a day as the date input sends it (YYYY-MM-DD)."""
    value = form.text(name, "日期", limit=10)
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise FieldError(name, tx.FIELD_INVALID.format(field="日期")) from None


def _cursor(form: Form, name: str) -> str | None:
    """Where the next / previous page starts (the pager's links carry it)."""
    value = form.text(name, "页码", limit=60)
    if value and parse_cursor(value) is None:
        raise FieldError(name, tx.FIELD_INVALID.format(field="页码"))
    return value or None


async def queue_context(request: web.Request) -> dict[str, Any]:
    d = deps(request)
    f = parse_filter(request.query, list(d.categories), d.settings.page_size, d.tz)
    grids = await readable_grids(d.db, user(request))
    queue = Queue(d.db)
    now = d.clock.now()
    page = await queue.page(f, now, grid_ids=grids)
    counts = await queue.counts(now, grid_ids=grids)
    kept = {k: v for k, v in request.query.items() if k in FILTER_KEYS and v}

    def link(**change: Any) -> str:
        params = {**kept, **{k: v for k, v in change.items() if v not in (None, "", False)}}
        for k, v in change.items():
            if v in (None, "", False):
                params.pop(k, None)
        if params.get("after") or params.get("before"):
            params.pop("from", None)  # a pager link goes on from its cursor, not from the jump
        return "?" + urlencode(params) if params else "?"

    all_grids = await d.directory.grids()
    visible_grids = [g for g in all_grids if grids is None or g.id in grids]
    return {"f": f, "page": page, "counts": counts, "link": link, "grids": visible_grids, "now": now,
            "filtered": bool(kept), "jumped": "" if f.after or f.before else request.query.get("from", "")}


async def queue_page(request: web.Request) -> web.StreamResponse:
    context = await queue_context(request)
    name = "_queue_live.html" if request.query.get("partial") else "queue.html"
    return aiohttp_jinja2.render_template(name, request, context)
