"""The place changed from the read-back follows into 内容 (flow30's user test: 修改 took 9栋1单元1102 to 1202, and the
worker read both numbers). A correction said mid-form (「不对 是4栋」, 「哦不对 是1单元」) already rewrote the matter's
words (`drop_old_place`, here since flow30 so the read-back can reach it without a cycle); 修改 — the button, 「改一下 是1202」, a new address typed at the read-back — did not.
The place read back is kept when the change starts, and the next read-back rewrites the description with the new one."""

from __future__ import annotations

import re

from bot.dialogs.state import Draft
from core.text.address import community_key
from core.text.normalize import fold, normalize


def remember(d: Draft) -> None:
    """The place as read back, before 修改 changes it (the first one, when it is changed twice before a read-back)."""
    if d.place_before_edit is None and (d.community or d.building or d.unit or d.room):
        d.place_before_edit = [d.community, d.building, d.unit, d.room]


def follow(d: Draft) -> None:
    """The description rewritten with the place now taken, once the change is done (at the next read-back)."""
    old, d.place_before_edit = d.place_before_edit, None
    if old is not None and len(old) == 4:
        drop_old_place(d, old[0], old[1], old[2], old[3])


def drop_old_place(d: Draft, community: str | None, building: str | None, unit: str | None, room: str | None) -> None:
    """The description's parts that were only the old address (楼道里堆满了杂物 幸福里8栋1单元): left out once the
    address is corrected, so workers do not read the wrong one; the matter's own words stay."""
    if not d.description or (community, building, unit, room) == (d.community, d.building, d.unit, d.room):
        return
    if building and d.building and building != d.building and d.community == community:
        # 「翠湖苑3栋漏水」 then 「不对 是4栋」: the building in the matter's own words follows (usertest29: 内容 kept 3栋)
        d.description = re.sub(rf"(?<![0-9A-Za-z]){re.escape(building)}(?=栋|幢|号楼)", d.building, d.description)
    if unit and d.unit and unit != d.unit and (d.building, d.community) == (building, community):
        # 「3栋2单元楼道灯坏了」 then 「哦不对 是1单元」: the unit too (usertest29b: 地点 read 1单元, 内容 2单元)
        d.description = re.sub(rf"(?<![0-9A-Za-z]){re.escape(unit)}(?=单元)", d.unit, d.description)
    if room and d.room and room != d.room and (d.building, d.community) == (building, community):
        # 「9栋1单元1102」 then 1202 through 修改: the door too (flow30: 地点 read 1202, 内容 1102)
        d.description = re.sub(rf"(?<![0-9A-Za-z]){re.escape(room)}(?![0-9])", d.room, d.description)
    parts = _PARTS.split(d.description)
    kept = [p for p in parts if p and not _only_address(p, community)]
    if kept and len(kept) < len([p for p in parts if p]):
        d.description = " ".join(kept)


_PARTS = re.compile(r"[\s，,。；;]+")
_ADDRESS_ONLY = re.compile(r"[0-9\s\-#第栋幢楼号单元室座层户小区社区零〇一二两三四五六七八九十]+")


def _only_address(part: str, community: str | None) -> bool:
    f = fold(normalize(part))
    if community:
        f = f.replace(community_key(community), "")
    return bool(_ADDRESS_ONLY.fullmatch(f)) and any(ch.isdigit() for ch in f) or (f == "" and bool(community))
