"""Round 16's address classes (docs/understanding.md "Round 16's slots"), none a round-16 sentence: a known 小区
written with spaces inside its name (a courtyard's 「北苑二区 8号院」 for 北苑二区8号院); a courtyard's rows and
doors (N排 M号: the row is the building, the door the room); a villa's number (别墅区 N号: the house is the
building); a door said by its side on a floor (3楼西户)."""

from __future__ import annotations

import pytest

from core.text.address import Address, parse_address

KNOWN = ["北苑二区8号院", "北苑二区12号院", "金地别墅", "康宁小区"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("北苑二区 8号院 4排6号", Address("北苑二区8号院", "4", None, "6")),
        ("北苑二区 12号院 2排 15号", Address("北苑二区12号院", "2", None, "15")),
        ("北苑二区 12号院 7排", Address("北苑二区12号院", "7", None, None)),
        ("北苑二区 12号院 七排三号", Address("北苑二区12号院", "7", None, "3")),
        ("北苑二区8号院3排11号", Address("北苑二区8号院", "3", None, "11")),
    ],
)
def test_a_courtyard_s_rows_and_doors(text: str, expected: Address) -> None:
    assert parse_address(text, KNOWN) == expected


@pytest.mark.parametrize(
    ("text", "building"),
    [("金地别墅 别墅区 18号", "18"), ("金地别墅 別墅區 B區 7號", "7"), ("金地别墅 联排 23号", "23")],
)
def test_a_villa_s_number_is_its_building(text: str, building: str) -> None:
    assert parse_address(text, KNOWN).building == building


@pytest.mark.parametrize(
    ("text", "room"),
    [("康宁小区 3号楼2单元 3楼西户", "3楼西户"), ("康宁小区5栋 五楼东户", "5楼东户"), ("康宁小区 8栋1单元 6层中户", "6层中户"),
     ("康宁小区 2号楼1单元 三楼西户 302", "302")],
)
def test_a_door_said_by_its_side_on_a_floor(text: str, room: str) -> None:
    assert parse_address(text, KNOWN).room == room


@pytest.mark.parametrize("text", ["排队排了一个小时", "3排座位坏了", "别墅区的路灯坏了", "5楼东边的窗户漏风",
                                  "康宁小区北门进去第二排", "康宁小区地库 充电桩那一排"])
def test_these_are_no_rows_villas_nor_doors(text: str) -> None:
    a = parse_address(text, KNOWN)
    assert a.building is None and a.room is None


@pytest.mark.parametrize(("text", "community"), [
    ("我哋大廈部𨋢又壞咗，成日都係咁", None),  # found talking to the bot: 「哋大廈」 was read as the community
    ("佢哋嘅花园好乱", None),
    ("我住喺翠湖苑B座", "翠湖苑"),
])  # fmt: skip
def test_cantonese_pronouns_are_no_community_name(text: str, community: str | None) -> None:
    assert parse_address(text).community == community
