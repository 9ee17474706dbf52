"""Asking when the work will be done or the fault end (多久能处理, 师傅几时到, 到底什么时候来水啊, 修好要多长时间,
时限是几天): one reader for the intake's service questions (bot/dialogs/service_questions.py, answered with the
deadline) and for telling a question back from an answer (core/text/answers.py `asks_back`: not when it began).
Two copies had drifted apart — one knew 哪天 and 派人, the other did not."""

from __future__ import annotations

import re

_ASK = r"(?:多久|多长时间|多少天|什么时候|啥时候|哪天|几时)"
# 几天 asks only where it cannot be a span of days already gone or to come (前几天, 过几天, 好几天, 十几天, 最近几天)
_DAYS = r"(?<![前过隔好十连每近])几天"
_CAN = r"(?:能|会|可以|才能|才|就能|能够)"
_WORK = r"(?:来人|来|到|修|处理|解决|弄好|搞定|有人|派人|上门|有结果|有回复|回复|答复|恢复|通|好)"
# right after 几天, without 能 / 会, only the work itself: 「这几天好吵」「这几天有人在楼道抽烟」「几天来一直漏」 tell, not ask
_WORK_AFTER_DAYS = r"(?:修|处理|解决|弄好|搞定|派人|上门|有结果|有回复|回复|答复|恢复)"
_DONE = r"(?:修好|修完|处理好|处理完|解决|弄好|来人|上门)"

ASKS_WHEN_FIXED = re.compile(
    rf"{_ASK}{_CAN}?{_WORK}"
    rf"|{_DAYS}(?:{_CAN}{_WORK}|{_WORK_AFTER_DAYS})"
    # the work first (修好要多久); 「上门几天了还没修」 tells how long it has been
    rf"|{_DONE}(?:要|得|需要|大概要|一般要)?(?:{_ASK}|{_DAYS})(?![了前后])"
    r"|(?:时限|期限)(?:是)?(?:多久|多长|几天)"
)


def asks_when_fixed(folded: str) -> bool:
    """Whether words (folded: core.text.normalize) ask when the work will be done or the fault end."""
    return ASKS_WHEN_FIXED.search(folded) is not None
