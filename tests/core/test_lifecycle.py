import pytest

from core import lifecycle
from core.enums import FINAL_STATUSES, OPEN_STATUSES, Status
from core.errors import IllegalTransition
from core.lifecycle import RULES, Action


def test_the_main_path() -> None:
    s = Status.SUBMITTED
    for action, expected in [(Action.ASSIGN, Status.ASSIGNED), (Action.CLAIM, Status.ACCEPTED),
                             (Action.PROGRESS, Status.ACCEPTED), (Action.RESOLVE, Status.RESOLVED),
                             (Action.CLOSE, Status.CLOSED)]:
        s = lifecycle.target(action, s)
        assert s is expected


@pytest.mark.parametrize("final", sorted(FINAL_STATUSES - {Status.CLOSED}))
def test_cancelled_and_merged_are_final(final: Status) -> None:
    assert lifecycle.allowed_actions(final) == []


def test_closed_can_only_be_reopened() -> None:
    assert lifecycle.allowed_actions(Status.CLOSED) == [Action.REOPEN]


def test_cancel_only_before_anyone_accepted() -> None:
    for status in (Status.SUBMITTED, Status.ASSIGNED, Status.RETURNED):
        assert lifecycle.target(Action.CANCEL, status) is Status.CANCELLED
    with pytest.raises(IllegalTransition) as err:
        lifecycle.target(Action.CANCEL, Status.ACCEPTED, "261123-0001")
    assert "261123-0001" in err.value.message and "处理中" in err.value.message and "无法撤销" in err.value.message


def test_illegal_transition_reads_like_a_sentence() -> None:
    with pytest.raises(IllegalTransition) as err:
        lifecycle.target(Action.CLAIM, Status.ACCEPTED)
    assert err.value.message == "工单当前状态为「处理中」，不能接单：已有人接单。"


def test_every_status_has_a_way_forward_or_is_final() -> None:
    for status in Status:
        assert lifecycle.allowed_actions(status) or status in FINAL_STATUSES


def test_escalation_is_a_flag_not_a_status() -> None:
    for status in OPEN_STATUSES:
        assert lifecycle.target(Action.ESCALATE, status) is status
    assert RULES[Action.ESCALATE].to is None


def test_a_refusal_is_a_sentence_with_the_number_spaced() -> None:
    """usertest28: 「工单261208-0018当前状态为「已派单」，不能办结」: no space after 工单, no full stop."""
    from core.texts import refusals

    with pytest.raises(IllegalTransition) as err:
        lifecycle.target(Action.RESOLVE, Status.ASSIGNED, "261208-0018")
    assert err.value.message.startswith("工单 261208-0018 当前状态为") and err.value.message.endswith("。")
    for said in (refusals.not_registered("接单"), refusals.not_your_grid("接单"), refusals.assignee_only("办结", None),
                 refusals.desk_only("派单"), refusals.head_only("设置保全"), refusals.unknown_ticket("261208-0018"),
                 refusals.RESIDENTS_ONLY_FOLLOW, refusals.not_assignable("张伟", "A"), refusals.already_holds("张伟")):
        assert said.endswith("。"), said
