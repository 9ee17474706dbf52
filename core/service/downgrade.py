"""「点错了」「不是，没人受伤」 right after an emergency: the resident takes back the danger that made their ticket an
emergency (usually a yes to the triage question, typed or tapped by mistake). Before, nothing could undo it: the
ticket stayed 紧急 with its minutes-long deadlines, the heads kept the alert and the resident was told 「照常处理」.

The ticket stays (the matter is still real); its urgency goes back to what its words say without the danger
(capped at 较急: the resident denies danger, the words may still name one), its category and kind to the words'
own where the emergency had decided them, and its deadlines are computed again from the filing time, so the
time already passed counts. A DOWNGRADED event records all of it; the notifier tells those the emergency alerted
(the heads, the grid's card, the worker who holds it) that it was a mistake (core/service/notify.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from core.db.models import Ticket
from core.enums import URGENCY_LEVELS, Complexity, EventType, Kind, Urgency
from core.service.actor import Actor
from core.service.filing import Filing
from core.service.resident_actions import own_and_open
from core.service.ticket_writer import TicketWriter, short
from core.text.urgency import assess_urgency
from core.texts import notes


class Downgrade:
    def __init__(self, writer: TicketWriter, filing: Filing) -> None:
        self.writer, self.filing = writer, filing  # the assessor is read at each call (it may be set later)

    async def downgrade(self, number: str, actor: Actor, said: str | None = None) -> Ticket:
        """The resident's own open emergency becomes an ordinary ticket. No-op when it is no emergency (any more):
        saying it twice changes nothing and alerts nobody again."""

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            own_and_open(t, actor)
            if t.urgency != Urgency.EMERGENCY:
                return
            urgency = words_urgency(t.description)
            data: dict[str, Any] = {"from_urgency": t.urgency, "to_urgency": urgency.value,
                                    "from_category": t.category, "from_kind": t.kind,
                                    "triggers": list(t.emergency_triggers), "said": short(said)}
            assessor = self.filing.assessor
            if assessor is not None:
                read = assessor.assess(t.description)
                if t.category == read.category:  # the hazard decided it (gas → 安全管理): the words' own now
                    t.category = read.as_filed(urgency)[0]
                if t.kind == Kind.HELP:  # 求助 was the emergency's kind
                    t.kind = read.kind_as_filed(urgency).value
            elif t.kind == Kind.HELP:
                t.kind = Kind.COMPLAINT.value
            t.urgency = urgency.value
            d = self.writer.policy.compute(t.created_at, category=t.category, urgency=urgency,
                                           complexity=Complexity(t.complexity), kind=Kind(t.kind))
            t.due_at, t.claim_due_at, t.escalate_at = d.due_at, d.claim_due_at, d.escalate_at
            t.first_response_due_at = d.first_response_due_at
            if t.escalation_level:  # escalated on the emergency's minutes: the new deadlines start their own count
                data["escalation_reset"] = {"from_level": t.escalation_level}
                t.escalation_level, t.escalated_at = 0, None
            data.update(to_category=t.category, to_kind=t.kind)
            await self.writer.event(s, t, EventType.DOWNGRADED, actor, None, None, now,
                                    note=notes.downgraded(short(said), urgency.label), data=data)

        return await self.writer.change(number, work, visible_to=actor)


def words_urgency(description: str) -> Urgency:
    """How urgent the words are without the danger the resident took back: what they read as, below 紧急."""
    level = URGENCY_LEVELS[assess_urgency(description).level]
    return Urgency.URGENT if level is Urgency.EMERGENCY else level
