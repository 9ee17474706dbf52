"""The composition root: configuration is read here once and every part is wired from it."""

from __future__ import annotations

import inspect
import logging
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from core.clock import Clock, SystemClock
from core.config import Settings
from core.db.engine import Database
from core.deadlines import DeadlinePolicy
from core.delivery import ChannelSender
from core.outbox import Outbox
from core.service.directory import Directory
from core.service.notify import Notifier
from core.service.queries import TicketQueries
from core.service.tickets import Assessor, DuplicateFinder, Router, TicketService
from core.workcalendar import WorkCalendar

if TYPE_CHECKING:
    from bot.conversation.engine import DialogEngine
    from bot.conversation.store import StateStore
    from bot.conversation.sweeper import DraftSweeper

log = logging.getLogger(__name__)


@dataclass
class App:
    settings: Settings
    clock: Clock
    db: Database
    calendar: WorkCalendar
    policy: DeadlinePolicy
    tickets: TicketService
    directory: Directory
    queries: TicketQueries
    tz: ZoneInfo
    outbox: Outbox
    assessor: Assessor | None = None  # reads a text: category, kind, urgency (smart dispatch)
    router: Router | None = None  # finds the grid for a ticket
    duplicates: DuplicateFinder | None = None  # spots an open ticket about the same problem
    extras: dict[str, object] = field(default_factory=dict)
    # the channels' outbox senders, by channel name ("telegram", "wechat", "wecom"…): each channel
    # registers its own here; the follow-through sender drains the outbox through them
    senders: dict[str, ChannelSender] = field(default_factory=dict)

    @cached_property
    def engine(self) -> DialogEngine:
        """The conversations every channel of this process shares (state in Redis if REDIS_URL)."""
        return conversation_engine(self)

    async def close(self) -> None:
        # senders and extras that hold connections (HTTP sessions, Redis) close with the app
        built = [self.__dict__["engine"]] if "engine" in self.__dict__ else []
        for part in [*self.senders.values(), *self.extras.values(), *built]:
            close = getattr(part, "close", None)
            if close is not None and inspect.iscoroutinefunction(close):
                await close()
        await self.db.dispose()


def build_app(settings: Settings, *, clock: Clock | None = None, db: Database | None = None,
              assessor: Assessor | None = None, router: Router | None = None,
              duplicates: DuplicateFinder | None = None) -> App:
    clock = clock or SystemClock()
    db = db or Database(settings.database_url)
    if settings.smart_dispatch:  # classifier, grid router and duplicate check (docs/dispatch.md)
        from core.dispatch.wiring import smart_dispatch

        parts = smart_dispatch(settings, db, clock, assessor=assessor, router=router)
        assessor, router, duplicates = parts.assessor, parts.router, duplicates or parts.duplicates
    tz = ZoneInfo(settings.timezone)
    calendar = WorkCalendar.from_config(settings.timezone, settings.calendar)
    policy = DeadlinePolicy.from_config(
        calendar, settings.deadlines, complexities={c.name: c.complexity for c in settings.categories})
    tickets = TicketService(
        db, clock, policy, Notifier(tz),
        categories=settings.category_names,
        departments={c.name: c.department for c in settings.categories},
        confidence_threshold=settings.classifier_threshold,
        assessor=assessor, router=router,
    )
    app = App(settings=settings, clock=clock, db=db, calendar=calendar, policy=policy, tickets=tickets,
              directory=Directory(db, clock), queries=TicketQueries(db), tz=tz,
              outbox=Outbox(db, clock, max_attempts=settings.followthrough.sender.max_attempts),
              assessor=assessor, router=router, duplicates=duplicates)
    _register_senders(app)
    return app


def _register_senders(app: App) -> None:
    from bot.adapters.wechat import wechat_parts
    from bot.adapters.wecom import WeComSender

    app.senders["wecom"] = WeComSender(app.clock)  # robot URLs come from the grids: always on
    if app.settings.wechat.app_id and app.settings.wechat.app_secret:
        sender = wechat_parts(app).sender
        assert sender is not None
        app.senders["wechat"] = sender
    if app.settings.telegram.bot_token:
        from bot.adapters.telegram import make_sender

        app.senders["telegram"] = make_sender(app.settings.telegram, app.clock)


def conversation_engine(app: App, store: StateStore | None = None) -> DialogEngine:
    """A conversation engine over the app's core (tests build several, as several processes would)."""
    from bot.conversation.context import ContextLoader
    from bot.conversation.engine import DialogEngine
    from bot.conversation.executor import Executor
    from bot.conversation.settings import dialog_settings
    from bot.conversation.store import state_store
    from bot.dialogs.understand import Reader

    settings = dialog_settings(app.settings)
    executor = Executor(tickets=app.tickets, directory=app.directory, queries=app.queries, db=app.db,
                        clock=app.clock, tz=app.tz, duplicates=app.duplicates,
                        grid_from_community=app.router is None)
    context = ContextLoader(app.directory, app.clock, app.tz, settings, Reader(app.assessor),
                            gas_phone=app.settings.gas_company_phone)
    return DialogEngine(db=app.db, store=store or state_store(app.db, app.settings.redis_url, settings.redis_prefix),
                        context=context, executor=executor, settings=settings)


def draft_sweeper(app: App, engine: DialogEngine | None = None, *, every: float = 60.0) -> DraftSweeper:
    from bot.conversation.sweeper import DraftSweeper

    return DraftSweeper(engine or app.engine, db=app.db, clock=app.clock, every=every)
