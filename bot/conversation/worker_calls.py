"""A grid worker's act as the core service call, made the same way from every chat a worker uses: the group or
private chat (bot/conversation/executor.py) and the WeCom app (bot/adapters/wecom_app/worker.py). Each says who
acts and from where (the Actor and its Place) and which grids a serial alone is looked for in; the core decides
whether they may (core/service/permissions.py)."""

from __future__ import annotations

from bot.dialogs import worker_texts as wtx
from bot.dialogs.effects import WorkerAct
from bot.dialogs.inputs import SHORT
from bot.dialogs.worker_words import Act
from core.db.models import Ticket
from core.errors import InvalidInput, NotFound
from core.service import keys
from core.service.actor import Actor
from core.service.permissions import Verb
from core.service.queries import TicketQueries
from core.service.tickets import TicketService

VERBS = {keys.CLAIM: Verb.CLAIM, keys.PROGRESS: Verb.PROGRESS, keys.RESOLVE: Verb.RESOLVE, keys.RETURN: Verb.RETURN}


async def whole_number(queries: TicketQueries, verb: str, number: str, grids: frozenset[int],
                       staff_id: int | None) -> str:
    """A serial typed alone (「接单 0005」): the one open ticket of `grids` ending in it; no serial at all (「接单」):
    the one ticket of `grids` the verb can act on (unclaimed, or claimed by `staff_id`). Else refused with the
    choices (InvalidInput) or as not found."""
    if not number.startswith(SHORT):
        return number
    serial = number[len(SHORT):]
    if not serial:
        found = await queries.open_for(verb, grids, staff_id)
        if len(found) != 1:
            raise InvalidInput(wtx.which_ticket(verb, found))
        return found[0]
    found = await queries.open_by_serial(serial, grids)
    if not found:
        raise NotFound(wtx.serial_not_found(serial))
    if len(found) > 1:
        raise InvalidInput(wtx.serial_ambiguous(serial, found))
    return found[0]


async def check(tickets: TicketService, actor: Actor, verb: str, number: str) -> None:
    """Whether `actor` may act on the ticket, asked before a question that could not be used (the core refuses)."""
    await tickets.check(number, actor, VERBS[verb])


async def perform(tickets: TicketService, actor: Actor, number: str, act: Act | WorkerAct) -> Ticket:
    """The act on ticket `number` (whole). The core's refusals pass through, SoundsUnfinished among them (a 办结 note
    that reads as work still to come: the channel asks the worker)."""
    if act.verb == keys.CLAIM:
        return await tickets.claim(number, actor)
    if act.verb == keys.PROGRESS:
        return await tickets.add_progress(number, actor, act.note or "", act.photos)
    if act.verb == keys.RESOLVE:
        return await tickets.resolve(number, actor, act.note or "", act.photos,
                                     unfinished_confirmed=act.unfinished_confirmed)
    if act.verb == keys.RETURN:
        return await tickets.return_(number, actor, act.reason or wtx.RETURN_REASONS[-1], act.note)
    raise TypeError(f"unknown worker verb {act.verb}")
