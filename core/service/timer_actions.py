"""What the timers do to a ticket on their own: a nudge (催办, 回访提醒, 电话回访任务), and closing a
survey nobody answered (recorded as no answer, never as satisfied)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from core import lifecycle
from core.db.models import SurveyAnswer, Ticket
from core.enums import FINAL_STATUSES, EventType, Rating, Status
from core.errors import InvalidInput
from core.lifecycle import Action
from core.service import permissions
from core.service.actor import Actor
from core.service.once import Once
from core.service.permissions import Verb
from core.service.ticket_writer import TicketWriter
from core.texts import errors


class TimerActions:
    """Called by core/followthrough/timers.py, each at most once per due moment (`Once`)."""

    def __init__(self, writer: TicketWriter) -> None:
        self.writer = writer

    async def remind(self, number: str, reminder: str, *, note: str | None = None,
                     data: dict[str, Any] | None = None, once: Once | None = None,
                     actor: Actor | None = None) -> Ticket:
        """A timer's nudge (催办, 回访提醒, 电话回访任务): a REMINDED event; the Notifier decides who
        hears it from `reminder` (see Notifier._reminded). Refused on tickets that are done."""
        actor = actor or Actor.system()

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            if Status(t.status) in FINAL_STATUSES:
                raise InvalidInput(errors.ticket_done(t.number, Status(t.status).label))
            await self.writer.event(s, t, EventType.REMINDED, actor, None, None, now, note=note,
                                     data={"reminder": reminder, "round": t.round, **(data or {})})

        return await self.writer.change(number, work, once=once)

    async def close_unanswered(self, number: str, actor: Actor | None = None, *,
                               once: Once | None = None) -> Ticket:
        """Close a resolved ticket whose resident never answered the survey: recorded as "no answer",
        never as satisfied."""
        actor = actor or Actor.system()

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            await permissions.require(s, actor, Verb.CLOSE, t)  # the desk closing one by hand
            lifecycle.target(Action.CLOSE, Status(t.status), t.number)
            if await self.writer.answer(s, t.id, t.round, t.resident_id) is None:
                s.add(SurveyAnswer(ticket_id=t.id, round=t.round, resident_id=t.resident_id,
                                   rating=Rating.NO_ANSWER.value, via="timeout", answered_at=now))
            t.closed_at = now
            await self.writer.transition(s, t, Action.CLOSE, actor, EventType.CLOSED, now,
                                          data={"outcome": Rating.NO_ANSWER.value})

        return await self.writer.change(number, work, once=once)
