"""「点错了」「不是，没人受伤」 right after an emergency: the resident takes back the danger that made their ticket an
emergency (usually a yes to the triage question, typed or tapped by mistake). Before, nothing could undo it: the
ticket stayed 紧急 with its minutes-long deadlines, the heads kept the alert and the resident was told 「照常处理」.

The ticket stays (the matter is still real); its urgency goes back to what its words say without the danger
(capped at 较急: the resident denies danger, the words may still name one), its category and kind to the words'
own where the emergency had decided them, and its deadlines are computed again from the filing time, so the
time already passed counts. A DOWNGRADED event records all of it; the notifier tells those the emergency alerted
(the heads, the grid's card, the worker who holds it) that it was a mistake (core/service/notify.py).

The desk takes one back too (desk30): a dispatcher or head who phoned the resident and found no danger, with a
required reason. For them the rule is `Verb.DOWNGRADE`, and a ticket that is no emergency or no longer open is
refused in words (they pressed a button; the resident's repeated 「点错了」 stays a silent no-op)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from core.db.models import Ticket
from core.enums import OPEN_STATUSES, URGENCY_LEVELS, Complexity, EventType, Kind, Role, Status, Urgency
from core.errors import InvalidInput
from core.service import permissions
from core.service.actor import Actor
from core.service.filing import Filing
from core.service.permissions import Verb
from core.service.resident_actions import own_and_open
from core.service.ticket_writer import TicketWriter, short
from core.text.urgency import assess_urgency
from core.texts import errors, notes


class Downgrade:
    def __init__(self, writer: TicketWriter, filing: Filing) -> None:
        self.writer, self.filing = writer, filing  # the assessor is read at each call (it may be set later)

    async def downgrade(self, number: str, actor: Actor, said: str | None = None) -> Ticket:
        """The resident's own open emergency becomes an ordinary ticket. No-op when it is no emergency (any more):
        saying it twice changes nothing and alerts nobody again. Staff (the desk) give `said`, the reason they
        found (required), and are refused for a ticket that is no emergency or not open."""
        by_staff = actor.role is not Role.RESIDENT
        if by_staff and not (said or "").strip():
            raise InvalidInput(errors.DOWNGRADE_NEEDS_REASON)

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            if by_staff:
                await permissions.require(s, actor, Verb.DOWNGRADE, t)
                if Status(t.status) not in OPEN_STATUSES:
                    raise InvalidInput(errors.not_open_for(t.number, Status(t.status).label, Verb.DOWNGRADE.label))
                if t.urgency != Urgency.EMERGENCY:
                    raise InvalidInput(errors.not_emergency(t.number, Urgency(t.urgency).label))
            else:
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
            note = notes.downgraded(short(said), urgency.label)
            if by_staff:  # the desk checked with the resident: the notices say so, not 「居民说明」
                data["checked"] = short(said)
                note = notes.downgraded_checked(short(said), urgency.label)
            await self.writer.event(s, t, EventType.DOWNGRADED, actor, None, None, now, note=note, data=data)

        return await self.writer.change(number, work, visible_to=actor)


def words_urgency(description: str) -> Urgency:
    """How urgent the words are without the danger the resident took back: what they read as, below 紧急."""
    level = URGENCY_LEVELS[assess_urgency(description).level]
    return Urgency.URGENT if level is Urgency.EMERGENCY else level
