"""Words for the bot a worker types in a grid's group, beside the commands that act on a ticket (work30, usertest1:
「帮助」 and 「我的工单」 got no reply at all in the group while the private chat answered them). Each is answered:
help with the commands a worker types, 我的工单 with the worker's open tickets (as in their private chat), and a line of
that list picked by its number. Plain chatter stays unanswered (the router's caller)."""

from __future__ import annotations

from bot.dialogs import tracking
from bot.dialogs import worker_texts as wtx
from bot.dialogs.context import Context
from bot.dialogs.inputs import global_request
from bot.dialogs.state import ConvState
from bot.dialogs.step import Step
from core.messages import Incoming, Text
from core.text.normalize import nfkc


def answer(state: ConvState, ctx: Context, inc: Incoming) -> Step | None:
    """The answer to help or 我的工单 said in a group; None: the words are neither."""
    request = global_request(inc)
    if request is None:
        return None
    if request.name == "help":
        return Step(state, [Text(wtx.GROUP_HELP)])
    if request.name == "my":
        if ctx.staff is None:
            return Step(state, [Text(wtx.NOT_STAFF)])
        return tracking.work(state, ctx)
    return None


def picked(state: ConvState, text: str | None) -> str | None:
    """「2」 right after 我的工单 listed this member's tickets: that line's key (each member has their own state)."""
    typed = nfkc(text or "").strip().rstrip("。.")
    if state.last_scope != tracking.WORK or not typed.isdigit():
        return None
    return state.typed_choice(typed)
