"""The duplicate check: the pure rule, the labelled pair sets, and the check against the database."""

from __future__ import annotations

import pytest

from bot.app import App
from core.clock import ManualClock
from core.dispatch.assessor import ClassifierAssessor
from core.dispatch.duplicates import DuplicateChecker, DuplicateRules, Side, conflicting, judge
from core.dispatch.evaluation import (
    DUPLICATES_CSV,
    DUPLICATES_HELDOUT_CSV,
    evaluate_duplicates,
    load_pairs,
)
from core.dispatch.router import GridIndex
from core.dispatch.similarity import features, similarity, strip_text
from core.messages import GeoPoint
from core.service.tickets import NewTicket
from core.text import Address
from tests.world import CHANNEL, World

RULES = DuplicateRules()
HERE = Address("幸福里小区", "3", "2", None)


def side(text: str, address: Address = HERE, point: tuple[float, float] | None = None) -> Side:
    return Side(text, address, point)


def test_reworded_reports_of_one_problem_are_duplicates() -> None:
    v = judge(side("3栋2单元楼道灯坏了好几天"), side("3栋2单元的楼道灯一直不亮，晚上上楼很黑"), RULES)
    assert v.duplicate and v.why == "text" and v.address_level >= 3


def test_a_known_address_part_that_differs_is_never_a_duplicate() -> None:
    same_words = "电梯坏了，按了没反应"
    for other in (Address("幸福里小区", "5", "2", None), Address("幸福里小区", "3", "1", None),
                  Address("阳光花园", "3", "2", None)):
        v = judge(side(same_words), side(same_words, other), RULES)
        assert not v.duplicate and v.why == "conflict"
    assert conflicting(HERE, Address("幸福里", "3", "1", None))
    assert not conflicting(HERE, Address("幸福里", None, None, None))  # unknown is not different
    assert not conflicting(HERE, Address("幸福里", "3", "2", "601"))  # a leak runs between rooms


def test_different_problems_at_one_place_are_not_duplicates() -> None:
    v = judge(side("楼道灯坏了"), side("楼道里有很浓的煤气味"), RULES)
    assert not v.duplicate and v.why == "different"


def test_when_it_began_and_where_in_the_building_make_no_problem_alike() -> None:
    # eleventh session: 「楼道的窗户关不上 前天开始的」 was offered as a repeat of 「楼道灯不亮 前天开始的」 at one unit
    for a, b in (("楼道灯不亮 前天开始的", "楼道的窗户关不上 前天开始的"), ("走廊里很脏 昨天开始", "走廊的扶手松了 昨天开始")):
        v = judge(side(a), side(b), RULES)
        assert not v.duplicate, (a, b, v)
    assert judge(side("楼道灯不亮 前天开始的"), side("楼道灯一闪一闪的 昨天开始"), RULES).duplicate


def test_same_unit_or_close_points_lower_the_bar() -> None:
    a, b = "电梯里有股尿骚味", "电梯里臭烘烘的，有人在里面小便"
    sim = similarity(a, b)
    loose = DuplicateRules(min_similarity=sim + 0.1, unit_similarity=max(0.0, sim - 0.05))
    assert judge(side(a), side(b), loose).why == "address"
    nowhere = Address("幸福里小区", None, None, None)
    near = judge(side(a, nowhere, (30.0, 120.0)), side(b, nowhere, (30.0002, 120.0)), loose)
    assert near.duplicate and near.why == "near"  # ~22 m apart
    far = judge(side(a, nowhere, (30.0, 120.0)), side(b, nowhere, (30.01, 120.0)), loose)
    assert not far.duplicate


def test_similarity_looks_at_the_problem_not_the_address() -> None:
    assert strip_text("幸福里小区3栋2单元501室楼道灯坏了，电话13812345678", ["幸福里小区"]) == "灯坏了 电话"
    assert similarity("幸福里小区3栋电梯坏了", "阳光花园9栋电梯坏了", ["幸福里小区", "阳光花园"]) > 0.99
    assert similarity("电梯坏了", "垃圾没人收") < 0.1
    assert "#漏" in features("楼上渗水到我家") and "#漏" in features("天花板在滴水")
    assert similarity("", "电梯坏了") == 0.0
    assert similarity("幸福里小區電梯壞了", "幸福里小区电梯坏了") > 0.99  # Traditional script


def test_labelled_pair_sets(index: GridIndex, assessor: ClassifierAssessor) -> None:
    """Floors under what bench/dispatch_bench.py reports, so a change that makes it worse is seen."""
    tuning = evaluate_duplicates(load_pairs(DUPLICATES_CSV), index, assessor)
    heldout = evaluate_duplicates(load_pairs(DUPLICATES_HELDOUT_CSV), index, assessor)
    assert tuning.total >= 100 and heldout.total >= 70
    assert tuning.precision >= 0.7 and tuning.recall >= 0.7
    assert heldout.precision >= 0.6 and heldout.recall >= 0.6


# ---- against the database (SQLite and PostgreSQL) ---------------------------------------------------


def draft(text: str, who: str = "resident-9", **kwargs: object) -> NewTicket:
    return NewTicket(description=text, channel=CHANNEL, external_id=who, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def checker(world: World) -> DuplicateChecker:
    assert isinstance(world.app.duplicates, DuplicateChecker)
    return world.app.duplicates


async def file(app: App, text: str, who: str = "resident-1", **kwargs: object) -> str:
    return (await app.tickets.file(draft(text, who, **kwargs))).number


async def test_an_open_report_in_the_same_grid_is_found(world: World, checker: DuplicateChecker) -> None:
    app = world.app
    first = await file(app, "幸福里小区3栋2单元楼道灯坏了好几天了", category="工程维修")
    await file(app, "幸福里小区3栋2单元垃圾没人收", category="环境卫生", who="resident-2")
    match = await checker.match(draft("幸福里3栋2单元的楼道灯一直不亮，晚上上楼很黑"))
    assert match is not None and match.number == first and not match.own
    assert await checker.find(draft("幸福里3栋2单元的楼道灯一直不亮")) == first
    # the resident's own report: matched and said so, but never offered to join
    mine = await checker.match(draft("幸福里3栋2单元的楼道灯一直不亮", who="resident-1"))
    assert mine is not None and mine.own
    assert await checker.find(draft("幸福里3栋2单元的楼道灯一直不亮", who="resident-1")) is None
    # a follower counts as their own too
    await app.tickets.join(first, await world.resident("resident-9"))
    assert (await checker.match(draft("幸福里3栋2单元的楼道灯一直不亮"))).own  # type: ignore[union-attr]
    assert await checker.find(draft("幸福里3栋2单元的楼道灯一直不亮")) is None


async def test_not_found_elsewhere_later_or_once_closed(world: World, checker: DuplicateChecker,
                                                        clock: ManualClock) -> None:
    app = world.app
    number = await file(app, "幸福里小区3栋楼道灯坏了", category="工程维修")
    again = "幸福里3栋楼道灯一直不亮"
    assert await checker.find(draft(again)) == number
    assert await checker.find(draft("幸福里5栋楼道灯一直不亮")) is None  # another building
    assert await checker.find(draft("幸福里8栋楼道灯一直不亮")) is None  # another grid (B)
    assert await checker.find(draft("阳光花园楼道灯一直不亮")) is None
    assert await checker.find(draft(again, category="环境卫生")) is None  # a category given by the dialog
    assert await checker.find(draft(again, grid_code="B")) is None
    assert await checker.find(draft("楼道灯一直不亮")) is None  # no address: nowhere to look
    clock.advance(hours=73)
    assert await checker.find(draft(again)) is None  # outside the 72 h window
    clock.advance(hours=-73)
    await app.tickets.cancel(number, world.actor(world.dispatcher), "重复")
    assert await checker.find(draft(again)) is None


async def test_without_a_grid_the_same_community_is_searched(world: World, checker: DuplicateChecker) -> None:
    app = world.app
    # 幸福里 is split between the grids: without a building neither report is routed
    number = await file(app, "幸福里小区物业前台态度很差，问问题爱答不理", category="服务质量")
    t = await app.queries.by_number(number)
    assert t is not None and t.grid_id is None
    assert await checker.find(draft("幸福里小区物业前台态度太差了，爱答不理的")) == number
    assert await checker.find(draft("阳光花园物业前台态度太差了，爱答不理的")) is None


async def test_a_shared_location_finds_a_report_nearby(world: World, checker: DuplicateChecker) -> None:
    app = world.app
    point = GeoPoint(30.2741, 120.1551)
    number = await file(app, "楼下垃圾站的垃圾好几天没人收了，臭死了", category="环境卫生", point=point)
    t = await app.queries.by_number(number)
    assert t is not None and t.grid_id is not None  # routed by its location
    assert await checker.find(draft("垃圾站的垃圾堆成山了，几天没人收", point=point)) == number
