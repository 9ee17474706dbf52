"""A 办结 note that says an emergency is over is done, whatever was called or contacted on the way (second user test,
twentieth session: 「已联系110破窗，孩子已救出，无碍」 was asked whether work was still to come, and the worker blocked)."""

from __future__ import annotations

import pytest

from core.text.unfinished import sounds_unfinished


@pytest.mark.parametrize("note", [
    "已联系消防破门，老人已经救出来了", "已通知燃气公司关阀，火已扑灭 无人受伤", "联系了家属，人已送到医院",
    "已联系物业电工，被困人员脱险",
])  # fmt: skip
def test_an_emergency_over_is_done(note: str) -> None:
    assert not sounds_unfinished(note)


@pytest.mark.parametrize("note", ["已联系电梯维保，明天上午来修", "已通知楼上住户，等他回来再处理"])
def test_work_still_to_come_is_still_asked(note: str) -> None:
    assert sounds_unfinished(note)
