"""usertest28: 「咨询一下小区里…」 was read as a community 「一下小区」; 翠胡苑 / 阳光花圆 / 幸副里 (a known name typed
with a character that sounds the same) matched no grid; 「我想咨询一下…能不能装…」 was filed as a suggestion."""

from __future__ import annotations

import pytest

from core.text.address import parse_address
from core.text.address_typo import same_sound
from core.text.consult import is_consultation

KNOWN = [("锦绣家园", "锦绣"), "桂花苑", "明珠花园小区", "东方新村"]


@pytest.mark.parametrize("text", [
    "想咨询一下小区里的快递柜谁管", "了解一下小区的停车收费", "打听一下小区里游泳池开不开", "麻烦问一下小区几点锁门",
    "请问小区北门晚上开吗", "咨询下小区车位怎么租",
])
def test_asking_words_before_xiaoqu_name_no_community(text: str) -> None:
    assert parse_address(text, KNOWN).community is None


def test_a_real_name_before_xiaoqu_is_still_read() -> None:
    assert parse_address("下沙小区3栋楼道灯坏了").community == "下沙小区"


@pytest.mark.parametrize(("text", "canonical", "written"), [
    ("锦秀家园6栋水管爆了", "锦绣家园", "锦秀家园"),
    ("桂华苑2单元电梯坏了", "桂花苑", "桂华苑"),
    ("我住明株花园12栋", "明珠花园小区", "明株花园"),
    ("东方新存3栋楼下有人吵", "东方新村", "东方新存"),
])
def test_a_known_name_typed_with_a_same_sound_slip_is_that_community(text: str, canonical: str, written: str) -> None:
    a = parse_address(text, KNOWN)
    assert a.community == canonical and a.heard_as == written


@pytest.mark.parametrize("text", [
    "桂林苑2栋漏水",  # another sound: another place, not a slip
    "东方明村5栋",  # 明 does not sound like 新
    "锦绣家园6栋水管爆了",  # written right: no slip to tell
])
def test_other_sounds_and_right_names_are_no_slip(text: str) -> None:
    assert parse_address(text, KNOWN).heard_as is None
    assert parse_address(text, KNOWN).community != "桂花苑" or "桂花" in text


def test_a_slip_that_could_be_two_communities_is_neither() -> None:
    known = ["金华苑", "金花苑"]  # 金桦苑: hua sounds like both
    assert parse_address("金桦苑3栋", known).heard_as is None


def test_same_sound_reads_every_reading() -> None:
    assert same_sound("湖", "胡") and same_sound("园", "圆") and same_sound("福", "副") and not same_sound("新", "明")


@pytest.mark.parametrize("text", [
    "我想咨询一下小区里能不能装充电桩", "咨询一下，楼下空地能不能建个篮球场", "想咨询下电梯里能不能加个空调",
])
def test_a_change_asked_about_after_zixun_is_a_question(text: str) -> None:
    assert is_consultation(text)


def test_a_fault_after_zixun_is_still_a_complaint() -> None:
    assert not is_consultation("我想咨询一下，电梯坏了三天了怎么还没人修")
