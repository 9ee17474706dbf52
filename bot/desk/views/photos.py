"""A ticket's photos on the desk's pages, served through the desk's own login (bot/desk/media.py
fetches them from the platforms)."""

from __future__ import annotations

from aiohttp import web

from bot.desk.access import actor_for
from bot.desk.auth import user
from bot.desk.deps import deps
from bot.desk.views.ticket import number_of


async def photo(request: web.Request) -> web.StreamResponse:
    """GET /desk/tickets/NUMBER/media/EVENT/INDEX (EVENT 0: the resident's photos)."""
    d = deps(request)
    number = number_of(request)
    try:
        event_id, index = int(request.match_info["event"]), int(request.match_info["index"])
    except ValueError:
        raise web.HTTPNotFound() from None
    ref = await d.desk.photo(number, actor_for(user(request)), event_id, index)
    got = await d.media.fetch(ref) if d.media is not None else None
    if got is None:
        raise web.HTTPNotFound()
    data, kind = got
    return web.Response(body=data, content_type=kind, headers={"Cache-Control": "private, max-age=3600",
                                                                "X-Content-Type-Options": "nosniff"})
