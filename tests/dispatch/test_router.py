"""Routing rules, table-driven over the benchmark district (core/dispatch/data/bench_grids.toml):
XFL-N 幸福里 1-6栋, XFL-S 幸福里 7-12栋, YGHY 阳光花园 + 阳光新村 (polygon), CHY 翠湖苑, JSJY 金色家园,
JSJY2 金色家园二期, JX1 锦绣华庭 (polygon) with JX2 carving out 11栋3-4单元 and 15-16座, DH 东湖社区."""

from __future__ import annotations

import pytest

from core.dispatch import geo
from core.dispatch.evaluation import DATA_DIR, evaluate_routing, load_routing
from core.dispatch.patterns import parse_pattern
from core.dispatch.router import GridIndex, GridInfo
from core.text import Address

SQUARE = ((30.0, 120.0), (30.0, 120.01), (30.01, 120.01), (30.01, 120.0))


def route(index: GridIndex, text: str, point: tuple[float, float] | None = None) -> str | None:
    decision = index.decide(index.resolve_address(texts=[text]), point)
    return decision.grid.code if decision.grid else None


@pytest.mark.parametrize("building", ["3栋", "3号楼", "三栋", "3幢", "叁号楼", "三号楼", "３栋", "3座", "三幢", "3号栋"])
def test_every_way_of_writing_building_three(index: GridIndex, building: str) -> None:
    assert route(index, f"幸福里小区{building}2单元楼道灯坏了") == "XFL-N"


@pytest.mark.parametrize("building", ["8栋", "8号楼", "八栋", "8幢", "捌号楼", "第8栋", "８号楼", "八号楼"])
def test_the_other_half_of_the_split_community(index: GridIndex, building: str) -> None:
    assert route(index, f"幸福里小区{building}门口积水") == "XFL-S"


@pytest.mark.parametrize(("carved", "other"), [("3单元", "1单元"), ("三单元", "一单元"), ("叁单元", "壹单元"),
                                               ("３单元", "１单元"), ("四单元", "二单元")])
def test_unit_carve_out_in_every_form(index: GridIndex, carved: str, other: str) -> None:
    assert route(index, f"锦绣华庭11栋{carved}楼上漏水") == "JX2"
    assert route(index, f"锦绣华庭11栋{other}楼上漏水") == "JX1"


@pytest.mark.parametrize(("text", "want"), [
    ("幸福里3栋电梯坏了", "XFL-N"),  # alias without 小区
    ("幸福小区六栋楼下吵", "XFL-N"),  # second alias
    ("幸福里小區5棟路燈壞了", "XFL-N"),  # Traditional
    ("幸福里小区4-1-501厨房漏水", "XFL-N"),  # dash form
    ("幸福里小区10-2-301漏水", "XFL-S"),
    ("阳光新村的路灯坏了", "YGHY"),  # a grid's second pattern
    ("金色家园二期3栋电梯坏了", "JSJY2"),  # a name containing another grid's name
    ("金色家园3栋电梯坏了", "JSJY"),
    ("翠湖苑d座楼下吵", "CHY"),  # a letter building, lower case
    ("锦绣华庭15座油烟", "JX2"),
    ("锦绣华庭16栋下水道堵了", "JX2"),  # 栋 written where the pattern says 座
    ("锦绣华庭3栋杂物", "JX1"),
    ("东湖3栋门口乱停车", "DH"),
    ("我在东湖小区", "DH"),  # 社区 and 小区 endings are interchangeable
])
def test_address_routing(index: GridIndex, text: str, want: str) -> None:
    assert route(index, text) == want


@pytest.mark.parametrize(("text", "why"), [
    ("幸福里小区的物业前台态度太差", "需要楼栋"),  # the 小区 is split: a building is needed
    ("锦绣华庭11栋电梯坏了", "需要楼栋"),  # the building is split by units
    ("幸福里小区15栋电梯坏了", "不在任何网格"),  # outside both ranges
    ("星光大道小区门口有人摆摊", "不在任何网格"),  # unknown 小区
    ("3栋2单元电梯坏了", "没有可识别的小区"),
    ("电梯坏了", "没有可识别的小区"),
])
def test_no_grid_and_why(index: GridIndex, text: str, why: str) -> None:
    decision = index.decide(index.resolve_address(texts=[text]))
    assert decision.grid is None and decision.method == "none"
    assert why in decision.reason


def test_ambiguous_address_is_settled_by_location_among_its_candidates(index: GridIndex) -> None:
    north, south = (30.2742, 120.1552), (30.2721, 120.1561)
    assert route(index, "幸福里小区门口烧烤摊太吵", north) == "XFL-N"
    assert route(index, "幸福里小区门口烧烤摊太吵", south) == "XFL-S"
    decision = index.decide(index.resolve_address(texts=["幸福里小区门口烧烤摊太吵"]), north)
    assert decision.method == "location" and set(decision.candidates) == {"XFL-N", "XFL-S"}
    # a location inside another grid does not override the address: the candidates were 幸福里's
    assert route(index, "幸福里小区门口烧烤摊太吵", (30.2800, 120.1630)) is None


def test_the_address_beats_the_location(index: GridIndex) -> None:
    assert route(index, "翠湖苑3栋电梯坏了", (30.2741, 120.1551)) == "CHY"


@pytest.mark.parametrize(("point", "want"), [
    ((30.2800, 120.1630), "YGHY"),  # inside a polygon
    ((30.2520, 120.1530), "DH"),
    ((30.2539, 120.1559), "DH"),  # just inside the edge
    ((30.2541, 120.1561), None),  # just outside, and no centre near
    ((30.2742, 120.1552), "XFL-N"),  # nearest centre within its radius
    ((30.2723, 120.1559), "XFL-S"),
    ((30.2601, 120.1702), "JSJY"),
    ((30.3000, 120.2000), None),  # far from everything
])
def test_shared_location_only(index: GridIndex, point: tuple[float, float], want: str | None) -> None:
    assert route(index, "楼下垃圾没人收", point) == want


def test_structured_fields_are_used_and_completed_from_the_text(index: GridIndex) -> None:
    assert index.resolve_address("幸福里", "三号楼", "二单元") == Address("幸福里小区", "3", "2", None)
    # the community from the field, building and unit from the description
    assert index.resolve_address("幸福里小区", texts=["8栋2单元楼道灯坏了"]) == Address("幸福里小区", "8", "2", None)
    # a text about another 小区 does not lend its numbers
    got = index.resolve_address("幸福里小区", texts=["隔壁阳光花园5栋的烧烤摊太吵"])
    assert got == Address("幸福里小区", None, None, None)
    assert index.resolve_address(None, texts=[None, "", "阳光花园7栋"]).community == "阳光花园"


def test_overlapping_rules_go_to_the_dispatcher() -> None:
    index = GridIndex([
        GridInfo(1, "A", "甲", (parse_pattern("幸福里 1-6栋"),)),
        GridInfo(2, "B", "乙", (parse_pattern("幸福里 5-9栋"),)),
    ])
    assert index.decide(Address("幸福里", "3", None, None)).grid.code == "A"  # type: ignore[union-attr]
    overlap = index.decide(Address("幸福里", "5", None, None))
    assert overlap.grid is None and "重叠" in overlap.reason


def test_more_specific_rules_win_and_unknown_parts_stay_unknown() -> None:
    index = GridIndex([
        GridInfo(1, "A", "甲", (parse_pattern("幸福里"),)),
        GridInfo(2, "B", "乙", (parse_pattern("幸福里 7-9栋"),)),
        GridInfo(3, "C", "丙", (parse_pattern("幸福里 8栋 2单元"),)),
    ])

    def code(b: str | None, u: str | None) -> str | None:
        d = index.decide(Address("幸福里", b, u, None))
        return d.grid.code if d.grid else None

    assert code("3", None) == "A" and code("7", "1") == "B" and code("8", "2") == "C" and code("8", "1") == "B"
    assert code(None, None) is None  # could be any of them
    assert code("8", None) is None  # B or C
    assert set(index.decide(Address("幸福里", "8", None, None)).candidates) == {"B", "C"}  # A is outranked


def test_no_grids_configured() -> None:
    decision = GridIndex([]).decide(Address("幸福里", "3", None, None), (30.0, 120.0))
    assert decision.grid is None and "还没有配置网格" in decision.reason


def test_overlapping_polygons_pick_the_smaller_one() -> None:
    inner = ((30.002, 120.002), (30.002, 120.004), (30.004, 120.004), (30.004, 120.002))
    index = GridIndex([GridInfo(1, "BIG", "大", polygon=SQUARE), GridInfo(2, "SMALL", "小", polygon=inner)])
    assert index.decide(Address(None, None, None, None), (30.003, 120.003)).grid.code == "SMALL"  # type: ignore[union-attr]
    assert index.decide(Address(None, None, None, None), (30.008, 120.008)).grid.code == "BIG"  # type: ignore[union-attr]


def test_a_grid_without_its_own_radius_uses_the_default() -> None:
    index = GridIndex([GridInfo(1, "C", "中", center=(30.0, 120.0))], default_radius_m=500)
    near = (30.0 + 400 / 111_195, 120.0)  # ~400 m north
    far = (30.0 + 600 / 111_195, 120.0)
    assert index.decide(Address(None, None, None, None), near).grid is not None
    assert index.decide(Address(None, None, None, None), far).grid is None
    assert index.decide(Address(None, None, None, None), (float("nan"), 120.0)).grid is None


def test_geometry() -> None:
    assert geo.contains(SQUARE, (30.005, 120.005))
    assert not geo.contains(SQUARE, (30.02, 120.005))
    assert geo.contains(SQUARE, (30.0, 120.005))  # on an edge
    assert geo.contains(SQUARE, (30.0, 120.0))  # a corner
    concave = ((0, 0), (0, 4), (4, 4), (4, 3), (1, 3), (1, 1), (4, 1), (4, 0))  # a C shape
    assert geo.contains(concave, (0.5, 2)) and not geo.contains(concave, (2, 2))
    assert abs(geo.distance_m((30.0, 120.0), (30.001, 120.0)) - 111.2) < 0.5
    assert geo.distance_m((30.0, 120.0), (30.0, 120.0)) == 0
    assert geo.area(SQUARE) == pytest.approx(1e-4)


def test_labelled_routing_sets(index: GridIndex) -> None:
    """The routing accuracy the benchmark reports, kept from sliding back."""
    tuning = evaluate_routing(load_routing(), index)
    heldout = evaluate_routing(load_routing(DATA_DIR / "routing_heldout.csv"), index)
    assert tuning.total >= 80 and heldout.total >= 40
    assert tuning.accuracy >= 0.97, tuning.misses
    assert heldout.accuracy >= 0.95, heldout.misses
    assert tuning.precision == 1.0 and heldout.precision == 1.0  # never the wrong grid: unsure means the desk


@pytest.mark.parametrize(("text", "want"), [
    ("阳光100小区3栋1202厨房漏水", "SUN100"),
    ("我住阳光100国际新城5栋1单元301，楼上吵", "SUN100"),
    ("阳光100 6栋门口乱停车", "SUN100-S"),
    ("星河2046 2栋801电梯坏了", "XH"),
    ("阳光花园3栋路灯坏了", "YG"),
])
def test_names_that_hold_numbers_route(text: str, want: str) -> None:
    # 阳光100, 星河2046: real 小区 names with digits, beside a similar name without them
    index = GridIndex([
        GridInfo(1, "SUN100", "阳光100北", (parse_pattern("阳光100|阳光100国际新城 1-5栋"),)),
        GridInfo(2, "SUN100-S", "阳光100南", (parse_pattern("阳光100|阳光100国际新城 6-9栋"),)),
        GridInfo(3, "XH", "星河", (parse_pattern("星河2046"),)),
        GridInfo(4, "YG", "阳光花园", (parse_pattern("阳光花园"),)),
    ])
    assert route(index, text) == want
