"""Since when, asked after a time that lasts or recurs (flow30's user test: 「楼道灯坏了好久了」, 「楼上天天半夜拖椅子」,
「每天晚上回来都没地方停」 were each asked 「这个情况是什么时候开始的？例如：昨晚、今天上午、每天晚上…」 with 刚刚 / 今天
to tap — as if nothing had been said).

Why it is still asked: core/text/timephrase.py marks 好久 / 天天半夜 / 每天晚上 vague on purpose — neither gives a start
that a worker or a deadline can go by —, and the residents asked give one: in rounds 20–28, 13 writers who opened with
such a time answered the question with 上个月, 一个多月, 这两个月, 呢個月, 这半个月每天, 每天晚上十一点以后 …; not asking
lost every one of them (slot_accuracy_time fell 0.02–0.07 a round; bench/dialog_bench.py). So the question stays, but
says what it heard and asks only what is missing — when it began —, with 好几天了 / 说不清 to tap (刚刚 and 今天 do not fit
a thing that has lasted or recurs), and 说不清 keeps the resident's own phrase as the time. A part of the day alone
(晚上) or 最近 is asked as before."""

from __future__ import annotations

import re

from bot.dialogs.state import Draft
from core.text.normalize import fold, normalize
from core.text.vocab import LONG_AGO, RECURRING, UNTIMED_RECURRING

_LASTING = re.compile("|".join(re.escape(w) for w in LONG_AGO))
_RECURS = re.compile("|".join(re.escape(w) for w in RECURRING if w not in UNTIMED_RECURRING))
_SHOWN = 12  # characters of their phrase quoted back

# the options kept (by their place in texts.OCCURRED_OPTIONS, whose keys they keep): 好几天了, 说不清
KEPT_OPTIONS = (2, 3)


def lasts_or_recurs(said: str | None) -> bool:
    """The time taken says it has lasted long (好久, 很长时间) or comes back (天天半夜, 每天晚上)."""
    f = fold(normalize(said or ""))
    return bool(_LASTING.search(f) or _RECURS.search(f))


def heard(d: Draft) -> str | None:
    """The phrase to quote back when since when is asked after a lasting or recurring time, else None."""
    said = d.occurred_text if d.occurred_vague else None
    return said[:_SHOWN] if said and lasts_or_recurs(said) else None
