"""Where outside any building a complaint is (东门, 小区门口, 地下车库 …): two reports of one thing at two spots are
no duplicate.

usertest29: 「井盖没了」 at 西门 was offered as a duplicate of 「井盖松了」 at 4栋门口, and 「小区门口的红绿灯坏了」 of a
lamp at 10栋. The address parts (小区-楼栋-单元) compare buildings; a gate or the garage is no building, so it never
disagreed with one. Here a spot the words name disagrees with a building the other report is at, and with another
spot. A report that names neither is left to the similarity, as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.text import Address
from core.text.normalize import fold, normalize

__all__ = ["spot", "different_spots"]

MAIN_GATE = "大门"
# a spot's words → the spot; the gates by side first (小区北门口 is 北门, not the main gate)
_SPOTS: tuple[tuple[str, str], ...] = (
    (r"东门", "东门"), (r"南门", "南门"), (r"西门", "西门"), (r"北门", "北门"), (r"侧门|边门", "侧门"),
    (r"后门", "后门"), (r"(?:小区)?(?:正|大)门|小区门口|小区入口|小区出口", MAIN_GATE),
    (r"地下车库|地库|车库|停车场", "车库"), (r"广场", "广场"), (r"篮球场|球场|健身区|健身器材", "健身区"),
    (r"垃圾站|垃圾房", "垃圾站"), (r"岗亭|门卫室", "岗亭"),
)
_FINDER = re.compile("|".join(f"(?P<s{i}>{p})" for i, (p, _) in enumerate(_SPOTS)))


def spot(text: str, place_names: Sequence[str] = ()) -> str | None:
    """The first spot outside the buildings the text names, its community's own name taken out (西门花园)."""
    f = fold(normalize(text))
    for name in sorted(place_names, key=len, reverse=True):
        if name:
            f = f.replace(fold(normalize(name)), " ")
    m = _FINDER.search(f)
    if m is None or m.lastgroup is None:
        return None
    return _SPOTS[int(m.lastgroup[1:])][1]


def different_spots(a_text: str, a: Address, b_text: str, b: Address, place_names: Sequence[str] = ()) -> bool:
    """One report at a spot outside the buildings, the other at a building or another spot."""
    sa = None if a.building else spot(a_text, place_names)
    sb = None if b.building else spot(b_text, place_names)
    if sa and sb:
        return sa != sb
    return bool((sa and b.building) or (sb and a.building))
