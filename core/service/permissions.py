"""Who may do what: the one place that decides. The ticket service asks here inside its transaction;
the chats, the desk and WeCom ask through the service (or `decide` with facts they already hold), so
a rule is never written twice.

The rules:
- The system (timers, imports, the command line acting for the office) may do everything.
- A resident may read, cancel, flag and annotate their own tickets and those they follow, and urge them (催一下);
  anyone else's ticket is "not found", in the same words as a number that does not exist.
- Staff must be registered and active. Where they act from matters: in a group, the group must be
  bound, and a grid's group acts only on that grid's tickets.
- Dispatchers, supervisors and admins (the desk) read every ticket and take the desk's actions
  (assign to a grid or to a named worker, reclassify, merge, split, escalate, reopen, close, cancel, flag, note, reply, reveal the
  phone, record a follow-up call, take an emergency back, urge the grid); the worker who holds a ticket may reveal its phone too. Supervisors and admins also manage staff, grids and reports, set
  legal holds, and may do a grid worker's work on any ticket.
- A grid worker reads, annotates and works their grids' tickets (claim, progress, resolve, return,
  record a follow-up call); once a ticket is claimed, only its assignee reports progress, resolves or returns
  it. Other tickets are "not found" to them. A worker never assigns a ticket to anyone.
- A ticket assigned to a named worker goes only to an active staff member of the ticket's grid
  (`assignee_refusal`).
- The working-day calendar (holidays, 调休) is the head's to edit.

A refusal names the first thing in the way, in this order: who you are, where you are, whose grid
the ticket is in, what state it is in (core/lifecycle.py), who holds it.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from core import lifecycle
from core.db.models import Staff, StaffGrid, Ticket
from core.enums import Role, Status
from core.errors import DomainError, InvalidInput, NotAllowed, NotFound
from core.lifecycle import Action
from core.service.actor import Actor, Place
from core.texts import refusals as say


class Verb(StrEnum):
    READ = "read"
    REVEAL_PHONE = "reveal_phone"
    # the grid's work
    CLAIM = "claim"
    PROGRESS = "progress"
    RESOLVE = "resolve"
    RETURN = "return"
    FOLLOW_UP = "follow_up"  # record the answer of a follow-up call (回访)
    # the desk's
    ASSIGN = "assign"
    ASSIGN_WORKER = "assign_worker"  # to a named worker of the grid (指派)
    RECLASSIFY = "reclassify"
    MERGE = "merge"
    SPLIT = "split"
    ESCALATE = "escalate"
    REOPEN = "reopen"
    CLOSE = "close"
    CANCEL = "cancel"
    FLAG = "flag"
    NOTE = "note"
    DOWNGRADE = "downgrade"  # take an emergency back after checking with the resident (解除紧急)
    URGE = "urge"  # nudge the grid's workers by hand (催办)
    REPLY = "reply"  # write to the resident in their chat
    FILE_FOR = "file_for"  # take a complaint for a caller or a visitor (代客登记)
    MANAGE_ANSWERS = "manage_answers"  # the desk's short answers (知识库)
    # the head's
    LEGAL_HOLD = "legal_hold"
    MANAGE_STAFF = "manage_staff"
    MANAGE_GRIDS = "manage_grids"
    REPORTS = "reports"
    MANAGE_CALENDAR = "manage_calendar"  # holidays and 调休 working days
    # a chat group's binding
    UNBIND_GROUP = "unbind_group"

    @property
    def label(self) -> str:
        return say.VERB_LABELS[self.value]


DESK_ROLES = frozenset({Role.DISPATCHER, Role.SUPERVISOR, Role.ADMIN})
HEAD_ROLES = frozenset({Role.SUPERVISOR, Role.ADMIN})

GRID_WORK = frozenset({Verb.CLAIM, Verb.PROGRESS, Verb.RESOLVE, Verb.RETURN})
DESK_WORK = frozenset({Verb.ASSIGN, Verb.ASSIGN_WORKER, Verb.RECLASSIFY, Verb.MERGE, Verb.SPLIT, Verb.ESCALATE, Verb.REOPEN,
                       Verb.CLOSE, Verb.CANCEL, Verb.FLAG, Verb.REPLY, Verb.DOWNGRADE, Verb.URGE, Verb.REVEAL_PHONE, Verb.FILE_FOR,
                       Verb.MANAGE_ANSWERS})
HEAD_WORK = frozenset({Verb.LEGAL_HOLD, Verb.MANAGE_STAFF, Verb.MANAGE_GRIDS, Verb.REPORTS, Verb.MANAGE_CALENDAR})
RESIDENT_WORK = frozenset({Verb.READ, Verb.CANCEL, Verb.FLAG, Verb.NOTE, Verb.URGE})
# a claimed ticket's progress, result and (once accepted) return belong to its assignee
_ASSIGNEE_ONLY = frozenset({Verb.PROGRESS, Verb.RESOLVE})
_LIFECYCLE = {Verb.CLAIM: Action.CLAIM, Verb.PROGRESS: Action.PROGRESS, Verb.RESOLVE: Action.RESOLVE,
              Verb.RETURN: Action.RETURN}


@dataclass(frozen=True)
class StaffFacts:
    """What the rules need to know of a staff member (read from the database, not from the request)."""

    id: int
    role: Role
    grid_ids: frozenset[int]
    active: bool = True


@dataclass(frozen=True)
class TicketFacts:
    """What the rules need to know of a ticket."""

    number: str
    status: Status
    grid_id: int | None
    assignee_id: int | None
    resident_id: int | None

    @classmethod
    def of(cls, t: Ticket) -> TicketFacts:
        return cls(t.number, Status(t.status), t.grid_id, t.assignee_id, t.resident_id)


def decide(actor: Actor, verb: Verb, ticket: TicketFacts | None = None, *, staff: StaffFacts | None = None,
           follower: bool = False, assignee_name: str | None = None) -> DomainError | None:
    """None if `actor` may do `verb` (to `ticket`, when the verb concerns one), else the refusal.

    `staff` is the actor's staff record (None: not staff, or unknown); `follower`: the resident joined
    the ticket; `assignee_name` names the holder in an "only the assignee" refusal.
    """
    if actor.role is Role.SYSTEM:
        return None
    if actor.role is Role.RESIDENT and staff is None:
        return _resident(actor, verb, ticket, follower)
    registered = staff is not None and staff.active and staff.id == actor.staff_id
    if verb is Verb.UNBIND_GROUP:
        return _unbind(staff if registered else None, actor.place)
    if staff is None or not registered:
        return NotAllowed(say.NOT_STAFF if _in_chat(actor.place) else say.not_registered(verb.label))
    if (refused := _place(actor.place, ticket)) is not None:
        return refused
    role = staff.role
    if verb in HEAD_WORK:
        return None if role in HEAD_ROLES else NotAllowed(say.head_only(verb.label))
    in_grid = ticket is not None and ticket.grid_id is not None and ticket.grid_id in staff.grid_ids
    if verb is Verb.READ:
        return None if role in DESK_ROLES or in_grid or _holds(staff, ticket) else _unknown(ticket)
    if verb in (Verb.FOLLOW_UP, Verb.NOTE):
        ok = role in DESK_ROLES or in_grid or _holds(staff, ticket)
        return None if ok else NotAllowed(say.not_your_grid(verb.label))
    if verb is Verb.REVEAL_PHONE and _holds(staff, ticket):
        return None  # the worker who claimed it calls the resident
    if verb in DESK_WORK:
        return None if role in DESK_ROLES else NotAllowed(say.desk_only(verb.label))
    if verb in GRID_WORK:
        return _grid_work(staff, verb, ticket, in_grid, assignee_name)
    raise ValueError(f"no rule for {verb!r}")


def check(actor: Actor, verb: Verb, ticket: TicketFacts | None = None, *, staff: StaffFacts | None = None,
          follower: bool = False, assignee_name: str | None = None) -> None:
    """`decide`, raising the refusal."""
    refused = decide(actor, verb, ticket, staff=staff, follower=follower, assignee_name=assignee_name)
    if refused is not None:
        raise refused


def allowed(actor: Actor, verb: Verb, ticket: TicketFacts | None = None, *, staff: StaffFacts | None = None,
            follower: bool = False) -> bool:
    return decide(actor, verb, ticket, staff=staff, follower=follower) is None


def allowed_verbs(actor: Actor, verbs: Collection[Verb], ticket: TicketFacts | None = None, *,
                  staff: StaffFacts | None = None, follower: bool = False) -> set[Verb]:
    """The subset of `verbs` the actor may do now (e.g. the buttons a page shows)."""
    return {v for v in verbs if allowed(actor, v, ticket, staff=staff, follower=follower)}


def assignee_refusal(target: StaffFacts | None, grid_id: int, ticket: TicketFacts, *, name: str,
                     grid_name: str) -> DomainError | None:
    """None if the ticket may be given to `target` in grid `grid_id`: an active staff member of
    that grid, not already holding it (the desk's own right to assign is `decide(ASSIGN_WORKER)`)."""
    if target is None or not target.active or grid_id not in target.grid_ids:
        return InvalidInput(say.not_assignable(name, grid_name))
    if ticket.assignee_id == target.id and ticket.status is Status.ACCEPTED and ticket.grid_id == grid_id:
        return InvalidInput(say.already_holds(name))
    return None


def readable_grids(staff: StaffFacts | None) -> frozenset[int] | None:
    """The grids whose tickets `staff` may list (a queue, a live feed): None for every ticket (the
    desk), their own grids for a grid worker (READ above, applied to lists), none for anyone else."""
    if staff is None or not staff.active:
        return frozenset()
    return None if staff.role in DESK_ROLES else staff.grid_ids


# ---- reading the facts inside a transaction ------------------------------------------------------

_STAFF = select(Staff.id, Staff.role, Staff.active).where(Staff.id == bindparam("staff_id"))
_STAFF_GRIDS = select(StaffGrid.grid_id).where(StaffGrid.staff_id == bindparam("staff_id"))
_NAME = select(Staff.name).where(Staff.id == bindparam("staff_id"))


async def staff_facts(s: AsyncSession, staff_id: int | None) -> StaffFacts | None:
    if staff_id is None:
        return None
    row = (await s.execute(_STAFF, {"staff_id": staff_id})).one_or_none()
    if row is None:
        return None
    grids = frozenset((await s.execute(_STAFF_GRIDS, {"staff_id": staff_id})).scalars())
    return StaffFacts(row.id, Role(row.role), grids, bool(row.active))


async def require(s: AsyncSession, actor: Actor, verb: Verb, t: Ticket | None = None, *,
                  follower: bool = False) -> StaffFacts | None:
    """Check `verb` against the facts as stored now (in the caller's transaction); returns the
    actor's staff facts (None for residents and the system)."""
    staff = await staff_facts(s, actor.staff_id) if actor.role is not Role.SYSTEM else None
    facts = TicketFacts.of(t) if t is not None else None
    refused = decide(actor, verb, facts, staff=staff, follower=follower)
    if isinstance(refused, NotAllowed) and t is not None and t.assignee_id and verb in GRID_WORK:
        # name the holder (one more read, only on the way out)
        name = (await s.execute(_NAME, {"staff_id": t.assignee_id})).scalar_one_or_none()
        refused = decide(actor, verb, facts, staff=staff, follower=follower, assignee_name=name)
    if refused is not None:
        raise refused
    return staff


# ---- the rules' parts ---------------------------------------------------------------------------


def _resident(actor: Actor, verb: Verb, ticket: TicketFacts | None, follower: bool) -> DomainError | None:
    if verb not in RESIDENT_WORK:
        return NotAllowed(say.NOT_STAFF if _in_chat(actor.place) else say.not_registered(verb.label))
    if ticket is None:
        return None
    owner = actor.resident_id is not None and actor.resident_id == ticket.resident_id
    # followers read the ticket they joined and may hurry it (work30); only its owner changes it
    return None if owner or (follower and verb in (Verb.READ, Verb.URGE)) else _unknown(ticket)


def _place(place: Place | None, ticket: TicketFacts | None) -> DomainError | None:
    if place is None or place.kind != "group":
        return None
    if place.purpose is None:
        return NotAllowed(say.GROUP_NOT_BOUND)
    if place.purpose == "grid" and ticket is not None and place.grid_id != ticket.grid_id:
        return NotAllowed(say.NOT_THIS_GROUP)
    return None


def _grid_work(staff: StaffFacts, verb: Verb, ticket: TicketFacts | None, in_grid: bool,
               assignee_name: str | None) -> DomainError | None:
    if ticket is None:
        raise ValueError(f"{verb} needs a ticket")
    head = staff.role in HEAD_ROLES
    if not (head or in_grid):
        return NotAllowed(say.not_your_grid(verb.label))
    try:
        lifecycle.target(_LIFECYCLE[verb], ticket.status, ticket.number)
    except DomainError as exc:
        return exc
    needs_assignee = verb in _ASSIGNEE_ONLY or (verb is Verb.RETURN and ticket.status is Status.ACCEPTED)
    if needs_assignee and not head and staff.id != ticket.assignee_id:
        return NotAllowed(say.assignee_only(verb.label, assignee_name))
    return None


def _unbind(staff: StaffFacts | None, place: Place | None) -> DomainError | None:
    if place is None or place.purpose is None:
        return None  # nothing bound: nothing to refuse
    ok = staff is not None and (staff.role in HEAD_ROLES
          or (place.purpose == "grid" and place.grid_id in staff.grid_ids)
          or (place.purpose != "grid" and staff.role in DESK_ROLES))
    return None if ok else NotAllowed(say.UNBIND_NOT_ALLOWED)


def _holds(staff: StaffFacts, ticket: TicketFacts | None) -> bool:
    return ticket is not None and ticket.assignee_id == staff.id


def _in_chat(place: Place | None) -> bool:
    return place is not None and place.kind in ("group", "private")


def _unknown(ticket: TicketFacts | None) -> NotFound:
    return NotFound(say.unknown_ticket(ticket.number if ticket else ""))
