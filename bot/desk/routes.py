"""The desk's routes, in one table."""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

from bot.desk import auth
from bot.desk.views import actions, admin, calendar, dashboard, events, photos, queue, ticket, work


def add(app: web.Application, static: Path) -> None:
    r = app.router
    r.add_get("/login", auth.login_page, name="login")
    r.add_post("/login", auth.login)
    r.add_post("/logout", auth.logout, name="logout")
    r.add_get("/", queue.queue_page, name="queue")
    r.add_get("/events", events.events, name="events")
    r.add_get("/tickets/{number}", ticket.ticket_page, name="ticket")
    r.add_post("/tickets/{number}/{action}", actions.act, name="ticket_action")
    r.add_get("/tickets/{number}/media/{event}/{index}", photos.photo, name="photo")
    r.add_route("GET", "/intake", work.intake_page, name="intake")
    r.add_route("POST", "/intake", work.intake_page)
    r.add_route("GET", "/followups", work.followups_page, name="followups")
    r.add_route("POST", "/followups", work.followups_page)
    r.add_route("GET", "/answers", work.answers_page, name="answers")
    r.add_route("POST", "/answers", work.answers_page)
    r.add_get("/dashboard", dashboard.dashboard, name="dashboard")
    r.add_get("/dashboard/{kind}/{chart}.png", dashboard.chart)
    r.add_get("/reports/{kind}.{fmt}", dashboard.download, name="report")
    r.add_get("/admin", admin.admin_page, name="admin")
    r.add_get("/admin/calendar", calendar.calendar_page, name="admin-calendar")
    r.add_post("/admin/calendar/{action}", calendar.calendar_action)
    r.add_post("/admin/{action}", admin.admin_action)
    r.add_static("/static/", static, name="static", append_version=True)
