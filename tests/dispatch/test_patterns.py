"""Grid patterns and the number normalisation under them (3号楼 = 3栋 = 三栋 = 3幢, 2单元 = 二单元)."""

from __future__ import annotations

import pytest

from core.dispatch.patterns import (
    PatternError,
    normalize_building_value,
    normalize_unit,
    parse_pattern,
)


@pytest.mark.parametrize("raw", ["3", "3栋", "3号楼", "三栋", "3幢", "叁号楼", "三号楼", "３栋", "3 栋", "3号栋", "3座",
                                 "三幢", "3栋楼"])
def test_building_three_in_every_form(raw: str) -> None:
    assert normalize_building_value(raw) == "3"


@pytest.mark.parametrize(("raw", "want"), [
    ("12栋", "12"), ("十二栋", "12"), ("拾贰号楼", "12"), ("二十一幢", "21"), ("A座", "A"), ("a栋", "A"),
    ("B", "B"), ("105号楼", "105"), ("", None), ("  ", None), ("栋", None), ("三楼", None), ("abc栋", None),
    ("0栋", None), (None, None),
])
def test_building_numbers(raw: str | None, want: str | None) -> None:
    assert normalize_building_value(raw) == want


@pytest.mark.parametrize(("raw", "want"), [
    ("2", "2"), ("2单元", "2"), ("二单元", "2"), ("贰单元", "2"), ("两单元", "2"), ("十单元", "10"), ("２单元", "2"),
    ("二", "2"), ("0单元", None), ("单元", None), ("一百单元", None), ("x单元", None), (None, None),
])
def test_unit_numbers(raw: str | None, want: str | None) -> None:
    assert normalize_unit(raw) == want


@pytest.mark.parametrize(("text", "names", "buildings", "units", "specificity"), [
    ("幸福里小区", ("幸福里小区",), None, None, 1),
    ("幸福里小区|幸福里|幸福小区", ("幸福里小区", "幸福里", "幸福小区"), None, None, 1),
    ("幸福里小区 1-6栋", ("幸福里小区",), {"1", "2", "3", "4", "5", "6"}, None, 2),
    ("幸福里小区 1~3号楼", ("幸福里小区",), {"1", "2", "3"}, None, 2),
    ("幸福里小区 1至3幢", ("幸福里小区",), {"1", "2", "3"}, None, 2),
    ("幸福里小区 1-3,7,十一号楼", ("幸福里小区",), {"1", "2", "3", "7", "11"}, None, 2),
    ("幸福里小区 1、3、5栋", ("幸福里小区",), {"1", "3", "5"}, None, 2),
    ("翠湖苑 A-C座", ("翠湖苑",), {"A", "B", "C"}, None, 2),
    ("阳光花园 7栋 1-2单元", ("阳光花园",), {"7"}, {"1", "2"}, 3),
    ("阳光花园 三栋 二单元", ("阳光花园",), {"3"}, {"2"}, 3),
    ("阳光花园 1,3单元", ("阳光花园",), None, {"1", "3"}, 3),
    ("  陽光花園   7棟  ", ("陽光花園",), {"7"}, None, 2),
    # real names hold numbers: a number is refused only with a building or unit word after it
    ("阳光100|阳光100国际新城 3-5栋", ("阳光100", "阳光100国际新城"), {"3", "4", "5"}, None, 2),
    ("星河2046", ("星河2046",), None, None, 1),
])
def test_pattern_syntax(text: str, names: tuple[str, ...], buildings: set[str] | None, units: set[str] | None,
                        specificity: int) -> None:
    p = parse_pattern(text)
    assert p.names == names
    assert p.buildings == (frozenset(buildings) if buildings is not None else None)
    assert p.units == (frozenset(units) if units is not None else None)
    assert p.specificity == specificity


def test_a_name_matches_with_or_without_its_ending_and_in_traditional_script() -> None:
    assert parse_pattern("幸福里小区").keys == parse_pattern("幸福里").keys == parse_pattern("幸福里社區").keys


def test_admits_and_decides() -> None:
    p = parse_pattern("幸福里小区 1-6栋 1-2单元")
    assert p.decides("3", "2") and p.admits("3", "2")
    assert not p.decides("3", None) and p.admits("3", None)  # unit unknown: could be, cannot say
    assert not p.admits("7", None) and not p.admits("3", "3")
    whole = parse_pattern("幸福里小区")
    assert whole.decides(None, None) and whole.admits("99", "9")


@pytest.mark.parametrize(("text", "message"), [
    ("", "empty"),
    ("x", "too short"),
    ("小区", "generic word"),
    ("幸福里|花园", "generic word"),
    ("幸福里 abc", "cannot read"),
    ("幸福里 6-1栋", "backwards"),
    ("幸福里 1-500栋", "longer than"),
    ("幸福里 1-C栋", "mixes"),
    ("幸福里 1-6栋 1单元 2单元", "two unit lists"),
    ("幸福里 1单元 2栋", "before the unit list"),
    ("幸福里 1栋 2栋", "two building lists"),
    ("幸福里 ,栋", "empty"),
    ("幸福里 1,,3栋", "empty item"),
    ("幸福里 栋", "empty building list"),
    ("幸福里 xy栋", "not a building number"),
    ("幸福里||阳光", "empty name"),
    ("幸福里3栋", "may not contain a building or unit"),
    ("幸福里3号楼|幸福里", "may not contain a building or unit"),
    ("幸福里2单元", "may not contain a building or unit"),
    ("A12", "besides its digits"),
    ("幸福里" * 100, "longer than"),
])
def test_bad_patterns_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(PatternError, match=message):
        parse_pattern(text)
