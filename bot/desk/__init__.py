"""The hotline desk (热线工作台): the web console where dispatchers, heads and grid workers run the
hotline, served by `complaint-bot serve` at DESK_PATH (/desk). Server-rendered pages (Jinja2) with a
little plain JavaScript; every action goes through core's service, every permission through core's
rules. Built from named collaborators (`desk_component`), not from the whole application."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.desk.component import DeskComponent
from bot.desk.deps import DeskDeps
from core.clock import Clock
from core.config import Settings
from core.db.engine import Database
from core.reports.service import Reports
from core.service.accounts import Accounts
from core.service.desk import DeskService
from core.service.directory import Directory
from core.service.queries import TicketQueries
from core.service.tickets import DuplicateFinder, TicketService
from core.workcalendar import WorkCalendar


def desk_deps(settings: Settings, *, db: Database, clock: Clock, tz: ZoneInfo, tickets: TicketService,
              queries: TicketQueries, directory: Directory, duplicates: DuplicateFinder | None = None,
              reports: Reports | None = None, calendar: WorkCalendar | None = None) -> DeskDeps:
    desk = settings.desk
    accounts = Accounts(db, clock, max_failures=desk.login_max_failures,
                        lockout=timedelta(minutes=desk.lockout_minutes))
    from bot.desk.media import MediaFetcher
    from bot.desk.reach import ReplyPreview

    return DeskDeps(settings=desk, db=db, clock=clock, tz=tz, tickets=tickets, queries=queries,
                    directory=directory, accounts=accounts, desk=DeskService(db, clock, tickets.notifier),
                    preview=ReplyPreview(settings.wechat.templates), categories=tuple(settings.category_names),
                    redis_url=settings.redis_url, duplicates=duplicates, reports=reports, calendar=calendar,
                    media=MediaFetcher(settings.telegram))


def desk_component(settings: Settings, *, db: Database, clock: Clock, tz: ZoneInfo, tickets: TicketService,
                   queries: TicketQueries, directory: Directory,
                   duplicates: DuplicateFinder | None = None, reports: Reports | None = None,
                   calendar: WorkCalendar | None = None) -> DeskComponent:
    return DeskComponent(desk_deps(settings, db=db, clock=clock, tz=tz, tickets=tickets, queries=queries,
                                   directory=directory, duplicates=duplicates, reports=reports, calendar=calendar))


__all__ = ["DeskComponent", "DeskDeps", "desk_component", "desk_deps"]
