"""The ticket page (/desk/tickets/NUMBER): fields, photos, the map, the timeline, the resident's
conversation with the reply box, duplicates and followers, survey answers, and the actions the
rules allow this staff member. `?partial=1` gives the live part alone."""

from __future__ import annotations

import re
from typing import Any

import aiohttp_jinja2
from aiohttp import web

from bot.desk.access import actor_for
from bot.desk.auth import user
from bot.desk.deps import deps
from bot.desk.mapsvg import shapes_for, svg_map
from core.db.desk_models import QuickAnswer
from core.privacy import Audience, contact, redact
from core.service.desk import TicketView
from core.service.quick_answers import QuickAnswers
from core.service.timeline import describe

NUMBER = re.compile(r"^\d{6}-\d{4,6}$")


def number_of(request: web.Request) -> str:
    number = request.match_info["number"]
    if not NUMBER.match(number):
        raise web.HTTPNotFound()
    return number


async def ticket_context(request: web.Request, view: TicketView, *, revealed: str | None = None,
                         errors: dict[str, str] | None = None, values: dict[str, str] | None = None
                         ) -> dict[str, Any]:
    d = deps(request)
    t = view.ticket
    audience = Audience.DESK_REVEALED if revealed is not None else Audience.DESK
    names = [view.resident.name if view.resident else None]
    timeline = [(ev, describe(ev, view.staff_names, "staff")) for ev in view.events]
    point = (t.lat, t.lng) if t.lat is not None and t.lng is not None else None
    grids = await d.directory.grids()
    map_svg = svg_map(point, shapes_for([g for g in grids if g.active], t.grid_id), tiles=d.settings.map_tiles,
                      label=t.location_label or "")
    answers: list[QuickAnswer] = []
    if view.allowed and any(v.value == "reply" for v in view.allowed):
        answers = await QuickAnswers(d.db, d.clock).suggest(t.description, category=t.category, limit=6)
    can = {v.value for v in view.allowed}
    # every grid's staff, the ticket's own grid first: a worker of another grid takes the ticket there
    workers = await d.directory.staff_by_grid(t.grid_id) if "assign_worker" in can else []
    return {
        "v": view, "t": t, "timeline": timeline, "map_svg": map_svg,
        "description": redact(t.description, audience, names=names),
        "phone": revealed if revealed is not None else contact(t.contact_phone, Audience.DESK),
        "revealed": revealed is not None,
        "resident_name": (view.resident.name if revealed is not None else
                          redact(view.resident.name, Audience.DESK, names=names)) if view.resident and
        view.resident.name else "—",
        "said": [(x, redact(x.text, audience, names=names)) for x in view.said],
        "can": can, "workers": workers,
        "preview": d.preview(view.reach, d.clock.now()),
        "grids": [g for g in grids if g.active],
        "answers": answers,
        "errors": errors or {}, "values": values or {}, "failed_action": None,
    }


async def ticket_page(request: web.Request) -> web.StreamResponse:
    d = deps(request)
    number = number_of(request)
    view = await d.desk.view(number, actor_for(user(request)))
    context = await ticket_context(request, view)
    name = "_ticket_live.html" if request.query.get("partial") else "ticket.html"
    return aiohttp_jinja2.render_template(name, request, context)
