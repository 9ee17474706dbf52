"""What a complaint is about, as a thing (路灯, 楼道灯, 垃圾, 电梯 …): two reports about different things
are no duplicate however near they are.

usertest28: a street lamp (路灯坏了) was offered as a duplicate of a stairwell-light ticket (3栋2单元楼道灯),
and rubbish left at a door as a duplicate of a street lamp: the shared 灯 / 坏了 and the one place made
the texts look alike. The duplicate check (core/dispatch/duplicates.py) now needs the same matter: when
both texts name a thing, at least one must be the same. A text that names none (楼上漏水, 太吵了) is
left to the similarity as before.

The similarity's concept groups (core/dispatch/similarity.py) put every lamp together so that a
reworded report meets the first one (声控灯 / 楼道灯); here a lamp in the building and a lamp outdoors
are two things, and a bare 灯 may be either.
"""

from __future__ import annotations

import re

from core.text.normalize import fold, normalize

__all__ = ["things", "different_things"]

ANY_LAMP = "灯"
_LAMPS = ("楼道灯", "路灯", "红绿灯")
THINGS: dict[str, tuple[str, ...]] = {
    "楼道灯": ("楼道灯", "声控灯", "感应灯", "走廊灯", "楼梯灯", "过道灯", "楼梯间的灯", "楼道的灯", "楼道里的灯", "应急灯"),
    "路灯": ("路灯", "庭院灯", "草坪灯", "景观灯", "门口的灯", "广场的灯", "高杆灯"),
    "红绿灯": ("红绿灯", "信号灯", "交通灯"),  # usertest29: read as a bare 灯, it met a 楼道灯 ticket
    ANY_LAMP: ("灯",),
    "电梯": ("电梯", "升降梯", "直梯", "轿厢"),
    "水管": ("水管", "管道", "下水道", "排水", "化粪池", "污水", "马桶", "地漏", "水龙头", "阀门"),
    "门禁": ("门禁", "刷卡", "道闸", "栏杆", "单元门", "闸机", "大门"),
    "垃圾": ("垃圾", "清运", "垃圾桶", "垃圾站", "垃圾房"),
    "绿化": ("绿化", "草坪", "草地", "树", "花坛"),
    "消防": ("消防通道", "消防栓", "灭火器", "安全出口"),
    "墙": ("外墙", "墙皮", "瓷砖", "墙面"),
    "井盖": ("井盖", "窨井"),
    "狗": ("狗", "犬"),
    "猫": ("猫",),
    "虫鼠": ("蚊子", "蚊虫", "蟑螂", "老鼠", "苍蝇"),
    "杂物": ("杂物", "旧家具", "纸箱"),
    "电动车": ("电动车", "电瓶车"),
    "扶手": ("扶手", "栏杆"),
    "窗": ("窗户", "窗"),
}
_FINDERS = [(name, re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True)))))
            for name, words in THINGS.items()]
# a doing is the matter, whatever it is done to (烧垃圾 and 焚烧树叶 are one smoke; 往下扔 a bottle or a bag)
_DOINGS = re.compile(r"焚烧|烧(?:垃圾|树叶|纸|东西|秸秆)|抛物|往(?:楼)?下扔|扔东西")
# what a text says a thing is not (不是垃圾, 不是楼道灯) is no part of its matter
_DENIED = re.compile(r"(?:不是|并非|而不是)[^，,。.;；!！?？\s]{1,6}")


def things(text: str) -> set[str]:
    """The things a complaint names; a lamp said without where stands for any lamp."""
    f = _DENIED.sub(" ", fold(normalize(text)))
    found: set[str] = set()
    found = {name for name, pattern in _FINDERS if pattern.search(f)}
    if found & set(_LAMPS):
        found.discard(ANY_LAMP)  # the 灯 of the 路灯 read already
    return found


def different_things(a: str, b: str) -> bool:
    """Both texts name what they are about, and no thing is the same (a bare 灯 matches either lamp)."""
    if _DOINGS.search(a) or _DOINGS.search(b):
        return False
    ta, tb = things(a), things(b)
    if not ta or not tb:
        return False
    if ta & tb:
        return False
    lamps_a, lamps_b = ta & {ANY_LAMP, *_LAMPS}, tb & {ANY_LAMP, *_LAMPS}
    return not (lamps_a and lamps_b and (ANY_LAMP in lamps_a or ANY_LAMP in lamps_b))
