"""What the logged-in staff member may see and do, asked of core's permission rules: the desk holds
no rule of its own."""

from __future__ import annotations

from collections.abc import Collection

from core.enums import Role
from core.service.accounts import DeskUser
from core.service.directory import Directory

DESK_ROLES = frozenset({Role.DISPATCHER, Role.SUPERVISOR, Role.ADMIN})


async def readable_grids(directory: Directory, who: DeskUser) -> Collection[int] | None:
    """The grids whose tickets `who` may read; None: every ticket."""
    if who.role in DESK_ROLES:
        return None
    return await directory.staff_grid_ids(who.staff_id)
