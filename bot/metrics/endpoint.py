"""`GET /metrics` and the webhooks' timing, on serve's aiohttp server.

Who may read the figures: a request from this machine (loopback) that did not come through a proxy
(a proxy on the same machine forwards the world's requests from 127.0.0.1 too, with a
Forwarded / X-Forwarded-For / X-Real-IP header), or anyone presenting METRICS_TOKEN as a bearer
token. METRICS_PORT moves the endpoint to a port of its own, served by the main process.

Every request gets a request id (nginx's X-Request-Id when it sent a sane one) and, on a channel's
webhook route, that channel, in the log context (core.logcontext); webhook routes are timed per
channel. A route's channel is the name of the component that added it (wechat, telegram …).
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import logging
import re
import secrets
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from core import logcontext
from core.clock import Clock
from core.config import Settings
from core.db.engine import Database

log = logging.getLogger(__name__)

PATH = "/metrics"
COLLECT_TIMEOUT = 5.0  # seconds for the database figures; a scrape answers without them after
PROXY_HEADERS = ("Forwarded", "X-Forwarded-For", "X-Real-IP")
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


@dataclass(frozen=True)
class Source:
    """What a scrape reads besides the counters: the database, the clock, the settings."""

    db: Database
    clock: Clock
    settings: Settings


SOURCE = web.AppKey("metrics_source", Source)
ROUTE_CHANNELS = web.AppKey("route_channels", dict[str, str])  # a route's canonical path → its channel

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def install(web_app: web.Application, source: Source, *, serve_endpoint: bool = True) -> None:
    """The timing middleware, and /metrics itself unless METRICS_PORT puts it elsewhere."""
    web_app[SOURCE] = source
    web_app[ROUTE_CHANNELS] = {}
    web_app.middlewares.append(_observe)
    if serve_endpoint:
        web_app.router.add_get(PATH, scrape)


@contextmanager
def routes_of(web_app: web.Application, channel: str) -> Iterator[None]:
    """The routes added inside belong to `channel` (their latency is labelled with it)."""
    before = len(web_app.router.resources())
    yield
    channels = web_app.get(ROUTE_CHANNELS)
    if channels is not None:
        for resource in list(web_app.router.resources())[before:]:
            channels[resource.canonical] = channel


@web.middleware
async def _observe(request: web.Request, handler: Handler) -> web.StreamResponse:
    route = request.match_info.route.resource
    channel = request.app[ROUTE_CHANNELS].get(route.canonical) if route is not None else None
    given = request.headers.get("X-Request-Id", "")
    logcontext.begin(channel=channel,
                     request_id=given if _REQUEST_ID.fullmatch(given) else secrets.token_hex(6))
    if channel is None:
        return await handler(request)
    from bot.metrics.instruments import child, instruments

    started, status = time.perf_counter(), 500
    try:
        response = await handler(request)
        status = response.status
        return response
    except web.HTTPException as exc:
        status = exc.status
        raise
    finally:
        metrics = instruments()
        child(metrics.webhook, channel).observe(time.perf_counter() - started)
        child(metrics.webhook_requests, channel, str(status)).inc()


def _refusal(request: web.Request, token: str | None) -> web.Response | None:
    """None when the request may read the figures."""
    if _from_here(request):
        return None
    sent = request.headers.get("Authorization", "")
    if token and sent.startswith("Bearer ") and hmac.compare_digest(sent[7:].encode(), token.encode()):
        return None
    if token:
        return web.Response(status=401, text="bearer token required", headers={"WWW-Authenticate": "Bearer"})
    return web.Response(status=403, text="metrics are answered on loopback only (or set METRICS_TOKEN)")


def _from_here(request: web.Request) -> bool:
    if any(name in request.headers for name in PROXY_HEADERS):
        return False
    try:
        address = ipaddress.ip_address((request.remote or "").split("%")[0])
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return bool((mapped or address).is_loopback)


async def scrape(request: web.Request) -> web.Response:
    source = request.app[SOURCE]
    refused = _refusal(request, source.settings.metrics_token)
    if refused is not None:
        return refused
    body, content_type = await exposition(source)
    return web.Response(body=body, headers={"Content-Type": content_type})


async def exposition(source: Source) -> tuple[bytes, str]:
    """The whole service's figures in Prometheus' text format."""
    from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest

    from bot.metrics import database
    from bot.metrics.instruments import instruments
    from bot.metrics.processes import shared

    instruments()  # every family is listed, even before its first event
    try:
        families = await asyncio.wait_for(database.collect(source.db, source.clock, source.settings),
                                          COLLECT_TIMEOUT)
    except Exception as exc:  # the database is away or slow: the live figures still answer
        log.warning("metrics: the database figures are missing from this scrape: %s", type(exc).__name__)
        families = database.unreachable()
    registry = CollectorRegistry()
    if shared():
        from prometheus_client.multiprocess import MultiProcessCollector

        MultiProcessCollector(registry)
    else:
        registry.register(_Forward(REGISTRY))
    registry.register(_Forward(families))
    return generate_latest(registry), CONTENT_TYPE_LATEST


class _Forward:
    """A collector yielding what another registry (or a list of families) has."""

    def __init__(self, source: Any) -> None:
        self.source = source

    def collect(self) -> Iterator[Any]:
        yield from (self.source.collect() if hasattr(self.source, "collect") else self.source)


async def start_own_port(source: Source, host: str, port: int) -> web.AppRunner:
    """METRICS_PORT: /metrics alone on a port of its own (the main process serves it)."""
    own = web.Application()
    own[SOURCE] = source
    own.router.add_get(PATH, scrape)
    runner = web.AppRunner(own, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner
