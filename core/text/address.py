"""Structured address reading: 小区 - 楼栋 - 单元 - 室.

The parser works on :func:`~core.text.normalize.fold` (Simplified, lower-case) with phone numbers
blanked out, and takes values back from the normalised text so names stay as the resident wrote
them. Every number needs an explicit marker (栋/单元/室 …) or a position right after one; the
dash forms ``3-2-501`` / ``3-501`` are accepted only when something else says the text is about an
address (a community name, an address cue such as 住在/地址, a room suffix, or a message that is
nothing but the address). Times (12点), durations (3天), counts (3个人) and amounts never qualify.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from core.text.address_dash import DASH3_RE as _DASH3_RE
from core.text.address_dash import dash_form as _dash_form
from core.text.address_typo import sound_alike
from core.text.normalize import cn_number, fold, normalize, simplified
from core.text.phone import phone_spans
from core.text.vocab import (
    ADDRESS_CUES,
    BUILDING_SUFFIX_BLOCKERS,
    BUILDING_SUFFIXES,
    CN_NUMERAL_CLASS,
    COMMUNITY_DROPPABLE_SUFFIXES,
    COMMUNITY_NAME_BLACKLIST,
    COMMUNITY_NAME_STOPS,
    COMMUNITY_SUFFIXES,
    FLOOR_SUFFIXES,
    NOT_ADDRESS_NUMBER_FOLLOWERS,
    NOT_COMMUNITY_NAME_CHARS,
    ROOM_SUFFIX_BLOCKERS,
    ROOM_SUFFIXES,
    TOPIC_ENDINGS,
    UNIT_SUFFIXES,
)

__all__ = [
    "Address",
    "CommunitySpec",
    "parse_address",
    "normalize_building",
    "normalize_room",
    "community_key",
]

# A known community: its canonical name, or (canonical name, alias, alias, ...).
CommunitySpec = str | tuple[str, ...]

MAX_INPUT = 2000  # longer messages are cut: an address is never that far in, and it bounds the work


@dataclass(frozen=True)
class Address:
    community: str | None  # 小区 name as written or as known (canonical name from the known list)
    building: str | None  # "3" for 3号楼/3栋/三栋/3幢/3座/叁号楼, "A" for A栋
    unit: str | None  # "2" for 2单元/二单元
    room: str | None  # "501" for 501室/501房/501号
    heard_as: str | None = None  # the known community's name as written with a slip (翠胡苑 for 翠湖苑)

    @property
    def is_empty(self) -> bool:
        return not (self.community or self.building or self.unit or self.room)

    def label(self) -> str:
        """Canonical display, e.g. ``幸福里小区3栋2单元501室``; only the known parts."""
        parts = [self.community or ""]
        if self.building:
            parts.append(f"{self.building}栋")
        if self.unit:
            parts.append(f"{self.unit}单元")
        if self.room:
            parts.append(f"{self.room}室")
        return "".join(parts)


def display(community: str | None, building: str | None, unit: str | None, room: str | None,
            extra: str | None) -> str | None:
    """How an address is shown to people: the structured part, with free text or a shared
    location's label in brackets when it adds something."""
    structured = Address(community, building, unit, room).label()
    if structured and extra and extra not in structured and structured not in extra:
        return f"{structured}（{extra}）"
    if structured and extra and structured in extra:
        return extra  # 翠湖苑东门 says more than 翠湖苑 (usertest28: the gate was dropped)
    return structured or extra or None


EMPTY = Address(None, None, None, None)


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_CN = CN_NUMERAL_CLASS
_NUM = rf"(?:\d{{1,3}}|[a-z]|[{_CN}]{{1,4}})"  # a building or unit number
_NOT_AFTER_NUM = rf"(?!\s?(?:{_alt(NOT_ADDRESS_NUMBER_FOLLOWERS)}))"
_ROOM_NUM = r"(?:\d{3,4}|[零〇一二三四五六七八九幺]{3,4})"
_NUM_START = rf"(?<![\d{_CN}a-z])"

_BUILDING_RE = re.compile(
    rf"{_NUM_START}(?P<num>{_NUM})\s?(?:{_alt(BUILDING_SUFFIXES)})(?!{_alt([b[1:] for b in BUILDING_SUFFIX_BLOCKERS])})"
)
_UNIT_RE = re.compile(rf"{_NUM_START}(?P<num>\d{{1,2}}|[{_CN}]{{1,3}})\s?(?:{_alt(UNIT_SUFFIXES)})")
# Room right after a building or unit: "3栋501", "3栋5楼501", a shop "5号楼底商108"; "3号楼2-501" handled apart.
_ROOM_AFTER_RE = re.compile(
    rf"\s?(?:底商|商铺|门面)?\s?(?P<floor>(?:(?:\d{{1,2}}|[{_CN}]{{1,3}})\s?(?:{_alt(FLOOR_SUFFIXES)})|顶楼|顶层)\s?)?[-\s]?(?P<num>{_ROOM_NUM})(?![\d{_CN}])"
    rf"{_NOT_AFTER_NUM}(?:\s?(?P<suffix>{_alt(ROOM_SUFFIXES)}))?"
)
# A floor and the door on it after a building or unit: 「15楼2号」 is room 1502, 「11层3户」 1103; a door written as a
# room number's last two digits needs no 号 (「十二楼04」 is 1204, round 24; 「3楼12」 is unsure, 「5楼10点」 a time)
_FLOOR_DOOR_RE = re.compile(rf"\s?(?P<floor>\d{{1,2}}|[{_CN}]{{1,3}})\s?(?:楼|层)\s?(?:(?P<door>\d{{1,2}}|[{_CN}]{{1,3}})\s?(?:号|户|室)"
                            rf"(?!楼|院|线)|(?P<padded>0[1-9])(?![\d:：.点号楼栋幢座层]))")
# A floor and a lettered door (Guangdong and Hong Kong flats): 「12楼C室」, 「十二樓C」, 「B座12C」 is room 12C.
_FLOOR_LETTER_RE = re.compile(
    rf"\s?(?P<floor>\d{{1,2}}|[{_CN}]{{1,3}})(?:\s?(?:楼|层)\s?|(?<=\d))(?P<door>[a-h])(?:\s?(?:室|户|座))?(?![a-z0-9])"
)
# Room with its own suffix anywhere: "501室", "1203房".
_ROOM_SUFFIXED_RE = re.compile(
    rf"(?<![\d\-])(?P<num>\d{{3,4}})\s?(?:室|房间|号房|房)(?!{_alt([b[1:] for b in ROOM_SUFFIX_BLOCKERS if b[0] == '房'])})"
)
# "3号楼2-501": unit-room right after an explicit building.
_UNIT_ROOM_DASH_RE = re.compile(r"\s?(?P<unit>\d{1,2})\s?-\s?(?P<room>\d{3,4})(?![\d\-])")
# "梅园新村28号402室", "福兴里 13号 二楼": N号 before a room or a floor is a lane house's number (not 5月18号)
_HAO_BUILDING_RE = re.compile(
    rf"{_NUM_START}(?<!月)(?P<num>\d{{1,3}}|[{_CN}]{{1,4}})号(?!楼|栋|幢|座|房|室)"
    rf"(?=\s?{_ROOM_NUM}(?![\d{_CN}])|\s(?:\d{{1,2}}|[{_CN}]{{1,3}})\s?(?:楼|层)(?!道|梯|下|上|顶|房))"
)
# "和平里社区5号院2门": right after a 小区's name, its numbered courtyard is the building (a street's 17号院 is the name)
_COURT_BUILDING_RE = re.compile(rf"\s?(?P<num>\d{{1,3}}|[{_CN}]{{1,4}})\s?号院")
# "9号楼2门": right after a building, N门 is its entrance, i.e. the unit (门口 / 门前 … are places)
_DOOR_UNIT_RE = re.compile(rf"\s?(?P<num>\d{{1,2}}|[{_CN}]{{1,3}})\s?门(?!口|前|外|里|内|卫|面|禁|岗|店|市|诊|头|边|旁)")
# "…2单元，我住1203", "他家是503": a room said as where someone lives
_ROOM_CUE_RE = re.compile(
    rf"(?:住|家是|家在|家|房号|门牌号?|我是)(?:是|在)?\s?(?:(?:\d{{1,2}}|[{_CN}]{{1,3}})\s?(?:{_alt(FLOOR_SUFFIXES)})\s?)?"
    rf"(?P<num>{_ROOM_NUM})(?![\d{_CN}]){_NOT_AFTER_NUM}"
)
# The room said last, in a clause of its own after the building (康乐小区4号楼，就我楼上，503; 13栋2单元，我对门
# 是1702): a door number standing alone at the end, or after a few words ending in 是.
_ROOM_LAST_RE = re.compile(
    rf"[，,；;\s](?:[^，,；;\d\s]{{0,5}}是)?\s?(?P<num>{_ROOM_NUM})(?![\d{_CN}]){_NOT_AFTER_NUM}\s?(?:室|号|房|[那这]?(?:户|家))?[。.!！]?$"
)
# The door the trouble is at, pointed out beside the resident's own (12栋301隔壁 就是302; 10-1-602，隔壁是601; 就是
# 我楼上 1602那户): said with 是 or 那户 after the relation, it is the room, as a room said last is.
_ROOM_POINTED_RE = re.compile(
    rf"(?P<rel>隔壁|楼上|楼下|对门|对面)[，,\s]*(?:[他她]们?家)?(?:(?:就|也)?是|(?=[^，,；;。]{{0,4}}?[那这](?:户|家)))\s?(?P<num>{_ROOM_NUM})(?![\d{_CN}])"
    rf"{_NOT_AFTER_NUM}"
)
# A building named as a landmark, not as the place: toward it (靠3栋那边), near it, across from it, or one of two
# the place lies between (12号楼和13号楼中间). Beside, before, below or at the door of a building (7栋旁边的草坪,
# 7栋前面, 3栋楼下花园) is at it: whoever goes there looks around that building.
_LANDMARK_BEFORE = re.compile(r"(?:靠|挨着|靠近|离)\s?$")
_LANDMARK_AFTER = re.compile(rf"\s?(?:附近|对面|(?:和|跟|与)\s?{_NUM}\s?(?:{_alt(BUILDING_SUFFIXES)}))")
# A courtyard's row and door (北苑二区8号院 4排6号, 5排 车库7号): the row is the building, the door the room; a row is
# trusted after a 小区 or before its door (排队, 排水 … are no rows)
_GARAGE = "车库|库房|储藏室"
_ROW_RE = re.compile(rf"{_NUM_START}(?<![那这哪每])(?P<nth>第\s?)?(?P<num>\d{{1,2}}|[{_CN}]{{1,3}})\s?排(?P<door>\s?(?:{_GARAGE})?\s?(?:\d{{1,3}}|[{_CN}]{{1,3}})\s?号(?!楼|院))?")
# A villa's number (别墅区 18号, 別墅區 B區 7號, 联排 23号): the house is the building
_VILLA_RE = re.compile(r"(?:别墅区?|联排|独栋)\s?(?:[a-z]\s?区\s?)?(?P<num>\d{1,3})\s?号(?!楼|院|线)")
# A door said by its side on a floor (3楼西户, 6层中户): kept as said, there is no number
_SIDE_DOOR_RE = re.compile(
    rf"\s?(?P<floor>\d{{1,2}}|[{_CN}]{{1,3}})\s?(?P<level>楼|层)\s?(?P<side>[东西南北中])边?户"
    rf"(?!\s?(?:(?:门牌|房号)号?\s?(?:是|就是)?\s?)?{_ROOM_NUM})"
)  # 四楼东户 402, 4楼东户 门牌是402: the number said after it is the door
_COMMUNITY_SUFFIX_RE = re.compile(_alt(COMMUNITY_SUFFIXES))
_STOP_RE = re.compile(_alt(COMMUNITY_NAME_STOPS))
_CUE_RE = re.compile(_alt(ADDRESS_CUES))
_CJK_RUN_END = re.compile(r"[\u3400-\u9fff]{1,8}$")
_LEADING_NAME_RE = re.compile(r"^(?P<pre>[^\u3400-\u9fff\d]{0,3})(?P<name>[\u3400-\u9fff]{2,10}?)\s?$")


def _number(raw: str) -> str | None:
    """Normalise a building/unit token: digits without leading zeros, Chinese numerals, a letter."""
    raw = raw.strip()
    if len(raw) == 1 and raw.isascii() and raw.isalpha():
        return raw.upper()
    value = cn_number(raw)
    if value is None or value <= 0 or value > 999:
        return None
    return str(value)


def normalize_room(raw: str) -> str | None:
    """``"501"`` for 501, 501室, 五零一; room numbers keep their digit string (no arithmetic)."""
    f = fold(normalize(raw)).strip()
    m = re.fullmatch(rf"(?P<num>{_ROOM_NUM})\s?(?:{_alt(ROOM_SUFFIXES)})?", f)
    if not m:
        return None
    num = m.group("num")
    if num.isdigit():
        return num
    value = cn_number(num)  # digit-by-digit reading: 五零一 -> 501
    return None if value is None else str(value).zfill(len(num))


def normalize_building(s: str) -> str | None:
    """``"3"`` for 3号楼 / 3栋 / 三栋 / 3幢 / 3座 / 叁号楼 / "3"; ``"A"`` for A栋; else ``None``."""
    f = fold(normalize(s)).strip()
    if len(f) > 20:
        return None
    m = re.fullmatch(rf"(?P<num>{_NUM})\s?(?:{_alt(BUILDING_SUFFIXES)})?", f)
    if not m:
        return None
    return _number(m.group("num"))


def community_key(name: str) -> str:
    """Comparison key for a community name: folded, without spaces and without 小区/社区."""
    key = simplified(fold(normalize(name))).replace(" ", "")
    for suffix in COMMUNITY_DROPPABLE_SUFFIXES:
        if key.endswith(suffix) and len(key) - len(suffix) >= 2:
            return key[: -len(suffix)]
    return key


def _aliases(known: Sequence[CommunitySpec]) -> tuple[tuple[str, str], ...]:
    """(folded alias, canonical name) pairs, longest alias first. Every message is matched against
    every community: normalising all their names each time cost 4 ms a message at 300 grids, so
    the pairs are kept per set of names (which changes only when the grids do)."""
    return _aliases_of(tuple(spec if isinstance(spec, str) else tuple(spec) for spec in known))


@lru_cache(maxsize=16)
def _aliases_of(known: tuple[CommunitySpec, ...]) -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    for spec in known:
        names = (spec,) if isinstance(spec, str) else spec
        if not names or not names[0].strip():
            continue
        canonical = normalize(names[0])
        for name in names:
            folded = simplified(fold(normalize(name))).replace(" ", "")
            if len(folded) >= 2:
                pairs.append((folded, canonical))
            short = community_key(name)
            if len(short) >= 2 and short != folded:
                pairs.append((short, canonical))
    pairs.sort(key=lambda p: len(p[0]), reverse=True)
    return tuple(pairs)


def _find_known(f: str, known: Sequence[CommunitySpec]) -> tuple[str, int, int] | None:
    best: tuple[str, int, int] | None = None
    f = simplified(f)  # a known name in Traditional characters the vocabulary's fold lacks (濱江一號, round 26)
    # a name written with spaces inside (红星二村 17号院 for 红星二村17号院): found in the text without them
    kept = [i for i, ch in enumerate(f) if ch != " "]
    compact = "".join(f[i] for i in kept)
    for alias, canonical in _aliases(known):
        i = f.find(alias)
        if i >= 0:
            end = i + len(alias)
        elif " " in f and (j := compact.find(alias)) >= 0:
            i, end = kept[j], kept[j + len(alias) - 1] + 1
        else:
            continue
        # extend over a generic ending written after a short alias ("幸福里" + "小区")
        m = _COMMUNITY_SUFFIX_RE.match(f, end)
        if m:
            end = m.end()
        if best is None or (end - i) > (best[2] - best[1]) or (end - i == best[2] - best[1] and i < best[1]):
            best = (canonical, i, end)
    return best


def _find_generic(t: str, f: str) -> tuple[str, int, int] | None:
    for m in _COMMUNITY_SUFFIX_RE.finditer(f):
        run = _CJK_RUN_END.search(f, max(0, m.start() - 8), m.start())
        if run is None:
            continue
        start = run.start()
        prefix = f[start : m.start()]
        last_stop_end = 0
        for s in _STOP_RE.finditer(prefix):
            last_stop_end = s.end()
        name = prefix[last_stop_end:]
        min_len = 2 if len(m.group()) == 1 else 1
        if len(name) < min_len or name in COMMUNITY_NAME_BLACKLIST or name.endswith(TOPIC_ENDINGS):
            continue
        begin = start + last_stop_end
        return t[begin : m.end()], begin, m.end()
    return None


def _find_bare_name(t: str, f: str, building_start: int) -> tuple[str, int, int] | None:
    """A name with no generic ending right before the building: "幸福里3栋", "地址：幸福里3栋".

    Only trusted at the very start of the message or right after an address cue, where nothing
    but a place name is expected.
    """
    head = f[:building_start]
    cue_end = 0
    for c in _CUE_RE.finditer(head):
        cue_end = c.end()
    m = _LEADING_NAME_RE.match(head[cue_end:].replace(":", " "))
    if not m:
        return None
    name = m.group("name")
    if _STOP_RE.search(name) or name in COMMUNITY_NAME_BLACKLIST or NOT_COMMUNITY_NAME_CHARS & set(name):
        return None
    begin = cue_end + m.start("name")
    return t[begin : begin + len(name)], begin, begin + len(name)


def _blank_phones(t: str, f: str) -> str:
    chars = list(f)
    for start, end, _ in phone_spans(t):
        chars[start:end] = "#" * (end - start)
    return "".join(chars)


def _room_value(raw: str) -> str | None:
    if raw.isdigit():
        return raw
    value = cn_number(raw)
    return None if value is None else str(value).zfill(len(raw))


# 栋 typed by its sound (5动2单元, 3洞; usertest27: the building was dropped): read as 栋 after a number, before a unit,
# a door or the end — one character for one, so positions in the matching form stay those of the text
_TYPED_FOR_BUILDING = re.compile(r"(?<=[0-9一二三四五六七八九十两])[动洞冻](?=[0-9一二三四五六七八九十两]|单元|门|$|[\s，,。])")


def parse_address(text: str, known_communities: Sequence[CommunitySpec] = ()) -> Address:
    """Read 小区 / 楼栋 / 单元 / 室 from a message; missing parts are ``None``.

    ``known_communities`` lists the communities this deployment serves, each a name or a tuple
    ``(canonical, alias, ...)``. A known name is matched also without its 小区/社区 ending and in
    Traditional script, and the canonical name is returned. Without a known match, a generic
    name (…小区/…花园/…苑/…家园/…公寓/…大厦/…新村/…社区) is taken as written.
    """
    t = normalize(text[: MAX_INPUT * 4])[:MAX_INPUT]  # cut first: normalising a huge paste is wasted work
    if not t:
        return EMPTY
    f = _TYPED_FOR_BUILDING.sub("栋", _blank_phones(t, fold(t)))

    community: tuple[str, int, int] | None = _find_known(f, known_communities) if known_communities else None
    heard_as = None
    if community is None and known_communities and (alike := sound_alike(simplified(f), _aliases(known_communities))):
        community, heard_as = alike[:3], t[alike[1]:alike[2]]  # 翠胡苑 for 翠湖苑 (usertest28)
    if community is None:
        community = _find_generic(t, f)

    building = unit = room = None
    b_match = None
    for bm in _BUILDING_RE.finditer(f):
        value = _number(t[bm.start("num") : bm.end("num")])
        if value is not None:
            building, b_match = value, bm
            break
    landmark = b_match is not None and _landmark(f, b_match)
    row_door = None
    if b_match is None:
        building, b_match, row_door = _row_or_villa(t, f, community is not None)
    if b_match is None:
        hm = _HAO_BUILDING_RE.search(f)
        value = _number(t[hm.start("num") : hm.end("num")]) if hm else None
        if hm is not None and value is not None:
            building, b_match = value, hm
    if b_match is None and community is not None and (cm := _COURT_BUILDING_RE.match(f, community[2])) is not None:
        building, b_match = _number(t[cm.start("num") : cm.end("num")]), cm
    cursor = b_match.end() if b_match else 0

    u_match = None
    for um in _UNIT_RE.finditer(f, cursor):
        value = _number(um.group("num"))
        if value is not None:
            unit, u_match = value, um
            break
    if b_match is not None and u_match is None:
        door = _DOOR_UNIT_RE.match(f, b_match.end())
        value = _number(door.group("num")) if door else None
        if door is not None and value is not None:
            unit, u_match = value, door
    if b_match is not None and u_match is None:
        dm = _UNIT_ROOM_DASH_RE.match(f, b_match.end())
        if dm:
            unit, room = str(int(dm.group("unit"))), dm.group("room")

    anchor = u_match or b_match
    room = room or row_door
    if room is None and anchor is not None and (side := _SIDE_DOOR_RE.match(f, anchor.end())) is not None:
        n = cn_number(side.group("floor"))
        room = f"{n}{side.group('level')}{side.group('side')}户" if n and 0 < n < 100 else None
    if room is None and anchor is not None:
        rm = _ROOM_AFTER_RE.match(f, anchor.end())
        if rm and not _blocked_room_suffix(f, rm):
            room = _room_value(rm.group("num"))
        elif (fd := _FLOOR_DOOR_RE.match(f, anchor.end())) is not None:
            room = _floor_door(fd)
        elif (fl := _FLOOR_LETTER_RE.match(f, anchor.end())) is not None and (n := cn_number(fl.group("floor"))):
            room = f"{n}{fl.group('door').upper()}" if 0 < n < 100 else None
    if room is None and anchor is None and community is not None:  # 碧桂园五楼502: one block, no building said
        rm = _ROOM_AFTER_RE.match(f, community[2])
        if rm and rm.group("floor") and not _blocked_room_suffix(f, rm):
            room = _room_value(rm.group("num"))
        elif (fl := _FLOOR_LETTER_RE.match(f, community[2])) is not None and (n := cn_number(fl.group("floor"))):
            room = f"{n}{fl.group('door').upper()}" if 0 < n < 100 else None  # 锦绣华庭18樓C室 (round 18)
    if room is None:
        sm = _ROOM_SUFFIXED_RE.search(f)
        if sm:
            room = sm.group("num")
    if room is None:
        cm = _ROOM_CUE_RE.search(f, anchor.end() if anchor is not None else 0)
        if cm:
            room = _room_value(cm.group("num"))
    if room is None and (fd := _FLOOR_DOOR_RE.search(f, community[2] if community else 0)) is not None:
        room = _floor_door(fd)  # 恒大绿洲 15楼2号 6栋: the floor and door said before the building
    if room is None and anchor is not None:
        lm = _ROOM_LAST_RE.search(f, anchor.end())
        if lm:
            room = _room_value(lm.group("num"))

    if b_match is not None and room is None:  # 9栋 就在我家门口 9-2-1203, 9幢2单元 门牌9-2-601: the whole address again
        again = _DASH3_RE.search(f, b_match.end())
        if again is not None and again.group("b") == building and unit in (None, str(int(again.group("u")))):
            unit, room = str(int(again.group("u"))), again.group("r")
    if building is None and unit is None:
        dash = _dash_form(f, community is not None)
        if dash is not None:
            building, unit, room_dash, dash_start = dash
            room = room or room_dash
            b_start: int | None = dash_start
        else:
            b_start = None
    else:
        b_start = b_match.start() if b_match else (u_match.start() if u_match else None)

    if community is None and b_start is not None:
        community = _find_bare_name(t, f, b_start)
    if (pointed := _ROOM_POINTED_RE.search(f)) is not None and (building or unit or community):
        room = room if room and _own_door_kept(f, room, pointed) else (_room_value(pointed.group("num")) or room)

    if landmark:  # the place is beside the building: its number would send someone to the wrong door
        unit = room = None
        building = _named_after_landmark(t, f, b_match) if b_match is not None else None
    return Address(
        community=community[0] if community else None,
        building=building,
        unit=unit,
        room=room,
        heard_as=heard_as if community else None,
    )


def _row_or_villa(t: str, f: str, has_community: bool) -> tuple[str | None, re.Match[str] | None, str | None]:
    """(building, its match, the door) for a courtyard's row or a villa's number; Nones when neither."""
    for rm in _ROW_RE.finditer(f):
        value = _number(t[rm.start("num") : rm.end("num")])
        # a row in numerals is trusted only before its door (一排 is "a row" too)
        if value is not None and (rm.group("door") or has_community and rm.group("num").isdigit() and not rm.group("nth")):
            door = rm.group("door")
            return value, rm, _number(re.sub(rf"[\s号]|{_GARAGE}", "", door)) if door else None
    vm = _VILLA_RE.search(f)
    value = _number(vm.group("num")) if vm else None
    return (value, vm, None) if value is not None else (None, None, None)


def _landmark(f: str, b: re.Match[str]) -> bool:
    return bool(_LANDMARK_BEFORE.search(f[max(0, b.start() - 3) : b.start()]) or _LANDMARK_AFTER.match(f, b.end()))


def _named_after_landmark(t: str, f: str, landmark: re.Match[str]) -> str | None:
    """The building the trouble is in, said after the landmark (10幢 对面是11幢, 火在11幢七八楼): it is the place."""
    for bm in _BUILDING_RE.finditer(f, landmark.end()):
        if re.search(r"(?:是|在)\s?$", f[: bm.start()]) and not _landmark(f, bm):
            return _number(t[bm.start("num") : bm.end("num")])
    return None


def _own_door_kept(f: str, room: str, pointed: re.Match[str]) -> bool:
    """The resident's own door said with the neighbour's (round 26: 梧桐里11栋1单元302 楼上是402): theirs stays the room
    when they say it is theirs (我住701 隔壁是702, 隔壁是1202 我是1201) or when the other is the door right above or below
    it (302 and 402). Otherwise the pointed door is the place, as before (12栋301隔壁 就是302; 10-1-602，隔壁是601)."""
    if re.search(rf"我(?:家)?(?:住|是|在)(?:在)?\s?{re.escape(room)}(?!\d)", f):
        return True
    other = _room_value(pointed.group("num"))
    if other is None or not (room.isdigit() and other.isdigit()) or pointed.group("rel") not in ("楼上", "楼下"):
        return False
    return int(other) - int(room) == (100 if pointed.group("rel") == "楼上" else -100)


def _floor_door(m: re.Match[str]) -> str | None:
    floor, door = cn_number(m.group("floor")), cn_number(m.group("door") or m.group("padded"))
    if floor is None or door is None or not (0 < floor < 100 and 0 < door < 100):
        return None
    return f"{floor}{door:02d}"


def _blocked_room_suffix(f: str, rm: re.Match[str]) -> bool:
    """ "3栋501号楼" or "501房东": the suffix belongs to another word."""
    return (
        any(f.startswith(b, rm.start("suffix")) for b in ROOM_SUFFIX_BLOCKERS)
        if rm.group("suffix")
        else False
    )
