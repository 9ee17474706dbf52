"""The ticket page's actions, each a POST to /desk/tickets/NUMBER/ACTION. Each reads and checks its
form (naming the field at fault), refuses a form made from an older state of the ticket, and makes
one call to core's service, which checks the permission and writes the change, its event (with this
staff member) and its outbox rows in one transaction. A refusal re-renders the page with the reason
beside the action; success returns to the page (303)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import aiohttp_jinja2
from aiohttp import web
from aiohttp_session import get_session

from bot.desk import texts as tx
from bot.desk.access import actor_for
from bot.desk.auth import user
from bot.desk.deps import DeskDeps, deps
from bot.desk.forms import FieldError, Form, read_form
from bot.desk.views.ticket import number_of, ticket_context
from core.enums import Kind, Rating, Urgency
from core.errors import Conflict, DomainError, InvalidInput, NotAllowed, NotFound, SoundsUnfinished
from core.service.actor import Actor
from core.service.directory import GRID_CODE
from core.service.numbering import parse_number
from core.service.tickets import TicketService

Handler = Callable[[DeskDeps, str, Actor, Form], Awaitable[str]]
STATUS = {NotFound: 404, NotAllowed: 403, InvalidInput: 400, Conflict: 409}
FOLLOW_UP = {"satisfied": Rating.SATISFIED, "basically_satisfied": Rating.BASIC,
             "dissatisfied": Rating.DISSATISFIED}


async def _assign(d: DeskDeps, number: str, actor: Actor, form: Form) -> str:
    grid = form.text("grid", "网格", required=True, limit=40)
    if not GRID_CODE.match(grid):
        raise FieldError("grid", "网格不正确")
    note = form.text("note", "派单说明", limit=500) or None
    t = await d.tickets.assign(number, grid, actor, note=note)
    return f"已派单至网格 {grid}" if t else ""


async def _assign_worker(d: DeskDeps, number: str, actor: Actor, form: Form) -> str:
    # "GRID:STAFF" (the form offers every grid's staff; the ticket moves to that grid), or a staff id
    # alone for the ticket's own grid
    grid, _, staff = form.text("worker", "处理人", required=True, limit=60).rpartition(":")
    if (grid and not GRID_CODE.match(grid)) or not staff.isdigit():
        raise FieldError("worker", tx.FIELD_INVALID.format(field="处理人"))
    note = form.text("note", "派单说明", limit=500) or None
    t = await d.tickets.assign_worker(number, int(staff), actor, grid_code=grid or None, note=note,
                                      version=form.integer("version", "版本"))
    holder = await d.directory.staff_name(t.assignee_id) if t.assignee_id else None
    return f"已指派{holder or '处理人'}处理，已通知本人"


async def _reclassify(d: DeskDeps, number: str, actor: Actor, form: Form) -> str:
    category = form.choice("category", "分类", d.categories, required=True)
    kind = form.choice("kind", "诉求类型", [k.value for k in Kind])
    await d.tickets.reclassify(number, actor, category=category, kind=Kind(kind) if kind else None)
    return "分类已确认"


async def _merge(d: DeskDeps, number: str, actor: Actor, form: Form) -> str:
    into = parse_number(form.text("into", "目标工单编号", required=True, limit=30))
    if into is None:
        raise FieldError("into", "目标工单编号不正确（例如 261123-0001）")
    await d.tickets.merge(number, into, actor)
    return f"已合并到工单 {into}"


async def _split(d: DeskDeps, number: str, actor: Actor, form: Form) -> str:
    resident = form.integer("resident", "居民", required=True, low=1)
    assert resident is not None
    description = form.text("description", "该居民反映的问题", limit=2000) or None
    fresh = await d.tickets.split(number, resident, actor, description=description)
    return f"已为该居民另立工单 {fresh.number}"


async def _escalate(d: DeskDeps, number: str, actor: Actor, form: Form) -> str:
    level = form.integer("level", "督办级别", required=True, low=1, high=3)
    assert level is not None
    reason = form.text("reason", "督办原因", required=True, limit=500)
    changed = await d.tickets.escalate(number, actor, level, reason)
    return "已升级督办" if changed else "该工单已在此级别或更高级别督办"


async def _hold(d: DeskDeps, number: str, actor: Actor, form: Form) -> str:
    on = form.choice("on", "保全", ["1", "0"], required=True) == "1"
    await d.tickets.set_legal_hold(number, actor, on, form.text("reason", "原因", limit=500) or None)
    return "已设置保全" if on else "已解除保全"


async def _downgrade(d: DeskDeps, number: str, actor: Actor, form: Form) -> str:
    """解除紧急 after calling the resident: core's own downgrade (core/service/downgrade.py) with the reason."""
    reason = form.text("checked", "解除原因", required=True, limit=200)
    t = await d.tickets.downgrade(number, actor, reason)
    return tx.DOWNGRADED.format(urgency=Urgency(t.urgency).label)


async def _urge(d: DeskDeps, number: str, actor: Actor, form: Form) -> str:
    """催办: the grid (and the holder) are nudged now (core/service/urge.py, at most once in 30 minutes)."""
    t = await d.tickets.urge(number, actor, form.text("urge_note", "催办说明", limit=200) or None)
    holder = await d.directory.staff_name(t.assignee_id) if t.assignee_id else None
    return tx.URGED.format(holder=tx.URGED_HOLDER.format(name=holder) if holder else "")


@dataclass(frozen=True)
class Plain:
    """An action that is one service call with the ticket, the actor and at most one required text
    field (`field`, named `label` in an error, up to `limit` characters)."""

    call: Callable[[TicketService], Callable[..., Awaitable[object]]]
    done: str
    field: str | None = None
    label: str = ""
    limit: int = 500

    async def __call__(self, d: DeskDeps, number: str, actor: Actor, form: Form) -> str:
        text = [form.text(self.field, self.label, required=True, limit=self.limit)] if self.field else []
        await self.call(d.tickets)(number, actor, *text)
        return self.done


async def _resolve(d: DeskDeps, number: str, actor: Actor, form: Form) -> str:
    """办结. A note the core finds reads as work still to come (明天派人去看) comes back beside the note with the
    「确已办完，仍然办结」 box, as the chat's workers are asked — closing sends the resident a survey for work not done."""
    note = form.text("note", "处理结果", required=True, limit=1000)
    try:
        await d.tickets.resolve(number, actor, note, unfinished_confirmed=form.flag("unfinished_ok"))
    except SoundsUnfinished as exc:
        raise FieldError("note", tx.RESOLVE_UNFINISHED) from exc
    return "已办结"


async def _return(d: DeskDeps, number: str, actor: Actor, form: Form) -> str:
    reason = form.text("reason", "退回原因", required=True, limit=200)
    await d.tickets.return_(number, actor, reason, form.text("note", "说明", limit=800) or None)
    return "已退回调度"


async def _reply(d: DeskDeps, number: str, actor: Actor, form: Form) -> str:
    text = form.text("text", "回复内容", required=True, limit=600)
    await d.desk.reply(number, actor, text, version=form.integer("version", "版本"))
    return "回复已提交，将按上方说明送达"


async def _follow_up(d: DeskDeps, number: str, actor: Actor, form: Form) -> str:
    outcome = form.choice("outcome", "回访结果", [*FOLLOW_UP, "no_answer"], required=True)
    note = form.text("note", "回访记录", limit=500) or None
    if outcome == "no_answer":
        await d.tickets.add_note(number, actor, "电话回访未接通" + (f"：{note}" if note else ""))
        return "已记录：未接通"
    assert outcome is not None
    result = await d.tickets.rate(number, actor, FOLLOW_UP[outcome], comment=note, via="phone")
    if not result.recorded:
        raise InvalidInput("该工单本轮已有评价或已不在待回访状态，未重复记录")
    return "回访结果已记录" + ("，工单已重新处理" if result.reopened else "")


ACTIONS: dict[str, Handler] = {
    "note": Plain(lambda t: t.add_note, "已添加备注", "note", "备注内容", 1000),
    "assign": _assign, "assign_worker": _assign_worker, "reclassify": _reclassify, "merge": _merge,
    "split": _split, "escalate": _escalate, "hold": _hold,
    "close": Plain(lambda t: t.close_unanswered, "已结案（居民未评价，记为未回复）"),
    "reopen": Plain(lambda t: t.reopen, "已重新处理", "reason", "重新处理的原因"),
    "cancel": Plain(lambda t: t.cancel, "已撤销", "reason", "撤销原因"),
    "claim": Plain(lambda t: t.claim, "已接单"),
    "progress": Plain(lambda t: t.add_progress, "已反馈进展", "note", "进展情况", 1000),
    "resolve": _resolve,
    "return": _return, "reply": _reply, "followup": _follow_up,
    "downgrade": _downgrade, "urge": _urge,
}
CHECKS_VERSION_ITSELF = {"reply", "assign_worker"}  # under the ticket's lock, in the service


async def act(request: web.Request) -> web.StreamResponse:
    d = deps(request)
    number = number_of(request)
    name = request.match_info["action"]
    if name == "reveal":
        return await reveal(request)
    handler = ACTIONS.get(name)
    if handler is None:
        raise web.HTTPNotFound()
    actor = actor_for(user(request))
    form = await read_form(request, max_bytes=int(d.settings.max_upload_mb * 1024 * 1024))
    try:
        if name not in CHECKS_VERSION_ITSELF:
            await d.desk.ensure_version(number, form.integer("version", "版本"))
        message = await handler(d, number, actor, form)
    except DomainError as exc:
        status = next((code for kind, code in STATUS.items() if isinstance(exc, kind)), 400)
        if isinstance(exc, NotFound) and "工单" in exc.message and number in exc.message:
            raise  # not theirs to see: the plain 404
        view = await d.desk.view(number, actor)
        field = exc.field if isinstance(exc, FieldError) else None
        if isinstance(exc, NotAllowed) and name not in {v.value for v in view.allowed}:
            field = "_refused"  # no form of that action on their page: say it at the top
        context = await ticket_context(request, view, errors={name: exc.message, **({field: exc.message} if field else {})},
                                       values={k: v for k, v in form.values.items() if k != "csrf_token"})
        context["failed_action"] = name
        return aiohttp_jinja2.render_template("ticket.html", request, context, status=status)
    session = await get_session(request)
    session["flash"] = message
    if form.values.get("next") == "followups":
        raise web.HTTPSeeOther(str(request.app.router["followups"].url_for()))
    raise web.HTTPSeeOther(str(request.app.router["ticket"].url_for(number=number)))


async def reveal(request: web.Request) -> web.StreamResponse:
    """显示电话: the page again with the full number (audited by the service)."""
    d = deps(request)
    number = number_of(request)
    actor = actor_for(user(request))
    phone = await d.desk.reveal_phone(number, actor)
    view = await d.desk.view(number, actor)
    context = await ticket_context(request, view, revealed=phone)
    return aiohttp_jinja2.render_template("ticket.html", request, context)
