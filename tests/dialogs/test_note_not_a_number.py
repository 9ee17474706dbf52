"""A bare number typed while a progress or resolution note is asked (sixteenth session, talking to the chat: 「2」, an
option from an older card, was recorded as the progress and sent to the resident as 「工单…有新进展：2」) is no note:
the words are asked for again. A note that carries a number among words is a note."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.dialogs import worker_words as words
from bot.dialogs.state import WorkerPending
from core.service import keys

ASKED = datetime(2026, 12, 7, 20, 0)


@pytest.mark.parametrize("verb", [keys.PROGRESS, keys.RESOLVE])
@pytest.mark.parametrize("typed", ["2", " 1 ", "12"])
def test_a_bare_number_is_no_note(verb: str, typed: str) -> None:
    move = words.answer(WorkerPending(verb=verb, number="261207-0001", asked_at=ASKED), typed)
    assert isinstance(move, words.Reply) and move.what == "words"


@pytest.mark.parametrize("typed", ["换了2个灯泡", "已清运 3车", "明天9点上门"])
def test_words_with_a_number_are_a_note(typed: str) -> None:
    move = words.answer(WorkerPending(verb=keys.PROGRESS, number="261207-0001", asked_at=ASKED), typed)
    assert isinstance(move, words.Act) and move.note == typed
