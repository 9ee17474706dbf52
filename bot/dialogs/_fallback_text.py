"""A tiny stand-in for `core.text` (branch `text`) with the same API, used only while that package
is not on main. Delete this file once `core.text.extract` lands: `understand.py` prefers the real one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

CommunitySpec = str | tuple[str, ...]
_CN = "零〇一二两三四五六七八九十"
_CN_VALUE = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _num(raw: str) -> str:
    if raw.isdigit():
        return str(int(raw))
    if raw == "十":
        return "10"
    if raw.startswith("十"):
        return str(10 + _CN_VALUE.get(raw[1:], 0))
    if raw.endswith("十"):
        return str(_CN_VALUE.get(raw[0], 0) * 10)
    if "十" in raw:
        a, b = raw.split("十", 1)
        return str(_CN_VALUE.get(a, 0) * 10 + _CN_VALUE.get(b, 0))
    return "".join(str(_CN_VALUE.get(ch, 0)) for ch in raw)


@dataclass(frozen=True)
class Address:
    community: str | None
    building: str | None
    unit: str | None
    room: str | None

    @property
    def is_empty(self) -> bool:
        return not (self.community or self.building or self.unit or self.room)

    def label(self) -> str:
        parts = [self.community or ""]
        if self.building:
            parts.append(f"{self.building}栋")
        if self.unit:
            parts.append(f"{self.unit}单元")
        if self.room:
            parts.append(f"{self.room}室")
        return "".join(parts)


_BUILDING = re.compile(rf"([0-9]{{1,3}}|[{_CN}]{{1,3}}|[A-Za-z])\s*(?:号楼|栋|幢|座|号院)")
_UNIT = re.compile(rf"([0-9]{{1,2}}|[{_CN}]{{1,3}})\s*单元")
_ROOM = re.compile(r"(?<![\d-])([0-9]{3,4})\s*(?:室|房|号)?(?![\d点:：])")
_DASH = re.compile(r"(?<![\d-])(\d{1,3})-(\d{1,2})-(\d{3,4})(?![\d-])")
_GENERIC_COMMUNITY = re.compile(r"([\u4e00-\u9fff]{2,8}?(?:小区|花园|家园|公寓|新村|苑|里|府|城))")


def parse_address(text: str, known_communities: Sequence[CommunitySpec] = ()) -> Address:
    t = _norm(text)
    community = None
    for spec in known_communities:
        names = (spec,) if isinstance(spec, str) else tuple(spec)
        if any(name and name in t for name in names):
            community = names[0]
            break
    if community is None:
        m = _GENERIC_COMMUNITY.search(t)
        if m and (_BUILDING.search(t) or "小区" in m.group(1)):
            community = m.group(1)
    dash = _DASH.search(t)
    if dash:
        return Address(community, dash.group(1), str(int(dash.group(2))), dash.group(3))
    b, u = _BUILDING.search(t), _UNIT.search(t)
    room = None
    if b or u:
        r = _ROOM.search(t, (u or b).end())  # type: ignore[union-attr]
        room = r.group(1) if r else None
    return Address(community, _num(b.group(1)) if b and not b.group(1).isalpha() else (b.group(1).upper() if b else None),
                   _num(u.group(1)) if u else None, room)


_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?!\d)")
_LANDLINE = re.compile(r"(?<![\d-])(0\d{2,3})-?([1-9]\d{6,7})(?![\d])")


def find_phones(text: str) -> list[str]:
    t = _norm(text)
    found = ["".join(m.groups()) for m in _MOBILE.finditer(t)]
    found += [f"{m.group(1)}-{m.group(2)}" for m in _LANDLINE.finditer(t)]
    return list(dict.fromkeys(found))


def normalize_phone(s: str) -> str | None:
    t = _norm(s).strip()
    if _MOBILE.fullmatch(t):
        return "".join(_MOBILE.fullmatch(t).groups())  # type: ignore[union-attr]
    m = _LANDLINE.fullmatch(t)
    return f"{m.group(1)}-{m.group(2)}" if m else None


@dataclass(frozen=True)
class TimePhrase:
    text: str
    start: datetime | None
    recurring: bool


# phrase → (days back, hour or None, recurring)
_TIMES: list[tuple[str, int, int | None, bool]] = [
    ("每天晚上", 0, 21, True), ("每晚", 0, 21, True), ("每天早上", 0, 7, True), ("每天", 0, None, True),
    ("天天", 0, None, True), ("经常", 0, None, True), ("一直", 0, None, True), ("总是", 0, None, True),
    ("昨天晚上", 1, 21, False), ("昨晚", 1, 21, False), ("昨天上午", 1, 9, False), ("昨天下午", 1, 15, False),
    ("昨天", 1, None, False), ("前天", 2, None, False), ("今天上午", 0, 9, False), ("今天下午", 0, 15, False),
    ("今天早上", 0, 7, False), ("今早", 0, 7, False), ("今晚", 0, 20, False), ("今天", 0, None, False),
    ("刚才", 0, -1, False), ("刚刚", 0, -1, False), ("半夜", 0, 1, False), ("最近", 7, None, True),
    ("好几天", 3, None, True), ("一个多星期", 8, None, True), ("一个星期", 7, None, True), ("一周", 7, None, True),
]
_N_DAYS = re.compile(rf"([0-9]+|[{_CN}]+)\s*(天|个月|周|个星期)(?:了|以来)?")


def parse_time_phrase(text: str, now: datetime) -> TimePhrase | None:
    t = _norm(text)
    for phrase, days, hour, recurring in _TIMES:
        if phrase in t:
            if hour == -1:
                return TimePhrase(phrase, now, False)
            day = now - timedelta(days=days)
            start = day.replace(hour=hour, minute=0, second=0, microsecond=0) if hour is not None else day
            return TimePhrase(phrase, start, recurring)
    m = _N_DAYS.search(t)
    if m:
        n = int(_num(m.group(1)) or 0)
        per = {"天": 1, "周": 7, "个星期": 7, "个月": 30}[m.group(2)]
        return TimePhrase(m.group(0), now - timedelta(days=n * per), True)
    return None


@dataclass(frozen=True)
class UrgencyAssessment:
    level: str  # emergency / urgent / normal
    hazard: str | None = None
    triggers: tuple[str, ...] = field(default_factory=tuple)


_EMERGENCIES: list[tuple[str, re.Pattern[str]]] = [
    ("燃气泄漏", re.compile(r"(煤气|燃气|天然气|液化气)(味|泄漏|泄露|漏了|漏气|很大)|漏气")),
    ("火灾", re.compile(r"着火|起火|失火|火灾|烧起来|冒烟|浓烟")),
    ("电梯困人", re.compile(r"(困|关|卡)在电梯|电梯(里)?(困|关)(人|住)|被困")),
    ("水管爆裂", re.compile(r"(水管|管道|水管子)(爆|裂|破)|爆管|水漫|淹了|大量漏水")),
    ("人员受伤", re.compile(r"(晕倒|昏迷|流血|受伤|摔倒).{0,4}(起不来|不省人事|很多血)?|有人(晕|倒)")),
]
_URGENT = re.compile(r"停水|停电|漏水|渗水|电梯坏|电梯停")


def assess_urgency(text: str) -> UrgencyAssessment:
    t = _norm(text)
    for hazard, pattern in _EMERGENCIES:
        m = pattern.search(t)
        if m:
            return UrgencyAssessment("emergency", hazard, (m.group(0),))
    m = _URGENT.search(t)
    if m:
        return UrgencyAssessment("urgent", None, (m.group(0),))
    return UrgencyAssessment("normal")


@dataclass(frozen=True)
class Extracted:
    address: Address
    phones: list[str]
    time: TimePhrase | None
    urgency: UrgencyAssessment


def extract(text: str, now: datetime, known_communities: Sequence[CommunitySpec] = ()) -> Extracted:
    phones = find_phones(text)
    without_phones = _norm(text)
    for p in phones:
        without_phones = without_phones.replace(p, " ").replace(p.replace("-", ""), " ")
    return Extracted(parse_address(without_phones, known_communities), phones,
                     parse_time_phrase(text, now), assess_urgency(text))
