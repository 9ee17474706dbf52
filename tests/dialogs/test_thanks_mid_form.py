"""「谢谢啊」 said at a question of the form is thanks, not the answer nor a remark (twelfth session: at where? it was
added to the description as 「…；谢谢啊」 and read back to the resident)."""

from __future__ import annotations

import pytest

from bot.dialogs import texts as tx
from bot.dialogs.state import Asking
from core.messages import plain_text
from tests.dialogs.test_intake_slots import at
from tests.dialogs.test_steps import msg, step


@pytest.mark.parametrize("question", [Asking.ADDRESS, Asking.OCCURRED, Asking.PHONE])
@pytest.mark.parametrize("words", ["谢谢啊", "好的谢谢", "辛苦了", "麻烦你们了"])
def test_thanks_is_answered_and_the_question_put_again(question: Asking, words: str) -> None:
    s = at(question)
    before = s.state.draft.description if s.state.draft else None
    s = step(s.state, msg(words))
    assert s.state.draft is not None and s.state.draft.asking == question
    assert s.state.draft.description == before  # nothing added to what happened
    assert plain_text(s.replies[:1]) == tx.THANKS_MID_FORM
    assert s.state.draft.phone is None or question != Asking.PHONE
