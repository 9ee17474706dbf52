"""The Chinese words smart dispatch writes: route reasons (shown on the ticket's timeline and by
`complaint-bot classify`) and the duplicate offer. Kept together so they read as one voice."""

from __future__ import annotations


def by_pattern(address: str, pattern: str, grid: str) -> str:
    return f"地址「{address}」匹配「{pattern}」→{grid}"


def by_polygon(grid: str) -> str:
    return f"定位在「{grid}」范围内"


def by_centre(grid: str, metres: float) -> str:
    return f"定位距「{grid}」中心{metres:.0f}米"


def by_address_then_location(candidates: str, how: str) -> str:
    return f"地址可属于{candidates}，按定位确定：{how}"


def handler_hint(department: str, names: list[str]) -> str:
    return f"；{department}：{'、'.join(names)}" if names else f"；{department}"


def ambiguous(address: str, candidates: str) -> str:
    return f"地址「{address}」可属于{candidates}，需要楼栋/单元号"


def overlapping(address: str, candidates: str) -> str:
    return f"地址「{address}」同时匹配{candidates}（网格规则重叠）"


def outside_ranges(address: str) -> str:
    return f"「{address}」不在任何网格的楼栋范围内"


def unknown_community(name: str) -> str:
    return f"小区「{name}」不在任何网格"


NO_ADDRESS = "没有可识别的小区地址"
NO_LOCATION_MATCH = "定位不在任何网格范围内"
NO_GRIDS = "还没有配置网格"


def grid_list(names: list[str]) -> str:
    return "、".join(f"「{n}」" for n in names)


def duplicate_offer(number: str) -> str:
    """What the intake dialog asks when a likely duplicate is found."""
    return f"这个问题已有人反映（编号 {number}），是否加入关注？"


def split_note_original(resident: str, new_number: str) -> str:
    return f"拆分：居民{resident}反映的不是同一问题，另立工单 {new_number}"


def split_note_new(number: str) -> str:
    return f"由工单 {number} 拆分而来"
