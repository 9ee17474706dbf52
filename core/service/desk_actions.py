"""The desk's actions (dispatchers, supervisors): assign (to a grid or a named worker), reclassify, merge and split, escalate,
reopen, hand to a human (转人工), annotate, put on legal hold."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core import lifecycle
from core.db.models import ChannelIdentity, Grid, Staff, Ticket, TicketFollower
from core.enums import OPEN_STATUSES, EventType, Kind, Role, Status, Urgency
from core.errors import InvalidInput
from core.lifecycle import Action
from core.messages import GeoPoint, MediaRef
from core.service import permissions
from core.service.actor import Actor
from core.service.filing import Filing, NewTicket
from core.service.numbering import allocate_numbers
from core.service.once import Once
from core.service.permissions import Verb
from core.service.placement import awaits_placement, restart_deadlines
from core.service.stale import StaleForm
from core.service.ticket_writer import TicketWriter, clean_note, short
from core.texts import errors, notes


class DeskActions:
    """What the desk does; timers escalate and flag through the same calls."""

    def __init__(self, writer: TicketWriter, filing: Filing) -> None:
        self.writer, self.filing = writer, filing

    async def assign(self, number: str, grid_code: str, actor: Actor, *, department: str | None = None,
                     note: str | None = None) -> Ticket:
        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            await permissions.require(s, actor, Verb.ASSIGN, t)
            grid = await self.writer.grid(s, grid_code)
            old, placed = t.grid_id, awaits_placement(t)
            t.grid_id, t.department, t.assignee_id = grid.id, department or t.department, None
            t.needs_dispatcher = False
            t.assigned_at = now
            if placed:  # filed for a place no grid covered: the grid's deadline runs from now
                restart_deadlines(t, self.writer.policy, now)
            await self.writer.transition(s, t, Action.ASSIGN, actor, EventType.ASSIGNED, now, note=note,
                                          data={"from_grid_id": old, "grid": grid.code,
                                                **({"placed": True} if placed else {})})

        return await self.writer.change(number, work)

    async def assign_worker(self, number: str, staff_id: int, actor: Actor, *, grid_code: str | None = None,
                            note: str | None = None, version: int | None = None) -> Ticket:
        """Give the ticket to a named worker of its grid (or of `grid_code`): they hold it at once, as
        after their own claim; the former holder, if any, is relieved. `version`: the form's view of
        the ticket, refused if it changed meanwhile (checked under the ticket's lock)."""

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            await permissions.require(s, actor, Verb.ASSIGN_WORKER, t)
            if version is not None and t.version != version:
                raise StaleForm(t.number)
            grid = await self.writer.grid(s, grid_code) if grid_code else (
                await s.get(Grid, t.grid_id) if t.grid_id else None)
            if grid is None:
                raise InvalidInput(errors.ASSIGN_WORKER_NEEDS_GRID)
            target = await s.get(Staff, staff_id)
            refused = permissions.assignee_refusal(
                await permissions.staff_facts(s, staff_id), grid.id, permissions.TicketFacts.of(t),
                name=target.name if target else str(staff_id), grid_name=grid.name)
            if refused is not None:
                raise refused
            assert target is not None
            old_grid, old_holder = t.grid_id, t.assignee_id
            if awaits_placement(t):  # as for assign: the deadline runs from the placement
                restart_deadlines(t, self.writer.policy, now)
            t.grid_id, t.assignee_id, t.needs_dispatcher = grid.id, target.id, False
            t.assigned_at = t.accepted_at = now
            await self.writer.transition(s, t, Action.ASSIGN_WORKER, actor, EventType.ASSIGNED, now, note=note,
                                          data={"from_grid_id": old_grid, "grid": grid.code,
                                                "assignee_id": target.id, "assignee": target.name,
                                                "from_assignee_id": old_holder})

        return await self.writer.change(number, work)

    async def reclassify(self, number: str, actor: Actor, *, category: str | None = None,
                         kind: Kind | None = None) -> Ticket:
        """A dispatcher confirms (same values) or corrects the classifier; each is recorded."""
        if category is not None and category not in self.filing.categories:
            raise InvalidInput(errors.unknown_category(category))

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            await permissions.require(s, actor, Verb.RECLASSIFY, t)
            new_category, new_kind = category or t.category, (kind or Kind(t.kind)).value
            data: dict[str, Any] = {
                "from_category": t.category, "to_category": new_category, "from_kind": t.kind,
                "to_kind": new_kind, "confidence": t.category_confidence,
                "corrected": (t.category, t.kind) != (new_category, new_kind),
            }
            t.category, t.kind = new_category, new_kind
            t.needs_dispatcher = False
            await self.writer.event(s, t, EventType.RECLASSIFIED, actor, None, None, now, data=data, notify=False)

        return await self.writer.change(number, work)

    async def merge(self, number: str, into_number: str, actor: Actor) -> Ticket:
        if number == into_number:
            raise InvalidInput(errors.MERGE_INTO_ITSELF)

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            await permissions.require(s, actor, Verb.MERGE, t)
            target = await self.writer.load(s, into_number, lock=True)
            if target.status not in OPEN_STATUSES:
                raise InvalidInput(errors.merge_target_done(target.number, Status(target.status).label))
            if target.merged_into_id is not None:
                raise InvalidInput(errors.MERGE_TARGET_MERGED)
            await self.writer.transition(s, t, Action.MERGE, actor, EventType.MERGED, now,
                                          data={"into": target.number})
            t.merged_into_id, t.closed_at = target.id, now
            residents = [(t.resident_id, t.origin_identity_id)]
            residents += [(f.resident_id, f.identity_id) for f in (await s.execute(
                select(TicketFollower).where(TicketFollower.ticket_id == t.id))).scalars()]
            for resident_id, identity_id in residents:
                if resident_id != target.resident_id and not await self.writer.is_follower(s, target, resident_id):
                    s.add(TicketFollower(ticket_id=target.id, resident_id=resident_id,
                                         identity_id=identity_id, joined_at=now))
            await self.writer.event(s, target, EventType.NOTE, actor, None, None, now,
                                     note=notes.merged_from(t.number), data={"merged_from": t.number}, notify=False)

        return await self.writer.change(number, work)

    async def split(self, number: str, resident_id: int, actor: Actor, *, description: str | None = None,
                    grid_code: str | None = None) -> Ticket:
        """Undo a wrong join or merge: a follower of `number` who reported another problem leaves it
        and gets a ticket of their own, filed as the desk and routed like any other. A follower who
        came in with a merged ticket gets that ticket's content back; one who joined gets
        `description` (or, failing that, the ticket's own description as a starting point)."""
        if description is not None and not description.strip():
            raise InvalidInput(errors.SPLIT_NEEDS_DESCRIPTION)
        now = self.writer.clock.now()
        new_number = (await allocate_numbers(self.writer.db, self.writer.policy.calendar.local_date(now), 1))[0]

        async def work(s: AsyncSession) -> Ticket:
            t = await self.writer.load(s, number, lock=True)
            await permissions.require(s, actor, Verb.SPLIT, t)
            if t.status not in OPEN_STATUSES:
                raise InvalidInput(errors.cannot_split(t.number, Status(t.status).label))
            follower = (await s.execute(select(TicketFollower).where(
                TicketFollower.ticket_id == t.id, TicketFollower.resident_id == resident_id))).scalar_one_or_none()
            if follower is None:
                raise InvalidInput(errors.split_not_follower(resident_id, t.resident_id == resident_id))
            source = (await s.execute(select(Ticket).where(
                Ticket.merged_into_id == t.id, Ticket.resident_id == resident_id,
            ).order_by(Ticket.id.desc()).limit(1))).scalar_one_or_none()
            identity = await s.get(ChannelIdentity, follower.identity_id) if follower.identity_id else None
            new = NewTicket(
                description=(description or (source or t).description).strip(),
                channel=identity.channel if identity else t.channel,
                external_id=identity.external_id if identity else None, resident_id=resident_id,
                grid_code=grid_code,
            )
            # their own report comes back whole; new words are read afresh (category, place) rather
            # than inheriting the ticket they wrongly joined
            base = source or (t if description is None else None)
            if base is not None:
                new.kind, new.category, new.urgency = Kind(base.kind), base.category, Urgency(base.urgency)
                new.community, new.building, new.unit, new.room = base.community, base.building, base.unit, base.room
                new.address_text, new.occurred_at, new.occurred_text = (base.address_text, base.occurred_at,
                                                                        base.occurred_text)
                if base.lat is not None and base.lng is not None:
                    new.point = GeoPoint(base.lat, base.lng, base.location_label)
            if source is not None:
                new.photos = [MediaRef.from_json(p) for p in source.photos]
                new.contact_phone = source.contact_phone
            self.filing.validate(new)
            await s.delete(follower)
            (fresh,) = await self.filing.file_in(s, [new], [new_number], now, actor)
            await self.writer.event(s, t, EventType.NOTE, actor, None, None, now, notify=False,
                                     note=notes.split_to(resident_id, fresh.number),
                                     data={"split_resident_id": resident_id, "split_to": fresh.number})
            await self.writer.event(s, fresh, EventType.NOTE, actor, None, None, now, notify=False,
                                     note=notes.split_from(t.number),
                                     data={"split_from": t.number, "merged_ticket": source.number if source else None})
            t.updated_at = now
            return fresh

        return await self.writer.run(work)

    async def escalate(self, number: str, actor: Actor, level: int, reason: str, *,
                       once: Once | None = None) -> bool:
        """Raise the escalation flag to `level`. Returns False (and changes nothing) if it is already
        at that level or higher, so timers may call it again safely."""
        if level < 1:
            raise InvalidInput("level must be ≥ 1")
        changed: list[bool] = []

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            await permissions.require(s, actor, Verb.ESCALATE, t)
            lifecycle.target(Action.ESCALATE, Status(t.status), t.number)
            if t.escalation_level >= level:
                return
            t.escalation_level, t.escalated_at = level, now
            await self.writer.transition(s, t, Action.ESCALATE, actor, EventType.ESCALATED, now, note=reason,
                                          data={"level": level})
            changed.append(True)

        await self.writer.change(number, work, once=once)
        return bool(changed)

    async def reopen(self, number: str, actor: Actor, reason: str) -> Ticket:
        """A dispatcher or supervisor reopens a resolved or closed ticket."""

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            await permissions.require(s, actor, Verb.REOPEN, t)
            await self.writer.reopen_round(s, t, actor, now, reason)

        return await self.writer.change(number, work)

    async def flag(self, number: str, actor: Actor, reason: str, *, once: Once | None = None) -> Ticket:
        """Hand a ticket to the human desk (人工)."""

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            await permissions.require(s, actor, Verb.FLAG, t)
            t.needs_dispatcher, t.flag_reason = True, reason
            await self.writer.event(s, t, EventType.FLAGGED, actor, None, None, now, note=reason)

        return await self.writer.change(number, work, visible_to=actor if actor.role is Role.RESIDENT else None,
                                         once=once)

    async def add_note(self, number: str, actor: Actor, note: str) -> Ticket:
        note = clean_note(note, (), errors.EMPTY)

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            await permissions.require(s, actor, Verb.NOTE, t)
            await self.writer.event(s, t, EventType.NOTE, actor, None, None, now, note=note, notify=False)

        return await self.writer.change(number, work)

    async def set_legal_hold(self, number: str, actor: Actor, on: bool, reason: str | None = None) -> Ticket:
        """Legal hold (法律保全): retention neither anonymises nor deletes the ticket while it is on."""
        reason = short((reason or "").strip()) or None

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            await permissions.require(s, actor, Verb.LEGAL_HOLD, t)
            if t.legal_hold == on:
                return
            t.legal_hold = on
            await self.writer.event(s, t, EventType.NOTE, actor, None, None, now,
                                     note=notes.legal_hold(on, reason),
                                     data={"legal_hold": on}, notify=False)

        return await self.writer.change(number, work)
