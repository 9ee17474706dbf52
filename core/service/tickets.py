"""The service layer: the only writer of tickets. Every change runs in one transaction that also
appends its event and writes the outbox rows it causes. Dialogs, adapters, timers and the CLI all
come through here."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache, partial
from typing import Any, Protocol, TypeVar

from sqlalchemy import bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from core import lifecycle
from core.clock import Clock
from core.db import bulk
from core.db.engine import Database
from core.db.models import (
    ChannelIdentity,
    Grid,
    Resident,
    SurveyAnswer,
    Ticket,
    TicketEvent,
    TicketFollower,
)
from core.deadlines import DeadlinePolicy, Deadlines
from core.enums import (
    FINAL_STATUSES,
    OPEN_STATUSES,
    URGENCY_LEVELS,
    Complexity,
    EventType,
    Kind,
    Rating,
    Role,
    Status,
    Urgency,
)
from core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from core.lifecycle import Action
from core.messages import GeoPoint, MediaRef
from core.service import permissions, refusals
from core.service.actor import Actor
from core.service.notify import Notifier
from core.service.numbering import allocate_numbers
from core.service.once import Once, claim_for_ticket
from core.service.permissions import Verb
from core.text.urgency import assess_urgency

log = logging.getLogger(__name__)

MAX_DESCRIPTION = 2000
MAX_NOTE = 1000
MAX_PHOTOS = 9

T = TypeVar("T")

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


@dataclass(frozen=True)
class RateOutcome:
    recorded: bool
    ticket: Ticket
    reopened: bool = False
    closed: bool = False
    reason: str = ""  # why not recorded: "already" / "late" / "not_resolved"


class TicketService:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        policy: DeadlinePolicy,
        notifier: Notifier,
        *,
        categories: Sequence[str],
        departments: dict[str, str] | None = None,
        confidence_threshold: float = 0.55,
        assessor: Assessor | None = None,
        router: Router | None = None,
    ) -> None:
        self.db, self.clock, self.policy, self.notifier = db, clock, policy, notifier
        self.categories = list(categories)
        self.departments = dict(departments or {})
        self.threshold = confidence_threshold
        self.assessor = assessor
        self.router = router

    # ---- filing ----------------------------------------------------------------------------------

    async def file(self, new: NewTicket, actor: Actor | None = None) -> Ticket:
        return (await self.file_many([new], actor))[0]

    async def file_many(self, news: Sequence[NewTicket], actor: Actor | None = None) -> list[Ticket]:
        """File tickets in one transaction: one by one from a chat, or in bulk (an import of the
        hotline's phone intake). The same path either way, so a bulk import gets the same events,
        deadlines, routing and notifications as a chat."""
        if not news:
            return []
        for new in news:
            self._validate(new)
        now = self.clock.now()
        numbers = await allocate_numbers(self.db, self.policy.calendar.local_date(now), len(news))

        return await self._run(lambda s: self._file_in(s, news, numbers, now, actor))

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
        now = self.clock.now()
        for start in range(0, len(people), chunk):
            await self._run(partial(self._residents_for, news=people[start:start + chunk], now=now))

    async def _file_in(self, s: AsyncSession, news: Sequence[NewTicket], numbers: Sequence[str], now: datetime,
                       actor: Actor | None) -> list[Ticket]:
        """Filing inside a transaction the caller holds (file_many's, or a split's)."""
        people = await self._residents_for(s, news, now)
        grids = await self._grids_by_code(s, {n.grid_code for n in news if n.grid_code})
        # every ticket of the batch is filed at `now`: the same few (category, urgency, complexity)
        # give the same deadlines, worked out once each
        deadlines = cache(partial(self.policy.compute, now))
        rows: list[dict[str, Any]] = []
        routes: list[Route | None] = []
        for new, number, (resident, identity) in zip(news, numbers, people, strict=True):
            row = self._ticket_row(new, number, resident, identity, now, deadlines)
            routes.append(self._apply_route(row, await self._initial_route(s, row, new, grids), now))
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
            await self.notifier.on_event(s, t, WrittenEvent(id=event_id, **row), now)
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
            rows.append(self._event_values(t, EventType.FILED, who, None, Status.SUBMITTED, now,
                                           attachments=photos,
                                           data={**new.extra, "urgency": t.urgency, "category": t.category,
                                                 "kind": t.kind}))
            if route is not None:
                code = next((g.code for g in grids.values() if g.id == route.grid_id), None)
                if code is None:
                    grid = await s.get(Grid, route.grid_id)
                    code = grid.code if grid else None
                owners.append(t)
                rows.append(self._event_values(t, EventType.ASSIGNED, Actor.system(), Status.SUBMITTED,
                                               Status.ASSIGNED, now, note=route.reason,
                                               data={"from_grid_id": None, "grid": code}))
        return owners, rows

    @staticmethod
    def _apply_route(row: dict[str, Any], route: Route | None, now: datetime) -> Route | None:
        """Assign the new ticket where the route says, unless the desk must look first (then the
        route is only a suggestion). Returns the route if the ticket was assigned by it."""
        if route is not None and (not row["needs_dispatcher"] or row["urgency"] == Urgency.EMERGENCY):
            row.update(grid_id=route.grid_id, department=route.department, assigned_at=now,
                       status=Status.ASSIGNED.value)
            return route
        if route is not None:
            row["flag_reason"] = (row["flag_reason"] or "") + f"；建议派往网格#{route.grid_id}"
        elif not row["flag_reason"]:
            row["flag_reason"] = "未匹配到网格"
        return None

    def _validate(self, new: NewTicket) -> None:
        description = (new.description or "").strip()
        if not description:
            raise InvalidInput("请描述一下发生了什么")
        if len(description) > MAX_DESCRIPTION:
            raise InvalidInput(f"描述太长了（最多{MAX_DESCRIPTION}字）")
        if len(new.photos) > MAX_PHOTOS:
            raise InvalidInput(f"照片最多{MAX_PHOTOS}张")
        if new.category is not None and new.category not in self.categories:
            raise InvalidInput(f"未知的分类：{new.category}")
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
        category = new.category or (assessed.category if assessed else None) or self._fallback_category()
        kind = new.kind or (assessed.kind if assessed else Kind.COMPLAINT)
        detected = None if new.urgency or assessed else assess_urgency(description)
        urgency = new.urgency or (assessed.urgency if assessed else URGENCY_LEVELS[detected.level] if detected
                                  else Urgency.NORMAL)
        cat_conf = new.category_confidence
        if cat_conf is None and new.category is None and assessed:
            cat_conf = assessed.category_confidence
        kind_conf = new.kind_confidence if new.kind_confidence is not None else (
            assessed.kind_confidence if assessed else None)
        triggers = list(new.emergency_triggers) or (list(assessed.triggers) if assessed else
                                                    list(detected.triggers) if detected else [])
        complexity = new.complexity or self.policy.complexity_for(category)
        d = deadlines(category=category, urgency=urgency, complexity=complexity)
        needs_desk, reason = new.needs_dispatcher, new.flag_reason
        if cat_conf is not None and cat_conf < self.threshold and urgency is not Urgency.EMERGENCY:
            needs_desk, reason = True, reason or f"分类置信度低（{cat_conf:.2f}），请确认分类"
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
            return Route(grid.id, self.departments.get(row["category"]), "指定网格")
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
                raise NotFound(f"没有网格 {code}")
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
                    raise NotFound("找不到该居民")
                pair = by_key.get((new.channel, new.external_id or ""))
                out.append((known, pair[1] if pair and pair[0].id == known.id else None))
            else:
                out.append(by_key[(new.channel, new.external_id or "")])
        return out

    # ---- dispatch and worker actions ------------------------------------------------------------

    async def assign(self, number: str, grid_code: str, actor: Actor, *, department: str | None = None,
                     note: str | None = None) -> Ticket:
        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            await permissions.require(s, actor, Verb.ASSIGN, t)
            grid = await self._grid(s, grid_code)
            old = t.grid_id
            t.grid_id, t.department, t.assignee_id = grid.id, department or t.department, None
            t.needs_dispatcher = False
            t.assigned_at = now
            await self._transition(s, t, Action.ASSIGN, actor, EventType.ASSIGNED, now, note=note,
                                   data={"from_grid_id": old, "grid": grid.code})

        return await self._change(number, work)

    async def claim(self, number: str, actor: Actor) -> Ticket:
        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            await permissions.require(s, actor, Verb.CLAIM, t)
            t.assignee_id = actor.staff_id
            t.accepted_at = now
            t.first_response_at = t.first_response_at or now
            await self._transition(s, t, Action.CLAIM, actor, EventType.CLAIMED, now)

        return await self._change(number, work)

    async def add_progress(self, number: str, actor: Actor, note: str,
                           photos: Sequence[MediaRef] = ()) -> Ticket:
        note = _clean_note(note, photos, "请写一下进展情况")

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            await permissions.require(s, actor, Verb.PROGRESS, t)
            t.first_response_at = t.first_response_at or now
            await self._transition(s, t, Action.PROGRESS, actor, EventType.PROGRESS, now, note=note,
                                   attachments=[p.to_json() for p in photos])

        return await self._change(number, work)

    async def resolve(self, number: str, actor: Actor, note: str, photos: Sequence[MediaRef] = ()) -> Ticket:
        note = _clean_note(note, photos, "请写一下处理结果")

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            await permissions.require(s, actor, Verb.RESOLVE, t)
            t.resolved_at, t.resolution_note = now, note
            t.first_response_at = t.first_response_at or now
            await self._transition(s, t, Action.RESOLVE, actor, EventType.RESOLVED, now, note=note,
                                   attachments=[p.to_json() for p in photos])

        return await self._change(number, work)

    async def return_(self, number: str, actor: Actor, reason: str, note: str | None = None) -> Ticket:
        reason = (reason or "").strip()
        if not reason:
            raise InvalidInput("退回需要说明原因")
        full = f"{reason}：{note.strip()}" if note and note.strip() else reason
        if len(full) > MAX_NOTE:
            raise InvalidInput(f"原因太长了（最多{MAX_NOTE}字）")

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            await permissions.require(s, actor, Verb.RETURN, t)
            old_grid = t.grid_id
            t.assignee_id = None
            t.return_count += 1
            await self._transition(s, t, Action.RETURN, actor, EventType.RETURNED, now, note=full,
                                   data={"from_grid_id": old_grid, "reason": reason, "count": t.return_count})

        return await self._change(number, work)

    # ---- the resident's side --------------------------------------------------------------------

    async def cancel(self, number: str, actor: Actor, reason: str | None = None) -> Ticket:
        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            await permissions.require(s, actor, Verb.CANCEL, t)
            await self._transition(s, t, Action.CANCEL, actor, EventType.CANCELLED, now, note=reason)
            t.closed_at = now

        return await self._change(number, work)

    async def rate(self, number: str, actor: Actor, rating: Rating, *, round_: int | None = None,
                   comment: str | None = None, via: str = "chat") -> RateOutcome:
        if rating is Rating.NO_ANSWER:
            raise InvalidInput("no_answer is recorded by close_unanswered, not given by a resident")
        outcome: dict[str, Any] = {}

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            if via == "phone":
                await permissions.require(s, actor, Verb.FOLLOW_UP, t)
            # a worker's follow-up call (回访) records the answer of the ticket's resident
            resident_id = t.resident_id if via == "phone" else actor.resident_id
            is_owner = resident_id == t.resident_id
            asked_round = round_ if round_ is not None else t.round
            existing = await self._answer(s, t.id, asked_round, resident_id)
            if existing is not None or asked_round != t.round or t.status != Status.RESOLVED:
                # a round closed for silence ("no answer" recorded by the timer) is late, not answered
                answered = existing is not None and existing.rating != Rating.NO_ANSWER.value
                why = "already" if answered else "late"
                outcome.update(recorded=False, reason=why)
                # keep what they said, without counting it as a second answer
                await self._event(s, t, EventType.NOTE, actor, None, None, now,
                                  note=f"收到迟到/重复的评价：{rating.label}" + (f"，{comment}" if comment else ""),
                                  data={"late_rating": rating.value, "round": asked_round}, notify=False)
                return
            s.add(SurveyAnswer(ticket_id=t.id, round=t.round, resident_id=resident_id, rating=rating.value,
                               comment=_short(comment), via=via, answered_at=now))
            await self._event(s, t, EventType.RATED, actor, None, None, now, note=comment,
                              data={"rating": rating.value, "round": t.round, "owner": is_owner}, notify=False)
            outcome.update(recorded=True)
            if not is_owner:
                if rating is Rating.DISSATISFIED:
                    t.needs_dispatcher = True
                    await self._event(s, t, EventType.FLAGGED, actor, None, None, now,
                                      note="关注该工单的居民表示不满意")
                return
            if rating is Rating.DISSATISFIED:
                await self._reopen(s, t, actor, now, comment or "居民不满意")
                outcome.update(reopened=True)
            else:
                t.closed_at = now
                await self._transition(s, t, Action.CLOSE, actor, EventType.CLOSED, now,
                                       data={"outcome": rating.value})
                outcome.update(closed=True)

        t = await self._change(number, work, visible_to=None if via == "phone" else actor)
        return RateOutcome(ticket=t, **outcome)

    async def add_survey_comment(self, number: str, actor: Actor, round_: int, comment: str) -> Ticket:
        """The optional comment after a rating, or the reason for 不满意: attached to the same answer."""
        comment = (comment or "").strip()
        if not comment:
            raise InvalidInput("请输入内容")

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            answer = await self._answer(s, t.id, round_, actor.resident_id)
            if answer is None:
                raise NotFound("没有找到这次评价")
            answer.comment = _short(((answer.comment + "；") if answer.comment else "") + comment)
            await self._event(s, t, EventType.NOTE, actor, None, None, now, note=f"评价补充：{comment}",
                              data={"survey_comment": True, "round": round_, "show_on_card": True})

        return await self._change(number, work, visible_to=actor)

    async def reopen(self, number: str, actor: Actor, reason: str) -> Ticket:
        """A dispatcher or supervisor reopens a resolved or closed ticket."""

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            await permissions.require(s, actor, Verb.REOPEN, t)
            await self._reopen(s, t, actor, now, reason)

        return await self._change(number, work)

    async def _reopen(self, s: AsyncSession, t: Ticket, actor: Actor, now: datetime, reason: str) -> None:
        lifecycle.target(Action.REOPEN, Status(t.status), t.number)
        t.round += 1
        t.reopen_count += 1
        t.assignee_id, t.resolved_at, t.closed_at = None, None, None
        d = self.policy.compute(now, category=t.category, urgency=Urgency(t.urgency),
                                complexity=Complexity(t.complexity))
        t.due_at, t.claim_due_at, t.escalate_at = d.due_at, d.claim_due_at, d.escalate_at
        await self._transition(s, t, Action.REOPEN, actor, EventType.REOPENED, now, note=reason,
                               data={"round": t.round})

    async def close_unanswered(self, number: str, actor: Actor | None = None, *,
                               once: Once | None = None) -> Ticket:
        """Close a resolved ticket whose resident never answered the survey: recorded as "no answer",
        never as satisfied."""
        actor = actor or Actor.system()

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            await permissions.require(s, actor, Verb.CLOSE, t)  # the desk closing one by hand
            lifecycle.target(Action.CLOSE, Status(t.status), t.number)
            if await self._answer(s, t.id, t.round, t.resident_id) is None:
                s.add(SurveyAnswer(ticket_id=t.id, round=t.round, resident_id=t.resident_id,
                                   rating=Rating.NO_ANSWER.value, via="timeout", answered_at=now))
            t.closed_at = now
            await self._transition(s, t, Action.CLOSE, actor, EventType.CLOSED, now,
                                   data={"outcome": Rating.NO_ANSWER.value})

        return await self._change(number, work, once=once)

    async def remind(self, number: str, reminder: str, *, note: str | None = None,
                     data: dict[str, Any] | None = None, once: Once | None = None,
                     actor: Actor | None = None) -> Ticket:
        """A timer's nudge (催办, 回访提醒, 电话回访任务): a REMINDED event; the Notifier decides who
        hears it from `reminder` (see Notifier._reminded). Refused on tickets that are done."""
        actor = actor or Actor.system()

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            if Status(t.status) in FINAL_STATUSES:
                raise InvalidInput(f"工单{t.number}已{Status(t.status).label}")
            await self._event(s, t, EventType.REMINDED, actor, None, None, now, note=note,
                              data={"reminder": reminder, "round": t.round, **(data or {})})

        return await self._change(number, work, once=once)

    async def set_legal_hold(self, number: str, actor: Actor, on: bool, reason: str | None = None) -> Ticket:
        """Legal hold (法律保全): retention neither anonymises nor deletes the ticket while it is on."""
        reason = _short((reason or "").strip()) or None

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            await permissions.require(s, actor, Verb.LEGAL_HOLD, t)
            if t.legal_hold == on:
                return
            t.legal_hold = on
            await self._event(s, t, EventType.NOTE, actor, None, None, now,
                              note=("设置保全" if on else "解除保全") + (f"：{reason}" if reason else ""),
                              data={"legal_hold": on}, notify=False)

        return await self._change(number, work)

    async def join(self, number: str, actor: Actor) -> Ticket:
        """A resident reporting the same problem joins the open ticket (重复投诉) instead of filing again."""
        if actor.resident_id is None:
            raise NotAllowed(refusals.RESIDENTS_ONLY_FOLLOW)

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            if t.status not in OPEN_STATUSES:
                raise InvalidInput(f"工单{t.number}已{Status(t.status).label}，无法加入关注")
            if t.resident_id == actor.resident_id or await self._is_follower(s, t, actor.resident_id):
                return
            s.add(TicketFollower(ticket_id=t.id, resident_id=actor.resident_id,
                                 identity_id=actor.identity_id, joined_at=now))
            await self._event(s, t, EventType.FOLLOWER_JOINED, actor, None, None, now, notify=False)

        return await self._change(number, work)

    # ---- the desk -------------------------------------------------------------------------------

    async def merge(self, number: str, into_number: str, actor: Actor) -> Ticket:
        if number == into_number:
            raise InvalidInput("不能把工单合并到它自己")

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            await permissions.require(s, actor, Verb.MERGE, t)
            target = await self._load(s, into_number, lock=True)
            if target.status not in OPEN_STATUSES:
                raise InvalidInput(f"目标工单{target.number}已{Status(target.status).label}，不能合并进去")
            if target.merged_into_id is not None:
                raise InvalidInput("目标工单本身已被合并")
            await self._transition(s, t, Action.MERGE, actor, EventType.MERGED, now,
                                   data={"into": target.number})
            t.merged_into_id, t.closed_at = target.id, now
            residents = [(t.resident_id, t.origin_identity_id)]
            residents += [(f.resident_id, f.identity_id) for f in (await s.execute(
                select(TicketFollower).where(TicketFollower.ticket_id == t.id))).scalars()]
            for resident_id, identity_id in residents:
                if resident_id != target.resident_id and not await self._is_follower(s, target, resident_id):
                    s.add(TicketFollower(ticket_id=target.id, resident_id=resident_id,
                                         identity_id=identity_id, joined_at=now))
            await self._event(s, target, EventType.NOTE, actor, None, None, now,
                              note=f"合并了工单 {t.number}", data={"merged_from": t.number}, notify=False)

        return await self._change(number, work)

    async def split(self, number: str, resident_id: int, actor: Actor, *, description: str | None = None,
                    grid_code: str | None = None) -> Ticket:
        """Undo a wrong join or merge: a follower of `number` who reported another problem leaves it
        and gets a ticket of their own, filed as the desk and routed like any other. A follower who
        came in with a merged ticket gets that ticket's content back; one who joined gets
        `description` (or, failing that, the ticket's own description as a starting point)."""
        if description is not None and not description.strip():
            raise InvalidInput("请写明该居民反映的问题")
        now = self.clock.now()
        new_number = (await allocate_numbers(self.db, self.policy.calendar.local_date(now), 1))[0]

        async def work(s: AsyncSession) -> Ticket:
            t = await self._load(s, number, lock=True)
            await permissions.require(s, actor, Verb.SPLIT, t)
            if t.status not in OPEN_STATUSES:
                raise InvalidInput(f"工单{t.number}已{Status(t.status).label}，不能拆分")
            follower = (await s.execute(select(TicketFollower).where(
                TicketFollower.ticket_id == t.id, TicketFollower.resident_id == resident_id))).scalar_one_or_none()
            if follower is None:
                why = "是该工单的发起人" if t.resident_id == resident_id else "没有关注该工单"
                raise InvalidInput(f"居民#{resident_id}{why}，无法拆分")
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
            self._validate(new)
            await s.delete(follower)
            (fresh,) = await self._file_in(s, [new], [new_number], now, actor)
            await self._event(s, t, EventType.NOTE, actor, None, None, now, notify=False,
                              note=f"拆分：居民#{resident_id}另立工单 {fresh.number}",
                              data={"split_resident_id": resident_id, "split_to": fresh.number})
            await self._event(s, fresh, EventType.NOTE, actor, None, None, now, notify=False,
                              note=f"由工单 {t.number} 拆分而来",
                              data={"split_from": t.number, "merged_ticket": source.number if source else None})
            t.updated_at = now
            return fresh

        return await self._run(work)

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
            await self._transition(s, t, Action.ESCALATE, actor, EventType.ESCALATED, now, note=reason,
                                   data={"level": level})
            changed.append(True)

        await self._change(number, work, once=once)
        return bool(changed)

    async def flag(self, number: str, actor: Actor, reason: str, *, once: Once | None = None) -> Ticket:
        """Hand a ticket to the human desk (人工)."""

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            await permissions.require(s, actor, Verb.FLAG, t)
            t.needs_dispatcher, t.flag_reason = True, reason
            await self._event(s, t, EventType.FLAGGED, actor, None, None, now, note=reason)

        return await self._change(number, work, visible_to=actor if actor.role is Role.RESIDENT else None,
                                  once=once)

    async def reclassify(self, number: str, actor: Actor, *, category: str | None = None,
                         kind: Kind | None = None) -> Ticket:
        """A dispatcher confirms (same values) or corrects the classifier; each is recorded."""
        if category is not None and category not in self.categories:
            raise InvalidInput(f"未知的分类：{category}")

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
            await self._event(s, t, EventType.RECLASSIFIED, actor, None, None, now, data=data, notify=False)

        return await self._change(number, work)

    async def add_note(self, number: str, actor: Actor, note: str) -> Ticket:
        note = _clean_note(note, (), "请输入内容")

        async def work(s: AsyncSession, t: Ticket, now: datetime) -> None:
            await permissions.require(s, actor, Verb.NOTE, t)
            await self._event(s, t, EventType.NOTE, actor, None, None, now, note=note, notify=False)

        return await self._change(number, work)

    async def check(self, number: str, actor: Actor, verb: Verb) -> Ticket:
        """Would `verb` be allowed now? Raises the refusal, as the action itself would (a chat asks
        before prompting for a note that could not be used). Returns the ticket as read."""
        async with self.db.transaction() as s:
            t = await self._load(s, number)
            follower = (actor.role is Role.RESIDENT and t.resident_id != actor.resident_id
                        and await self._is_follower(s, t, actor.resident_id))
            await permissions.require(s, actor, verb, t, follower=follower)
            return t

    # ---- machinery ------------------------------------------------------------------------------

    async def _run(self, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
        for attempt in range(3):
            try:
                async with self.db.transaction() as s:
                    return await work(s)
            except (StaleDataError, IntegrityError):
                # someone changed the ticket between our read and our write, or the same new
                # resident was created by a concurrent message: read again and re-decide
                if attempt == 2:
                    raise Conflict("工单刚刚被其他人更新，请稍后再试") from None
        raise AssertionError("unreachable")

    async def _change(self, number: str, work: Callable[[AsyncSession, Ticket, datetime], Awaitable[None]],
                      *, visible_to: Actor | None = None, once: Once | None = None) -> Ticket:
        claimed: list[bool] = []

        async def run(s: AsyncSession) -> Ticket:
            claimed.clear()
            t = await self._load(s, number, lock=True)
            if visible_to is not None and visible_to.role is Role.RESIDENT:
                follower = (t.resident_id != visible_to.resident_id
                            and await self._is_follower(s, t, visible_to.resident_id))
                await permissions.require(s, visible_to, Verb.READ, t, follower=follower)
            t_now = self.clock.now()
            if once is not None:
                # a timer's change: only if still due and not fired before (claimed in this transaction)
                if not await claim_for_ticket(s, once, t, t_now):
                    return t
                claimed.append(True)
            await work(s, t, t_now)
            t.updated_at = t_now
            return t

        result = await self._run(run)
        if once is not None:
            once.fired = bool(claimed)
        return result

    async def _load(self, s: AsyncSession, number: str, *, lock: bool = False) -> Ticket:
        query = select(Ticket).where(Ticket.number == number)
        if lock:
            query = query.with_for_update()
        t = (await s.execute(query)).scalar_one_or_none()
        if t is None:
            raise _unknown(number)
        return t

    async def _transition(self, s: AsyncSession, t: Ticket, action: Action, actor: Actor, type_: EventType,
                          now: datetime, *, note: str | None = None, attachments: list[Any] | None = None,
                          data: dict[str, Any] | None = None) -> TicketEvent:
        before = Status(t.status)
        after = lifecycle.target(action, before, t.number)
        t.status = after.value
        return await self._event(s, t, type_, actor, before, after, now, note=note,
                                 attachments=attachments, data=data)

    def _event_values(self, t: Ticket, type_: EventType, actor: Actor, before: Status | None,
                      after: Status | None, now: datetime, *, note: str | None = None,
                      attachments: list[Any] | None = None, data: dict[str, Any] | None = None
                      ) -> dict[str, Any]:
        return dict(
            ticket_id=t.id, type=type_.value, at=now, actor_role=actor.role.value,
            actor_staff_id=actor.staff_id, actor_resident_id=actor.resident_id,
            from_status=before.value if before else None, to_status=after.value if after else None,
            note=note, attachments=attachments or [], data=data or {},
        )

    async def _event(self, s: AsyncSession, t: Ticket, type_: EventType, actor: Actor,
                     before: Status | None, after: Status | None, now: datetime, *, note: str | None = None,
                     attachments: list[Any] | None = None, data: dict[str, Any] | None = None,
                     notify: bool = True) -> TicketEvent:
        ev = TicketEvent(**self._event_values(t, type_, actor, before, after, now, note=note,
                                              attachments=attachments, data=data))
        s.add(ev)
        await s.flush()
        if notify:
            await self.notifier.on_event(s, t, ev, now)
        return ev

    async def _grid(self, s: AsyncSession, code: str) -> Grid:
        grid = (await s.execute(select(Grid).where(Grid.code == code))).scalar_one_or_none()
        if grid is None or not grid.active:
            raise NotFound(f"没有网格 {code}")
        return grid

    async def _answer(self, s: AsyncSession, ticket_id: int, round_: int, resident_id: int | None
                      ) -> SurveyAnswer | None:
        return (await s.execute(select(SurveyAnswer).where(
            SurveyAnswer.ticket_id == ticket_id, SurveyAnswer.round == round_,
            SurveyAnswer.resident_id == resident_id))).scalar_one_or_none()

    async def _is_follower(self, s: AsyncSession, t: Ticket, resident_id: int | None) -> bool:
        if resident_id is None:
            return False
        return (await s.execute(select(func.count()).select_from(TicketFollower).where(
            TicketFollower.ticket_id == t.id, TicketFollower.resident_id == resident_id))).scalar_one() > 0


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


def _unknown(number: str) -> NotFound:
    return NotFound(refusals.unknown_ticket(number))


def _clean_note(note: str | None, photos: Sequence[MediaRef], empty_message: str) -> str:
    note = (note or "").strip()
    if not note and not photos:
        raise InvalidInput(empty_message)
    if len(note) > MAX_NOTE:
        raise InvalidInput(f"内容太长了（最多{MAX_NOTE}字）")
    if len(photos) > MAX_PHOTOS:
        raise InvalidInput(f"照片最多{MAX_PHOTOS}张")
    return note or "（见照片）"


def _short(text: str | None) -> str | None:
    return text[:MAX_NOTE] if text else text
