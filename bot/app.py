"""The composition root: configuration is read here once and every part is wired from it.

Each part gets the few collaborators it needs as constructor arguments; nothing but the entry points
(bot/cli.py and bot/commands/, `serve` in bot/server.py and bot/workers.py) and the tests import
this module. `App` holds the core's parts and the shared ones built from them; the functions below
build the conversations, the channels' components and the follow-through for `serve`, the commands
and the tests.
"""

from __future__ import annotations

import inspect
import logging
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, partial
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.component import Component
from core.clock import Clock, SystemClock
from core.config import Settings
from core.db.engine import Database
from core.deadlines import DeadlinePolicy
from core.delivery import ChannelSender
from core.followthrough.ratelimit import RateLimiter, limiter_for
from core.media import MediaLibrary
from core.messages import Conversations
from core.outbox import Outbox
from core.service.calendar_days import load_days
from core.service.directory import Directory
from core.service.notify import Notifier
from core.service.queries import TicketQueries
from core.service.tickets import Assessor, DuplicateFinder, Router, TicketService
from core.workcalendar import WorkCalendar

if TYPE_CHECKING:
    from bot.adapters.telegram import TelegramComponent
    from bot.adapters.wechat import WeChatParts, WeChatWebhook
    from bot.adapters.wecom_app import WeComAppParts, WeComAppWebhook
    from bot.conversation.engine import DialogEngine
    from bot.conversation.store import StateStore
    from bot.conversation.sweeper import DraftSweeper
    from core.followthrough.retention import Retention
    from core.followthrough.sender import Sender
    from core.followthrough.timers import Timers
    from core.reports.service import Reports

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
    # the platforms' rate limits, shared by the outbox sender and the channels' direct replies (in
    # Redis when configured, so every process of a deployment counts against the same limits)
    limiter: RateLimiter
    assessor: Assessor | None = None  # reads a text: category, kind, urgency (smart dispatch)
    router: Router | None = None  # finds the grid for a ticket
    duplicates: DuplicateFinder | None = None  # spots an open ticket about the same problem
    # the channels' outbox senders, by channel name ("telegram", "wechat", "wecom"…): the
    # follow-through sender drains the outbox through them
    senders: dict[str, ChannelSender] = field(default_factory=dict)
    # photos passed between channels: a worker's WeCom photo reaches a WeChat or Telegram resident
    media: MediaLibrary = field(default_factory=MediaLibrary)
    # the WeCom app's API client, token and sender, when WECOM_AGENT_ID and WECOM_SECRET are set
    wecom_app: WeComAppParts | None = None

    @cached_property
    def engine(self) -> DialogEngine:
        """The conversations every channel of this process shares (state in Redis if REDIS_URL)."""
        return conversation_engine(self)

    @cached_property
    def wechat(self) -> WeChatParts:
        """What the WeChat webhook and its sender share: the options memory and the access_token."""
        from bot.adapters.wechat import wechat_parts
        from core.keyvalue import DatabaseStore, shared_store

        store = shared_store(self.db, self.clock, self.settings.redis_url)
        # the options shown go where the dialog state is: in the database they are read with the
        # statement that notes the person wrote, in Redis they ride in the state's save
        options = None if self.settings.dialog_state_in_redis else DatabaseStore(self.db, self.clock)
        return wechat_parts(self.settings.wechat, store=store, options_store=options,
                            db=self.db, clock=self.clock, tz=self.tz, queries=self.queries, media=self.media)

    async def close(self) -> None:
        """Close what holds connections (HTTP sessions, Redis), then the database."""
        built = [self.__dict__[name] for name in ("engine", "wechat") if name in self.__dict__]
        for part in [*self.senders.values(), *built, self.wecom_app, self.limiter]:
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
    calendar.load_from(partial(load_days, db))  # the days the head entered at the desk
    policy = DeadlinePolicy.from_config(
        calendar, settings.deadlines, complexities={c.name: c.complexity for c in settings.categories})
    tickets = TicketService(
        db, clock, policy, Notifier(tz),
        categories=settings.category_names,
        departments={c.name: c.department for c in settings.categories},
        confidence_threshold=settings.classifier_threshold,
        assessor=assessor, router=router,
    )
    sender_settings = settings.followthrough.sender
    app = App(settings=settings, clock=clock, db=db, calendar=calendar, policy=policy, tickets=tickets,
              directory=Directory(db, clock), queries=TicketQueries(db), tz=tz,
              outbox=Outbox(db, clock, max_attempts=sender_settings.max_attempts),
              limiter=limiter_for(clock, sender_settings.shared_limits, settings.redis_url),
              assessor=assessor, router=router, duplicates=duplicates)
    _register_senders(app)
    return app


def _register_senders(app: App) -> None:
    from bot.adapters.wecom import WeComSender
    from core.service.phone_tasks import PhoneTaskSender

    app.senders["wecom"] = WeComSender()  # robot URLs come from the grids: always on
    # residents without a chat (taken by the desk by phone or at the counter): updates become phone tasks
    app.senders["phone"] = PhoneTaskSender(app.db, app.clock)
    if app.settings.wecom.can_send:
        from bot.adapters.wecom_app import wecom_app_parts

        app.wecom_app = wecom_app_parts(app.settings, app.db, app.clock, media=app.media)
        app.senders["wecom_app"] = app.wecom_app.sender
    if app.settings.wechat.app_id and app.settings.wechat.app_secret:
        sender = app.wechat.sender
        assert sender is not None
        app.senders["wechat"] = sender
    if app.settings.telegram.bot_token:
        from bot.adapters.telegram import make_sender

        app.senders["telegram"] = make_sender(app.settings.telegram, app.clock, app.limiter, media=app.media)


# ---- the conversations ----------------------------------------------------------------------------


def conversation_engine(app: App, store: StateStore | None = None) -> DialogEngine:
    """A conversation engine over the app's core (tests build several, as several processes would)."""
    from bot.conversation.context import ContextLoader
    from bot.conversation.engine import DialogEngine
    from bot.conversation.executor import Executor
    from bot.conversation.settings import dialog_settings
    from bot.conversation.store import state_store
    from bot.dialogs.understand import Reader
    from core.service.quick_answers import QuickAnswers

    settings = dialog_settings(app.settings)
    executor = Executor(tickets=app.tickets, directory=app.directory, queries=app.queries, db=app.db,
                        clock=app.clock, tz=app.tz, duplicates=app.duplicates,
                        grid_from_community=app.router is None, answers=QuickAnswers(app.db, app.clock))
    context = ContextLoader(app.directory, app.clock, app.tz, settings, Reader(app.assessor, app.settings.hazard_categories),
                            gas_phone=app.settings.gas_company_phone)
    redis_url = app.settings.redis_url if app.settings.dialog_state_in_redis else None
    return DialogEngine(db=app.db, store=store or state_store(app.db, redis_url, settings.redis_prefix),
                        context=context, executor=executor, settings=settings)


def draft_sweeper(app: App, engine: DialogEngine | None = None, *, every: float = 60.0) -> DraftSweeper:
    from bot.conversation.sweeper import DraftSweeper

    return DraftSweeper(engine or app.engine, db=app.db, clock=app.clock, every=every)


# ---- the channels ---------------------------------------------------------------------------------


def telegram_component(app: App, engine: Conversations | None = None, *, routes_only: bool = False
                       ) -> TelegramComponent:
    """Telegram for `serve`: the app's Telegram sender and the shared conversations unless an engine
    is given; `routes_only` for a web worker (the webhook route, no polling, no setWebhook)."""
    from bot.adapters.telegram import (
        TelegramChannel,
        TelegramComponent,
        TelegramSender,
        check_settings,
        make_sender,
    )

    settings = app.settings.telegram
    check_settings(settings)
    sender = app.senders.get("telegram")
    if not isinstance(sender, TelegramSender):
        sender = app.senders["telegram"] = make_sender(settings, app.clock, app.limiter, media=app.media)
    channel = TelegramChannel(engine or app.engine, sender, db=app.db, clock=app.clock,
                              directory=app.directory, outbox=app.outbox)
    return TelegramComponent(channel, settings, routes_only=routes_only)


def wechat_component(app: App, dialogs: Conversations | None = None) -> WeChatWebhook:
    from bot.adapters.wechat import WeChatWebhook
    from bot.adapters.wechat.protocol import WeChatProtocol
    from core.errors import InvalidInput

    settings = app.settings.wechat
    if not settings.token:
        raise InvalidInput("WECHAT_TOKEN is not set")
    return WeChatWebhook(
        db=app.db, clock=app.clock, outbox=app.outbox,
        protocol=WeChatProtocol(settings.token, settings.app_id, settings.aes_key, max_age=settings.max_age),
        options=app.wechat.options, dialogs=dialogs or app.engine, path=settings.path,
        budget=settings.reply_budget, max_body=settings.max_body,
    )


def wecom_app_component(app: App) -> WeComAppWebhook:
    """The WeCom app's callback (workers' cards, taps and chat), at WECOM_PATH."""
    from bot.adapters.wecom_app import wecom_app_component as component

    return component(app.settings, db=app.db, clock=app.clock, tickets=app.tickets, directory=app.directory,
                     queries=app.queries, tz=app.tz)


def telegram_webhook(settings: Settings) -> bool:
    return bool(settings.telegram.bot_token and settings.telegram.mode == "webhook")


def desk_part(app: App) -> Component:
    """The hotline desk at DESK_PATH, from the collaborators it needs (bot/desk)."""
    from bot.desk import desk_component

    return desk_component(app.settings, db=app.db, clock=app.clock, tz=app.tz, tickets=app.tickets,
                          queries=app.queries, directory=app.directory, duplicates=app.duplicates,
                          reports=build_reports(app), calendar=app.calendar)


def components_for(app: App) -> list[Component]:
    """Every part of `serve` the configuration turns on."""
    parts: list[Component] = [draft_sweeper(app), desk_part(app)]
    if app.settings.telegram.bot_token:
        parts.append(telegram_component(app))
    if app.settings.wechat.token:
        parts.append(wechat_component(app))
    if app.settings.wecom.can_receive:
        parts.append(wecom_app_component(app))
        if not app.settings.wecom.can_send:
            log.warning("the WeCom callback is on but sending is not (WECOM_AGENT_ID / WECOM_SECRET missing): "
                        "no cards go out, and replies that miss the callback's answer wait")
    # last: the sender runs only for the channels that registered a sender in app.senders
    parts += follow_through_components(app)
    return parts


def web_components(app: App) -> list[Component]:
    """The parts a web worker runs (bot/workers.py): the webhook routes and the desk (a browser may
    reach any process on the port), nothing that polls or fires on a timer."""
    parts: list[Component] = [desk_part(app)]
    if app.settings.wechat.token:
        parts.append(wechat_component(app))
    if telegram_webhook(app.settings):
        parts.append(telegram_component(app, routes_only=True))
    if app.settings.wecom.can_receive:  # the port is shared: every process must answer /wecom
        parts.append(wecom_app_component(app))
    return parts


# ---- the follow-through ---------------------------------------------------------------------------


def build_sender(app: App, *, limiter: RateLimiter | None = None, worker: str | None = None) -> Sender:
    from bot.metrics import metered
    from core.followthrough.sender import Sender, worker_id

    cfg = app.settings.followthrough.sender
    return Sender(app.db, app.outbox, metered(app.senders), limiter or app.limiter, app.clock,
                  worker=worker or worker_id("sender"), batch=cfg.batch, concurrency=cfg.concurrency,
                  deliver_timeout=cfg.deliver_timeout)


def build_reports(app: App) -> Reports:
    from core.reports.service import Reports

    return Reports(app.db, app.clock, app.policy, app.tz, app.settings.followthrough.reports)


def build_retention(app: App) -> Retention:
    from core.followthrough.retention import Retention

    return Retention(app.db, app.clock, app.settings.followthrough.retention)


def build_timers(app: App, *, worker: str | None = None) -> Timers:
    from core.followthrough.sender import worker_id
    from core.followthrough.timers import Timers

    ft = app.settings.followthrough
    worker = worker or worker_id("timers")
    reports, retention = build_reports(app), build_retention(app)

    async def daily_report(day: date) -> bool:
        return await reports.post_daily(day, worker=worker)

    async def retention_job(day: date) -> bool:
        return await retention.run_daily(day, worker=worker)

    return Timers(app.db, app.clock, app.tickets, app.calendar, ft, worker=worker,
                  daily_report=daily_report if ft.reports.daily_enabled else None,
                  retention=retention_job if ft.retention.enabled else None)


def follow_through_components(app: App) -> list[Component]:
    """The sender when channels registered senders; the timers unless turned off (JOBS_ENABLED)."""
    from bot.jobs import SenderComponent, TimersComponent

    ft = app.settings.followthrough
    parts: list[Component] = []
    if app.senders and ft.sender.enabled:
        parts.append(SenderComponent(build_sender(app), poll_seconds=ft.sender.poll_seconds))
    if ft.timers.enabled:
        parts.append(TimersComponent(build_timers(app), app.db, poll_seconds=ft.timers.poll_seconds))
    return parts
