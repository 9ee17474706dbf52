"""Reading what a resident wrote: address, phones, time phrase, urgency (core.text) and category and
kind (the core's classifier, when the runtime hands one in)."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from core.enums import Kind, Urgency
from core.privacy import mask_phones as _mask_all_phones
from core.text.address import Address, community_key, parse_address
from core.text.answers import (
    asks_back,
    new_problem,
    opens_aside,
    reads_as_place,
    remark,
    stall,
    to_staff,
    without_lead,
)
from core.text.extract import extract
from core.text.normalize import fold, nfkc, normalize
from core.text.phone import find_phones, normalize_phone
from core.text.timephrase import parse_time_phrase
from core.text.urgency import asked_not_called, assess_urgency

if TYPE_CHECKING:  # the classifier's interface; the runtime hands the classifier in
    from core.service.tickets import Assessor

__all__ = [
    "Community",
    "Reading",
    "Reader",
    "find_phones",
    "normalize_phone",
    "parse_time_phrase",
    "read_address",
    "grid_for",
    "mask_phones",
    "asks_back",
    "new_problem",
    "opens_aside",
    "place_answer",
    "door_only",
    "place_detail",
    "reads_as_place",
    "said_instead_of_address",
    "to_staff",
    "stall",
    "without_lead",
]


def mask_phones(text: str) -> str:
    """A resident's words for the description: their own phone masked (it is kept as the contact phone), a number
    said as someone else's (车主电话…, 物业王经理的座机…) kept for whoever takes the ticket (third30)."""
    return _mask_all_phones(text, keep_theirs=True)


_RANK = {Urgency.NORMAL.value: 0, Urgency.URGENT.value: 1, Urgency.EMERGENCY.value: 2}


@dataclass(frozen=True)
class Community:
    """A 小区 a grid covers: its canonical name and aliases, from the grid's address patterns."""

    grid_code: str
    grid_id: int
    grid_name: str
    names: tuple[str, ...]
    center: tuple[float, float] | None = None
    radius_m: float | None = None

    @property
    def name(self) -> str:
        return self.names[0]


def communities_from_patterns(
    grid_code: str,
    grid_id: int,
    grid_name: str,
    patterns: Sequence[str],
    center: tuple[float, float] | None,
    radius_m: float | None,
) -> Community | None:
    # "幸福里小区|幸福里 1-6栋" routes part of a 小区: its names (canonical|aliases) are the part before
    # the space (pattern syntax: docs/dispatch.md)
    names = tuple(dict.fromkeys(n for p in patterns if p.strip() for n in p.split()[0].split("|") if n))
    if not names:
        return None
    return Community(grid_code, grid_id, grid_name, names, center, radius_m)


@dataclass(frozen=True)
class Place:
    community: str | None
    building: str | None
    unit: str | None
    room: str | None
    known: Community | None  # the community is one a grid covers
    heard_as: str | None = None  # the known name written with a slip that sounds the same (翠胡苑: usertest28)

    @property
    def is_empty(self) -> bool:
        return not (self.community or self.building or self.unit or self.room)


@dataclass(frozen=True)
class Reading:
    place: Place
    phones: tuple[str, ...]
    time_text: str | None
    time_start: datetime | None
    time_vague: bool  # only a time of day or "好久": since when is still to ask
    urgency: str
    hazard: str | None
    triggers: tuple[str, ...]
    category: str | None
    kind: str | None
    triage: bool = False  # partial evidence of danger: the dialog asks whether anyone is at risk


def _known(name: str | None, communities: Sequence[Community]) -> Community | None:
    if not name:
        return None
    for c in communities:
        if name in c.names:
            return c
    for c in communities:  # "幸福里" written for "幸福里小区"
        if any(name.startswith(n) or n.startswith(name) for n in c.names if min(len(n), len(name)) >= 2):
            return c
    return None


def read_address(text: str, communities: Sequence[Community]) -> Place:
    address = parse_address(_STRUCK.sub("", text), [c.names for c in communities])
    known = _known(address.community, communities)
    community = known.name if known else address.community
    return Place(community, address.building, address.unit, address.room, known, address.heard_as)


# a part of the place said, then struck out (三栋不对是五栋, 2单元 说错了 应该是3单元; usertest27: 3栋 was kept): the
# struck part goes before reading; 「是5栋不是3栋」 says the right one first and is read as written
_STRUCK = re.compile(r"[0-9一二三四五六七八九十两]+(?:栋|号楼|幢|座|单元|室|号|楼)\s*[，,]?\s*(?:不对|错了|说错了|写错了)"
                     r"[，,\s]*(?:应该)?(?:是)?(?=[0-9一二三四五六七八九十两])")


def place_detail(text: str, community: str) -> str | None:
    """Where inside the 小区, said beside its name (锦绣江南南门, 融创壹号院车库B1 靠电梯那块, 绿城桂花园中心花园，
    靠3栋那边): the resident's words without the name, kept for whoever goes there; None when only the name."""
    t = normalize(text)
    f, key = fold(t), community_key(community)
    start = f.find(key)
    if start < 0:
        return None
    end = start + len(key)
    end += next((len(x) for x in ("小区", "社区") if f.startswith(x, end)), 0)
    rest = f"{t[:start]} {t[end:]}".strip(" ，,。.;；:：")
    # what is said to the staff beside it (你们去看就知道了, 麻烦快点) is no part of where; nor 就在 … 啊 around it
    clauses = [c for c in _CLAUSE_BREAK.split(rest) if c and not _REMARK.search(c)]
    rest = _AROUND.sub("", " ".join(clauses)).strip()
    return rest if len(_CJK.findall(rest)) >= DETAIL_MIN else None


def spot_beside(text: str, community: str | None) -> str | None:
    """A floor or a landmark said right after the 小区 or its building (幸福里7栋5楼, 阳光花园中心广场, 翠湖苑北门): the
    address keeps it (usertest28: they were dropped from 地点, left only in the words)."""
    if not community:
        return None
    t = normalize(text)
    f = fold(t)
    start = f.find(community_key(community))
    if start < 0 or len(f) != len(t):
        return None
    m = _SPOT_AFTER.match(f, start + len(community_key(community)))
    if not m:
        return None
    group = "floor" if m.group("floor") else "spot"
    return t[m.start(group):m.end(group)]


# after the name: 小区, a building (and unit), then the spot — a floor (5楼, 三层; not 楼道, 楼下) or a landmark
_BUILDING_AT = r"\s*[0-9一二三四五六七八九十]{1,3}\s*(?:栋|号楼|幢|座|号)(?:\s*[0-9]{1,2}\s*单元)?\s*"
_SPOT_AFTER = re.compile(rf"(?:小区|社区)?(?:{_BUILDING_AT}(?P<floor>[0-9一二三四五六七八九十]{{1,2}}\s*[楼层](?![道下上梯房顶里外]))"
                         rf"|(?:{_BUILDING_AT})?\s*(?P<spot>[东南西北正后侧]门(?:口)?|大门口?|(?:中心|健身|休闲|文化)?广场|中心花园"
                         r"|地下车库|车库|地库|停车场|[东南西北][区侧]|[A-Za-z]区))")


DETAIL_MIN = 2  # CJK characters: 南门, 车库; not a lone 的
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE_BREAK = re.compile(r"[\s，,。.;；!！?？~～]+")
_REMARK = re.compile(r"你们|知道|去看|来看|快点|赶紧|麻烦|谢谢|处理|管管|一下")
_AROUND = re.compile(r"^(?:就在|就是在|就是|位置在|在)|(?:啊|呀|吧|呢|哈|嘛|哦)$")


def said_instead_of_address(text: str, communities: Sequence[Community]) -> bool:
    """A stall, a request or a question said at the address question: no address to confirm."""
    return remark(text, [c.names for c in communities])


def door_only(text: str) -> bool:
    """Only where inside a 小区 (6楼, 是3单元, 3单元1102, 在B座): a detail of a place already named."""
    return bool(_DOOR_ONLY.fullmatch(_BLANKS.sub("", nfkc(text))))


_DOOR_ONLY = re.compile(r"(?:我家|我住|我在|住|是|在|就)?(?:(?:\d{1,4}|[A-Za-z]|[一二两三四五六七八九十零〇]{1,4})"
                        r"(?:号楼|楼|层|栋|幢|单元|号|室|座|户|-)?){1,4}(?:的|呢|啊|哈|吧)?")
_BLANKS = re.compile(r"[\s,，。.!！~～]")


def introduces_self(text: str, communities: Sequence[Community]) -> bool:
    """「你好 我是幸福里3栋的」「我住阳光花园5栋2单元」: a greeting and where they live, with no matter yet (thirteenth
    session: it opened a draft whose description it was, and the matter said next was stored as the time)."""
    m = _SELF_INTRO.fullmatch(nfkc(text).strip())
    if m is None or new_problem(m.group("place")) or _SAYS_MORE.search(m.group("place")):
        return False
    return not read_address(m.group("place"), communities).is_empty and place_answer(m.group("place"), communities)


_SELF_INTRO = re.compile(r"(?:(?:你好|您好|喂|在吗|在不在|哈喽)[，,。\s!！~～]*)?(?:我是|我住|我住在|我家在|我家住|我家是|住在|我在)"
                         r"(?P<place>[^\s，,。!！?？]+?)(?:的)?(?:住户|业主|居民|人)?[，,。\s!！~～]*")
# words beyond where they live (坏, 漏, 吵 …): a matter told, not an introduction
_SAYS_MORE = re.compile(r"坏|漏|吵|臭|堵|停|没|不|响|掉|裂|烂|脏|乱|占|堆|闹|问题|投诉|反映|报修")


def place_answer(text: str, communities: Sequence[Community]) -> bool:
    """The words read as an answer to "where?" (an address or a named place), not as something else."""
    return reads_as_place(text, [c.names for c in communities])


_DIGITS = re.compile(r"[0-9０-９]+")


def _triage_without_address_numbers(text: str, address: Address) -> bool:
    """Whether the triage question still stands once an address's numbers are left out. The urgency
    model learned from messages that often carry "3栋2单元" with the danger, so "…还在吵，幸福里小区3栋
    2单元501" leaned towards triage on the numbers alone; on the frozen sets (bench/heldout/urgency_r5,
    r6) leaving them out keeps every emergency the question catches and asks it less on the rest."""
    if not (address.building or address.unit or address.room):
        return True
    again = assess_urgency(_DIGITS.sub("", text))
    return again.triage or again.level == Urgency.EMERGENCY.value


# kinds that are answered rather than visited: the time they mention is seldom when something began
_ANSWERED_KINDS = (Kind.CONSULT.value, Kind.SUGGESTION.value, Kind.PRAISE.value)
_PRESENT_ONLY = re.compile(r"(?:现在|目前|当前|如今)")
# a clause that asks (今年会不会提前, 什么时候开始供暖): its time is what is asked about
_ASKING = re.compile(r"会不会|能不能|是不是|是否|什么时候|几时|吗|？|\?")


def _not_when(text: str, phrase: str) -> bool:
    """In a consultation or a suggestion, 现在 is the state of affairs behind it (现在电动车都拉线到楼道里充),
    and a time inside the question (今年会不会提前) is what is asked: neither says when a problem began."""
    if _PRESENT_ONLY.fullmatch(phrase):
        return True
    clause = next((c for c in re.split(r"[，,。；;！!\s]+", text) if phrase in c), "")
    return bool(_ASKING.search(clause))


def _state_now(text: str, phrase: str) -> bool:
    """现在 after a clause that told what happened (瓷砖掉下来了 … 现在拉了警戒线, 楼上漏水了 现在还在滴) is how things stand
    now, not when the problem began (round 21): since when is still to ask."""
    if not _PRESENT_ONLY.fullmatch(phrase):
        return False
    clauses = [c for c in re.split(r"[，,。；;！!\s]+", text) if c]
    at = next((i for i, c in enumerate(clauses) if phrase in c), 0)
    return any("了" in c for c in clauses[:at])


class Reader:
    def __init__(self, assessor: Assessor | None = None, hazard_categories: Mapping[str, str] | None = None) -> None:
        self.assessor = assessor
        self.hazard_categories = dict(hazard_categories or {})

    def emergency_category(self, hazard: str | None) -> str | None:
        """The category an emergency the resident confirmed is filed in: its hazard's, as configured;
        with no hazard read, a person in danger ("injury"). None when not configured."""
        return self.hazard_categories.get(hazard or "injury")

    def read(self, text: str, now: datetime, communities: Sequence[Community], *, after_matter: bool = False) -> Reading:
        """`after_matter`: the words follow a matter already told (a ticket just filed, a draft about something
        else), where an emergency the model alone called is asked about instead (:func:`asked_not_called`)."""
        found = extract(text, now, [c.names for c in communities])
        known = _known(found.address.community, communities)
        place = Place(
            known.name if known else found.address.community,
            found.address.building,
            found.address.unit,
            found.address.room,
            known,
            found.address.heard_as,
        )
        u = asked_not_called(found.urgency) if after_matter else found.urgency
        asked = u is not found.urgency  # the model's emergency alone, asked about whatever the numbers
        urgency, hazard, triggers = u.level, u.hazard, tuple(u.triggers)
        category = kind = None
        triage = u.triage and (asked or _triage_without_address_numbers(text, found.address))
        if self.assessor is not None:
            assessed = self.assessor.assess(text)
            category, kind = assessed.category, assessed.kind.value
            if _RANK.get(assessed.urgency.value, 0) > _RANK.get(urgency, 0) and not asked:
                urgency, triggers = assessed.urgency.value, tuple(assessed.triggers) or triggers
            if urgency != Urgency.EMERGENCY.value:  # the hazard's category is an emergency's, not the words'
                category = assessed.as_filed(Urgency(urgency))[0]
        triage = triage and urgency != Urgency.EMERGENCY.value
        time = found.time if found.time is None or not found.time.visit else None  # when to visit: asked
        if time is not None and (kind in _ANSWERED_KINDS and _not_when(text, time.text) or _state_now(text, time.text)):
            time = None
        return Reading(
            place,
            tuple(found.phones),
            time.text if time else None,
            time.start if time else None,
            bool(time and time.vague),
            urgency,
            hazard,
            triggers,
            category,
            kind,
            triage,
        )


def grid_for(
    community: str | None, point: tuple[float, float] | None, communities: Sequence[Community]
) -> Community | None:
    """The grid a 小区 name or a shared location belongs to (used when no router is configured)."""
    known = _known(community, communities)
    if known is not None:
        return known
    if point is None:
        return None
    best: tuple[float, Community] | None = None
    for c in communities:
        if c.center is None or c.radius_m is None:
            continue
        d = _metres(point, c.center)
        if d <= c.radius_m and (best is None or d < best[0]):
            best = (d, c)
    return best[1] if best else None


def _metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lng1, lat2, lng2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    return 2 * 6371000 * math.asin(math.sqrt(h))
