"""Who hears that an emergency was taken back (core/service/downgrade.py): those its alert reached. The heads'
group is told it was a mistake, the grid's card loses its 紧急 badge and says why, the worker who holds it is told
in person. The resident who took it back reads it in the chat's own reply; when staff took it back on the desk
(desk30) the resident is told here, with the new deadline. Kept apart from notify.py, which is at its size limit."""

from __future__ import annotations

from typing import Any, Protocol
from zoneinfo import ZoneInfo

from core.db.models import Ticket, TicketEvent
from core.service.notice_message import Message
from core.texts import desk as to_desk
from core.texts import resident as to_resident
from core.texts import workers as to_workers


class _Notifier(Protocol):
    """What this handler uses of core.service.notify.Notifier (not imported: notify imports this module)."""

    tz: ZoneInfo

    async def _card(self, post: Any, grid_id: int | None, *, latest: str | None = None) -> None: ...


class _Post(Protocol):
    """What it uses of notify's poster: the ticket, the desk's groups, a staff member in person."""

    ticket: Ticket
    event: TicketEvent

    async def desk(self, purpose_group: str, purpose: str, message: Message) -> None: ...

    async def staff(self, staff_id: int, purpose: str, message: Message) -> None: ...

    async def residents(self, purpose: str, message: Message) -> None: ...


async def downgraded(notifier: _Notifier, post: _Post) -> None:
    t = post.ticket
    checked = post.event.data.get("checked")  # the desk's reason, when staff took it back (desk30)
    await post.desk("supervisors", "emergency",
                    Message.text(lambda v: to_desk.alert_downgraded(t, v, notifier.tz, checked)))
    await notifier._card(post, t.grid_id,
                         latest=to_workers.LATEST_DOWNGRADED_CHECKED if checked else to_workers.LATEST_DOWNGRADED)
    if t.assignee_id:
        await post.staff(t.assignee_id, "contact",
                         Message.text(lambda v: to_workers.downgraded(t, notifier.tz, bool(checked))))
    if checked:  # taken back on the desk: the resident may still think people are on the way
        await post.residents("downgraded", Message.text(lambda v: to_resident.downgraded_by_desk(t, notifier.tz)))
