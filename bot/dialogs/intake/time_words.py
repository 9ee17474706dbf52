"""Words at the time question that are no time (usertest28): 「跳过」, a stray 「没有」 and 「不知道几单元」 were stored
as the time and shown on the worker's card, and a real time sent afterwards went into the description. A skip is a
skip (no time, not asked again), a bare don't-know is stored as 说不清 (the button's word), a bare no is asked
again, and a don't-know about something else (几单元, 哪一家) is a remark for the staff."""

from __future__ import annotations

import re
from typing import Literal

from bot.dialogs import texts as tx
from bot.dialogs.context import Context
from bot.dialogs.inputs import word
from bot.dialogs.intake.fields import draft_of, settle_time
from bot.dialogs.intake.flow import proceed
from bot.dialogs.intake.questions import invalid
from bot.dialogs.state import Asking, ConvState
from bot.dialogs.step import Step
from core.messages import OutMessage

Verdict = Literal["skip", "no", "unknown", "remark"]

_SKIP = frozenset({"跳过", "跳过吧", "不用", "不用了", "不需要", "不填", "不填了", "略过", "算了不说了", "pass", "skip"})
_NO = frozenset({"没有", "没", "无", "没了", "没有了", "不补充"})
_NOT_KNOWN = r"(?:不知道|不清楚|不记得|记不清|记不得|说不清|说不好|搞不清|不太清楚|不晓得|忘了|忘记了)"
# 「不知道」「我也说不清了」 alone: not knowing when
_UNKNOWN = re.compile(rf"(?:我|俺)?(?:也|真)?{_NOT_KNOWN}(?:楚)?(?:了|啊|呀|哦|诶|欸|耶|呢)?(?:具体)?(?:时间|什么时候|哪天|几号)?")
# 「不知道几单元」「不清楚是哪一家」: not knowing something else — said for the staff, not when
_UNKNOWN_OTHER = re.compile(rf"{_NOT_KNOWN}.{{0,4}}(?:几|哪|谁|什么(?!时候)|多少)")


def time_verdict(text: str) -> Verdict | None:
    """What words with no time phrase in them are, said at the time question (None: read on as before)."""
    said = word(text)
    if said in _SKIP:
        return "skip"
    if said in _NO:
        return "no"
    if _UNKNOWN.fullmatch(said):
        return "unknown"
    if len(said) <= 16 and _UNKNOWN_OTHER.search(said):
        return "remark"
    return None


def no_time(state: ConvState, ctx: Context, verdict: Verdict, replies: list[OutMessage]) -> Step:
    """A skip, a bare no or a don't-know at the time question (a remark is kept by the caller)."""
    d = draft_of(state)
    if verdict == "no":
        return invalid(state, ctx, Asking.OCCURRED, tx.BAD_OCCURRED)
    if verdict == "unknown":
        settle_time(d, tx.OCCURRED_OPTIONS[-1], None)  # 说不清, as the button says it
    else:
        d.occurred_skipped, d.occurred_hint = True, None
    return proceed(state, ctx, replies)
