"""What a step may know beyond the saved state, loaded by the engine before each step so the steps
themselves stay pure: the time, the grids' communities, who the sender is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.dialogs.settings import DialogSettings
from bot.dialogs.understand import Community, Reader


@dataclass(frozen=True)
class StaffInfo:
    id: int
    name: str
    role: str  # core.enums.Role value
    grid_ids: frozenset[int]
    identity_id: int | None = None


@dataclass(frozen=True)
class BindingInfo:
    purpose: str  # grid / supervisors / dispatchers
    grid_id: int | None


@dataclass(frozen=True)
class Context:
    now: datetime
    tz: ZoneInfo
    settings: DialogSettings
    gas_phone: str
    communities: tuple[Community, ...]
    reader: Reader
    resident_id: int | None = None
    last_phone: str | None = None  # offered again ("用上次的")
    staff: StaffInfo | None = None
    binding: BindingInfo | None = None  # the group's, in group chats
    pending_survey: tuple[str, int] | None = None  # (number, round) awaiting this resident's rating
    pending_survey_about: str | None = None  # that ticket's description: 「还是不亮」 is about it, or not
    sender_name: str | None = None
    in_group: bool = False
    desk_thread: str | None = None  # the ticket the desk wrote to this resident about lately (still open)

    def community(self, grid_code: str) -> Community | None:
        return next((c for c in self.communities if c.grid_code == grid_code), None)
