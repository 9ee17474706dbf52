"""Who is acting, and from where: every service call says so, and every event records the who."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from core.enums import Role

PlaceKind = Literal["group", "private", "desk", "cli", "wecom"]


@dataclass(frozen=True)
class Place:
    """Where an action was asked from. In a group, `purpose` is the group's binding (grid /
    dispatchers / supervisors; None: not bound) and `grid_id` the bound grid; the permission rules
    (core/service/permissions.py) let a grid's group act only on that grid's tickets."""

    kind: PlaceKind
    purpose: str | None = None
    grid_id: int | None = None

    @classmethod
    def group(cls, purpose: str | None, grid_id: int | None = None) -> Place:
        return cls("group", purpose, grid_id)


@dataclass(frozen=True)
class Actor:
    role: Role
    staff_id: int | None = None
    resident_id: int | None = None
    identity_id: int | None = None  # the chat identity the action came from, for private answers
    place: Place | None = None

    @classmethod
    def system(cls) -> Actor:
        return cls(Role.SYSTEM)

    @classmethod
    def resident(cls, resident_id: int, identity_id: int | None = None, place: Place | None = None) -> Actor:
        return cls(Role.RESIDENT, resident_id=resident_id, identity_id=identity_id, place=place)

    @classmethod
    def staff(cls, staff_id: int, role: Role, identity_id: int | None = None, place: Place | None = None) -> Actor:
        return cls(role, staff_id=staff_id, identity_id=identity_id, place=place)

    @property
    def is_staff(self) -> bool:
        return self.staff_id is not None
