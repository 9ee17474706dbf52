"""「点错了」「不是，没人受伤」「搞错了 没那么严重」 right after an emergency the resident made one by answering yes to the
triage question (an elderly resident's 「对」 to a long question, a thumb on the wrong button): the danger taken back.
Before branch left29 there was no way back — 点错了 got 「照常处理」 and 「不是，没人被困」 was passed to those on the way
while the ticket stayed 紧急. Now the core downgrades it (core/service/downgrade.py): the ticket stays, its urgency and
deadlines go back, and the heads the alert reached are told it was a mistake.

Only an emergency that rests on the resident's own yes, and only soon after: an emergency read from the words
themselves (煤气味很大) is not undone by a 「没事」, nor one whose course they tell (人出来了)."""

from __future__ import annotations

import re

from bot.dialogs import emergency_texts as etx
from bot.dialogs.context import Context
from bot.dialogs.effects import Done, Downgrade, Effect, Refused
from bot.dialogs.state import ConvState
from bot.dialogs.step import Step
from core.messages import Text
from core.text.normalize import fold, nfkc
from core.text.urgency import EMERGENCY, assess_urgency, hazard_said_present

# how a resident takes the danger back: a slip (点错了, 按错了, 误触), or the danger denied (没人受伤, 没那么严重, 不是)
_TAKEN_BACK = (r"(?:点|按|选|摁|搞|弄|说|答|回答|打|看)错了?|误(?:点|按|触|报|操作)|不小心(?:点|按)(?:到|了|的)?"
               r"|没(?:有)?人(?:受伤|被困|困住|困在里面|有事|有危险)|没(?:有)?(?:受伤|被困|危险)"
               r"|没(?:有)?(?:那么|这么)?严重|不(?:太|怎么|是很|是那么|是)?(?:严重|危险|紧急|要紧)"
               r"|不是(?:紧急情况|急事|那个意思)?")
_FILLERS = (r"哦|噢|喔|啊|呀|哎呀|哎|唉|嗯|不好意思|对不起|抱歉|刚才|刚刚|其实|我|是|了|的|啦|呢|没事|都"
            r"|[\s，,。.!！~～…、]")
_LEAD = re.compile(rf"^(?:{_FILLERS})*(?:{_TAKEN_BACK})")
_STRIP = re.compile(rf"{_TAKEN_BACK}|{_FILLERS}")
# what may follow: what it really is (就是电梯坏了); 但是… keeps a concern the staff must weigh, so it is not taken back
_EXPLAINS = re.compile(r"^(?:就是|只是|就|其实)")
# the emergency's course (人出来了, 送医院了): it was real, whatever is said with it
_COURSE = re.compile(r"出来了|救出|醒了|送(?:去)?医院|120|119|110|救护车|消防")
_MAX = 40  # characters: longer words tell more than a slip


def takes_back(text: str | None) -> bool:
    """The words take back the danger of the emergency just filed, and say nothing that keeps it."""
    w = fold(nfkc(text or "")).strip()
    if not w or len(w) > _MAX or hazard_said_present(w) or _COURSE.search(w) or not _LEAD.search(w):
        return False
    rest = _STRIP.sub("", w)
    if not rest:
        return True
    u = assess_urgency(rest)
    return bool(_EXPLAINS.match(rest)) and (u.level != EMERGENCY or u.model_alone) and not u.triage


def offered(state: ConvState, ctx: Context, text: str | None) -> bool:
    """Soon after an emergency the resident's yes made: words that take it back."""
    return (state.last_filed_triaged and state.last_filed is not None and state.last_filed_at is not None
            and ctx.now - state.last_filed_at <= ctx.settings.photos_follow_filing and takes_back(text))


def take_back(state: ConvState, text: str) -> Step:
    assert state.last_filed is not None
    return Step(state, [], [Downgrade(number=state.last_filed, said=text.strip(), then=_taken_back)])


def _taken_back(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    assert isinstance(effect, Downgrade)
    if isinstance(result, Refused) or not isinstance(result, Done):
        return Step(state, [Text(result.message if isinstance(result, Refused) else etx.DOWNGRADE_FAILED)])
    state.last_filed_emergency = state.last_filed_triaged = False
    state.last_filed_hazard = state.last_filed_advice = None
    return Step(state, [Text(etx.downgraded(effect.number, result.detail, phone=state.phone_wanted_for == effect.number))])
