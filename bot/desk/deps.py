"""What the desk needs from the rest of the system, named one by one: the desk is built from these,
never from the whole application object, so its dependencies stay visible and narrow."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
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
    from bot.desk.media import MediaFetcher
    from bot.desk.reach import ReplyPreview
    from core.reports.service import Reports
    from core.service.tickets import DuplicateFinder
    from core.workcalendar import WorkCalendar


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
    duplicates: DuplicateFinder | None = None  # 代客登记 offers an open ticket about the same problem
    reports: Reports | None = None  # the dashboard and report downloads
    calendar: WorkCalendar | None = None  # administration shows which years' holidays are known
    media: MediaFetcher | None = None  # residents' and workers' photos from the channels


DESK = web.AppKey("desk", DeskDeps)


def deps(request: web.Request) -> DeskDeps:
    return request.app[DESK]
