"""Who hears a 催办 by hand from the desk (core/service/urge.py): the grid, as for the deadline's 催办 — its group
(with the work buttons), its WeCom robot, the worker who holds it in person (WeCom app users: wecom_notices.py). The
timers' reminders go on to Notifier.reminded. Kept apart from notify.py, which is at its size limit."""

from __future__ import annotations

from typing import Any, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from core import channels
from core import messages as m
from core.db.models import Grid, Ticket, TicketEvent
from core.enums import Status
from core.privacy import View
from core.service import keys
from core.service.notice_message import Message
from core.texts import workers as to_workers

MANUAL = "manual"  # a REMINDED event's data["reminder"] for a 催办 by hand (core/service/urge.py)


class _Notifier(Protocol):
    """What this handler uses of core.service.notify.Notifier (not imported: notify imports this module)."""

    tz: ZoneInfo

    async def reminded(self, post: Any) -> None: ...


class _Post(Protocol):
    ticket: Ticket
    event: TicketEvent
    session: AsyncSession

    async def grid(self, grid_id: int | None, purpose: str, message: Message) -> None: ...

    async def group(self, channel: str, address: str, purpose: str, message: Message) -> None: ...

    async def staff(self, staff_id: int, purpose: str, message: Message) -> None: ...


async def reminded(notifier: _Notifier, post: _Post) -> None:
    if post.event.data.get("reminder") != MANUAL:
        await notifier.reminded(post)
        return
    t, s, ev = post.ticket, post.session, post.event
    who = str(ev.data.get("by") or "")

    def text(v: View) -> str:
        return to_workers.remind_urged(t, v, notifier.tz, who, ev.note)

    actions = tuple(m.Choice(keys.encode(verb, t.number), label)
                    for verb, label in to_workers.worker_action_labels(Status(t.status)))
    await post.grid(t.grid_id, "reminder",
                    Message(lambda v: [m.Choices(text(v), actions) if actions else m.Text(text(v))]))
    grid = await s.get(Grid, t.grid_id) if t.grid_id else None
    if grid is not None and grid.wecom_robot_url:
        await post.group(channels.ROBOT, grid.wecom_robot_url, "reminder", Message.text(text))
    if t.assignee_id:
        await post.staff(t.assignee_id, "reminder", Message.text(text))

