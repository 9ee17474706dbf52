"""Danger told in the middle of an ordinary draft (「电梯又停了」, then at the time question 「里面有人被困住了」): the
words join the description and are read as the opening is — an emergency called, or the triage question asked —
instead of being stored as the time or set aside as another matter (fourteenth session, talking to the chat)."""

from __future__ import annotations

from bot.dialogs import flow_texts as ftx
from bot.dialogs.context import Context
from bot.dialogs.inputs import word
from bot.dialogs.intake.fields import absorb, draft_of, emergency_alert, remember
from bot.dialogs.intake.flow import proceed
from bot.dialogs.intake.triage import triage_answered
from bot.dialogs.state import ConvState, Draft
from bot.dialogs.step import Step
from bot.dialogs.understand import mask_phones
from core.messages import OutMessage
from core.text.answers import another_matter
from core.text.urgency import EMERGENCY, assess_urgency


def danger_told(d: Draft, text: str) -> bool:
    """The words themselves say danger the draft does not know of yet: an emergency the rules call, or partial
    evidence naming a hazard, a state or a trigger. The model leaning on people words alone (等一下 我老公在喊我,
    家里座机…) is no reason to stop the form: the answer is read as an answer."""
    if d.emergency:
        return False
    if d.triage_unknown and word(text) in ftx.LATE_YES_WORDS:  # the yes the triage question did not get
        return True
    u = assess_urgency(text)
    if u.model_alone:  # 「光明里 4号楼2门 三楼」: the model alone called an address an emergency
        return False
    if u.level == EMERGENCY:
        return True
    if another_matter(text):  # 「另外二楼的窗户玻璃碎了」: a second matter with a hint of danger is set aside as one
        return False
    return (u.triage or u.level == EMERGENCY) and not d.triage_done and bool(u.hazard or u.state or u.triggers)


def take_danger(state: ConvState, ctx: Context, text: str, replies: list[OutMessage]) -> Step:
    d = draft_of(state)
    words = mask_phones(text)
    combined = f"{d.description}；{words}" if d.description else words
    d.description = combined[: ctx.settings.max_input]
    remember(d, text)
    absorb(d, text, ctx, description=False)
    if d.triage_unknown and word(text) in ftx.LATE_YES_WORDS:
        d.triage_unknown = False
        return triage_answered(state, ctx, danger=True, replies=replies)
    if d.emergency:
        replies = [*replies, emergency_alert(d, ctx)]
    return proceed(state, ctx, replies)
