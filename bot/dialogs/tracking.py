"""我的投诉 and 查询 <编号>: the resident's own tickets only. Somebody else's number answers exactly as
a number that does not exist."""

from __future__ import annotations

from bot.dialogs import intake
from bot.dialogs import texts as tx
from bot.dialogs.context import Context
from bot.dialogs.effects import Effect, ListMine, ListWork, ShowTicket, TicketLine, TicketView
from bot.dialogs.state import ConvState
from bot.dialogs.step import Step
from core.messages import OutMessage, Text


def mine(state: ConvState, ctx: Context) -> Step:
    return Step(state, [], [ListMine(then=after_list)])


def work(state: ConvState, ctx: Context) -> Step:
    """我的工单 from a worker (usertest27: told 「您还没有提交过投诉」): the tickets they hold and their grids' waiting ones."""
    return Step(state, [], [ListWork(then=after_work)])


def after_work(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    return Step(state, [Text(str(result))] + intake.continue_draft(state, ctx))


def after_list(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    lines: list[TicketLine] = list(result) if isinstance(result, list) else []
    replies: list[OutMessage]
    if not lines:
        replies = [Text(tx.NO_TICKETS)]
    else:
        body = [tx.MY_HEAD.format(count=len(lines))]
        body += [tx.my_line(t.number, t.status, t.summary, t.due) for t in lines]
        body.append(tx.MY_FOOT)
        replies = [Text("\n".join(body))]
    return Step(state, replies + intake.continue_draft(state, ctx))


def show(state: ConvState, ctx: Context, number: str) -> Step:
    return Step(state, [], [ShowTicket(number=number, then=after_show)])


def after_show(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    assert isinstance(effect, ShowTicket)
    if not isinstance(result, TicketView):
        return Step(state, [Text(tx.not_found(effect.number)), *intake.continue_draft(state, ctx)])
    text = tx.ticket_head(result.number, result.status, result.description, result.due)
    if result.timeline:
        text += "\n" + tx.TIMELINE_HEAD + "\n" + "\n".join(result.timeline)
    return Step(state, [Text(text), *intake.continue_draft(state, ctx)])
