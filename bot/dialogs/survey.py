"""The resident's verdict on a resolved ticket: 满意 / 基本满意 / 不满意 (button keys sent by the core
with the resolution), then an optional comment — or, for 不满意, why (the ticket is already reopened).

The follow-up question lives in its own slot (`state.side`) so a survey answered in the middle of an
intake leaves the draft untouched; afterwards the resident is taken back to it in one line.
"""

from __future__ import annotations

import re

from bot.dialogs import intake
from bot.dialogs import survey_texts as stx
from bot.dialogs import texts as tx
from bot.dialogs import vocabulary as vocab
from bot.dialogs.context import Context
from bot.dialogs.effects import Done, Effect, Rate, Rated, Refused, SurveyComment
from bot.dialogs.inputs import meaningful, only_words, word
from bot.dialogs.smalltalk import small_talk
from bot.dialogs.state import ConvState, Side
from bot.dialogs.step import Step
from core.enums import Rating
from core.messages import Choice, Choices, Notice, OutMessage, Text
from core.service.keys import ActionKey
from core.text.answers import another_matter, new_matter, shares_subject
from core.text.normalize import fold
from core.text.urgency import EMERGENCY, assess_urgency

SIDE = "side"
K_SKIP = "sc:skip"
# what a resident (or a worker on the phone for them) may answer; no_answer is the timers' own outcome
OFFERED = (Rating.SATISFIED, Rating.BASIC, Rating.DISSATISFIED)
RATINGS = {r.value for r in OFFERED}
TYPED = {r.label: r.value for r in OFFERED}  # 满意 / 基本满意 / 不满意 typed on WeChat


def on_key(state: ConvState, ctx: Context, key: ActionKey) -> Step:
    """sv:<number>:<round>:<rating> pressed."""
    if len(key.args) != 2 or not key.args[0].isdigit() or key.args[1] not in RATINGS:
        return Step(state, [Notice(tx.EXPIRED_BUTTON)])
    return Step(
        state, [], [Rate(number=key.number, round=int(key.args[0]), rating=key.args[1], then=after_rate)]
    )


def typed(state: ConvState, ctx: Context, rating: str, comment: str | None = None) -> Step | None:
    """满意 / 基本满意 / 不满意 typed while a survey is waiting for this resident, with what came with it."""
    if ctx.pending_survey is None or rating not in RATINGS:
        return None
    number, round_ = ctx.pending_survey
    return Step(state, [], [Rate(number=number, round=round_, rating=rating, comment=comment, then=after_rate)])


def typed_rating(text: str | None) -> tuple[str, str | None] | None:
    """The rating said in words (「还行吧」, 「不太满意，灯还是一闪一闪的」, 「满意 谢谢师傅」) and the words beside it
    that say more than thanks; None when the message is no rating. Traditional as Simplified (usertest27: 不滿意)."""
    w = fold(word(text))
    if not w:
        return None
    if w in TYPED:
        return TYPED[w], None
    if _FIXED.search(w) and _GRIPE.search(w) and not _UNRESOLVED.search(w):
        return Rating.BASIC.value, (text or "").strip()  # 「修好了 就是师傅态度不好」: fixed, with a gripe — kept
    if not _ANY_RATING.search(w):  # most messages: no rating word anywhere (every private message is asked)
        return None
    alone = only_words(w, (*_ALONE, *vocab.RATING_FILLERS))
    if alone:
        said = [_ALONE[f] for f in alone if f in _ALONE]
        if len(set(said)) == 1:
            return said[0], None
    led = _led_by_alone_word(w)
    if led is not None:
        rating, rest = led
        return rating, None if small_talk(rest) in ("thanks", "ack") else (text or "").strip()
    for phrase in _WITH_MORE:
        for rest in _around(w, phrase):
            rest = rest.strip(_SEPARATORS)
            if not rest or only_words(rest, (*vocab.RATING_FILLERS, phrase)) is not None:
                return _WITH_MORE[phrase], None
            if small_talk(rest) in ("thanks", "ack"):
                return _WITH_MORE[phrase], None
            return _WITH_MORE[phrase], (text or "").strip()
    return None


# fixed, and something about how (thirteenth session: 「师傅态度不好 但是修好了」 was noted on the ticket and the survey
# left waiting): basically satisfied, the words kept for the staff
_FIXED = re.compile(r"(?<![没未不])(?:修好|弄好|搞好|处理好|解决)了?|已经好了|(?:灯|水|电|电梯)?(?:亮了|通了|不漏了|能用了|恢复了)")
_GRIPE = re.compile(r"态度|太慢|很慢|拖了|等了|磨蹭|脏|一地|没清理|没收拾|不礼貌|凶|骂|不耐烦|迟到|没打招呼|没提前|乱收|收了.{0,4}钱")
# it is not fixed (「灯还是不亮」, 「根本没修」, 「跟没修一样」, 「又坏了」), said while a survey waits: not satisfied
_UNRESOLVED = re.compile(
    r"(?:还是|仍然|依然|照样|照旧|依旧)(?:不|没|坏|漏|在漏|在响|一样|老样子|那样|黑)"
    r"|根本(?:就)?没(?:有)?(?:修|来|人|弄|处理|管|动)|(?:压根|从来|一直)(?:就)?没(?:有)?人来"
    r"|没(?:有)?人来(?:过|修|看)|跟没修一样|白修了|又坏了|修了(?:也)?没用")
# 「还是老样子 挺好」「还是想问问…」: 还是 that says nothing is wrong
_UNRESOLVED_NOT = re.compile(r"挺好|不错|满意|谢谢|想问|请问|有点吵|有点")


def unresolved_said(text: str | None) -> bool:
    """The words say the matter is not fixed (the context loader's cue to look up a waiting survey)."""
    w = fold(word(text))
    return bool(w) and bool(_UNRESOLVED.search(w)) and not _UNRESOLVED_NOT.search(w)


def unresolved(text: str | None, about: str | None) -> bool:
    """Said while a survey waits: the ticket rated is not fixed — unless the words bring up another matter
    (「小区门口的垃圾还是没人收」 after a lamp was fixed is a complaint of its own)."""
    if not text or not unresolved_said(text):
        return False
    if about and (shares_subject(text, about) or _named_before(word(text), about)):
        return True  # 「灯还是不亮」 after 楼道灯坏了, 「又坏了 亮了一晚上就不亮了」: the same thing
    return not another_matter(text) and (about is None or not new_matter(text, about))


def _named_before(w: str, about: str) -> bool:
    """The thing said just before 还是 / 又 (灯, 水, 门) is one the ticket names: one character is enough here."""
    m = _UNRESOLVED.search(w)
    before = w[max(0, m.start() - 2):m.start()] if m else ""
    return any("\u4e00" <= ch <= "\u9fff" and ch not in _NOT_A_THING and ch in about for ch in before)


_NOT_A_THING = frozenset("的了啊呀吧就也都还又是在我你他她它这那个")


def _led_by_alone_word(w: str) -> tuple[str, str] | None:
    """「还行吧 希望以后别这样」「不行，灯还是不亮」: a word that counts only alone (还行, 不行) as the whole first
    clause, more said after it — the rating and its comment. Not when what follows tells of danger (「不行了，
    水管爆了」 is a new matter, not a verdict)."""
    cut = next((i for i, ch in enumerate(w) if ch in _SEPARATORS), None)
    if cut is None:
        return None
    first, rest = w[:cut], w[cut:].strip(_SEPARATORS)
    lead = only_words(first, (*_ALONE, *vocab.RATING_FILLERS)) if rest else None
    said = {_ALONE[f] for f in lead or () if f in _ALONE}
    if len(said) != 1:
        return None
    danger = assess_urgency(rest)
    if danger.level == EMERGENCY or danger.triage:
        return None
    return said.pop(), rest


def _around(w: str, phrase: str) -> list[str]:
    """What is left when `phrase` opens or ends the message (after a filler or two: 嗯嗯，不满意)."""
    start = w.lstrip("".join(_SEPARATORS))
    for filler in _FILLERS_LONGEST_FIRST:
        if start.startswith(filler) and start[len(filler):].lstrip(_SEPARATORS).startswith(phrase):
            start = start[len(filler):].lstrip(_SEPARATORS)
            break
    left = []
    if start.startswith(phrase):
        left.append(start[len(phrase):])
    end = w.rstrip(_SEPARATORS + "吧啊呀了的哈呢")
    if end.endswith(phrase) and not left:
        before = end[: -len(phrase)]
        if not before.endswith("不") and not before.endswith("没"):  # 「…不满意」 ends with 满意 too
            left.append(before)
    return left


_SEPARATORS = " ,，.。!！~～、；;:："
# longest first, so 不太满意 is tried before 满意 and 还没修好 before 没修好
_WITH_MORE = dict(sorted(((p, r) for r, phrases in vocab.RATING_WORDS.items() for p in phrases),
                         key=lambda pr: len(pr[0]), reverse=True))
_ALONE = {p: r for r, phrases in vocab.RATING_WORDS_ALONE.items() for p in phrases}
_ANY_RATING = re.compile("|".join(re.escape(p) for p in sorted([*_WITH_MORE, *_ALONE], key=len, reverse=True)))
_FILLERS_LONGEST_FIRST = tuple(sorted(vocab.RATING_FILLERS, key=len, reverse=True))


def after_rate(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    assert isinstance(effect, Rate)
    if isinstance(result, Refused):
        return Step(state, [Text(result.message), *intake.continue_draft(state, ctx)])
    assert isinstance(result, Rated)
    if not result.recorded:
        text = stx.SURVEY_ALREADY if result.reason == "already" else stx.SURVEY_LATE
        return Step(state, [Text(text), *intake.continue_draft(state, ctx)])
    dissatisfied = effect.rating == Rating.DISSATISFIED.value
    if effect.comment:  # said with the rating: sent as its comment, not asked for
        state.side = Side(kind="survey_reason" if dissatisfied else "survey_comment", number=effect.number,
                          round=effect.round, asked_at=ctx.now)
        return Step(state, [], [SurveyComment(number=effect.number, round=effect.round, text=effect.comment,
                                              then=_after_typed_comment)])
    state.side = Side(
        kind="survey_reason" if dissatisfied else "survey_comment",
        number=effect.number,
        round=effect.round,
        asked_at=ctx.now,
    )
    question = Choices(
        stx.SURVEY_WHY if dissatisfied else stx.SURVEY_THANKS,
        (Choice(K_SKIP, stx.SURVEY_SKIP),),
        allow_text=True,
    )
    state.offer(SIDE, question)
    return Step(state, [question])


def on_text(state: ConvState, ctx: Context, text: str) -> Step:
    side = state.side
    assert side is not None
    if not meaningful(text, 1):
        return skip(state, ctx)
    # 「根本没弄好」 after 满意 / 基本满意: 不满意 after all (the core decides whether it still may)
    not_fixed = side.kind == "survey_comment" and unresolved(text, None)
    return Step(state, [], [SurveyComment(number=side.number, round=side.round, text=text, unresolved=not_fixed,
                                          then=after_comment)])


def after_comment(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    assert isinstance(effect, SurveyComment)
    reason = state.side is not None and state.side.kind == "survey_reason"
    _close(state)
    replies: list[OutMessage]
    if isinstance(result, Refused):
        replies = [Text(result.message)]
    elif isinstance(result, Done) and result.detail == "reopened":
        replies = [Text(stx.SURVEY_SAYS_UNRESOLVED)]
    else:
        replies = [Text(stx.SURVEY_REASON_THANKS if reason else stx.SURVEY_COMMENT_THANKS)]
    return Step(state, replies + intake.continue_draft(state, ctx))


def _after_typed_comment(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    reason = state.side is not None and state.side.kind == "survey_reason"
    if isinstance(result, Refused):
        return after_comment(state, effect, result, ctx)
    _close(state)
    return Step(state, [Text(stx.SURVEY_TYPED_REASON if reason else stx.SURVEY_TYPED_COMMENT),
                        *intake.continue_draft(state, ctx)])


def skip(state: ConvState, ctx: Context) -> Step:
    _close(state)
    return Step(state, [Text(stx.SURVEY_DONE), *intake.continue_draft(state, ctx)])


def expire(state: ConvState, ctx: Context) -> None:
    """An unanswered follow-up question does not swallow a message written much later."""
    if state.side is not None and ctx.now - state.side.asked_at > ctx.settings.resume_after:
        _close(state)


def _close(state: ConvState) -> None:
    state.side = None
    state.withdraw(SIDE)
