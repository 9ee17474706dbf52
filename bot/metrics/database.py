"""Figures read from the database at scrape time: the same in every process, and right after a
restart. Each query is a grouped count over an index (open tickets, waiting outbox rows, recent
tickets), so a scrape stays cheap at a million tickets."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, exists, func, literal, select
from sqlalchemy.sql.elements import ColumnElement

from core.clock import Clock
from core.config import Settings
from core.db.engine import Database
from core.db.models import Ticket, TimerFiring
from core.enums import FINAL_STATUSES, Status, Urgency
from core.followthrough.timers import UNCLAIMED_STATUSES, in_quiet_hours
from core.outbox import Outbox

WAITING = ("pending", "sending", "deferred")  # outbox rows still to be delivered
NOT_FINAL = sorted(s.value for s in Status if s not in FINAL_STATUSES)
CONFIDENCE_BUCKETS = (0.2, 0.3, 0.4, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9, 1.0)
RECENT = timedelta(hours=24)  # the classifier's confidence over the tickets filed this long ago


async def collect(db: Database, clock: Clock, settings: Settings) -> list[Any]:
    """The metric families of this moment (prometheus_client.core objects)."""
    from prometheus_client.core import GaugeHistogramMetricFamily, GaugeMetricFamily

    now = clock.now()
    tickets = GaugeMetricFamily("complaint_bot_tickets", "Tickets that still need someone, by state and urgency",
                                labels=["status", "urgency"])
    overdue = GaugeMetricFamily("complaint_bot_tickets_overdue", "Open tickets past their deadline, by urgency",
                                labels=["urgency"])
    outbox = GaugeMetricFamily("complaint_bot_outbox_messages",
                               "Messages waiting in the outbox, by channel and status", labels=["channel", "status"])
    dead = GaugeMetricFamily("complaint_bot_dead_letters", "Messages that gave up (dead letters), by channel",
                             labels=["channel"])
    oldest = GaugeMetricFamily("complaint_bot_outbox_oldest_pending_seconds",
                               "Age of the oldest message still to be sent, by channel", labels=["channel"])
    lag = GaugeMetricFamily("complaint_bot_timer_lag_seconds",
                            "How long the oldest due deadline timer has waited to fire, by timer", labels=["timer"])
    async with db.transaction() as s:
        for status, urgency, n in await s.execute(
                select(Ticket.status, Ticket.urgency, func.count()).where(Ticket.status.in_(NOT_FINAL))
                .group_by(Ticket.status, Ticket.urgency)):
            tickets.add_metric([status, urgency], n)
        for urgency, n in await s.execute(
                select(Ticket.urgency, func.count()).where(_open(), Ticket.due_at < now).group_by(Ticket.urgency)):
            overdue.add_metric([urgency], n)
        for row in await Outbox(db, clock).statistics(statuses=(*WAITING, "dead"), session=s):
            channel, status, n, first = row.channel, row.status, row.count, row.oldest
            if status == "dead":
                dead.add_metric([channel], n)
                continue
            outbox.add_metric([channel, status], n)
            if status != "deferred" and first is not None:  # deferred rows wait for the person, not for us
                oldest.add_metric([channel], max(0.0, (now - _aware(first, now)).total_seconds()))
        for timer, due in await _timers_due(s, now, settings):
            lag.add_metric([timer], 0.0 if due is None else max(0.0, (now - _aware(due, now)).total_seconds()))
        confidences = [(kind, [c for (c,) in await s.execute(
            select(column).where(Ticket.created_at >= now - RECENT, column.is_not(None)))])
            for kind, column in (("category", Ticket.category_confidence), ("kind", Ticket.kind_confidence))]
    confidence = GaugeHistogramMetricFamily(
        "complaint_bot_classifier_confidence",
        f"The classifier's confidence on the tickets filed in the last {RECENT.total_seconds() / 3600:.0f} hours",
        labels=["model"])
    for kind, values in confidences:
        confidence.add_metric([kind], _buckets(values), sum(values))
    up = GaugeMetricFamily("complaint_bot_database_up", "Whether the database answered this scrape", value=1)
    return [tickets, overdue, outbox, dead, oldest, lag, confidence, up, *await _wecom_quota(db, clock, settings)]


async def _wecom_quota(db: Database, clock: Clock, settings: Settings) -> list[Any]:
    """Today's WeCom app messages against its daily quota, and the most any bound member got this
    hour (WeCom drops what passes 1,000): read from the counters every sender shares."""
    cfg = settings.wecom
    if not cfg.can_send:
        return []
    from prometheus_client.core import GaugeMetricFamily

    from bot.adapters.wecom_app.quota import MEMBER_HOUR, Quota
    from core.db.models import ChannelIdentity
    from core.keyvalue import shared_store

    async with db.transaction() as s:
        userids = list((await s.execute(select(ChannelIdentity.external_id).where(
            ChannelIdentity.channel == "wecom_app").limit(500))).scalars())
    store = shared_store(db, clock, settings.redis_url)
    try:
        usage = await Quota(store, clock, f"{cfg.corp_id}:{cfg.agent_id}", accounts=cfg.accounts).usage(userids)
    finally:
        await store.close()
    sent = GaugeMetricFamily("complaint_bot_wecom_app_sent_today",
                             "WeCom app messages sent today (人次, Beijing day), and the daily quota", labels=["kind"])
    sent.add_metric(["sent"], usage.sent)
    sent.add_metric(["quota"], usage.quota)
    member = GaugeMetricFamily("complaint_bot_wecom_app_member_hour_max",
                               "The most WeCom app messages any bound member got this hour, and the limit",
                               labels=["kind"])
    member.add_metric(["sent"], max((hour for _, _, hour in usage.members), default=0))
    member.add_metric(["limit"], MEMBER_HOUR)
    return [sent, member]


def unreachable() -> list[Any]:
    from prometheus_client.core import GaugeMetricFamily

    return [GaugeMetricFamily("complaint_bot_database_up", "Whether the database answered this scrape", value=0)]


def _open() -> ColumnElement[bool]:
    from core.db.models import ticket_is_open

    return ticket_is_open()


async def _timers_due(s: Any, now: datetime, settings: Settings) -> list[tuple[str, datetime | None]]:
    """The deadline timers (core.followthrough.timers), each with the due time of its oldest
    ticket that is due and not yet fired. Non-emergencies wait out the quiet hours on purpose;
    then only emergencies count."""
    timers = settings.followthrough.timers
    quiet = in_quiet_hours(now.astimezone(ZoneInfo(settings.timezone)).time(), timers.quiet_start, timers.quiet_end)
    urgent_only = Ticket.urgency == Urgency.EMERGENCY.value if quiet else literal(True)
    specs: Iterable[tuple[str, Any, ColumnElement[bool]]] = (
        ("emergency", Ticket.claim_due_at, and_(Ticket.urgency == Urgency.EMERGENCY.value,
                                                Ticket.status.in_(UNCLAIMED_STATUSES))),
        ("overdue", Ticket.due_at, and_(_open(), urgent_only)),
        ("manager", Ticket.escalate_at, and_(_open(), urgent_only)),
    )
    found = []
    for kind, due, condition in specs:
        fired = exists().where(TimerFiring.kind == kind, TimerFiring.subject == Ticket.id,
                               TimerFiring.round == Ticket.round, TimerFiring.step == "")
        oldest = (await s.execute(select(func.min(due)).where(condition, due <= now, ~fired))).scalar_one()
        found.append((kind, oldest))
    return found


def _buckets(values: list[float]) -> list[tuple[str, float]]:
    counts = [(str(edge), float(sum(1 for v in values if v <= edge))) for edge in CONFIDENCE_BUCKETS]
    return [*counts, ("+Inf", float(len(values)))]


def _aware(moment: datetime, now: datetime) -> datetime:
    """An aggregate over a UTC column may come back naive from SQLite."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=now.tzinfo)
