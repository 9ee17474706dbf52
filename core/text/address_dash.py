"""The dash forms of an address (``3-2-501``, ``3-501``, ``9-1``), read by :func:`core.text.address.parse_address`
only when something else says the text is about an address; a parking space written the same way (B-036车位,
车位是B-108) is no door."""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.text.vocab import ADDRESS_CUES, NOT_ADDRESS_NUMBER_FOLLOWERS


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NOT_AFTER_NUM = rf"(?!\s?(?:{_alt(NOT_ADDRESS_NUMBER_FOLLOWERS)}))"
_CUE_RE = re.compile(_alt(ADDRESS_CUES))
_CJK = re.compile(r"[\u3400-\u9fff]")
DASH3_RE = re.compile(
    r"(?<![\d\-a-z.])(?P<b>\d{1,3}|[a-z])\s?-\s?(?P<u>\d{1,2})\s?-\s?(?P<r>\d{3,4})(?![\d\-.])"
)
# "丽景湾9-1的电梯里", "8-1 楼道": building-unit, trusted only after a community name (else a score or a date)
_DASH_BU_RE = re.compile(
    rf"(?<![\d\-a-z.:/])(?P<b>\d{{1,3}})\s?-\s?(?P<u>\d{{1,2}})(?![\d\-.:/]){_NOT_AFTER_NUM}(?!\s?(?:楼(?!道|梯)|层|号))"
)
_DASH2_RE = re.compile(r"(?<![\d\-a-z.:/])(?P<b>\d{1,3}|[a-z])\s?-\s?(?P<r>\d{3,4})(?![\d\-.:/])")
_PARKING_RE = re.compile(r"\s?号?(?:车位|停车位|车库)")  # B-036车位: a parking space, no door
# the same said after the garage or the space (地下车库A-056, 我的车位是B-108, 车位号：B-12-305): the space's code
_PARKING_BEFORE_RE = re.compile(r"(?:车位|停车位|车库|地库|停车场)(?:号码?|编号)?\s?(?:是|为|在)?\s?[:：]?\s?$")


def dash_form(f: str, has_community: bool) -> tuple[str, str | None, str | None, int] | None:
    """``3-2-501`` / ``3-501`` when the text otherwise reads as an address."""
    for regex in (DASH3_RE, _DASH2_RE, _DASH_BU_RE):
        for m in regex.finditer(f):
            rest_start, rest_end = m.start(), m.end()
            if _PARKING_RE.match(f, rest_end) or _PARKING_BEFORE_RE.search(f, 0, rest_start):
                continue
            room_suffixed = bool(re.match(r"\s?(?:室|房间|房|号)(?!楼)", f[rest_end:]))
            only_address = not _CJK.search(f[:rest_start] + f[rest_end:]) or _is_short_reply(f, m)
            cue = bool(_CUE_RE.search(f))
            if not (has_community or room_suffixed or only_address or cue):
                continue
            if regex is _DASH_BU_RE and not has_community:
                continue
            b = m.group("b")
            building = b.upper() if b.isalpha() else str(int(b))
            if building == "0":
                continue
            unit = str(int(m.group("u"))) if "u" in m.groupdict() and m.group("u") else None
            room = m.group("r") if "r" in m.groupdict() else None
            return building, unit, room, rest_start
    return None


def _is_short_reply(f: str, m: re.Match[str]) -> bool:
    rest = (f[: m.start()] + f[m.end() :]).strip()
    return len(rest) <= 4 and not re.search(r"\d", rest)
