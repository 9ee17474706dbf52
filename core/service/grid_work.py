"""The grid's work on a ticket: claim it, report progress, resolve it, or return it (退回) to dispatch."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from core import lifecycle
from core.db.models import Ticket
from core.enums import EventType, Status
from core.errors import InvalidInput, SoundsUnfinished
from core.lifecycle import Action
from core.messages import MediaRef
from core.service import permissions
from core.service.actor import Actor
from core.service.permissions import Verb
from core.service.ticket_writer import MAX_NOTE, TicketWriter, clean_note
from core.text.unfinished import sounds_unfinished
from core.texts import errors


class GridWork:
    """What a grid worker does from the group or their own chat (the desk's heads may do it too)."""

    def __init__(self, writer: TicketWriter) -> None:
        self.writer = writer

    async def claim(self, number: str, actor: Actor) -> Ticket:
        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            await permissions.require(s, actor, Verb.CLAIM, t)
            t.assignee_id = actor.staff_id
            t.accepted_at = now
            t.first_response_at = t.first_response_at or now
            await self.writer.transition(s, t, Action.CLAIM, actor, EventType.CLAIMED, now)

        return await self.writer.change(number, work)

    async def add_progress(self, number: str, actor: Actor, note: str,
                           photos: Sequence[MediaRef] = ()) -> Ticket:
        note = clean_note(note, photos, errors.PROGRESS_EMPTY)

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            await permissions.require(s, actor, Verb.PROGRESS, t)
            t.first_response_at = t.first_response_at or now
            await self.writer.transition(s, t, Action.PROGRESS, actor, EventType.PROGRESS, now, note=note,
                                          attachments=[p.to_json() for p in photos])

        return await self.writer.change(number, work)

    async def resolve(self, number: str, actor: Actor, note: str, photos: Sequence[MediaRef] = (), *,
                      unfinished_confirmed: bool = False) -> Ticket:
        """办结. A note that reads as work still to come (core/text/unfinished.py) is refused with SoundsUnfinished
        unless `unfinished_confirmed` — decided here, once, so no surface (chat, WeCom app, desk, CLI, one still
        to come) can close such a ticket and send the resident a survey without having asked. The refusal comes
        after the permission and status checks: a worker who may not resolve is told that, not asked."""
        note = clean_note(note, photos, errors.RESOLUTION_EMPTY)

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            await permissions.require(s, actor, Verb.RESOLVE, t)
            lifecycle.target(Action.RESOLVE, Status(t.status), t.number)
            if not unfinished_confirmed and sounds_unfinished(note):
                raise SoundsUnfinished(errors.resolution_sounds_unfinished(t.number), number=t.number, note=note)
            t.resolved_at, t.resolution_note = now, note
            t.first_response_at = t.first_response_at or now
            await self.writer.transition(s, t, Action.RESOLVE, actor, EventType.RESOLVED, now, note=note,
                                          attachments=[p.to_json() for p in photos])

        return await self.writer.change(number, work)

    async def return_(self, number: str, actor: Actor, reason: str, note: str | None = None) -> Ticket:
        reason = (reason or "").strip()
        if not reason:
            raise InvalidInput(errors.RETURN_NEEDS_REASON)
        full = f"{reason}：{note.strip()}" if note and note.strip() else reason
        if len(full) > MAX_NOTE:
            raise InvalidInput(errors.reason_too_long(MAX_NOTE))

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            await permissions.require(s, actor, Verb.RETURN, t)
            old_grid = t.grid_id
            t.assignee_id = None
            t.return_count += 1
            await self.writer.transition(s, t, Action.RETURN, actor, EventType.RETURNED, now, note=full,
                                          data={"from_grid_id": old_grid, "reason": reason, "count": t.return_count})

        return await self.writer.change(number, work)
