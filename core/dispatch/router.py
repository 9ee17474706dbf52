"""The grid router: which grid a ticket belongs to, and which department inside it.

Order of evidence:
1. the structured address (小区 → 楼栋 → 单元) against every grid's patterns (see
   :mod:`core.dispatch.patterns`); missing parts are read from the ticket's address text, then
   from its description;
2. a shared location: inside a grid's polygon (the smallest, if polygons overlap), else the nearest
   grid centre within its radius — also used to settle an address that fits several grids;
3. otherwise no grid: the ticket waits in the dispatcher's queue with the reason.

The decision itself is pure (:class:`GridIndex`); :class:`GridRouter` loads the grids once per
transaction and implements the core's ``Router`` hook.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.db.engine import per_transaction
from core.db.models import Grid, Staff, StaffGrid, Ticket
from core.dispatch import geo
from core.dispatch import texts as tx
from core.dispatch.patterns import (
    GridPattern,
    PatternError,
    normalize_building_value,
    normalize_unit,
    parse_pattern,
)
from core.service.tickets import Route
from core.text import Address, community_key, parse_address

log = logging.getLogger(__name__)

DEFAULT_RADIUS_M = 1000.0  # for a grid with a centre but no radius of its own

Method = Literal["address", "location", "none"]


@dataclass(frozen=True)
class GridInfo:
    id: int
    code: str
    name: str
    patterns: tuple[GridPattern, ...] = ()
    polygon: tuple[tuple[float, float], ...] | None = None
    center: tuple[float, float] | None = None
    radius_m: float | None = None
    invalid_patterns: tuple[str, ...] = ()  # configured but unreadable: ignored, logged

    @classmethod
    def from_row(cls, grid: Grid) -> GridInfo:
        patterns, invalid = [], []
        for text in grid.address_patterns or []:
            try:
                patterns.append(parse_pattern(str(text)))
            except PatternError as exc:
                invalid.append(str(text))
                log.warning("grid %s: ignoring pattern %r: %s", grid.code, text, exc)
        polygon = tuple((float(p[0]), float(p[1])) for p in grid.polygon) if grid.polygon else None
        center = (
            (grid.center_lat, grid.center_lng)
            if grid.center_lat is not None and grid.center_lng is not None
            else None
        )
        return cls(
            grid.id,
            grid.code,
            grid.name,
            tuple(patterns),
            polygon if polygon and len(polygon) >= 3 else None,
            center,
            grid.radius_m,
            tuple(invalid),
        )


@dataclass(frozen=True)
class Decision:
    grid: GridInfo | None
    method: Method
    reason: str
    address: Address
    candidates: tuple[str, ...] = ()  # grid codes an ambiguous address fits


@dataclass
class GridIndex:
    grids: list[GridInfo]
    default_radius_m: float = DEFAULT_RADIUS_M
    _by_key: dict[str, list[tuple[GridInfo, GridPattern]]] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        for grid in self.grids:
            for pattern in grid.patterns:
                for key in pattern.keys:
                    self._by_key.setdefault(key, []).append((grid, pattern))

    @cached_property  # read for every ticket routed; the grids do not change under an index
    def known_communities(self) -> list[tuple[str, ...]]:
        """For :func:`core.text.parse_address`: (canonical, alias, …) of every configured 小区."""
        seen: dict[str, tuple[str, ...]] = {}
        for grid in self.grids:
            for p in grid.patterns:
                seen[p.canonical] = tuple(dict.fromkeys((*seen.get(p.canonical, ()), *p.names)))
        return list(seen.values())

    @property
    def place_names(self) -> set[str]:
        names = {g.name for g in self.grids}
        for grid in self.grids:
            for p in grid.patterns:
                names.update(p.names)
        return {n for n in names if len(n) >= 2}

    # ---- the address --------------------------------------------------------------------------

    def resolve_address(
        self,
        community: str | None = None,
        building: str | None = None,
        unit: str | None = None,
        room: str | None = None,
        texts: Sequence[str | None] = (),
    ) -> Address:
        """The ticket's address with the 小区 named canonically and numbers normalised; parts the
        structured fields lack are read from `texts` (address text, then description), but only
        from a text that does not name another 小区."""
        known = self.known_communities
        comm: str | None = None
        if community and community.strip():
            parsed = parse_address(community, known)
            comm = parsed.community or community.strip()
        b, u = normalize_building_value(building), normalize_unit(unit)
        r = room.strip() if room and room.strip() else None
        for text in texts:
            if comm and b and u:
                break
            a = parse_address(text, known) if text else None
            if a is None or a.is_empty:
                continue
            if comm and a.community and community_key(a.community) != community_key(comm):
                continue  # this text is about another 小区 (隔壁阳光花园的烧烤店…)
            comm = comm or a.community
            if b is None and u is None:
                b, u, r = a.building, a.unit, r or a.room
            elif u is None and a.building in (None, b):
                u, r = a.unit, r or a.room
        return Address(comm, b, u, r)

    # ---- the decision -------------------------------------------------------------------------

    def decide(self, address: Address, point: geo.Point | None = None) -> Decision:
        if not self.grids:
            return Decision(None, "none", tx.NO_GRIDS, address)
        label = address.label()
        reason = tx.NO_ADDRESS
        candidates: list[GridInfo] = []
        if address.community:
            matches = self._by_key.get(community_key(address.community), [])
            possible = [(g, p) for g, p in matches if p.admits(address.building, address.unit)]
            if not matches:
                reason = tx.unknown_community(address.community)
            elif not possible:
                reason = tx.outside_ranges(label)
            else:
                chosen = _settle(possible, address)
                if chosen is not None:
                    grid, pattern = chosen
                    return Decision(grid, "address", tx.by_pattern(label, pattern.text, grid.name), address)
                full = [(g, p) for g, p in possible if p.decides(address.building, address.unit)]
                floor = max((p.specificity for _, p in full), default=0)
                # a rule outranked by one that fully matches is out of the running
                candidates = _unique(g for g, p in possible if p.specificity >= floor)
                overlap = len(_unique(g for g, _ in full)) > 1 and address.building is not None
                names = tx.grid_list([g.name for g in candidates])
                reason = tx.overlapping(label, names) if overlap else tx.ambiguous(label, names)
        if point is not None and geo.valid_point(*point):
            found = self._locate(point, {g.id for g in candidates} if candidates else None)
            if found is not None:
                grid, how = found
                if candidates:
                    how = tx.by_address_then_location(tx.grid_list([g.name for g in candidates]), how)
                return Decision(grid, "location", how, address, tuple(g.code for g in candidates))
            if not address.community:
                reason = tx.NO_LOCATION_MATCH
        return Decision(None, "none", reason, address, tuple(g.code for g in candidates))

    def _locate(self, point: geo.Point, only: set[int] | None) -> tuple[GridInfo, str] | None:
        pool = [g for g in self.grids if only is None or g.id in only]
        inside = [g for g in pool if g.polygon and geo.contains(g.polygon, point)]
        if inside:
            best = min(inside, key=lambda g: geo.area(g.polygon or ()))
            return best, tx.by_polygon(best.name)
        near: list[tuple[float, GridInfo]] = []
        for g in pool:
            if g.polygon or g.center is None:
                continue  # a grid with a polygon is exactly its polygon
            d = geo.distance_m(point, g.center)
            if d <= (g.radius_m if g.radius_m is not None else self.default_radius_m):
                near.append((d, g))
        if near:
            d, best = min(near, key=lambda x: (x[0], x[1].code))
            return best, tx.by_centre(best.name, d)
        return None


def _unique(grids: Iterable[GridInfo]) -> list[GridInfo]:
    return list({g.id: g for g in grids}.values())


def _settle(
    possible: list[tuple[GridInfo, GridPattern]], address: Address
) -> tuple[GridInfo, GridPattern] | None:
    """One grid, when the address fits only its patterns, or when its most specific pattern that
    fully matches outranks every pattern of any other grid the address could still fit."""
    grids = _unique(g for g, _ in possible)
    full = [(g, p) for g, p in possible if p.decides(address.building, address.unit)]
    if len(grids) == 1:
        best = max(full or possible, key=lambda gp: gp[1].specificity)
        return best
    if not full:
        return None
    top = max(p.specificity for _, p in full)
    top_grids = _unique(g for g, p in full if p.specificity == top)
    if len(top_grids) != 1:
        return None
    winner = top_grids[0]
    rivals = [p.specificity for g, p in possible if g.id != winner.id]
    if rivals and max(rivals) >= top:
        return None
    return next((g, p) for g, p in full if g.id == winner.id and p.specificity == top)


# built once: a filing's routing runs them in every transaction
_ACTIVE_GRIDS = select(Grid).where(Grid.active.is_(True)).order_by(Grid.code)
_HANDLERS = (
    select(Staff.name)
    .join(StaffGrid, StaffGrid.staff_id == Staff.id)
    .where(StaffGrid.grid_id == bindparam("grid_id"), StaffGrid.department == bindparam("department"),
           Staff.active.is_(True))
    .order_by(Staff.id)
    .limit(3)
)


class GridRouter:
    """Implements ``core.service.tickets.Router``."""

    def __init__(
        self,
        departments: Mapping[str, str],
        *,
        default_radius_m: float = DEFAULT_RADIUS_M,
        on_places: Callable[[Iterable[str]], None] | None = None,
    ) -> None:
        self.departments = dict(departments)
        self.default_radius_m = default_radius_m
        self.on_places = on_places

    async def index(self, s: AsyncSession) -> GridIndex:
        """Active grids, loaded once per transaction (a bulk filing routes many tickets in one)."""
        cached = s.info.get("dispatch_grid_index")
        if isinstance(cached, GridIndex):
            return cached
        rows = (await s.execute(_ACTIVE_GRIDS)).scalars()
        index = GridIndex([GridInfo.from_row(g) for g in rows], self.default_radius_m)
        s.info["dispatch_grid_index"] = index
        if self.on_places is not None:
            self.on_places(index.place_names)
        return index

    async def explain(self, s: AsyncSession, ticket: Ticket) -> Decision:
        index = await self.index(s)
        address = index.resolve_address(
            ticket.community,
            ticket.building,
            ticket.unit,
            ticket.room,
            [ticket.address_text, ticket.location_label, ticket.description],
        )
        point = (ticket.lat, ticket.lng) if ticket.lat is not None and ticket.lng is not None else None
        return index.decide(address, point)

    async def route(self, s: AsyncSession, ticket: Ticket) -> Route | None:
        decision = await self.explain(s, ticket)
        if decision.grid is None:
            log.debug("no grid for ticket %s: %s", ticket.number, decision.reason)
            return None
        department = self.departments.get(ticket.category)
        reason = decision.reason
        if department:
            reason += tx.handler_hint(department, await self.handlers(s, decision.grid.id, department))
        return Route(decision.grid.id, department, reason)

    async def handlers(self, s: AsyncSession, grid_id: int, department: str) -> list[str]:
        """Names of the grid's active staff in `department`: a hint on the route, not an assignment."""
        async def load() -> list[str]:
            return list((await s.execute(_HANDLERS, {"grid_id": grid_id, "department": department})).scalars())

        return await per_transaction(s, "dispatch_handlers", (grid_id, department), load)
