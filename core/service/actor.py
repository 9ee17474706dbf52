"""Who is acting: every service call says so, and every event records it."""

from __future__ import annotations

from dataclasses import dataclass

from core.enums import Role


@dataclass(frozen=True)
class Actor:
    role: Role
    staff_id: int | None = None
    resident_id: int | None = None
    identity_id: int | None = None  # the chat identity the action came from, for private answers

    @classmethod
    def system(cls) -> Actor:
        return cls(Role.SYSTEM)

    @classmethod
    def resident(cls, resident_id: int, identity_id: int | None = None) -> Actor:
        return cls(Role.RESIDENT, resident_id=resident_id, identity_id=identity_id)

    @classmethod
    def staff(cls, staff_id: int, role: Role, identity_id: int | None = None) -> Actor:
        return cls(role, staff_id=staff_id, identity_id=identity_id)

    @property
    def is_staff(self) -> bool:
        return self.staff_id is not None

    @property
    def is_desk(self) -> bool:
        """Dispatchers, supervisors and admins may act on any ticket."""
        return self.role in (Role.DISPATCHER, Role.SUPERVISOR, Role.ADMIN, Role.SYSTEM)
