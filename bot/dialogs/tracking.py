"""我的投诉 and 查询 <编号>: the resident's own tickets only. Somebody else's number answers exactly as
a number that does not exist."""

from __future__ import annotations

from bot.dialogs import intake
from bot.dialogs import texts as tx
from bot.dialogs import worker_texts as wtx
from bot.dialogs.context import Context
from bot.dialogs.effects import Effect, ListMine, ListWork, ShowTicket, TicketLine, TicketView, WorkListed
from bot.dialogs.state import ConvState
from bot.dialogs.step import Step
from core.messages import Choice, Choices, OutMessage, Text


def mine(state: ConvState, ctx: Context) -> Step:
    return Step(state, [], [ListMine(then=after_list)])


def work(state: ConvState, ctx: Context) -> Step:
    """我的工单 from a worker (usertest27: told 「您还没有提交过投诉」): the tickets they hold and their grids' waiting ones."""
    return Step(state, [], [ListWork(then=after_work)])


WORK = "work"  # the scope of a worker's listed tickets: 「2」 shows the second
K_WORK = "wl:"


def after_work(state: ConvState, effect: Effect, result: object, ctx: Context) -> Step:
    if not isinstance(result, WorkListed) or not result.numbers:
        return Step(state, [Text(result.header if isinstance(result, WorkListed) else str(result))]
                    + intake.continue_draft(state, ctx))
    choices = Choices(f"{result.header}\n{wtx.WORK_PICK}", tuple(
        Choice(f"{K_WORK}{number}", line) for number, line in zip(result.numbers, result.lines, strict=True)))
    state.offer(WORK, choices)
    return Step(state, [choices] + intake.continue_draft(state, ctx))


def picked(state: ConvState, ctx: Context, key: str) -> Step:
    """A ticket picked from 我的工单: shown as 查询 shows it (the list stays on offer for the next pick)."""
    return show(state, ctx, key[len(K_WORK):])


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
