"""The permission rules as a table: who may do what, from where (core/service/permissions.py)."""

from __future__ import annotations

import pytest

from core.enums import Role, Status
from core.errors import IllegalTransition, NotAllowed, NotFound
from core.service.actor import Actor, Place
from core.service.permissions import StaffFacts, TicketFacts, Verb, allowed_verbs, decide

GRID_A, GRID_B = 1, 2
WORKER = StaffFacts(10, Role.WORKER, frozenset({GRID_A}))
WORKER2 = StaffFacts(11, Role.WORKER, frozenset({GRID_A}))
OTHER = StaffFacts(12, Role.WORKER, frozenset({GRID_B}))
DISPATCHER = StaffFacts(20, Role.DISPATCHER, frozenset())
HEAD = StaffFacts(30, Role.SUPERVISOR, frozenset())
GONE = StaffFacts(40, Role.DISPATCHER, frozenset(), active=False)


def ticket(status: Status = Status.ASSIGNED, assignee: int | None = None) -> TicketFacts:
    return TicketFacts("261123-0001", status, GRID_A, assignee, resident_id=7)


def act(staff: StaffFacts, place: Place | None = None) -> Actor:
    return Actor.staff(staff.id, staff.role, place=place)


def refusal(staff: StaffFacts | None, verb: Verb, t: TicketFacts | None = None, *,
            actor: Actor | None = None, place: Place | None = None) -> str | None:
    who = actor or (act(staff, place) if staff else Actor(Role.WORKER, place=place))
    err = decide(who, verb, t, staff=staff)
    return None if err is None else f"{type(err).__name__}: {err.message}"


def test_grid_workers_work_their_grid_only() -> None:
    assert refusal(WORKER, Verb.CLAIM, ticket()) is None
    assert refusal(OTHER, Verb.CLAIM, ticket()) == "NotAllowed: 您不是该工单所属网格的工作人员，不能接单。"
    assert refusal(OTHER, Verb.READ, ticket()) == "NotFound: 没有找到工单 261123-0001，请核对编号。"
    assert refusal(WORKER, Verb.READ, ticket()) is None
    assert refusal(WORKER, Verb.ASSIGN, ticket()) == "NotAllowed: 只有调度员或负责人可以派单。"


def test_only_the_assignee_finishes_a_claimed_ticket() -> None:
    claimed = ticket(Status.ACCEPTED, assignee=WORKER.id)
    assert refusal(WORKER, Verb.RESOLVE, claimed) is None
    assert refusal(WORKER2, Verb.RESOLVE, claimed) == "NotAllowed: 该工单由其他人处理，只有接单人可以办结。"
    assert refusal(WORKER2, Verb.RETURN, claimed) is not None
    assert refusal(WORKER2, Verb.RETURN, ticket()) is None  # not yet claimed: any of the grid
    assert refusal(HEAD, Verb.RESOLVE, claimed) is None


def test_the_lifecycle_speaks_before_the_assignee_rule() -> None:
    err = decide(act(WORKER2), Verb.PROGRESS, ticket(), staff=WORKER2)
    assert isinstance(err, IllegalTransition) and "请先接单" in err.message


def test_the_place_comes_first_in_a_group() -> None:
    in_b = Place.group("grid", GRID_B)
    assert refusal(WORKER, Verb.CLAIM, ticket(), place=in_b) == "NotAllowed: 这张工单不属于本群的网格，不能在这里操作。"
    assert refusal(HEAD, Verb.CLAIM, ticket(), place=in_b) is not None
    assert refusal(WORKER, Verb.CLAIM, ticket(), place=Place.group(None)) == "NotAllowed: 本群还没有绑定网格，不能操作工单。"
    assert refusal(DISPATCHER, Verb.FOLLOW_UP, ticket(), place=Place.group("dispatchers")) is None
    assert refusal(None, Verb.CLAIM, ticket(), place=in_b).startswith("NotAllowed: 您还没有绑定工作人员身份")


def test_the_desk_and_the_head() -> None:
    for verb in (Verb.ASSIGN, Verb.MERGE, Verb.REPLY, Verb.REVEAL_PHONE, Verb.READ, Verb.FOLLOW_UP):
        assert refusal(DISPATCHER, verb, ticket()) is None, verb
    assert refusal(DISPATCHER, Verb.CLAIM, ticket()) is not None  # the grid's work, not the desk's
    assert refusal(DISPATCHER, Verb.LEGAL_HOLD, ticket()) == "NotAllowed: 只有负责人或管理员可以设置保全。"
    assert refusal(HEAD, Verb.LEGAL_HOLD, ticket()) is None
    assert refusal(HEAD, Verb.MANAGE_STAFF) is None
    assert refusal(GONE, Verb.READ, ticket()) == "NotAllowed: 只有登记的工作人员可以查看该工单。"
    # the role claimed by the request does not count: the stored record does
    assert decide(Actor.staff(WORKER.id, Role.ADMIN), Verb.ASSIGN, ticket(), staff=WORKER) is not None


def test_residents_see_their_own_tickets_only() -> None:
    owner, stranger = Actor.resident(7), Actor.resident(8)
    assert decide(owner, Verb.CANCEL, ticket()) is None
    assert isinstance(decide(stranger, Verb.READ, ticket()), NotFound)
    assert decide(stranger, Verb.READ, ticket(), follower=True) is None
    assert isinstance(decide(stranger, Verb.CANCEL, ticket(), follower=True), NotFound)
    assert isinstance(decide(owner, Verb.CLAIM, ticket()), NotAllowed)


def test_who_holds_a_ticket_may_reveal_its_phone() -> None:
    claimed = ticket(Status.ACCEPTED, assignee=WORKER.id)
    assert allowed_verbs(act(WORKER), {Verb.REVEAL_PHONE, Verb.PROGRESS, Verb.ASSIGN}, claimed,
                         staff=WORKER) == {Verb.REVEAL_PHONE, Verb.PROGRESS}
    assert allowed_verbs(act(WORKER2), {Verb.REVEAL_PHONE}, claimed, staff=WORKER2) == set()


def test_unbinding_a_group() -> None:
    grid_a = Place.group("grid", GRID_A)
    assert refusal(WORKER, Verb.UNBIND_GROUP, place=grid_a) is None
    assert refusal(OTHER, Verb.UNBIND_GROUP, place=grid_a) == "NotAllowed: 只有本网格的工作人员或负责人可以解除绑定。"
    assert refusal(None, Verb.UNBIND_GROUP, place=grid_a) is not None
    assert refusal(DISPATCHER, Verb.UNBIND_GROUP, place=Place.group("dispatchers")) is None


def test_the_system_may_do_everything() -> None:
    for verb in Verb:
        assert decide(Actor.system(), verb, ticket()) is None


@pytest.mark.parametrize("verb", list(Verb))
def test_every_verb_has_a_rule_and_a_label(verb: Verb) -> None:
    assert verb.label
    decide(act(HEAD), verb, ticket(Status.ACCEPTED, assignee=HEAD.id), staff=HEAD)  # no "no rule" error


def test_the_desk_files_for_callers_and_keeps_answers() -> None:
    for verb in (Verb.FILE_FOR, Verb.MANAGE_ANSWERS):
        assert refusal(DISPATCHER, verb) is None
        assert refusal(WORKER, verb) == f"NotAllowed: 只有调度员或负责人可以{verb.label}。"


def test_readable_grids() -> None:
    from core.service.permissions import readable_grids

    assert readable_grids(DISPATCHER) is None
    assert readable_grids(WORKER) == WORKER.grid_ids
    assert readable_grids(None) == frozenset()
    assert readable_grids(StaffFacts(9, Role.DISPATCHER, frozenset(), active=False)) == frozenset()
