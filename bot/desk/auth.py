"""Logging in and out, and who is asking: every desk page but the login page needs a live session
of an active staff member whose password has not changed since they logged in."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

import aiohttp_jinja2
from aiohttp import web
from aiohttp_session import get_session

from bot.desk import csrf
from bot.desk import texts as tx
from bot.desk.deps import deps
from bot.desk.sessions import client_address, expired, fresh_session, stamp
from core.service.accounts import DeskUser, LoginRefused

USER = web.RequestKey("desk_user", DeskUser)
PUBLIC = ("/login", "/static/")


def user(request: web.Request) -> DeskUser:
    return request[USER]


@web.middleware
async def middleware(request: web.Request, handler: Any) -> web.StreamResponse:
    d = deps(request)
    if request.path == d.settings.path:  # /desk → /desk/
        raise web.HTTPFound(d.settings.path + "/")
    local = _local_path(request)
    if local.startswith(PUBLIC):
        response: web.StreamResponse = await handler(request)
        return response
    session = await get_session(request)
    staff_id = session.get("staff")
    reason = tx.LOGIN_REQUIRED
    if isinstance(staff_id, int):
        current = await d.accounts.user(staff_id)
        if expired(session, d.clock, d.settings.session_minutes):
            reason = tx.SESSION_EXPIRED
        elif current is None or session.get("epoch") != current.epoch:
            reason = tx.SESSION_REVOKED
        else:
            stamp(session, d.clock, d.settings.session_minutes)
            request[USER] = current
            response = await handler(request)
            return response
        session.clear()
        session["notice"] = reason
    if request.method == "GET" and "text/event-stream" not in request.headers.get("Accept", ""):
        raise web.HTTPSeeOther(_login_url(request, next_=str(request.rel_url)))
    raise web.HTTPUnauthorized(text=reason, content_type="text/plain")


def _local_path(request: web.Request) -> str:
    prefix = deps(request).settings.path
    path = request.path
    return path[len(prefix):] if path.startswith(prefix) else path


def _login_url(request: web.Request, next_: str | None = None) -> str:
    url = str(request.app.router["login"].url_for())
    return url + (f"?next={quote(next_)}" if next_ else "")


def _safe_next(request: web.Request, target: str | None) -> str:
    """Only a path inside the desk: a login link must not send anyone elsewhere."""
    home = str(request.app.router["queue"].url_for())
    if not target:
        return home
    parts = urlsplit(target)
    prefix = deps(request).settings.path
    if parts.scheme or parts.netloc or not parts.path.startswith(prefix) or "\\" in target:
        return home
    return target


@aiohttp_jinja2.template("login.html")
async def login_page(request: web.Request) -> dict[str, Any]:
    session = await get_session(request)
    notice = session.pop("notice", None)
    return {"csrf": csrf.token(session), "next": request.query.get("next", ""), "notice": notice,
            "error": None, "username": ""}


async def login(request: web.Request) -> web.StreamResponse:
    d = deps(request)
    form = await request.post()
    username = str(form.get("username", "")).strip()
    password = str(form.get("password", ""))
    next_ = str(form.get("next", ""))
    session = await get_session(request)
    error = None
    status = 400
    if not username or not password:
        error = tx.LOGIN_FIELDS_MISSING
    else:
        try:
            who = await d.accounts.login(username, password, client_address(request))
        except LoginRefused as exc:
            error = exc.message
            status = 429 if exc.locked_until else 401
        else:
            session = await fresh_session(request)
            session["staff"] = who.staff_id
            session["epoch"] = who.epoch
            session["seen"] = 0
            stamp(session, d.clock, d.settings.session_minutes)
            csrf.token(session)
            raise web.HTTPSeeOther(_safe_next(request, next_))
    context = {"csrf": csrf.token(session), "next": next_, "notice": None, "error": error, "username": username}
    return aiohttp_jinja2.render_template("login.html", request, context, status=status)


async def logout(request: web.Request) -> web.StreamResponse:
    session = await get_session(request)
    session.clear()
    session["notice"] = tx.LOGGED_OUT
    raise web.HTTPSeeOther(_login_url(request))
