"""催办 by hand (desk30): a dispatcher or head nudges the grid's workers on an open ticket, overdue or not. It is a
REMINDED event like the timers' nudges (core/service/timer_actions.py), with `reminder: "manual"` and the staff
member as its actor; the notifier tells the grid (its group, its WeCom robot, the holder in person, the WeCom app
users when nobody holds it) through the outbox, as for the deadline's 催办 (core/service/urge_notice.py).

At most one urge per ticket in `URGE_EVERY` (30 minutes), counted under the ticket's lock: a second one within it is
refused with the time of the first (「已于 14:05 催办过」), so two dispatchers pressing together do not double the
messages. The timers' own reminders do not count against it, nor it against them.

A resident urges their own ticket (or one they joined) the same way (work30: 「催一下」 in the chat was a note nobody in the
grid heard): the event's actor is the resident, `by` reads 居民. The refusal of a second urge is `UrgedRecently`,
carrying the first one's local time for the chat to say so; a ticket no grid holds yet is refused with the code
`not_dispatched` (the chat tells the resident it waits for the desk)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.db.models import Staff, Ticket, TicketEvent
from core.enums import OPEN_STATUSES, EventType, Status
from core.errors import InvalidInput
from core.service import permissions
from core.service.actor import Actor
from core.service.permissions import Verb
from core.service.ticket_writer import TicketWriter, short
from core.service.urge_notice import MANUAL
from core.texts import errors

URGE_EVERY = timedelta(minutes=30)
NOT_DISPATCHED = "not_dispatched"  # the code of the refusal when no grid holds the ticket yet


class UrgedRecently(InvalidInput):
    """Urged within `URGE_EVERY` already: `at` is when (HH:MM, local time)."""

    code = "urged_recently"

    def __init__(self, message: str, at: str) -> None:
        super().__init__(message)
        self.at = at


class Urge:
    def __init__(self, writer: TicketWriter) -> None:
        self.writer = writer

    async def urge(self, number: str, actor: Actor, note: str | None = None) -> Ticket:
        """Urge the ticket's grid now; `note` (optional) is what the dispatcher adds to the message."""
        said = short((note or "").strip()) or None

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            await permissions.require(s, actor, Verb.URGE, t)
            if Status(t.status) not in OPEN_STATUSES:
                raise InvalidInput(errors.not_open_for(t.number, Status(t.status).label, Verb.URGE.label))
            if t.grid_id is None:
                raise InvalidInput(errors.URGE_NO_GRID, code=NOT_DISPATCHED)
            last = await last_urge(s, t, now - URGE_EVERY)
            if last is not None:
                at = last.astimezone(self.writer.policy.calendar.tz)
                raise UrgedRecently(errors.urged_recently(t.number, f"{at:%H:%M}", int(URGE_EVERY.total_seconds() // 60)),
                                    f"{at:%H:%M}")
            overdue = t.due_at is not None and now > t.due_at
            staff = await s.get(Staff, actor.staff_id) if actor.staff_id else None
            by = actor.role.label + (staff.name if staff else "")  # 「调度员赵敏」, for the messages
            await self.writer.event(s, t, EventType.REMINDED, actor, None, None, now, note=said,
                                    data={"reminder": MANUAL, "round": t.round, "overdue": overdue, "by": by})

        return await self.writer.change(number, work)


async def last_urge(s: AsyncSession, t: Ticket, since: datetime) -> datetime | None:
    """When this ticket was last urged by hand after `since` (None: not in that time)."""
    rows = (await s.execute(select(TicketEvent.at, TicketEvent.data).where(
        TicketEvent.ticket_id == t.id, TicketEvent.type == EventType.REMINDED.value, TicketEvent.at > since,
    ).order_by(TicketEvent.id.desc()))).all()
    return next((r.at for r in rows if (r.data or {}).get("reminder") == MANUAL), None)
