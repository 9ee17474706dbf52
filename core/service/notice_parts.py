"""What the event handlers kept apart from notify.py (downgrade_notice, said_notice) use of its Notifier and poster,
as Protocols: they cannot import notify (notify imports them)."""

from __future__ import annotations

from typing import Any, Protocol
from zoneinfo import ZoneInfo

from core.db.models import Ticket, TicketEvent
from core.service.notice_message import Message


class CardNotifier(Protocol):
    """The Notifier's time zone and the grid's card."""

    tz: ZoneInfo

    async def _card(self, post: Any, grid_id: int | None, *, latest: str | None = None) -> None: ...


class DeskPost(Protocol):
    """Notify's poster: the ticket and event, the desk's groups, a staff member in person, the ticket's residents."""

    ticket: Ticket
    event: TicketEvent

    async def desk(self, purpose_group: str, purpose: str, message: Message) -> None: ...

    async def staff(self, staff_id: int, purpose: str, message: Message) -> None: ...

    async def residents(self, purpose: str, message: Message) -> None: ...
