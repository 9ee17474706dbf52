"""GET /desk/events: one open page's stream of live changes (Server-Sent Events), from the process'
live feed (bot/desk/live.py), filtered to what the signed-in staff member may read."""

from __future__ import annotations

import json

from aiohttp import web
from aiohttp_sse import sse_response

from bot.desk.access import DESK_ROLES, readable_grids
from bot.desk.auth import user
from bot.desk.deps import deps

RETRY_MS = 3000  # how long a browser waits before reconnecting


async def events(request: web.Request) -> web.StreamResponse:
    """GET /desk/events: the event stream of one open page."""
    d = deps(request)
    if d.live is None:
        raise web.HTTPServiceUnavailable(text="live updates are not running")
    who = user(request)
    grids = await readable_grids(d.db, who)
    sub = d.live.subscribe(grids, desk=who.role in DESK_ROLES)
    try:
        async with sse_response(request, ping_interval=15) as resp:
            await resp.send("ok", event="hello", retry=RETRY_MS)
            while resp.is_connected():
                change = await sub.queue.get()
                if change is None:  # the feed closes (shutdown) or this page fell behind
                    if sub.overflowed:
                        await resp.send("{}", event="reset")
                    break
                await resp.send(json.dumps(change.public(), ensure_ascii=False), event=change.kind,
                                id=str(change.id))
            return resp
    finally:
        d.live.unsubscribe(sub)
