"""The desk's 回访 work list: resolved tickets whose resident has not answered the survey (in the
chat or by an earlier call), beside the phone tasks (core.service.phone_tasks)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, exists, select

from core.db.engine import Database
from core.db.models import Grid, SurveyAnswer, Ticket, TicketEvent
from core.enums import EventType, Status


@dataclass(frozen=True)
class Unanswered:
    number: str
    category: str
    description: str
    grid: str | None
    resolved_at: datetime | None
    round: int
    contact_phone: str | None
    phone_task_sent: bool  # the timers already asked for a follow-up call (PHONE_FOLLOWUP_WORKDAYS)
    version: int


async def unanswered(db: Database, *, grid_ids: Collection[int] | None = None, limit: int = 200) -> list[Unanswered]:
    answered = exists().where(SurveyAnswer.ticket_id == Ticket.id, SurveyAnswer.round == Ticket.round,
                              SurveyAnswer.resident_id == Ticket.resident_id)
    called_for = exists().where(and_(TicketEvent.ticket_id == Ticket.id, TicketEvent.type == EventType.REMINDED.value,
                                     TicketEvent.data["reminder"].as_string() == "phone_followup"))
    query = (select(Ticket.number, Ticket.category, Ticket.description, Grid.name, Ticket.resolved_at, Ticket.round,
                    Ticket.contact_phone, called_for.label("called"), Ticket.version)
             .outerjoin(Grid, Grid.id == Ticket.grid_id)
             .where(Ticket.status == Status.RESOLVED.value, ~answered)
             .order_by(Ticket.resolved_at, Ticket.id).limit(limit))
    if grid_ids is not None:
        query = query.where(Ticket.grid_id.in_(sorted(grid_ids)))
    async with db.transaction() as s:
        return [Unanswered(r.number, r.category, r.description, r.name, r.resolved_at, r.round, r.contact_phone,
                           bool(r.called), r.version) for r in await s.execute(query)]
