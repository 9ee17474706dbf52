"""The desk's routes, in one table."""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

from bot.desk import auth, live
from bot.desk.views import actions, queue, ticket


def add(app: web.Application, static: Path) -> None:
    r = app.router
    r.add_get("/login", auth.login_page, name="login")
    r.add_post("/login", auth.login)
    r.add_post("/logout", auth.logout, name="logout")
    r.add_get("/", queue.queue_page, name="queue")
    r.add_get("/events", live.events, name="events")
    r.add_get("/tickets/{number}", ticket.ticket_page, name="ticket")
    r.add_post("/tickets/{number}/{action}", actions.act, name="ticket_action")
    r.add_static("/static/", static, name="static", append_version=True)
