"""The address corrected at the read-back, before filing, in the words placefix26 reads after filing (sixteenth
session, talking to the chat: 「不好意思 刚才说错了 是3单元 不是2单元」 at the read-back was added to the content and the
place kept 2单元). Only the part said changes."""

from __future__ import annotations

import pytest

from bot.dialogs.state import Asking
from tests.dialogs.test_steps import fresh, msg, step


def _at_review(place: str):  # type: ignore[no-untyped-def]
    s = step(fresh(), msg("楼道的声控灯不亮了"))
    for answer in (place, "昨天晚上", "13811112222"):
        s = step(s.state, msg(answer))
    assert s.state.draft and s.state.draft.asking == Asking.REVIEW
    return s


@pytest.mark.parametrize(("said", "unit"), [("哎呀说错了 是1单元不是2单元", "1"), ("写错了 应该是4单元", "4")])
def test_the_part_corrected_changes_and_the_rest_stays(said: str, unit: str) -> None:
    s = step(_at_review("幸福里小区9栋2单元").state, msg(said))
    d = s.state.draft
    assert d and d.asking == Asking.REVIEW
    assert (d.community, d.building, d.unit) == ("幸福里小区", "9", unit)
    assert d.description == "楼道的声控灯不亮了"


def test_a_detail_that_corrects_nothing_is_still_added() -> None:
    s = step(_at_review("幸福里小区9栋2单元").state, msg("灯是三楼和四楼之间那盏"))
    d = s.state.draft
    assert d and d.unit == "2" and "三楼和四楼之间" in (d.description or "")
