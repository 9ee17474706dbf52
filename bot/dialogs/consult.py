"""Consultations (咨询): when the desk's knowledge base holds a short answer that fits, the bot offers
it first, with two taps — 「解决了」 (nothing is filed) or 「还需要人工回复」 (the question is filed for the
desk, with a number). Without a fitting answer the intake goes on as for any matter; the filing's
reply says it was received as a question and when it will be answered, never a repair deadline."""

from __future__ import annotations

from bot.dialogs import intake
from bot.dialogs import texts as tx
from bot.dialogs import vocabulary as vocab
from bot.dialogs.context import Context
from bot.dialogs.effects import Effect, MatchAnswer, QuickReply
from bot.dialogs.inputs import word
from bot.dialogs.intake.flow import submit
from bot.dialogs.state import ConvState
from bot.dialogs.step import Step
from core.messages import Choice, Choices, Text

CONSULT = "consult"  # the scope of the two buttons
K_SOLVED, K_HUMAN = "c:solved", "c:human"


def maybe_offer(step: Step, ctx: Context) -> Step:
    """After an intake step: a consultation whose question is known is checked against the short
    answers once, before the intake asks anything more."""
    state, d = step.state, step.state.draft
    if (d is None or d.kind != "consult" or not d.description or d.stage != "collecting" or step.effects
            or d.emergency or state.consult_checked == d.id):
        return step
    state.consult_checked = d.id
    return Step(state, [], [MatchAnswer(text=d.description, category=d.category, then=_after_match)])


def _after_match(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    d = state.draft
    if d is None or d.id != state.consult_checked:
        return Step(state)
    if not isinstance(result, QuickReply):
        return Step(state, intake.reask(state, ctx))  # no answer fits: the intake's own question
    choices = Choices(
        f"{tx.CONSULT_ANSWER_HEAD}\n【{result.title}】{result.body}\n\n{tx.CONSULT_ASK}",
        (Choice(K_SOLVED, tx.CONSULT_SOLVED), Choice(K_HUMAN, tx.CONSULT_HUMAN)),
    )
    state.withdraw(intake.DRAFT)
    state.offer(CONSULT, choices)
    return Step(state, [choices])


def pending(state: ConvState) -> bool:
    return state.draft is not None and CONSULT in state.offered


def choose(state: ConvState, ctx: Context, key: str) -> Step:
    state.withdraw(CONSULT)
    if key == K_SOLVED:
        state.draft = None
        return Step(state, [Text(tx.CONSULT_SOLVED_REPLY)])
    return submit(state, ctx, [Text(tx.CONSULT_HUMAN_REPLY)])


def on_text(state: ConvState, ctx: Context, text: str) -> Step:
    """Typed instead of tapped: a word of assent means solved; anything else is more to ask a
    person, kept with the question."""
    if word(text) in vocab.CONSULT_SOLVED_WORDS:
        return choose(state, ctx, K_SOLVED)
    d = state.draft
    assert d is not None
    d.description = f"{d.description}\n{text.strip()}" if d.description else text.strip()
    return choose(state, ctx, K_HUMAN)
