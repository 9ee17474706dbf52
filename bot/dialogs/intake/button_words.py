"""A button's word typed while a field is asked is never that field's value (flow30's user test: at 「请问是哪个小区？」
the word 「提交」 became the 小区, read back as 「地址是「提交3栋」」). The read-back's own words — 提交 and its ways of
saying it, 修改 — are answered (it is not that step yet) and the question is put again; where they are buttons on offer
they are pressed as before (ConvState.typed_choice runs first). 确认 / 确定 are left alone: they are a yes to
地址是「…」，对吗？."""

from __future__ import annotations

from bot.dialogs import vocabulary as vocab
from bot.dialogs.context import Context
from bot.dialogs.flow_texts import NOT_YET_CHANGE, NOT_YET_SUBMIT
from bot.dialogs.inputs import word
from bot.dialogs.intake.questions import ask
from bot.dialogs.state import Asking, ConvState
from bot.dialogs.step import Step
from core.messages import Text

# the questions whose answer is a field's own words (a place, a phone); since when has its own answer to 提交
# (tx.BAD_OCCURRED, ninth session)
FIELD_QUESTIONS = frozenset({Asking.ADDRESS, Asking.COMMUNITY, Asking.DOOR, Asking.PHONE})
_SUBMIT = frozenset(w for w in vocab.SUBMIT_WORDS if w not in ("确认", "确定"))
_CHANGE = frozenset({"修改", "我要修改", "要修改", "改一下"})


def stray(state: ConvState, ctx: Context, text: str | None) -> Step | None:
    """The question put again when a read-back word is all the answer to a field's question; else None."""
    d = state.draft
    if d is None or d.asking not in FIELD_QUESTIONS:
        return None
    said = word(text)
    note = NOT_YET_SUBMIT if said in _SUBMIT else NOT_YET_CHANGE if said in _CHANGE else None
    if note is None:
        return None
    return ask(state, ctx, d.asking, force=True, prefix=[Text(note)])
