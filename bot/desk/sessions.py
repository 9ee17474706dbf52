"""The desk's sessions: an encrypted cookie (Fernet), or Redis when REDIS_URL is set, through
aiohttp-session. The cookie is HttpOnly and SameSite=Lax, and Secure whenever the request came over
HTTPS (directly or through a proxy on this machine that says so), or always / never as configured.

Inactivity, not age, ends a session: each request stamps the time it was seen (by the injected
clock), and a session unseen for DESK_SESSION_MINUTES is dropped. The stamp is renewed at most once
a minute, so most responses carry no new cookie."""

from __future__ import annotations

import hashlib
import ipaddress
from typing import Any

from aiohttp import web
from aiohttp_session import AbstractStorage, Session, get_session, new_session, session_middleware
from aiohttp_session.cookie_storage import EncryptedCookieStorage

from core.clock import Clock
from core.config import DeskSettings

COOKIE = "desk_session"
RENEW_AFTER = 60  # seconds between renewals of the "seen" stamp


class SessionHolder:
    """The storage is made at start-up (its key may come from the database); the middleware is
    installed before that."""

    def __init__(self) -> None:
        self.storage: AbstractStorage | None = None
        self.redis: Any = None

    async def open(self, settings: DeskSettings, secret: str, redis_url: str | None, path: str) -> None:
        params: dict[str, Any] = dict(cookie_name=COOKIE, path=path, httponly=True, samesite="Lax",
                                      secure=True if settings.cookie_secure == "true" else None)
        if redis_url:
            from aiohttp_session.redis_storage import RedisStorage
            from redis.asyncio import from_url

            self.redis = from_url(redis_url)
            self.storage = RedisStorage(self.redis, **params)
        else:
            key = hashlib.sha256(("desk-session:" + secret).encode()).digest()  # 32 bytes, as Fernet wants
            self.storage = EncryptedCookieStorage(key, **params)

    async def close(self) -> None:
        if self.redis is not None:
            await self.redis.aclose()
            self.redis = None

    @web.middleware
    async def middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if self.storage is None:
            raise web.HTTPServiceUnavailable(text="starting")
        response: web.StreamResponse = await session_middleware(self.storage)(request, handler)
        return response


def secure_cookie_middleware(settings: DeskSettings) -> Any:
    """Mark the session cookie Secure when the page was served over HTTPS ("auto")."""

    @web.middleware
    async def middleware(request: web.Request, handler: Any) -> web.StreamResponse:
        try:
            response = await handler(request)
        except web.HTTPException as exc:
            _mark(request, exc, settings)
            raise
        _mark(request, response, settings)
        return response

    return middleware


def _mark(request: web.Request, response: web.StreamResponse, settings: DeskSettings) -> None:
    if settings.cookie_secure == "auto" and COOKIE in response.cookies and came_over_https(request):
        response.cookies[COOKIE]["secure"] = True


def came_over_https(request: web.Request) -> bool:
    if request.secure:
        return True
    return _from_local_proxy(request) and request.headers.get("X-Forwarded-Proto", "").lower() == "https"


def client_address(request: web.Request) -> str:
    """The browser's address; behind a proxy on this machine (nginx), the one it passes on."""
    if _from_local_proxy(request):
        forwarded = request.headers.get("X-Real-IP") or request.headers.get("X-Forwarded-For", "").split(",")[-1]
        if forwarded.strip():
            return forwarded.strip()[:100]
    return (request.remote or "unknown")[:100]


def _from_local_proxy(request: web.Request) -> bool:
    try:
        return ipaddress.ip_address(request.remote or "").is_loopback
    except ValueError:
        return False


# ---- the session's contents ---------------------------------------------------------------------

def now_seconds(clock: Clock) -> int:
    return int(clock.now().timestamp())


def stamp(session: Session, clock: Clock, minutes: int) -> None:
    """The session was used now: renew its "seen" stamp (and the cookie) once a minute."""
    now = now_seconds(clock)
    if now - int(session.get("seen", 0)) >= RENEW_AFTER:
        session["seen"] = now
        session.max_age = minutes * 60


def expired(session: Session, clock: Clock, minutes: int) -> bool:
    return now_seconds(clock) - int(session.get("seen", 0)) > minutes * 60


async def fresh_session(request: web.Request) -> Session:
    """A new session (new identity): on login, so a session id fixed before cannot be taken over."""
    return await new_session(request)


__all__ = ["COOKIE", "SessionHolder", "client_address", "expired", "fresh_session", "get_session", "stamp"]
