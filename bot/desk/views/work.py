"""The desk's daily work beside the queue: taking a complaint for someone (/intake), the 回访 list
(/followups) and the short answers (/answers)."""

from __future__ import annotations

from typing import Any

import aiohttp_jinja2
from aiohttp import web
from aiohttp_session import get_session

from bot.desk.access import actor_for, require_page
from bot.desk.auth import user
from bot.desk.deps import DeskDeps, deps
from bot.desk.forms import FieldError, Form, read_form
from core.enums import Kind, Urgency
from core.errors import DomainError
from core.service.followups import unanswered
from core.service.intake import SOURCES, DeskIntake, normal_phone
from core.service.permissions import Verb
from core.service.phone_tasks import OUTCOMES, PhoneTasks
from core.service.quick_answers import QuickAnswers, parse_keywords
from core.service.tickets import MAX_DESCRIPTION, NewTicket

SOURCE_LABELS = {"phone": "来电", "walk_in": "来访", "transfer_12345": "12345转办"}


def intake_of(d: DeskDeps) -> DeskIntake:
    return DeskIntake(d.db, d.tickets, d.duplicates)


def _new_ticket(d: DeskDeps, form: Form) -> tuple[NewTicket, str, str]:
    source = form.choice("source", "来源", SOURCES, required=True)
    assert source is not None
    raw_phone = form.text("phone", "联系电话", required=True, limit=40)
    try:
        phone = normal_phone(raw_phone)
    except DomainError:
        raise FieldError("phone", "联系电话不正确（手机号或带区号的座机）") from None
    description = form.text("description", "问题描述", required=True, limit=MAX_DESCRIPTION)
    category = form.choice("category", "分类", d.categories)
    kind = form.choice("kind", "诉求类型", [k.value for k in Kind])
    urgency = form.choice("urgency", "紧急程度", [u.value for u in Urgency])
    grid = form.text("grid", "网格", limit=40) or None
    new = NewTicket(
        description=description, channel="phone", display_name=form.text("name", "姓名", limit=50) or None,
        category=category, kind=Kind(kind) if kind else None, urgency=Urgency(urgency) if urgency else None,
        community=form.text("community", "小区", limit=100) or None, building=form.text("building", "楼栋", limit=20) or None,
        unit=form.text("unit", "单元", limit=20) or None, room=form.text("room", "室", limit=20) or None,
        address_text=form.text("address", "详细地址", limit=300) or None,
        occurred_text=form.text("occurred", "发生时间", limit=100) or None, grid_code=grid,
    )
    return new, phone, source


async def intake_page(request: web.Request) -> web.StreamResponse:
    d = deps(request)
    await require_page(d.db, user(request), Verb.FILE_FOR)
    if request.method == "GET":
        return _render_intake(request, {}, None, {})
    form = await read_form(request, max_bytes=int(d.settings.max_upload_mb * 1024 * 1024))
    values = {k: v for k, v in form.values.items() if k != "csrf_token"}
    intake = intake_of(d)
    try:
        new, phone, source = _new_ticket(d, form)
        if form.values.get("step") != "file":
            draft = await intake.draft(new, phone)
            suggestion = await intake.suggest(draft, phone)
            return _render_intake(request, values, suggestion, {})
        t = await intake.file(new, phone, source, actor_for(user(request)))
    except FieldError as exc:
        return _render_intake(request, values, None, {exc.field: exc.message}, status=400)
    except DomainError as exc:
        return _render_intake(request, values, None, {"form": exc.message}, status=400)
    session = await get_session(request)
    session["flash"] = f"已登记工单 {t.number}"
    raise web.HTTPSeeOther(str(request.app.router["ticket"].url_for(number=t.number)))


def _render_intake(request: web.Request, values: dict[str, str], suggestion: Any, errors: dict[str, str], *,
                   status: int = 200) -> web.Response:
    return aiohttp_jinja2.render_template("intake.html", request, {
        "values": values, "s": suggestion, "errors": errors, "sources": SOURCE_LABELS}, status=status)


async def followups_page(request: web.Request) -> web.StreamResponse:
    d = deps(request)
    await require_page(d.db, user(request), Verb.FOLLOW_UP)
    errors: dict[str, str] = {}
    if request.method == "POST":
        form = await read_form(request, max_bytes=64 * 1024)
        task_id = form.integer("task", "任务", required=True, low=1)
        assert task_id is not None
        try:
            outcome = form.choice("outcome", "电话结果", OUTCOMES, required=True)
            assert outcome is not None
            await PhoneTasks(d.db, d.clock).complete(task_id, actor_for(user(request)), outcome,
                                                     form.text("note", "记录", limit=500) or None)
        except DomainError as exc:
            errors[str(task_id)] = exc.message
        else:
            session = await get_session(request)
            session["flash"] = "已记录电话结果"
            raise web.HTTPSeeOther(str(request.app.router["followups"].url_for()))
    return aiohttp_jinja2.render_template("followups.html", request, {
        "tickets": await unanswered(d.db), "tasks": await PhoneTasks(d.db, d.clock).open_tasks(),
        "outcomes": OUTCOMES, "errors": errors}, status=400 if errors else 200)


async def answers_page(request: web.Request) -> web.StreamResponse:
    d = deps(request)
    await require_page(d.db, user(request), Verb.MANAGE_ANSWERS)
    store = QuickAnswers(d.db, d.clock)
    errors: dict[str, str] = {}
    values: dict[str, str] = {}
    if request.method == "POST":
        form = await read_form(request, max_bytes=64 * 1024)
        values = {k: v for k, v in form.values.items() if k != "csrf_token"}
        try:
            await store.save(
                title=form.text("title", "标题", required=True, limit=100),
                body=form.text("body", "答复内容", required=True, limit=600),
                keywords=parse_keywords(form.text("keywords", "关键词", limit=600)),
                category=form.choice("category", "分类", d.categories),
                staff_id=user(request).staff_id, answer_id=form.integer("id", "编号", low=1),
                active=not form.flag("retire"))
        except FieldError as exc:
            errors[exc.field] = exc.message
        except DomainError as exc:
            errors["form"] = exc.message
        else:
            session = await get_session(request)
            session["flash"] = "知识库已保存"
            raise web.HTTPSeeOther(str(request.app.router["answers"].url_for()))
    return aiohttp_jinja2.render_template("answers.html", request, {
        "answers": await store.all(), "errors": errors, "values": values}, status=400 if errors else 200)
