"""Words typed in Traditional characters (seventeenth session, usertest27): 「不滿意，按鈕還是沒反應」 and 「基本滿意」 were
kept as notes while the survey waited (the ticket was not reopened), 「我的投訴」 opened a new complaint and
「查詢 261208-0001」 became a note. They are read as their Simplified forms."""

from __future__ import annotations

import pytest

from bot.dialogs.inputs import global_request
from bot.dialogs.survey import typed_rating, unresolved_said
from core.enums import Rating
from core.messages import Incoming


def _said(text: str) -> Incoming:
    return Incoming(channel="t", sender="r", chat="r", text=text)


@pytest.mark.parametrize(("said", "rating"), [
    ("不滿意", Rating.DISSATISFIED.value), ("基本滿意", Rating.BASIC.value), ("很滿意", Rating.SATISFIED.value),
    ("還可以", Rating.BASIC.value),
])  # fmt: skip
def test_a_rating_in_traditional_is_read(said: str, rating: str) -> None:
    found = typed_rating(said)
    assert found is not None and found[0] == rating


def test_not_fixed_in_traditional_is_read() -> None:
    assert unresolved_said("按鈕還是沒反應")
    found = typed_rating("不滿意，按鈕還是沒反應")
    assert found is not None and found[0] == Rating.DISSATISFIED.value


@pytest.mark.parametrize(("said", "name"), [("我的投訴", "my"), ("查詢 261208-0001", "query"), ("取消", "cancel")])
def test_requests_in_traditional_are_read(said: str, name: str) -> None:
    found = global_request(_said(said))
    assert found is not None and found.name == name
