"""A worker's 退回 reason and the words they typed (branch left29): the label read 不属于本网格 while the words said the
resident was not home — the desk re-routes on the label, and would have sent this grid's ticket to another grid. The
words that name another reason win over a label they contradict; 「其他网格的…」 is not the label 其他; a neighbour's
grid the worker went to ask in is no 「another grid's place」."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.dialogs.state import WorkerPending
from bot.dialogs.worker_words import Act, answer, split_reason
from core.service import keys

NOT_HOME, OTHER_GRID, OTHER = "信息不全无法处理", "不属于本网格", "其他"


@pytest.mark.parametrize(("said", "reason"), [
    ("上门两次住户都不在家", NOT_HOME),
    ("敲了半天门没人应，电话也打不通", NOT_HOME),
    ("去隔壁片区打听了一下 住户还是不在家", NOT_HOME),
    ("不属于本网格 住户不在家", NOT_HOME),  # the words after the label name another reason
    ("其他网格管的地方", OTHER_GRID),
    ("这栋楼是隔壁网格的", OTHER_GRID),
    ("不属于本网格 这栋楼归隔壁片区管", OTHER_GRID),  # the label's own words: kept
    ("其他：住户说自己找人修了", OTHER),
])
def test_the_reason_follows_the_words(said: str, reason: str) -> None:
    assert split_reason(said)[0] == reason


def test_a_tapped_label_the_note_contradicts_gives_way_to_the_words() -> None:
    p = WorkerPending(verb=keys.RETURN, number="261208-0001", step="return_note", reason=OTHER_GRID,
                      asked_at=datetime(2026, 12, 8, tzinfo=UTC))
    act = answer(p, "住户不在家，敲门没人开")
    assert isinstance(act, Act) and act.reason == NOT_HOME and act.note == "住户不在家，敲门没人开"
    kept = answer(p, "跳过")
    assert isinstance(kept, Act) and kept.reason == OTHER_GRID
