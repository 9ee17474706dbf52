"""A card's "最新" line, read the same way by every card that shows it: the grid's chat card
(core/service/notify.py) and the WeCom app's cards (core/service/wecom_notices.py)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.db.models import Ticket, TicketEvent
from core.enums import EventType, Rating, Role
from core.texts import workers as to_workers

# what a card's "最新" line may come from, newest first
_LATEST = (select(TicketEvent.type, TicketEvent.note, TicketEvent.actor_role, TicketEvent.data)
           .where(TicketEvent.ticket_id == bindparam("ticket_id"),
                  TicketEvent.type.in_([EventType.PROGRESS.value, EventType.RESOLVED.value, EventType.REOPENED.value,
                                         EventType.NOTE.value]))
           .order_by(TicketEvent.id.desc()).limit(20))


def fresh(s: AsyncSession, t: Ticket) -> bool:
    """Filed in this very transaction: no followers, no progress, no cards yet — skip those queries."""
    return t.id in s.info.get("fresh_tickets", ())


def reopen_line(actor_role: str, reason: str | None, data: dict[str, Any]) -> str:
    if data.get("dissatisfied") or actor_role == Role.RESIDENT:
        return to_workers.latest_dissatisfied(reason)
    return to_workers.latest_reopened(reason)


async def latest_line(s: AsyncSession, t: Ticket) -> str | None:
    """The card's "最新" line when the event itself brings none: the last progress or resolution note (结案 showed
    the progress before the result, usertest29), or why the ticket was reopened (and the resident's reason for
    不满意, given after the rating)."""
    if fresh(s, t):
        return None
    for type_, note, actor_role, data in (await s.execute(_LATEST, {"ticket_id": t.id})).all():
        if type_ in (EventType.PROGRESS, EventType.RESOLVED):
            return str(note) if note else None
        if type_ == EventType.REOPENED:
            return reopen_line(actor_role, note, data or {})
        if (data or {}).get("show_on_card") and (data or {}).get("rating") == Rating.DISSATISFIED.value:
            return to_workers.latest_dissatisfied(str(data.get("comment") or ""))
    return None
