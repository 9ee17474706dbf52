"""usertest29 item 24: 「辛福里小区9栋」 was read back as written, with no word that 幸福里 was meant: 辛 (xin) and 幸
(xing) differ by the nasal, the slip a pinyin keyboard's fuzzy sounds (and many speakers) make. A known name typed
with one character whose reading differs only by the pinyin keyboards' fuzzy pairs (in/ing, en/eng, an/ang, z/zh,
c/ch, s/sh, l/n) is that community, as a same-sound slip is; any other sound is another place."""

from __future__ import annotations

import pytest

from core.text.address import parse_address
from core.text.address_typo import near_sound

KNOWN = [("锦绣家园", "锦绣"), "桂花苑", "明珠花园小区", "东方新村", "幸福里小区", "长青苑"]


@pytest.mark.parametrize(("text", "canonical", "written"), [
    ("辛福里小区9栋门口积水", "幸福里小区", "辛福里"),  # xin / xing
    ("东方星村2栋电梯坏了", "东方新村", "东方星村"),  # xing / xin
    ("常青苑3栋楼道灯不亮", "长青苑", "常青苑"),  # chang, the same sound: as before
    ("长清苑5栋漏水", "长青苑", "长清苑"),  # qing, the same sound
    ("长琴苑5栋漏水", "长青苑", "长琴苑"),  # qin / qing
])
def test_a_near_sound_slip_is_that_community(text: str, canonical: str, written: str) -> None:
    a = parse_address(text, KNOWN)
    assert a.community == canonical and a.heard_as == written


@pytest.mark.parametrize("text", ["桂林苑2栋漏水", "东方明村5栋", "幸运里小区3栋"])
def test_another_sound_is_another_place(text: str) -> None:
    a = parse_address(text, KNOWN)
    assert a.heard_as is None


def test_near_sound_is_bounded_to_the_fuzzy_pairs() -> None:
    assert near_sound("辛", "幸") and near_sound("山", "伤") and near_sound("资", "之") and near_sound("南", "兰")
    assert not near_sound("新", "明") and not near_sound("福", "运") and not near_sound("花", "发")
