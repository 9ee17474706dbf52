"""What the chats' conversation runtime (bot/conversation) reads and writes beside the ticket service:
the grids' communities, who is writing, a survey waiting for their rating, who a resident is, and a
note to a resident's chat (a draft's reminder). The dialogs themselves never touch the database;
their runtime asks here.

The step's reads take the caller's session: the runtime reads the saved state and what the step may
know in one short transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import String, and_, bindparam, cast, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from core import messages as m
from core.db.engine import Database, run_core
from core.db.models import ChannelIdentity, Grid, Resident, SurveyAnswer, Ticket, TicketEvent
from core.enums import FINAL_STATUSES, EventType, Status
from core.outbox import enqueue
from core.service.actor import Actor
from core.service.tickets import identify_resident

# the columns a step needs of the active grids (a plain row read: no ORM objects per message), the
# patterns as the stored JSON text: the runtime compares the rows with the last ones, and decoding
# hundreds of grids' patterns on every message only to find them unchanged cost ~1 ms
_GRIDS = (
    select(Grid.id, Grid.code, Grid.name, cast(Grid.address_patterns, String).label("patterns"),
           Grid.center_lat, Grid.center_lng, Grid.radius_m)
    .where(Grid.active.is_(True))
    .order_by(Grid.code)
)
# who writes privately: resident (with the phone they gave last time) and staff ids
_IDENTITY = (
    select(ChannelIdentity.resident_id, ChannelIdentity.staff_id, Resident.phone)
    .outerjoin(Resident, Resident.id == ChannelIdentity.resident_id)
    .where(ChannelIdentity.channel == bindparam("channel"), ChannelIdentity.external_id == bindparam("external_id"))
)


@dataclass(frozen=True)
class GridRow:
    """An active grid as a step sees it; `patterns` is the stored JSON text (compare before decoding)."""

    id: int
    code: str
    name: str
    patterns: str | None
    center_lat: float | None
    center_lng: float | None
    radius_m: float | None


@dataclass(frozen=True)
class Writer:
    """Who writes in a private chat, as far as their channel identity says."""

    resident_id: int | None
    staff_id: int | None
    last_phone: str | None  # the phone they gave last time, offered again


@dataclass(frozen=True)
class Known:
    """What a channel read of a step's context on its way in, in the step's own transaction (the
    step need not read it again); None: not read."""

    writer: Writer | None = None
    grids_version: str | None = None  # the grids' token (core/db/grid_version.py)


async def active_grids(s: AsyncSession) -> tuple[GridRow, ...]:
    return tuple(GridRow(**row._mapping) for row in await run_core(s, _GRIDS, {}))


async def writer(s: AsyncSession, channel: str, external_id: str) -> Writer | None:
    row = (await run_core(s, _IDENTITY, {"channel": channel, "external_id": external_id})).one_or_none()
    return None if row is None else Writer(row.resident_id, row.staff_id, row.phone)


async def pending_survey(s: AsyncSession, resident_id: int) -> tuple[str, int, str] | None:
    """(number, round, description) of the resident's latest resolved ticket they have not rated yet."""
    answered = exists().where(
        and_(
            SurveyAnswer.ticket_id == Ticket.id,
            SurveyAnswer.round == Ticket.round,
            SurveyAnswer.resident_id == resident_id,
        )
    )
    row = (
        await s.execute(
            select(Ticket.number, Ticket.round, Ticket.description)
            .where(Ticket.resident_id == resident_id, Ticket.status == Status.RESOLVED.value, ~answered)
            .order_by(Ticket.resolved_at.desc())
            .limit(1)
        )
    ).one_or_none()
    return (row.number, int(row.round), row.description or "") if row is not None else None


async def desk_thread(s: AsyncSession, resident_id: int, since: datetime) -> str | None:
    """The number of the resident's ticket the desk wrote to them about since `since`, still open (not
    closed, cancelled or merged): what they write next in their chat is their answer to it."""
    row = (
        await s.execute(
            select(Ticket.number)
            .join(TicketEvent, TicketEvent.ticket_id == Ticket.id)
            .where(Ticket.resident_id == resident_id, TicketEvent.type == EventType.REPLIED.value,
                   TicketEvent.at >= since, Ticket.status.not_in([x.value for x in FINAL_STATUSES]))
            .order_by(TicketEvent.id.desc())
            .limit(1)
        )
    ).one_or_none()
    return str(row.number) if row is not None else None


async def known_resident(db: Database, channel: str, external_id: str) -> Actor | None:
    """The resident behind this channel identity, or None when they never filed or joined."""
    async with db.transaction() as s:
        found = (
            await s.execute(
                select(ChannelIdentity.id, ChannelIdentity.resident_id).where(
                    ChannelIdentity.channel == channel, ChannelIdentity.external_id == external_id
                )
            )
        ).one_or_none()
    if found is None or found.resident_id is None:
        return None
    return Actor.resident(found.resident_id, found.id)


async def resident(db: Database, now: datetime, channel: str, external_id: str,
                   display_name: str | None) -> Actor:
    """The resident behind this channel identity, recorded on first contact."""
    async with db.transaction() as s:
        person, identity = await identify_resident(s, channel, external_id, display_name, now)
        return Actor.resident(person.id, identity.id)


async def note_to_resident(db: Database, now: datetime, *, channel: str, chat: str, sender: str,
                           purpose: str, messages: Sequence[m.OutMessage]) -> None:
    """A message to a resident's private chat through the outbox (a draft's reminder or expiry)."""
    async with db.transaction() as s:
        identity_id = (
            await s.execute(
                select(ChannelIdentity.id).where(
                    ChannelIdentity.channel == channel, ChannelIdentity.external_id == sender
                )
            )
        ).scalar_one_or_none()
        enqueue(s, now, channel=channel, address=chat, audience="resident", purpose=purpose,
                messages=messages, identity_id=identity_id)


async def private_chat_missing(db: Database, channel: str, external_id: str, number: str) -> bool:
    """Whether a worker who just claimed ticket `number` cannot get the resident's phone in a private
    message: they never opened a private chat with the bot, or blocked it."""
    async with db.transaction() as s:
        identity = (await s.execute(select(ChannelIdentity.staff_id, ChannelIdentity.last_inbound_at,
                                           ChannelIdentity.blocked_at).where(
            ChannelIdentity.channel == channel, ChannelIdentity.external_id == external_id))).one_or_none()
        if identity is None or identity.staff_id is None:
            return False
        if identity.last_inbound_at is not None and identity.blocked_at is None:
            return False
        ticket = (await s.execute(select(Ticket.assignee_id, Ticket.status)
                                  .where(Ticket.number == number))).one_or_none()
    return ticket is not None and ticket.assignee_id == identity.staff_id and ticket.status == Status.ACCEPTED
