"""Corrections said mid-form (usertest28): 「不对，其实是楼道灯坏了，不是垃圾」 was only appended to the description (the
read-back kept 环境卫生, the filing read 工程维修); a corrected address left the old one in the words workers read
(「楼道里堆满了杂物 幸福里8栋1单元」 filed at 翠湖苑). Now what happened, corrected, replaces the description and its kind
and category are read again; and a part of the description that was only the old address goes with it."""

from __future__ import annotations

import re

from bot.dialogs import texts as tx
from bot.dialogs.context import Context
from bot.dialogs.intake.fields import absorb, draft_of, remember, settle_time, start_of
from bot.dialogs.intake.flow import proceed
from bot.dialogs.intake.keys import MAX_OCCURRED
from bot.dialogs.intake.place_edit import drop_old_place
from bot.dialogs.intake.readback import place_corrected
from bot.dialogs.place_fix import corrected_place
from bot.dialogs.state import Asking, ConvState, Draft
from bot.dialogs.step import Step
from bot.dialogs.understand import read_address
from core.messages import OutMessage, Text
from core.text.answers import new_matter
from core.text.normalize import fold, nfkc
from core.text.timephrase import TimePhrase, parse_time_phrase

# whose door it is, not where the resident is (不是我们这栋 是隔壁3栋, 我说的是楼上501): a remark, as before
NEIGHBOUR = re.compile(r"隔壁|楼上|楼下|对门|对面|那家|那户|邻居")
# 不对 / 不是不是 / 说错了 / 搞错了, then what it is: 其实是, 应该是, 是
_SAID_WRONG = r"我?(?:刚才)?[说写搞弄打]错了"
_WRONG = rf"(?:不对|不是的|不是不是|不是(?=[，,。！!\s]*{_SAID_WRONG})|错了|{_SAID_WRONG}|更正一下)"
_FIX_LEAD = re.compile(rf"^(?:{_WRONG}[，,。！!\s]*)+(?:其实|应该|实际上|我是说|我想说的)?是")
_ACTUALLY = re.compile(r"^(?:其实|实际上)是")
# the part said wrong, named after (…，不是垃圾): left out of the new words
_NOT_THAT = re.compile(r"[，,。\s]*(?:而)?不是([^，,。！!]{1,10})[。！!]*$")


# where the matter corrected is taken (usertest29b: right after the opening the place may be asked first); a place
# corrected only once it was taken (the address questions read places their own way); not at the triage question
CORRECTED_AT = frozenset({Asking.OCCURRED, Asking.PHONE, Asking.ADDRESS, Asking.COMMUNITY, Asking.ADDRESS_CONFIRM,
                          Asking.DOOR})


def corrected(state: ConvState, ctx: Context, text: str, replies: list[OutMessage]) -> Step | None:
    """At the time or phone question: the matter or the place said again, corrected; None when the words are not."""
    d = draft_of(state)
    when = time_corrected(d, text, ctx)
    if when is not None:  # 「不是刚刚 是今天早上」: the time replaced, not kept after the old one nor in the description
        d.occurred_text, d.occurred_hint, d.occurred_vague = None, None, False
        settle_time(d, when.text.strip()[:MAX_OCCURRED], start_of(when, ctx))
        return proceed(state, ctx, [*replies, Text(tx.TIME_CORRECTED.format(when=d.occurred_text))])
    new = matter_corrected(d, text, ctx)
    if new is not None:
        d.kind = d.category = None  # read again from the corrected words (the filing reads them too)
        absorb(d, new, ctx, description=True)
        remember(d, text)
        return proceed(state, ctx, [*replies, Text(tx.MATTER_CORRECTED.format(description=d.description))])
    if not d.address_ok or NEIGHBOUR.search(text) or (fixed := corrected_place(text, ctx.communities)) is None:
        return None
    old = d.community, d.building, d.unit, d.room
    step = place_corrected(state, ctx, fixed, replies)
    drop_old_place(d, *old)
    return step


# 「不是刚刚 是今天早上」「不对 不是昨天 是前天晚上」: the time said before, named, then the right one
_NOT_WHEN = re.compile(rf"^(?:{_WRONG}[，,。！!\s]*)*不是(?P<old>[^，,。！!\s]{{1,8}}?)[，,。！!\s]*(?:而)?是(?P<new>[^，,。！!]{{2,16}})$")


def time_corrected(d: Draft, text: str, ctx: Context) -> TimePhrase | None:
    """The time taken corrected: the old time named (or a time at all), the new one a time; None for anything else."""
    m = _NOT_WHEN.match(nfkc(text).strip().rstrip("。.!！~～"))
    if m is None or not d.occurred_text:
        return None
    old, new = m.group("old"), parse_time_phrase(m.group("new"), ctx.now)
    if new is None or (old not in d.occurred_text and parse_time_phrase(old, ctx.now) is None):
        return None
    return new


def matter_corrected(d: Draft, text: str, ctx: Context) -> str | None:
    """「不对，其实是楼道灯坏了，不是垃圾」: the new words of what happened (楼道灯坏了); None for anything else — a time or a
    place corrected, a detail, words that name the matter already told."""
    t = nfkc(text).strip()
    lead = _FIX_LEAD.match(t)
    if lead is None:
        lead = _ACTUALLY.match(t) if _NOT_THAT.search(t) else None
    if lead is None:
        return None
    rest = t[lead.end():].strip(" ，,。")
    not_that = _NOT_THAT.search(rest)
    if not_that is not None:
        if fold(not_that.group(1)) not in fold(d.description or ""):
            return None  # 不是 names something the description does not: no correction of it
        rest = rest[:not_that.start()]
    if len(rest) < 3 or not new_matter(rest, d.description):
        return None
    place = read_address(rest, ctx.communities)  # the place said with it agrees with the one taken (else: a place fix)
    if (place.community and place.community != d.community) or (place.building and place.building != d.building):
        return None
    return rest
