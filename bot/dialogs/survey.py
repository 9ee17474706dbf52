"""The resident's verdict on a resolved ticket: 满意 / 基本满意 / 不满意 (button keys sent by the core
with the resolution), then an optional comment — or, for 不满意, why (the ticket is already reopened).

The follow-up question lives in its own slot (`state.side`) so a survey answered in the middle of an
intake leaves the draft untouched; afterwards the resident is taken back to it in one line.
"""

from __future__ import annotations

from bot.dialogs import intake
from bot.dialogs import texts as tx
from bot.dialogs.context import Context
from bot.dialogs.effects import Effect, Rate, Rated, Refused, SurveyComment
from bot.dialogs.inputs import meaningful
from bot.dialogs.state import ConvState, Side
from bot.dialogs.step import Step
from core.enums import Rating
from core.messages import Choice, Choices, Notice, OutMessage, Text
from core.service.keys import ActionKey

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


def typed(state: ConvState, ctx: Context, rating: str) -> Step | None:
    """满意 / 基本满意 / 不满意 typed while a survey is waiting for this resident."""
    if ctx.pending_survey is None or rating not in RATINGS:
        return None
    number, round_ = ctx.pending_survey
    return Step(state, [], [Rate(number=number, round=round_, rating=rating, then=after_rate)])


def after_rate(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    assert isinstance(effect, Rate)
    if isinstance(result, Refused):
        return Step(state, [Text(result.message), *intake.continue_draft(state, ctx)])
    assert isinstance(result, Rated)
    if not result.recorded:
        text = tx.SURVEY_ALREADY if result.reason == "already" else tx.SURVEY_LATE
        return Step(state, [Text(text), *intake.continue_draft(state, ctx)])
    dissatisfied = effect.rating == Rating.DISSATISFIED.value
    state.side = Side(
        kind="survey_reason" if dissatisfied else "survey_comment",
        number=effect.number,
        round=effect.round,
        asked_at=ctx.now,
    )
    question = Choices(
        tx.SURVEY_WHY if dissatisfied else tx.SURVEY_THANKS,
        (Choice(K_SKIP, tx.SURVEY_SKIP),),
        allow_text=True,
    )
    state.offer(SIDE, question)
    return Step(state, [question])


def on_text(state: ConvState, ctx: Context, text: str) -> Step:
    side = state.side
    assert side is not None
    if not meaningful(text, 1):
        return skip(state, ctx)
    return Step(
        state, [], [SurveyComment(number=side.number, round=side.round, text=text, then=after_comment)]
    )


def after_comment(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    assert isinstance(effect, SurveyComment)
    reason = state.side is not None and state.side.kind == "survey_reason"
    _close(state)
    replies: list[OutMessage]
    if isinstance(result, Refused):
        replies = [Text(result.message)]
    else:
        replies = [Text(tx.SURVEY_REASON_THANKS if reason else tx.SURVEY_COMMENT_THANKS)]
    return Step(state, replies + intake.continue_draft(state, ctx))


def skip(state: ConvState, ctx: Context) -> Step:
    _close(state)
    return Step(state, [Text(tx.SURVEY_DONE), *intake.continue_draft(state, ctx)])


def expire(state: ConvState, ctx: Context) -> None:
    """An unanswered follow-up question does not swallow a message written much later."""
    if state.side is not None and ctx.now - state.side.asked_at > ctx.settings.resume_after:
        _close(state)


def _close(state: ConvState) -> None:
    state.side = None
    state.withdraw(SIDE)
