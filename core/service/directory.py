"""Grids, staff, group bindings and one-time codes: who works where, and which chat is whose."""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from core.clock import Clock
from core.db.engine import Database
from core.db.models import ChannelIdentity, Grid, GroupBinding, OneTimeCode, Staff, StaffGrid
from core.enums import Role
from core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from core.service import permissions
from core.service.actor import Actor, Place
from core.service.permissions import Verb
from core.texts import errors

GRID_CODE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
WECOM_USERID = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")  # WeCom's member account: 1-64 of these
WECOM_APP = "wecom_app"  # the channel of the WeCom self-built app (bot/adapters/wecom_app)
DESKS = ("supervisors", "dispatchers")  # groups that are not a grid's
CODE_TTL = timedelta(hours=24)


@dataclass(frozen=True)
class StaffIdentity:
    staff: Staff
    identity: ChannelIdentity
    grid_ids: frozenset[int]


def _hash(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


class Directory:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db, self.clock = db, clock

    # ---- grids ----------------------------------------------------------------------------------

    async def add_grid(self, code: str, name: str, *, patterns: Sequence[str] = (),
                       center: tuple[float, float] | None = None, radius_m: float | None = None,
                       polygon: Sequence[Sequence[float]] | None = None, update: bool = False) -> Grid:
        if not GRID_CODE.match(code):
            raise InvalidInput(errors.GRID_CODE_FORMAT)
        if not name.strip():
            raise InvalidInput(errors.GRID_NAME_EMPTY)
        if center is not None and not (-90 <= center[0] <= 90 and -180 <= center[1] <= 180):
            raise InvalidInput(errors.BAD_CENTER)
        if polygon is not None and len(polygon) < 3:
            raise InvalidInput(errors.POLYGON_TOO_SMALL)
        async with self.db.transaction() as s:
            grid = (await s.execute(select(Grid).where(Grid.code == code))).scalar_one_or_none()
            if grid is not None and not update:
                raise Conflict(errors.grid_exists(code))
            if grid is None:
                grid = Grid(code=code, created_at=self.clock.now(), active=True)
                s.add(grid)
            grid.name = name.strip()
            grid.address_patterns = [p.strip() for p in patterns if p.strip()]
            grid.center_lat, grid.center_lng = center if center else (None, None)
            grid.radius_m = radius_m
            grid.polygon = [list(map(float, p)) for p in polygon] if polygon else None
            grid.active = True
        return grid

    async def grids(self) -> list[Grid]:
        async with self.db.transaction() as s:
            return list((await s.execute(select(Grid).order_by(Grid.code))).scalars())

    async def grid(self, code: str) -> Grid:
        async with self.db.transaction() as s:
            return await _grid(s, code)

    async def grid_name(self, grid_id: int) -> str | None:
        async with self.db.transaction() as s:
            return (await s.execute(select(Grid.name).where(Grid.id == grid_id))).scalar_one_or_none()

    async def set_wecom(self, code: str, url: str | None) -> Grid:
        if url is not None and not re.match(r"^https?://[^\s]+$", url):
            raise InvalidInput(errors.BAD_ROBOT_URL)
        async with self.db.transaction() as s:
            grid = await _grid(s, code)
            grid.wecom_robot_url = url
        return grid

    # ---- staff ----------------------------------------------------------------------------------

    async def add_staff(self, name: str, role: Role, *, grids: Sequence[str] = (), phone: str | None = None,
                        department: str | None = None) -> Staff:
        if not name.strip():
            raise InvalidInput(errors.STAFF_NAME_EMPTY)
        if role in (Role.RESIDENT, Role.SYSTEM):
            raise InvalidInput(errors.BAD_STAFF_ROLE)
        async with self.db.transaction() as s:
            staff = Staff(name=name.strip(), role=role.value, phone=phone, active=True, created_at=self.clock.now())
            s.add(staff)
            await s.flush()
            for code in grids:
                grid = await _grid(s, code)
                s.add(StaffGrid(staff_id=staff.id, grid_id=grid.id, department=department))
        return staff

    async def update_staff(self, staff_id: int, *, role: Role, grids: Sequence[str], active: bool,
                           department: str | None = None) -> Staff:
        """Change a staff member's role, grids and whether they may act (a deactivated one can neither
        log in to the desk nor act in a chat)."""
        if role in (Role.RESIDENT, Role.SYSTEM):
            raise InvalidInput(errors.BAD_STAFF_ROLE)
        async with self.db.transaction() as s:
            staff = await s.get(Staff, staff_id, options=[selectinload(Staff.memberships)])
            if staff is None:
                raise NotFound(errors.no_staff(f"#{staff_id}"))
            staff.role, staff.active = role.value, active
            wanted = {(await _grid(s, code)).id for code in grids}
            for membership in list(staff.memberships):
                if membership.grid_id not in wanted:
                    staff.memberships.remove(membership)
            have = {m.grid_id for m in staff.memberships}
            for grid_id in wanted - have:
                staff.memberships.append(StaffGrid(staff_id=staff.id, grid_id=grid_id, department=department))
        return staff

    async def staff_list(self) -> list[tuple[Staff, list[str]]]:
        async with self.db.transaction() as s:
            rows = (await s.execute(select(Staff).options(
                selectinload(Staff.memberships).selectinload(StaffGrid.grid)).order_by(Staff.id))).scalars()
            return [(st, [m.grid.code for m in st.memberships]) for st in rows]

    async def find_staff(self, key: str) -> Staff:
        """By id or by exact name (names may repeat: then the id is required)."""
        async with self.db.transaction() as s:
            if key.isdigit():
                staff = await s.get(Staff, int(key))
                if staff:
                    return staff
            found = list((await s.execute(select(Staff).where(Staff.name == key))).scalars())
            if not found:
                raise NotFound(errors.no_staff(key))
            if len(found) > 1:
                raise InvalidInput(errors.ambiguous_staff(key, [f.id for f in found]))
            return found[0]

    async def grid_staff(self, grid_id: int) -> list[Staff]:
        """The grid's active staff, by name: whom the desk may name as a ticket's worker."""
        async with self.db.transaction() as s:
            return list((await s.execute(
                select(Staff).join(StaffGrid, StaffGrid.staff_id == Staff.id)
                .where(StaffGrid.grid_id == grid_id, Staff.active.is_(True)).order_by(Staff.name, Staff.id))).scalars())

    async def staff_by_grid(self, first: int | None = None) -> list[tuple[Grid, list[Staff]]]:
        """Every active grid with its active staff (grid_staff for all at once), the grid `first`
        leading: whom the desk may name as a ticket's worker, in its own grid or another."""
        async with self.db.transaction() as s:
            grids = list((await s.execute(select(Grid).where(Grid.active.is_(True)).order_by(Grid.code))).scalars())
            members = (await s.execute(
                select(StaffGrid.grid_id, Staff).join(Staff, StaffGrid.staff_id == Staff.id)
                .where(Staff.active.is_(True)).order_by(Staff.name, Staff.id))).all()
        by_grid: dict[int, list[Staff]] = {}
        for grid_id, staff in members:
            by_grid.setdefault(grid_id, []).append(staff)
        grids.sort(key=lambda g: g.id != first)  # stable: the rest stay by code
        return [(g, by_grid[g.id]) for g in grids if g.id in by_grid]

    async def staff_name(self, staff_id: int) -> str | None:
        async with self.db.transaction() as s:
            staff = await s.get(Staff, staff_id)
            return staff.name if staff else None

    async def staff_grid_ids(self, staff_id: int) -> frozenset[int]:
        async with self.db.transaction() as s:
            return frozenset((await s.execute(
                select(StaffGrid.grid_id).where(StaffGrid.staff_id == staff_id))).scalars())

    async def staff_by_identity(self, channel: str, external_id: str, *,
                                session: AsyncSession | None = None) -> StaffIdentity | None:
        async with self.db.using(session) as s:
            identity = (await s.execute(select(ChannelIdentity).where(
                ChannelIdentity.channel == channel, ChannelIdentity.external_id == external_id,
                ChannelIdentity.staff_id.is_not(None)))).scalar_one_or_none()
            if identity is None:
                return None
            staff = await s.get(Staff, identity.staff_id)
            if staff is None or not staff.active:
                return None
            grid_ids = frozenset((await s.execute(
                select(StaffGrid.grid_id).where(StaffGrid.staff_id == staff.id))).scalars())
            return StaffIdentity(staff, identity, grid_ids)

    async def bind_staff_identity(self, staff_id: int, channel: str, external_id: str,
                                  display_name: str | None = None) -> ChannelIdentity:
        async with self.db.transaction() as s:
            identity = (await s.execute(select(ChannelIdentity).where(
                ChannelIdentity.channel == channel, ChannelIdentity.external_id == external_id,
            ))).scalar_one_or_none()
            if identity is None:
                identity = ChannelIdentity(channel=channel, external_id=external_id, display_name=display_name,
                                           created_at=self.clock.now(), pushes_since_inbound=0)
                s.add(identity)
            elif identity.staff_id not in (None, staff_id):
                raise Conflict(errors.IDENTITY_TAKEN)
            identity.staff_id = staff_id
            await s.flush()
        return identity

    async def set_wecom_userid(self, staff_key: str, userid: str | None) -> Staff:
        """Link a staff member to their WeCom account (`userid`; None unlinks): the WeCom app's
        cards and messages go there, and what they do in the app is done as them."""
        if userid is not None:
            check_wecom_userid(userid)
        staff = await self.find_staff(staff_key)
        async with self.db.transaction() as s:
            rows = (await s.execute(select(ChannelIdentity).where(
                ChannelIdentity.channel == WECOM_APP,
                (ChannelIdentity.staff_id == staff.id) | (ChannelIdentity.external_id == (userid or ""))))).scalars()
            for row in rows:
                if row.external_id == userid and row.staff_id not in (None, staff.id):
                    raise Conflict(f"企业微信账号 {userid} 已绑定了另一位工作人员")
                if row.external_id != userid:
                    row.staff_id = None  # one WeCom account per staff member: the old one stops
        if userid is not None:
            await self.bind_staff_identity(staff.id, WECOM_APP, userid, staff.name)
        return staff

    # ---- one-time codes and group bindings ------------------------------------------------------

    async def issue_code(self, purpose: str, subject: str, ttl: timedelta = CODE_TTL) -> str:
        """A short code shown once to an admin; only its hash is stored."""
        code = "".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(8))
        now = self.clock.now()
        async with self.db.transaction() as s:
            s.add(OneTimeCode(purpose=purpose, code_hash=_hash(code), subject=subject,
                              created_at=now, expires_at=now + ttl))
        return code

    async def grid_bind_code(self, target: str) -> str:
        """For `/bind <grid-code> <code>` in a group: `target` is a grid code or a desk name."""
        if target not in DESKS:
            await self.grid(target)
        return await self.issue_code("bind_group", target)

    async def staff_invite(self, staff_key: str) -> tuple[Staff, str]:
        staff = await self.find_staff(staff_key)
        return staff, await self.issue_code("staff_invite", str(staff.id))

    async def _use_code(self, s: AsyncSession, purpose: str, code: str, used_by: str) -> OneTimeCode:
        row = (await s.execute(select(OneTimeCode).where(
            OneTimeCode.code_hash == _hash(code), OneTimeCode.purpose == purpose,
        ).with_for_update())).scalar_one_or_none()
        now = self.clock.now()
        if row is None or row.used_at is not None or row.expires_at <= now:
            raise NotAllowed(errors.BAD_CODE)
        row.used_at, row.used_by = now, used_by[:200]
        return row

    async def bind_group(self, channel: str, chat_id: str, target: str, code: str, by: str) -> GroupBinding:
        async with self.db.transaction() as s:
            row = await self._use_code(s, "bind_group", code, f"{channel}:{chat_id}:{by}")
            if row.subject != target:
                raise NotAllowed(errors.CODE_NOT_FOR_TARGET)
            grid = None if target in DESKS else await _grid(s, target)
            purpose = target if target in DESKS else "grid"
            existing = (await s.execute(select(GroupBinding).where(
                GroupBinding.channel == channel, GroupBinding.chat_id == chat_id,
                GroupBinding.unbound_at.is_(None)))).scalars()
            for old in existing:
                old.unbound_at = self.clock.now()  # one chat, one purpose at a time
            binding = GroupBinding(channel=channel, chat_id=chat_id, purpose=purpose,
                                   grid_id=grid.id if grid else None, bound_at=self.clock.now(), bound_by=by)
            s.add(binding)
        return binding

    async def bind_group_direct(self, channel: str, chat_id: str, target: str, by: str = "cli") -> GroupBinding:
        """Operator-side binding (CLI, demo) that needs no code."""
        code = await self.grid_bind_code(target)
        return await self.bind_group(channel, chat_id, target, code, by)

    async def unbind_group(self, channel: str, chat_id: str, actor: Actor | None = None) -> int:
        """End the group's binding; `actor` (from the group) must be allowed to (None: the CLI)."""
        async with self.db.transaction() as s:
            rows = list((await s.execute(select(GroupBinding).where(
                GroupBinding.channel == channel, GroupBinding.chat_id == chat_id,
                GroupBinding.unbound_at.is_(None)))).scalars())
            if actor is not None and rows:
                bound = Place.group(rows[0].purpose, rows[0].grid_id)
                await permissions.require(s, replace(actor, place=bound), Verb.UNBIND_GROUP)
            for row in rows:
                row.unbound_at = self.clock.now()
            return len(rows)

    async def move_group(self, channel: str, old_chat_id: str, new_chat_id: str) -> int:
        """The platform gave the group a new id (Telegram upgrades a group to a supergroup): its
        bindings follow it."""
        async with self.db.transaction() as s:
            rows = list((await s.execute(select(GroupBinding).where(
                GroupBinding.channel == channel, GroupBinding.chat_id == old_chat_id,
                GroupBinding.unbound_at.is_(None)))).scalars())
            for row in rows:
                row.chat_id = new_chat_id
            return len(rows)

    async def group_binding(self, channel: str, chat_id: str, *,
                            session: AsyncSession | None = None) -> GroupBinding | None:
        async with self.db.using(session) as s:
            return (await s.execute(select(GroupBinding).where(
                GroupBinding.channel == channel, GroupBinding.chat_id == chat_id,
                GroupBinding.unbound_at.is_(None)))).scalar_one_or_none()

    async def redeem_staff_invite(self, channel: str, external_id: str, code: str,
                                  display_name: str | None = None) -> Staff:
        async with self.db.transaction() as s:
            row = await self._use_code(s, "staff_invite", code, f"{channel}:{external_id}")
            staff = await s.get(Staff, int(row.subject))
            if staff is None or not staff.active:
                raise NotFound(errors.STAFF_INACTIVE)
        await self.bind_staff_identity(staff.id, channel, external_id, display_name)
        return staff


async def _grid(s: AsyncSession, code: str) -> Grid:
    grid = (await s.execute(select(Grid).where(Grid.code == code))).scalar_one_or_none()
    if grid is None:
        raise NotFound(errors.no_grid(code))
    return grid


def check_wecom_userid(userid: str) -> None:
    if not WECOM_USERID.match(userid):
        raise InvalidInput("企业微信账号（userid）只能包含字母、数字和 _ . @ -，最长64位")


def grid_summary(grid: Grid) -> dict[str, Any]:
    return {
        "code": grid.code, "name": grid.name, "patterns": list(grid.address_patterns or []),
        "center": [grid.center_lat, grid.center_lng] if grid.center_lat is not None else None,
        "radius_m": grid.radius_m, "wecom": bool(grid.wecom_robot_url),
    }
