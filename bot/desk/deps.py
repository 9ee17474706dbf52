"""What the desk needs from the rest of the system, named one by one: the desk is built from these,
never from the whole application object, so its dependencies stay visible and narrow."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from aiohttp import web

from core.clock import Clock
from core.config import DeskSettings
from core.db.engine import Database
from core.service.accounts import Accounts
from core.service.desk import DeskService
from core.service.directory import Directory
from core.service.queries import TicketQueries
from core.service.tickets import TicketService

if TYPE_CHECKING:
    from bot.desk.live import LiveFeed
    from bot.desk.reach import ReplyPreview


@dataclass
class DeskDeps:
    settings: DeskSettings
    db: Database
    clock: Clock
    tz: ZoneInfo
    tickets: TicketService
    queries: TicketQueries
    directory: Directory
    accounts: Accounts
    desk: DeskService
    preview: ReplyPreview
    categories: tuple[str, ...]
    redis_url: str | None = None
    live: LiveFeed | None = None  # set when the component starts
    # optional collaborators, by name (reports, the channels' media fetchers, reply previews…)
    extras: dict[str, Any] = field(default_factory=dict)


DESK = web.AppKey("desk", DeskDeps)


def deps(request: web.Request) -> DeskDeps:
    return request.app[DESK]
