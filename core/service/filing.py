"""Filing: a complaint becomes a ticket — one by one from a chat, or in bulk from an import — read by
the assessor, given its deadlines, routed to a grid, with its events and notifications, in one
transaction. The same path either way."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache, partial
from typing import Any, Protocol, runtime_checkable

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.db import bulk
from core.db.models import ChannelIdentity, Grid, Resident, Ticket, TicketEvent
from core.deadlines import Deadlines
from core.enums import URGENCY_LEVELS, Complexity, EventType, Kind, Status, Urgency
from core.errors import InvalidInput, NotFound
from core.messages import GeoPoint, MediaRef
from core.service.actor import Actor
from core.service.notify import know_residents
from core.service.numbering import allocate_numbers
from core.service.placement import unplaceable
from core.service.ticket_writer import MAX_PHOTOS, TicketWriter
from core.text.staff_conduct import about_staff_conduct
from core.text.urgency import assess_urgency
from core.texts import errors, notes

MAX_DESCRIPTION = 2000


# Statements every filing runs, built once: building a select and computing its cache key costs
# more Python than running it from SQLAlchemy's compiled cache.
_IDENTITIES_WITH_RESIDENTS = (
    select(ChannelIdentity, Resident)
    .outerjoin(Resident, Resident.id == ChannelIdentity.resident_id)
    .where(ChannelIdentity.channel == bindparam("channel"),
           ChannelIdentity.external_id.in_(bindparam("ids", expanding=True))))
_GRIDS_BY_CODE = select(Grid).where(Grid.code.in_(bindparam("codes", expanding=True)))


@dataclass(frozen=True)
class Assessment:
    """What reading the text says: category, kind and urgency with their confidences."""

    category: str
    kind: Kind
    urgency: Urgency = Urgency.NORMAL
    category_confidence: float | None = None
    kind_confidence: float | None = None
    triggers: tuple[str, ...] = ()
    # the category the words say, where an emergency's hazard decided ``category``: a ticket the caller files
    # as no emergency (the resident answered the triage question "no") goes there instead
    words_category: str | None = None
    words_confidence: float | None = None
    words_kind: Kind | None = None  # likewise the kind, where the emergency made it 求助

    def kind_as_filed(self, urgency: Urgency | None) -> Kind:
        """The kind of a ticket filed at ``urgency``: 求助 only for an emergency."""
        if urgency is not None and urgency is not Urgency.EMERGENCY and self.kind is Kind.HELP and self.words_kind:
            return self.words_kind
        return self.kind

    def as_filed(self, urgency: Urgency | None) -> tuple[str, float | None]:
        """The category and its confidence for a ticket filed at ``urgency`` (None: as read)."""
        if (urgency is not None and urgency is not Urgency.EMERGENCY and self.urgency is Urgency.EMERGENCY
                and self.words_category is not None):
            return self.words_category, self.words_confidence
        return self.category, self.category_confidence


class Assessor(Protocol):
    def assess(self, text: str) -> Assessment: ...


@dataclass(frozen=True)
class Route:
    grid_id: int
    department: str | None
    reason: str


class Router(Protocol):
    async def route(self, session: AsyncSession, ticket: Ticket) -> Route | None: ...


class DuplicateFinder(Protocol):
    async def find(self, draft: NewTicket) -> str | None:
        """The number of an open ticket that is likely the same problem, or None."""
        ...


@runtime_checkable
class OwnDuplicateFinder(Protocol):
    """A duplicate finder that also knows the resident's own tickets: the same resident filing the
    same complaint again within the window is told so instead of filing it twice."""

    async def find_own(self, draft: NewTicket) -> str | None:
        """The number of the resident's own open ticket (or one they follow) about the same problem."""
        ...


@dataclass
class NewTicket:
    """A complaint ready to be filed. Classification fields left empty are filled by the assessor."""

    description: str
    channel: str
    external_id: str | None = None  # the resident's id on `channel`; found or created
    resident_id: int | None = None
    display_name: str | None = None
    kind: Kind | None = None
    category: str | None = None
    urgency: Urgency | None = None
    complexity: Complexity | None = None
    category_confidence: float | None = None
    kind_confidence: float | None = None
    emergency_triggers: Sequence[str] = ()
    community: str | None = None
    building: str | None = None
    unit: str | None = None
    room: str | None = None
    address_text: str | None = None
    point: GeoPoint | None = None
    occurred_at: datetime | None = None
    occurred_text: str | None = None
    photos: Sequence[MediaRef] = ()
    contact_phone: str | None = None
    grid_code: str | None = None  # when the caller already knows the grid
    needs_dispatcher: bool = False
    flag_reason: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # kept in the FILED event's data (e.g. the source)
    # the filer reads the grid and the deadline in the chat's own reply to 提交: no second notice
    # saying the same (it could even arrive first: the outbox does not wait for the reply)
    told_in_reply: bool = False


@dataclass(frozen=True)
class WrittenEvent:
    """An event a filing has just written, as its values (`core.service.notify.Event`)."""

    id: int
    ticket_id: int
    type: str
    at: datetime
    actor_role: str
    actor_staff_id: int | None
    actor_resident_id: int | None
    from_status: str | None
    to_status: str | None
    note: str | None
    attachments: list[Any]
    data: dict[str, Any]




class Filing:
    def __init__(self, writer: TicketWriter, *, categories: Sequence[str], departments: dict[str, str] | None = None,
                 confidence_threshold: float = 0.55, assessor: Assessor | None = None,
                 router: Router | None = None) -> None:
        self.writer = writer
        self.categories = list(categories)
        self.departments = dict(departments or {})
        self.threshold = confidence_threshold
        self.assessor = assessor
        self.router = router

    async def file(self, new: NewTicket, actor: Actor | None = None) -> Ticket:
        return (await self.file_many([new], actor))[0]

    async def file_many(self, news: Sequence[NewTicket], actor: Actor | None = None) -> list[Ticket]:
        """File tickets in one transaction: one by one from a chat, or in bulk (an import of the
        hotline's phone intake). The same path either way, so a bulk import gets the same events,
        deadlines, routing and notifications as a chat."""
        if not news:
            return []
        for new in news:
            self.validate(new)
        now = self.writer.clock.now()
        numbers = await allocate_numbers(self.writer.db, self.writer.policy.calendar.local_date(now), len(news))

        return await self.writer.run(lambda s: self.file_in(s, news, numbers, now, actor))

    async def meet_residents(self, news: Sequence[NewTicket], *, chunk: int = 1000) -> None:
        """Record, ahead of filing, the residents and identities these filings will need (the first
        filing of each person gives the name and phone, as filing them in order would). Batches
        filed side by side then only find them: creating the same caller in two of them at once
        made one fail, and retrying the whole batch could meet the next batch doing the same."""
        first: dict[tuple[str, str], NewTicket] = {}
        for new in news:
            if new.resident_id is None and new.external_id:
                first.setdefault((new.channel, new.external_id), new)
        people = list(first.values())
        now = self.writer.clock.now()
        for start in range(0, len(people), chunk):
            await self.writer.run(partial(self._residents_for, news=people[start:start + chunk], now=now))

    async def file_in(self, s: AsyncSession, news: Sequence[NewTicket], numbers: Sequence[str], now: datetime,
                      actor: Actor | None) -> list[Ticket]:
        """Filing inside a transaction the caller holds (file_many's, or a split's)."""
        people = await self._residents_for(s, news, now)
        know_residents(s, (resident for resident, _ in people))
        grids = await self._grids_by_code(s, {n.grid_code for n in news if n.grid_code})
        # every ticket of the batch is filed at `now`: the same few (category, urgency, complexity)
        # give the same deadlines, worked out once each
        deadlines = cache(partial(self.writer.policy.compute, now))
        rows: list[dict[str, Any]] = []
        routes: list[Route | None] = []
        for new, number, (resident, identity) in zip(news, numbers, people, strict=True):
            row = self._ticket_row(new, number, resident, identity, now, deadlines)
            route = await self._initial_route(s, row, new, grids)
            routes.append(self._apply_route(row, route, now, await self._grid_name(s, route, grids)))
            if new.contact_phone and resident.phone != new.contact_phone:
                resident.phone = new.contact_phone  # offered next time ("use the one from last time")
            rows.append(row)
        tickets = await bulk.insert_returning(s, Ticket, rows)
        fresh: set[int] = s.info.setdefault("fresh_tickets", set())
        fresh.update(t.id for t in tickets)
        owners, event_rows = await self._filing_events(s, news, tickets, routes, people, grids, now, actor)
        # nothing reads these events back as objects, only the notifier their values: Core rows
        ids = await bulk.insert_ids(s, TicketEvent, event_rows)
        for t, row, event_id in zip(owners, event_rows, ids, strict=True):
            await self.writer.notifier.on_event(s, t, WrittenEvent(id=event_id, **row), now)
        return tickets

    async def _filing_events(self, s: AsyncSession, news: Sequence[NewTicket], tickets: Sequence[Ticket],
                             routes: Sequence[Route | None],
                             people: Sequence[tuple[Resident, ChannelIdentity | None]], grids: dict[str, Grid],
                             now: datetime, actor: Actor | None) -> tuple[list[Ticket], list[dict[str, Any]]]:
        """Each new ticket's events (filed, and assigned when routed) as column values, with the
        ticket each belongs to."""
        owners: list[Ticket] = []
        rows: list[dict[str, Any]] = []
        for new, t, route, (resident, identity) in zip(news, tickets, routes, people, strict=True):
            who = actor or Actor.resident(resident.id, identity.id if identity else None)
            photos = [p.to_json() for p in new.photos]
            owners.append(t)
            rows.append(self.writer.event_values(t, EventType.FILED, who, None, Status.SUBMITTED, now,
                                                  attachments=photos,
                                                  data={**new.extra, "urgency": t.urgency, "category": t.category,
                                                     "kind": t.kind}))
            if route is not None:
                code = next((g.code for g in grids.values() if g.id == route.grid_id), None)
                if code is None:
                    grid = await s.get(Grid, route.grid_id)
                    code = grid.code if grid else None
                owners.append(t)
                rows.append(self.writer.event_values(t, EventType.ASSIGNED, Actor.system(), Status.SUBMITTED,
                                                      Status.ASSIGNED, now, note=route.reason,
                                                      data={"from_grid_id": None, "grid": code,
                                                            **({"filer_told": True} if new.told_in_reply else {})}))
        return owners, rows

    @staticmethod
    async def _grid_name(s: AsyncSession, route: Route | None, grids: dict[str, Grid]) -> str:
        if route is None:
            return ""
        grid = next((g for g in grids.values() if g.id == route.grid_id), None) or await s.get(Grid, route.grid_id)
        return grid.name if grid is not None else f"网格#{route.grid_id}"

    @staticmethod
    def _apply_route(row: dict[str, Any], route: Route | None, now: datetime, grid_name: str) -> Route | None:
        """Assign the new ticket where the route says, unless the desk must look first (then the
        route is only a suggestion). Returns the route if the ticket was assigned by it."""
        if route is not None and (not row["needs_dispatcher"] or row["urgency"] == Urgency.EMERGENCY):
            row.update(grid_id=route.grid_id, department=route.department, assigned_at=now,
                       status=Status.ASSIGNED.value)
            return route
        if route is not None:
            row["flag_reason"] = (row["flag_reason"] or "") + notes.suggested_grid(grid_name)
        elif not row["flag_reason"]:
            row["flag_reason"] = notes.NO_GRID_MATCHED
        elif unplaceable(row):  # a place no grid covers, beside another reason: still awaits placement (left29)
            row["flag_reason"] = f"{notes.NO_GRID_MATCHED}；{row['flag_reason']}"
        return None

    def validate(self, new: NewTicket) -> None:
        description = (new.description or "").strip()
        if not description:
            raise InvalidInput(errors.DESCRIBE)
        if len(description) > MAX_DESCRIPTION:
            raise InvalidInput(errors.description_too_long(MAX_DESCRIPTION))
        if len(new.photos) > MAX_PHOTOS:
            raise InvalidInput(errors.too_many_photos(MAX_PHOTOS))
        if new.category is not None and new.category not in self.categories:
            raise InvalidInput(errors.unknown_category(new.category))
        if new.resident_id is None and not new.external_id:
            raise InvalidInput("filing needs the resident's channel identity or resident id")

    def _ticket_row(self, new: NewTicket, number: str, resident: Resident, identity: ChannelIdentity | None,
                    now: datetime, deadlines: Callable[..., Deadlines]) -> dict[str, Any]:
        """The ticket as filed (its column values): what the resident said, completed by the assessor
        and the deadline policy."""
        description = new.description.strip()
        # the classifier runs only for what the caller did not already decide (a chat's read-back
        # or the hotline desk usually has); emergency detection runs whenever urgency is not given
        reading = self.assessor if (new.category is None or new.kind is None) else None
        assessed = reading.assess(description) if reading else None
        read_category, read_confidence = assessed.as_filed(new.urgency) if assessed else (None, None)
        category = new.category or read_category or self._fallback_category()
        kind = new.kind or (assessed.kind_as_filed(new.urgency) if assessed else Kind.COMPLAINT)
        detected = None if new.urgency or assessed else assess_urgency(description)
        urgency = new.urgency or (assessed.urgency if assessed else URGENCY_LEVELS[detected.level] if detected
                                  else Urgency.NORMAL)
        if new.kind is None and urgency is Urgency.EMERGENCY:
            kind = Kind.HELP  # someone in danger asks for help, whatever the words' kind (a gas smell read as 投诉)
        cat_conf = new.category_confidence
        if cat_conf is None and new.category is None and assessed:
            cat_conf = read_confidence
        kind_conf = new.kind_confidence if new.kind_confidence is not None else (
            assessed.kind_confidence if assessed else None)
        triggers = list(new.emergency_triggers) or (list(assessed.triggers) if assessed else
                                                    list(detected.triggers) if detected else [])
        complexity = new.complexity or self.writer.policy.complexity_for(category)
        d = deadlines(category=category, urgency=urgency, complexity=complexity, kind=kind)
        needs_desk, reason = new.needs_dispatcher, new.flag_reason
        if kind is Kind.CONSULT and urgency is not Urgency.EMERGENCY:
            needs_desk, reason = True, reason or notes.CONSULT_TO_DESK
        if kind is Kind.PRAISE and urgency is not Urgency.EMERGENCY:
            needs_desk, reason = True, reason or notes.PRAISE_TO_DESK
        if urgency is not Urgency.EMERGENCY and about_staff_conduct(description):
            needs_desk, reason = True, notes.STAFF_CONDUCT_TO_DESK  # never to the grid the accused works in
        if cat_conf is not None and cat_conf < self.threshold and urgency is not Urgency.EMERGENCY:
            needs_desk, reason = True, reason or notes.low_confidence(cat_conf)
        return dict(
            number=number, kind=kind.value, category=category, urgency=urgency.value,
            complexity=complexity.value, description=description,
            community=new.community, building=new.building, unit=new.unit, room=new.room,
            address_text=new.address_text,
            lat=new.point.lat if new.point else None, lng=new.point.lng if new.point else None,
            location_label=new.point.label if new.point else None,
            occurred_at=new.occurred_at, occurred_text=new.occurred_text,
            photos=[p.to_json() for p in new.photos],
            resident_id=resident.id, contact_phone=new.contact_phone or resident.phone,
            channel=new.channel, origin_identity_id=identity.id if identity else None,
            status=Status.SUBMITTED.value, escalation_level=0, needs_dispatcher=needs_desk,
            flag_reason=reason, category_confidence=cat_conf, kind_confidence=kind_conf,
            emergency_triggers=triggers, round=1, reopen_count=0, return_count=0,
            legal_hold=False, created_at=now, updated_at=now, due_at=d.due_at,
            claim_due_at=d.claim_due_at, first_response_due_at=d.first_response_due_at,
            escalate_at=d.escalate_at, version=1, grid_id=None, department=None, assigned_at=None,
        )

    async def _initial_route(self, s: AsyncSession, row: dict[str, Any], new: NewTicket, grids: dict[str, Grid]
                             ) -> Route | None:
        if new.grid_code:
            grid = grids[new.grid_code]
            return Route(grid.id, self.departments.get(row["category"]), notes.GRID_GIVEN)
        if self.router is not None:
            return await self.router.route(s, Ticket(**row))  # the router reads the ticket as filed
        return None

    def _fallback_category(self) -> str:
        return "其他" if "其他" in self.categories else self.categories[-1]

    async def _grids_by_code(self, s: AsyncSession, codes: set[str]) -> dict[str, Grid]:
        if not codes:
            return {}
        found = {g.code: g for g in (await s.execute(_GRIDS_BY_CODE, {"codes": list(codes)})).scalars()}
        for code in codes:
            if code not in found or not found[code].active:
                raise NotFound(errors.no_grid(code))
        return found

    async def _residents_for(self, s: AsyncSession, news: Sequence[NewTicket], now: datetime
                             ) -> list[tuple[Resident, ChannelIdentity | None]]:
        """Each filing's resident, found by id or by channel identity (created on first contact),
        with as few queries as the batch allows."""
        by_key: dict[tuple[str, str], tuple[Resident, ChannelIdentity]] = {}
        orphans: dict[tuple[str, str], ChannelIdentity] = {}  # known identities with no resident yet (staff)
        wanted: dict[str, set[str]] = {}
        for new in news:
            if new.external_id:
                wanted.setdefault(new.channel, set()).add(new.external_id)
        for channel, ids in wanted.items():
            rows = await s.execute(_IDENTITIES_WITH_RESIDENTS, {"channel": channel, "ids": list(ids)})
            for identity, resident in rows:
                if resident is not None:
                    by_key[(channel, identity.external_id)] = (resident, identity)
                else:
                    orphans[(channel, identity.external_id)] = identity
        names: dict[tuple[str, str], str | None] = {}
        phones: dict[tuple[str, str], str | None] = {}
        for n in news:
            if n.resident_id is None and n.external_id and (n.channel, n.external_id) not in by_key:
                names.setdefault((n.channel, n.external_id), n.display_name)
                # the number their first filing gives, which filing would store on them right away
                phones.setdefault((n.channel, n.external_id), n.contact_phone or None)
        if names:
            # first contact: create every new resident and identity together (two batched inserts)
            created = await bulk.insert_returning(s, Resident, [
                dict(name=name, phone=phones[key], created_at=now) for key, name in names.items()])
            residents = dict(zip(names, created, strict=True))
            fresh_keys = [key for key in residents if key not in orphans]
            identities = await bulk.insert_returning(s, ChannelIdentity, [
                dict(channel=channel, external_id=external_id, display_name=residents[(channel, external_id)].name,
                     created_at=now, pushes_since_inbound=0, resident_id=residents[(channel, external_id)].id)
                for channel, external_id in fresh_keys])
            for key, identity in zip(fresh_keys, identities, strict=True):
                by_key[key] = (residents[key], identity)
            for key in [key for key in residents if key in orphans]:
                orphans[key].resident_id = residents[key].id  # a known identity (staff) gets its resident
                by_key[key] = (residents[key], orphans[key])
        out: list[tuple[Resident, ChannelIdentity | None]] = []
        for new in news:
            if new.resident_id is not None:
                known = await s.get(Resident, new.resident_id)
                if known is None:
                    raise NotFound(errors.UNKNOWN_RESIDENT)
                pair = by_key.get((new.channel, new.external_id or ""))
                out.append((known, pair[1] if pair and pair[0].id == known.id else None))
            else:
                out.append(by_key[(new.channel, new.external_id or "")])
        return out


async def identify_resident(s: AsyncSession, channel: str, external_id: str, display_name: str | None,
                            now: datetime) -> tuple[Resident, ChannelIdentity]:
    """The resident behind a channel identity, created on first contact."""
    identity = (await s.execute(select(ChannelIdentity).where(
        ChannelIdentity.channel == channel, ChannelIdentity.external_id == external_id,
    ))).scalar_one_or_none()
    if identity is not None and identity.resident_id is not None:
        resident = await s.get(Resident, identity.resident_id)
        assert resident is not None
        return resident, identity
    resident = Resident(name=display_name, created_at=now)
    s.add(resident)
    await s.flush()
    if identity is None:
        identity = ChannelIdentity(channel=channel, external_id=external_id, display_name=display_name,
                                   created_at=now, pushes_since_inbound=0)
        s.add(identity)
    identity.resident_id = resident.id
    await s.flush()
    return resident, identity
