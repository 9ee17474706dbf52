"""Words kept for the staff at the since-when question and sent again (sixteenth session: the chat answered
「这条消息已经收到了」 every time and asked the same question, until it gave up)."""

from __future__ import annotations

from bot.dialogs import texts as tx
from bot.dialogs.context import Context
from bot.dialogs.intake.fields import digest, draft_of, settle_time, start_of
from bot.dialogs.intake.flow import proceed
from bot.dialogs.state import Asking, ConvState
from bot.dialogs.step import Step
from bot.dialogs.understand import parse_time_phrase
from core.messages import OutMessage, Text


def remark_again_at_time(state: ConvState, ctx: Context, text: str, replies: list[OutMessage]) -> Step | None:
    """A remark already kept (not the opening, which a platform may resend) said again at the since-when question:
    the resident has no other answer. The time in the words is taken, else 说不清, and the form goes on."""
    d = draft_of(state)
    if d.asking != Asking.OCCURRED or (d.occurred_text and not d.occurred_vague) or d.seen[:1] == [digest(text)]:
        return None
    phrase = parse_time_phrase(text, ctx.now)
    settle_time(d, phrase.text if phrase else tx.OCCURRED_OPTIONS[-1], start_of(phrase, ctx))
    return proceed(state, ctx, [*replies, Text(tx.ALREADY_NOTED)])
