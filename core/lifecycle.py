"""The ticket lifecycle, stated once: which action may move a ticket from which status to which.

submitted → assigned → accepted → resolved → closed, with returned (退回, back to dispatch),
reopened (resident not satisfied), cancelled (by the resident before anyone accepted it) and
merged (duplicate). Escalation is a flag with a level, not a status.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from core.enums import OPEN_STATUSES, Status
from core.errors import IllegalTransition


class Action(StrEnum):
    ASSIGN = "assign"
    ASSIGN_WORKER = "assign_worker"  # the desk names the worker: they hold it at once, as after a claim
    CLAIM = "claim"
    PROGRESS = "progress"
    RESOLVE = "resolve"
    RETURN = "return"
    REOPEN = "reopen"
    CLOSE = "close"
    CANCEL = "cancel"
    MERGE = "merge"
    ESCALATE = "escalate"


@dataclass(frozen=True)
class Rule:
    allowed_from: frozenset[Status]
    to: Status | None  # None: the status does not change
    verb: str  # Chinese verb for error messages


S = Status
RULES: dict[Action, Rule] = {
    Action.ASSIGN: Rule(frozenset({S.SUBMITTED, S.ASSIGNED, S.ACCEPTED, S.RETURNED, S.REOPENED}), S.ASSIGNED, "派单"),
    Action.ASSIGN_WORKER: Rule(frozenset({S.SUBMITTED, S.ASSIGNED, S.ACCEPTED, S.RETURNED, S.REOPENED}), S.ACCEPTED,
                               "指派"),
    Action.CLAIM: Rule(frozenset({S.ASSIGNED, S.REOPENED}), S.ACCEPTED, "接单"),
    Action.PROGRESS: Rule(frozenset({S.ACCEPTED}), None, "反馈进展"),
    Action.RESOLVE: Rule(frozenset({S.ACCEPTED}), S.RESOLVED, "办结"),
    Action.RETURN: Rule(frozenset({S.ASSIGNED, S.ACCEPTED, S.REOPENED}), S.RETURNED, "退回"),
    Action.REOPEN: Rule(frozenset({S.RESOLVED, S.CLOSED}), S.REOPENED, "重新处理"),
    Action.CLOSE: Rule(frozenset({S.RESOLVED}), S.CLOSED, "结案"),
    Action.CANCEL: Rule(frozenset({S.SUBMITTED, S.ASSIGNED, S.RETURNED}), S.CANCELLED, "撤销"),
    Action.MERGE: Rule(OPEN_STATUSES, S.MERGED, "合并"),
    Action.ESCALATE: Rule(OPEN_STATUSES | {S.RESOLVED}, None, "升级督办"),
}

# Why an action is refused, in words a resident or worker understands, for the common cases.
_EXPLANATIONS: dict[tuple[Action, Status], str] = {
    (Action.CLAIM, S.ACCEPTED): "已有人接单",
    (Action.CLAIM, S.SUBMITTED): "工单还没有派到网格",
    (Action.CLAIM, S.RETURNED): "工单已退回调度，等待重新派单",
    (Action.CANCEL, S.ACCEPTED): "工作人员已经接单处理，无法撤销；如不需要处理，请告诉处理人员",
    (Action.CANCEL, S.RESOLVED): "已经办结了，不用撤销；对结果不满意，评价时说一声就会重新处理",
    (Action.CANCEL, S.CLOSED): "已经结案了，不用撤销",
    (Action.RESOLVE, S.ASSIGNED): "请先接单再办结",
    (Action.RESOLVE, S.REOPENED): "请先接单再办结",
    (Action.PROGRESS, S.ASSIGNED): "请先接单再反馈进展",
    (Action.PROGRESS, S.REOPENED): "请先接单再反馈进展",
    (Action.REOPEN, S.ACCEPTED): "工单正在处理中",
}


def target(action: Action, current: Status, number: str = "") -> Status:
    """The status `action` leads to from `current`, or IllegalTransition with a readable reason."""
    rule = RULES[action]
    if current not in rule.allowed_from:
        why = _EXPLANATIONS.get((action, current))
        head = f"工单 {number} " if number else "工单"  # spaced as every other message writes a number
        message = f"{head}当前状态为「{current.label}」，不能{rule.verb}"
        raise IllegalTransition(f"{message}：{why}。" if why else f"{message}。")
    return rule.to if rule.to is not None else current


def allowed_actions(current: Status) -> list[Action]:
    return [action for action, rule in RULES.items() if current in rule.allowed_from]
