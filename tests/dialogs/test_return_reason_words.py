"""A return's reason said in the worker's own words finds its reason (twelfth session: 「这个不归我们管 是电梯公司的」
was filed as 其他, and the dispatchers' figures of returns by reason lost it)."""

from __future__ import annotations

import pytest

from bot.dialogs.worker_words import split_reason as _split_reason


@pytest.mark.parametrize(("said", "reason"), [
    ("这个不归我们管 是电梯公司的", "不属于物业职责"), ("燃气公司的事 我们处理不了", "不属于物业职责"),
    ("这是隔壁网格的", "不属于本网格"), ("地址不对 找不到这户", "信息不全无法处理"), ("电话打不通 联系不上人", "信息不全无法处理"),
    ("这个昨天已经有工单了 重复", "重复工单"), ("师傅今天请假了", "其他"),
    ("不属于物业职责：是供电局的线", "不属于物业职责"),
])  # fmt: skip
def test_the_reason_is_found(said: str, reason: str) -> None:
    got, note = _split_reason(said)
    assert got == reason and note  # their words are kept as the note
