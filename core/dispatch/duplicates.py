"""The duplicate check (重复投诉): is a new complaint about a problem someone already reported?

A candidate is an open ticket of the same category filed within the window, in the same grid
(or, when the new complaint has no grid yet, naming the same 小区). It is a likely duplicate when

* no known part of the two addresses disagrees (other 小区, other building, other unit),
* they are about the same thing where both name one (a 路灯 is no 楼道灯, rubbish no lamp:
  core/dispatch/things.py, usertest28),
* they are at the same spot where one names a spot outside the buildings (a 井盖 at 西门 is not the one at
  4栋门口: core/dispatch/spots.py, usertest29), and
* the texts are similar (character n-gram cosine ≥ ``min_similarity``), or they are at the same
  address down to the unit — or within ``near_m`` metres of each other — and at least somewhat
  similar (≥ ``unit_similarity``).

The intake dialog then offers "这个问题已有人反映（编号 …），是否加入关注？"; the resident decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.clock import Clock
from core.db.engine import Database
from core.db.models import ChannelIdentity, Grid, Ticket, TicketFollower, ticket_is_open
from core.dispatch import geo
from core.dispatch.router import GridIndex, GridRouter
from core.dispatch.similarity import cosine, vector
from core.dispatch.spots import different_spots
from core.dispatch.things import different_things
from core.service.tickets import Assessor, NewTicket
from core.text import Address, community_key, match_level

MAX_CANDIDATES = 100


@dataclass(frozen=True)
class DuplicateRules:
    window: timedelta = timedelta(hours=72)
    min_similarity: float = 0.30
    unit_similarity: float = 0.25
    near_m: float = 50.0


@dataclass(frozen=True)
class Side:
    """One complaint as the check sees it."""

    text: str
    address: Address
    point: geo.Point | None = None


@dataclass(frozen=True)
class Verdict:
    duplicate: bool
    similarity: float
    address_level: int  # core.text.match_level: 0 … 4
    why: str  # "text" / "address" / "near" / "conflict" / "matter" / "place" / "different"


@dataclass(frozen=True)
class DuplicateMatch:
    number: str
    similarity: float
    address_level: int
    why: str
    own: bool  # the ticket is the resident's own (or one they already follow)


def conflicting(a: Address, b: Address) -> bool:
    """A part both addresses know and that differs: not the same place."""
    if a.community and b.community and community_key(a.community) != community_key(b.community):
        return True
    if a.building and b.building and a.building != b.building:
        return True
    same_building = a.building is not None and a.building == b.building
    return bool(same_building and a.unit and b.unit and a.unit != b.unit)


def judge(
    a: Side,
    b: Side,
    rules: DuplicateRules,
    place_names: Sequence[str] = (),
    vectors: tuple[dict[str, float], dict[str, float]] | None = None,
) -> Verdict:
    va, vb = vectors or (vector(a.text, place_names), vector(b.text, place_names))
    sim = cosine(va, vb)
    level = match_level(a.address, b.address)
    if conflicting(a.address, b.address):
        return Verdict(False, sim, level, "conflict")
    if different_things(a.text, b.text):
        return Verdict(False, sim, level, "matter")
    if different_spots(a.text, a.address, b.text, b.address, place_names):
        return Verdict(False, sim, level, "place")
    if sim >= rules.min_similarity:
        return Verdict(True, sim, level, "text")
    if sim >= rules.unit_similarity:
        if level >= 3:
            return Verdict(True, sim, level, "address")
        if a.point and b.point and geo.distance_m(a.point, b.point) <= rules.near_m:
            return Verdict(True, sim, level, "near")
    return Verdict(False, sim, level, "different")


def plausible_categories(assessor: Assessor | None, text: str) -> list[str]:
    """Every category a text plausibly belongs to (the assessor's best reading, and close runners-up
    when it can tell them)."""
    if assessor is None:
        return []
    plausible = getattr(assessor, "plausible_categories", None)
    if callable(plausible):
        return list(plausible(text))
    return [assessor.assess(text).category]


class DuplicateChecker:
    """Implements ``core.service.tickets.DuplicateFinder``."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        assessor: Assessor | None,
        router: GridRouter,
        rules: DuplicateRules | None = None,
    ) -> None:
        self.db, self.clock, self.assessor, self.router = db, clock, assessor, router
        self.rules = rules or DuplicateRules()

    async def find(self, draft: NewTicket) -> str | None:
        """The number to offer the resident ("这个问题已有人反映…，是否加入关注？"): never one of their
        own or one they already follow."""
        match = await self.match(draft, exclude_own=True)
        return match.number if match else None

    async def find_own(self, draft: NewTicket) -> str | None:
        """The resident's own open ticket (or one they follow) about the same problem: the same
        complaint sent again within the window ("您已经反映过这个问题…")."""
        match = await self.match(draft, only_own=True)
        return match.number if match else None

    async def match(
        self, draft: NewTicket, *, exclude_own: bool = False, only_own: bool = False
    ) -> DuplicateMatch | None:
        """The best likely duplicate of `draft` among open tickets, with why it was chosen."""
        categories = (
            [draft.category] if draft.category else plausible_categories(self.assessor, draft.description)
        )
        if not categories:
            return None
        async with self.db.transaction() as s:
            index = await self.router.index(s)
            places = sorted(index.place_names)
            address = index.resolve_address(
                draft.community,
                draft.building,
                draft.unit,
                draft.room,
                [draft.address_text, draft.point.label if draft.point else None, draft.description],
            )
            point = (draft.point.lat, draft.point.lng) if draft.point else None
            grid_id = await self._grid_id(s, draft, index, address, point)
            if grid_id is None and not address.community:
                return None  # nowhere to look: no grid and no 小区
            query = select(Ticket).where(
                ticket_is_open(),
                Ticket.merged_into_id.is_(None),
                Ticket.created_at >= self.clock.now() - self.rules.window,
            )
            query = query.where(Ticket.grid_id == grid_id) if grid_id is not None else query
            rows = list(
                (await s.execute(query.order_by(Ticket.created_at.desc()).limit(MAX_CANDIDATES))).scalars()
            )
            me = Side(draft.description, address, point)
            my_vector = vector(draft.description, places)
            found: list[tuple[Verdict, Ticket]] = []
            for t in rows:
                other_address = index.resolve_address(
                    t.community, t.building, t.unit, t.room, [t.address_text, t.location_label, t.description]
                )
                if grid_id is None and match_level(address, other_address) < 1:
                    continue
                other = Side(
                    t.description,
                    other_address,
                    (t.lat, t.lng) if t.lat is not None and t.lng is not None else None,
                )
                verdict = judge(me, other, self.rules, places, (my_vector, vector(t.description, places)))
                if verdict.duplicate:
                    found.append((verdict, t))
            found.sort(key=lambda vt: -vt[0].similarity)
            mine = await self._own_ticket_ids(s, draft, [t.id for _, t in found])
            for verdict, t in found:
                if (exclude_own and t.id in mine) or (only_own and t.id not in mine):
                    continue
                # the same category: the one on file (a dispatcher may have corrected it) or a plausible
                # reading of its text, against a plausible reading of the new one — checked last, as
                # classifying costs more than comparing
                theirs = {t.category, *plausible_categories(self.assessor, t.description)}
                if theirs & set(categories):
                    return DuplicateMatch(
                        t.number, verdict.similarity, verdict.address_level, verdict.why, t.id in mine
                    )
            return None

    async def _grid_id(
        self, s: AsyncSession, draft: NewTicket, index: GridIndex, address: Address, point: geo.Point | None
    ) -> int | None:
        if draft.grid_code:
            return (await s.execute(select(Grid.id).where(Grid.code == draft.grid_code))).scalar_one_or_none()
        decision = index.decide(address, point)
        return decision.grid.id if decision.grid else None

    async def _own_ticket_ids(self, s: AsyncSession, draft: NewTicket, ids: list[int]) -> set[int]:
        if not ids:
            return set()
        resident_id = draft.resident_id
        if resident_id is None and draft.external_id:
            resident_id = (
                await s.execute(
                    select(ChannelIdentity.resident_id).where(
                        ChannelIdentity.channel == draft.channel,
                        ChannelIdentity.external_id == draft.external_id,
                    )
                )
            ).scalar_one_or_none()
        if resident_id is None:
            return set()
        owned = set(
            (
                await s.execute(
                    select(Ticket.id).where(Ticket.id.in_(ids), Ticket.resident_id == resident_id)
                )
            ).scalars()
        )
        followed = set(
            (
                await s.execute(
                    select(TicketFollower.ticket_id).where(
                        TicketFollower.ticket_id.in_(ids), TicketFollower.resident_id == resident_id
                    )
                )
            ).scalars()
        )
        return owned | followed
