"""How far two read addresses agree (duplicate detection): 小区, then 楼栋, 单元, 室.

Kept apart from the reader (`core.text.address`): comparing is a question of its own and the reader is
at the module size cap."""

from __future__ import annotations

from core.text.address import Address, community_key

__all__ = ["match_level", "same_community", "same_building", "same_unit", "same_room"]


def match_level(a: Address, b: Address) -> int:
    """How far down the hierarchy two addresses agree: 0 nothing, 1 community, 2 building,
    3 unit, 4 room. Each level needs every level above it, and a part missing on either side stops
    the descent (unknown is not the same)."""
    if not a.community or not b.community or community_key(a.community) != community_key(b.community):
        return 0
    if not a.building or not b.building or a.building != b.building:
        return 1
    if a.unit != b.unit:
        return 2
    # both without unit: a building with no units; treat as agreeing at unit level
    if not a.room or not b.room or a.room != b.room:
        return 3
    return 4


def same_community(a: Address, b: Address) -> bool:
    return match_level(a, b) >= 1


def same_building(a: Address, b: Address) -> bool:
    return match_level(a, b) >= 2


def same_unit(a: Address, b: Address) -> bool:
    """Same community, building and unit (a building without units counts as one unit)."""
    return match_level(a, b) >= 3


def same_room(a: Address, b: Address) -> bool:
    return match_level(a, b) >= 4
