"""The desk's aiohttp application, mounted by `serve` at DESK_PATH: templates, sessions, the
middlewares (secure cookie → session → login → CSRF → errors) and the routes."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from aiohttp_session import get_session

from bot.desk import auth, csrf, filters, routes
from bot.desk import texts as tx
from bot.desk.access import allowed_pages
from bot.desk.deps import DESK, DeskDeps
from bot.desk.sessions import SessionHolder, secure_cookie_middleware
from core.errors import Conflict, DomainError, InvalidInput, NotAllowed, NotFound
from core.service.secrets import shared_secret

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
SESSIONS = web.AppKey("desk_sessions", SessionHolder)
STATUS = {NotFound: 404, NotAllowed: 403, InvalidInput: 400, Conflict: 409}


def build_desk_app(d: DeskDeps) -> web.Application:
    holder = SessionHolder()
    app = web.Application(middlewares=[
        secure_cookie_middleware(d.settings), holder.middleware, auth.middleware, csrf.middleware, errors,
    ])
    app[DESK] = d
    app[SESSIONS] = holder
    env = aiohttp_jinja2.setup(
        app, loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=jinja2.select_autoescape(["html"]),
        context_processors=[_base_context], undefined=jinja2.StrictUndefined,
    )
    filters.install(env, d)
    routes.add(app, HERE / "static")

    async def open_sessions(_: web.Application) -> None:
        secret = d.settings.secret or await shared_secret(d.db, d.clock, "desk_session")
        await holder.open(d.settings, secret, d.redis_url, d.settings.path)

    async def close_sessions(_: web.Application) -> None:
        await holder.close()

    app.on_startup.append(open_sessions)
    app.on_cleanup.append(close_sessions)
    return app


async def _base_context(request: web.Request) -> dict[str, Any]:
    """What every page's frame needs: who is logged in, the CSRF token, the desk's root."""
    session = await get_session(request)
    who = request.get(auth.USER)
    flash = session.pop("flash", None) if who is not None else None
    pages = await allowed_pages(request.app[DESK].db, who) if who is not None else set()
    return {"me": who, "csrf": csrf.token(session), "root": request.app[DESK].settings.path, "tx": tx,
            "flash": flash, "pages": pages}


@web.middleware
async def errors(request: web.Request, handler: Any) -> web.StreamResponse:
    """A refusal from the service becomes a page with its status (never a traceback): 404 for what
    the person may not see, 403 for what they may not do, 400 for bad input, 409 for a conflict."""
    try:
        response: web.StreamResponse = await handler(request)
        return response
    except DomainError as exc:
        status = next((code for kind, code in STATUS.items() if isinstance(exc, kind)), 400)
        return error_page(request, status, exc.message)
    except web.HTTPNotFound:
        return error_page(request, 404, tx.NOT_FOUND_PAGE)
    except web.HTTPException:
        raise
    except Exception:
        log.exception("desk: %s %s failed", request.method, request.path)
        return error_page(request, 500, tx.INTERNAL_ERROR)


def error_page(request: web.Request, status: int, message: str) -> web.Response:
    if request.headers.get("X-Requested-With") == "fetch":
        return web.Response(status=status, text=message, content_type="text/plain")
    title = tx.ERROR_TITLES.get(status, tx.ERROR_TITLES[400])
    return aiohttp_jinja2.render_template("error.html", request, {"error_title": title, "message": message},
                                          status=status)
