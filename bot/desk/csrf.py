"""CSRF protection: every state-changing request carries the session's token — a hidden form field
`csrf_token`, the `X-CSRF-Token` header (scripts), or, for file uploads read as a stream, the
`csrf_token` query parameter of the form's action. Without it, or with another, the answer is 403
and nothing runs."""

from __future__ import annotations

import hmac
import secrets
from typing import Any

from aiohttp import web
from aiohttp_session import Session, get_session

from bot.desk import texts as tx

FIELD = "csrf_token"
HEADER = "X-CSRF-Token"
SAFE = frozenset({"GET", "HEAD", "OPTIONS"})


def token(session: Session) -> str:
    """The session's token, made on first use."""
    value = session.get(FIELD)
    if not isinstance(value, str) or len(value) < 20:
        value = secrets.token_urlsafe(32)
        session[FIELD] = value
    return value


async def presented(request: web.Request) -> str:
    found = request.headers.get(HEADER) or request.query.get(FIELD)
    if found:
        return found
    if request.content_type == "application/x-www-form-urlencoded":
        form = await request.post()  # kept by aiohttp: the handler reads the same form again
        value = form.get(FIELD)
        return value if isinstance(value, str) else ""
    return ""


def refusal() -> web.HTTPForbidden:
    return web.HTTPForbidden(text=tx.CSRF_REFUSED, content_type="text/plain")


@web.middleware
async def middleware(request: web.Request, handler: Any) -> web.StreamResponse:
    if request.method not in SAFE:
        session = await get_session(request)
        expected = session.get(FIELD)
        given = await presented(request)
        if not isinstance(expected, str) or not given or not hmac.compare_digest(expected.encode(), given.encode()):
            raise refusal()
    response: web.StreamResponse = await handler(request)
    return response
