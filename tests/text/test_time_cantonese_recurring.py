"""Cantonese words of recurrence (sixteenth session, talking to the chat: 「樓上成晚拖櫈 嘈到瞓唔著」 was asked when it
began as if nothing had been said): 成晚 / 晚晚 / 日日 / 成日 read like 整晚 / 夜夜 / 天天 / 成天."""

from __future__ import annotations

from datetime import datetime

import pytest

from core.text.timephrase import parse_time_phrase

NOW = datetime(2026, 12, 7, 20, 0)


@pytest.mark.parametrize(("text", "shown"), [("隔籬屋晚晚唱K", "晚晚"), ("垃圾房日日都臭", "日日"), ("樓上成晚跺腳", "成晚")])
def test_cantonese_recurrence_is_a_time_phrase(text: str, shown: str) -> None:
    p = parse_time_phrase(text, NOW)
    assert p is not None and p.text == shown and p.recurring
