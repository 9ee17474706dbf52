"""Grid address patterns: which 小区, buildings and units a grid covers.

Syntax of one pattern (a grid has a list of them)::

    NAMES [BUILDINGS] [UNITS]

    NAMES      幸福里小区|幸福里|幸福里社区   the 小区's name, then aliases, separated by "|"
    BUILDINGS  1-6栋 · 1-6,9,11-12号楼 · A,B座 · 三栋 · 3幢   numbers, ranges (1-6, 1~6, 1至6) and
               letters (A, A-C), separated by "," "、" or "，", ending in a building word
               (栋 / 号楼 / 幢 / 座 / 号栋 / 号座 / 栋楼)
    UNITS      1-2单元 · 一单元 · 1,3单元   the same list, ending in 单元

NAMES and the two lists are separated by whitespace. Numbers may be Arabic, Chinese (三, 十二) or
financial (叁); they are stored normalised, so ``幸福里小区 三栋`` and ``幸福里小区 3号楼`` mean
the same. A name matches with or without its 小区/社区 ending and in Traditional script.

The more a pattern says, the more it weighs: a unit rule beats a building rule beats a whole-小区
rule, so a grid can take a 小区 and another grid can carve a few buildings out of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from core.text.address import community_key, normalize_building
from core.text.normalize import cn_number, fold, normalize
from core.text.vocab import COMMUNITY_SUFFIXES

MAX_PATTERN = 200  # characters; a pattern is a short line, anything longer is a mistake
MAX_RANGE = 200  # items one range may expand to (1-200栋 is already a very big 小区)
BUILDING_WORDS = ("号楼", "号栋", "号幢", "栋楼", "号座", "栋", "幢", "座")
UNIT_WORDS = ("单元",)
_LIST_SEP = re.compile(r"[,，、;；]")
_RANGE = re.compile(r"^(?P<a>[^-~～至到]+)\s*(?:-|~|～|—|至|到)\s*(?P<b>[^-~～至到]+)$")
_NAME_BAD = re.compile(r"[\s,，、;；]")
# digits belong to many real names (阳光100, 星河2046, 首开10号院); a number with a building or unit word
# in a name is a building list written without its space (幸福里3栋)
_NAME_HOLDS_BUILDING = re.compile(r"\d+\s*(?:号楼|号栋|号幢|栋楼|号座|栋|幢|座|单元)")


class PatternError(ValueError):
    """A pattern that cannot be read; the message says what is wrong, in English for operators."""


@dataclass(frozen=True)
class GridPattern:
    text: str  # as configured
    names: tuple[str, ...]  # canonical first
    keys: frozenset[str]  # community_key of every name
    buildings: frozenset[str] | None  # normalised building numbers ("3", "A"); None: all
    units: frozenset[str] | None  # normalised unit numbers; None: all

    @property
    def canonical(self) -> str:
        return self.names[0]

    @property
    def specificity(self) -> int:
        """1 whole 小区, 2 some buildings, 3 some units (of some or all buildings)."""
        return 3 if self.units is not None else 2 if self.buildings is not None else 1

    def admits(self, building: str | None, unit: str | None) -> bool:
        """Nothing known about the address contradicts this pattern (unknown parts may match)."""
        if self.buildings is not None and building is not None and building not in self.buildings:
            return False
        return not (self.units is not None and unit is not None and unit not in self.units)

    def decides(self, building: str | None, unit: str | None) -> bool:
        """Every part this pattern constrains is known and inside it."""
        if self.buildings is not None and (building is None or building not in self.buildings):
            return False
        return not (self.units is not None and (unit is None or unit not in self.units))


def normalize_unit(raw: str | None) -> str | None:
    """``"2"`` for 2 / 2单元 / 二单元 / 贰单元; else None."""
    if raw is None:
        return None
    f = fold(normalize(raw)).replace(" ", "")
    for word in UNIT_WORDS:
        if f.endswith(word):
            f = f[: -len(word)]
    if not f or len(f) > 6:
        return None
    value = cn_number(f)
    return str(value) if value is not None and 0 < value <= 99 else None


def normalize_building_value(raw: str | None) -> str | None:
    """``"3"`` for 3 / 3栋 / 三号楼 / 3幢 / 叁座; ``"A"`` for A / a栋; else None."""
    if raw is None or not raw.strip():
        return None
    return normalize_building(raw)


@lru_cache(maxsize=4096)
def parse_pattern(text: str) -> GridPattern:
    raw = normalize(text)
    if not raw:
        raise PatternError("empty pattern")
    if len(raw) > MAX_PATTERN:
        raise PatternError(f"pattern longer than {MAX_PATTERN} characters")
    head, *specs = raw.split(" ")
    names = tuple(n.strip() for n in head.split("|"))
    if any(not n for n in names):
        raise PatternError(f"empty name in {head!r} (names are separated by '|')")
    for name in names:
        if fold(name) in COMMUNITY_SUFFIXES:
            raise PatternError(f"{name!r} is a generic word, not a 小区 name")
        if len(community_key(name)) < 2:
            raise PatternError(f"小区 name {name!r} is too short (at least 2 characters besides 小区/社区)")
        if _NAME_BAD.search(name) or _NAME_HOLDS_BUILDING.search(fold(name)):
            raise PatternError(
                f"小区 name {name!r} may not contain a building or unit, spaces or list separators; "
                "put building and unit lists after a space"
            )
        if sum(not c.isdigit() for c in community_key(name)) < 2:
            raise PatternError(f"小区 name {name!r} needs at least 2 characters besides its digits")
    buildings: frozenset[str] | None = None
    units: frozenset[str] | None = None
    for spec in specs:
        if not spec:
            continue
        f = fold(spec)
        unit_word = next((w for w in UNIT_WORDS if f.endswith(w)), None)
        if unit_word is not None:
            if units is not None:
                raise PatternError(f"two unit lists in {raw!r}")
            units = _values(spec[: -len(unit_word)], _unit_item, "unit")
            continue
        building_word = next((w for w in BUILDING_WORDS if f.endswith(w)), None)
        if building_word is None:
            raise PatternError(
                f"cannot read {spec!r}: a building list ends in 栋/号楼/幢/座 (e.g. 1-6栋), a unit list in 单元 "
                "(e.g. 1-2单元); alias names go with '|' (幸福里小区|幸福里)"
            )
        if buildings is not None:
            raise PatternError(f"two building lists in {raw!r}")
        if units is not None:
            raise PatternError(f"the building list comes before the unit list in {raw!r}")
        buildings = _values(spec[: -len(building_word)], _building_item, "building")
    keys = frozenset(community_key(n) for n in names)
    return GridPattern(text=raw, names=names, keys=keys, buildings=buildings, units=units)


def parse_patterns(texts: Iterable[str]) -> list[GridPattern]:
    return [parse_pattern(t) for t in texts]


def _building_item(raw: str) -> str | None:
    return normalize_building_value(raw)


def _unit_item(raw: str) -> str | None:
    return normalize_unit(raw)


Reader = Callable[[str], str | None]


def _values(body: str, reader: Reader, what: str) -> frozenset[str]:
    out: set[str] = set()
    items = [i.strip() for i in _LIST_SEP.split(body)]
    if not any(items):
        raise PatternError(f"empty {what} list")
    for item in items:
        if not item:
            raise PatternError(f"empty item in the {what} list {body!r}")
        m = _RANGE.match(item)
        if m:
            out.update(_expand(m.group("a").strip(), m.group("b").strip(), reader, what))
            continue
        value = reader(item)
        if value is None:
            raise PatternError(f"{item!r} is not a {what} number")
        out.add(value)
    return frozenset(out)


def _expand(a: str, b: str, reader: Reader, what: str) -> set[str]:
    lo, hi = reader(a), reader(b)
    if lo is None or hi is None:
        raise PatternError(f"{a}-{b} is not a {what} range")
    if lo.isdigit() != hi.isdigit():
        raise PatternError(f"{a}-{b} mixes numbers and letters")
    if lo.isdigit():
        start, end = int(lo), int(hi)
        if end < start:
            raise PatternError(f"{what} range {a}-{b} runs backwards")
        if end - start + 1 > MAX_RANGE:
            raise PatternError(f"{what} range {a}-{b} is longer than {MAX_RANGE}")
        return {str(n) for n in range(start, end + 1)}
    if ord(hi) < ord(lo):
        raise PatternError(f"{what} range {a}-{b} runs backwards")
    return {chr(c) for c in range(ord(lo), ord(hi) + 1)}
