"""Taking a complaint for someone (代客登记): the hotline's phone calls, visitors at the reception
hall, 12345 transfers (seeds 003/004). The same filing as a chat's, made by the desk: the
classifier's and router's suggestions and a likely duplicate are shown first; the caller's own chat
is linked when they have one (progress reaches them there), otherwise their updates go to the
"phone" channel and become phone tasks."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import select

from core.db.engine import Database
from core.db.models import ChannelIdentity, Grid, Resident, Ticket
from core.enums import Kind, Urgency
from core.errors import InvalidInput
from core.service.actor import Actor
from core.service.phone_tasks import CHANNEL as PHONE_CHANNEL
from core.service.tickets import DuplicateFinder, NewTicket, TicketService
from core.text.phone import find_phones

SOURCES = ("phone", "walk_in", "transfer_12345")
CHAT_CHANNELS = ("wechat", "telegram")


@dataclass(frozen=True)
class Suggestion:
    category: str | None
    kind: str | None
    urgency: str | None
    confidence: float | None
    grid_code: str | None
    grid_name: str | None
    route_reason: str | None
    duplicate: str | None  # an open ticket that is likely the same problem
    chat: str | None  # the caller's chat found by their number ("wechat" / "telegram")


def normal_phone(raw: str) -> str:
    phones = find_phones(raw or "")
    if not phones:
        raise InvalidInput("电话号码不正确")
    return phones[0]


class DeskIntake:
    def __init__(self, db: Database, tickets: TicketService, duplicates: DuplicateFinder | None) -> None:
        self.db, self.tickets, self.duplicates = db, tickets, duplicates

    async def caller_chat(self, phone: str) -> ChannelIdentity | None:
        """The chat of a resident who gave this number before (their latest identity on a chat)."""
        async with self.db.transaction() as s:
            return (await s.execute(
                select(ChannelIdentity).join(Resident, Resident.id == ChannelIdentity.resident_id)
                .where(Resident.phone == phone, ChannelIdentity.channel.in_(CHAT_CHANNELS),
                       ChannelIdentity.unsubscribed_at.is_(None), ChannelIdentity.blocked_at.is_(None))
                .order_by(ChannelIdentity.last_inbound_at.desc().nulls_last(), ChannelIdentity.id.desc())
                .limit(1))).scalar_one_or_none()

    async def draft(self, new: NewTicket, phone: str) -> NewTicket:
        """The filing as it will be made: on the caller's chat if they have one, else by phone."""
        chat = await self.caller_chat(phone)
        if chat is not None:
            return replace(new, channel=chat.channel, external_id=chat.external_id, contact_phone=phone)
        return replace(new, channel=PHONE_CHANNEL, external_id=phone, contact_phone=phone)

    async def suggest(self, new: NewTicket, phone: str | None) -> Suggestion:
        reading = self.tickets.assessor.assess(new.description) if self.tickets.assessor else None
        grid_code = grid_name = reason = None
        probe = replace(new, category=new.category or (reading.category if reading else None))
        if self.tickets.router is not None:
            async with self.db.transaction() as s:
                route = await self.tickets.router.route(s, Ticket(
                    description=probe.description, category=probe.category or "", community=probe.community,
                    building=probe.building, unit=probe.unit, room=probe.room, address_text=probe.address_text,
                    lat=None, lng=None))
                grid = await s.get(Grid, route.grid_id) if route else None
            if route is not None and grid is not None:
                grid_code, grid_name, reason = grid.code, grid.name, route.reason
        duplicate = await self.duplicates.find(probe) if self.duplicates is not None and probe.external_id else None
        chat = await self.caller_chat(phone) if phone else None
        return Suggestion(
            category=reading.category if reading else None, kind=reading.kind.value if reading else None,
            urgency=reading.urgency.value if reading else None,
            confidence=reading.category_confidence if reading else None,
            grid_code=grid_code, grid_name=grid_name, route_reason=reason, duplicate=duplicate,
            chat=chat.channel if chat else None)

    async def file(self, new: NewTicket, phone: str, source: str, actor: Actor) -> Ticket:
        if source not in SOURCES:
            raise InvalidInput("请选择来源")
        draft = await self.draft(new, phone)
        draft = replace(draft, extra={**draft.extra, "source": source},
                        kind=draft.kind or Kind.COMPLAINT, urgency=draft.urgency or None)
        return await self.tickets.file(draft, actor)


def parse_urgency(value: str | None) -> Urgency | None:
    return Urgency(value) if value else None
