"""The domain's closed vocabularies. Values are stable English codes stored in the database;
`label` gives the Chinese word people see."""

from __future__ import annotations

from enum import StrEnum


class _Labelled(StrEnum):
    @property
    def label(self) -> str:
        # keyed by class too: StrEnum members equal their value, and Status.ASSIGNED == EventType.ASSIGNED
        return _LABELS[(type(self).__name__, self.value)]

    @classmethod
    def parse(cls, value: str) -> _Labelled:
        """Accept the code or the Chinese label."""
        for member in cls:
            if value in (member.value, member.label):
                return member
        raise ValueError(f"unknown {cls.__name__}: {value!r}")


class Kind(_Labelled):
    """The kind of request (诉求类型): a consultation is answered, a complaint is handled."""

    CONSULT = "consult"
    HELP = "help"
    COMPLAINT = "complaint"
    REPORT = "report"
    SUGGESTION = "suggestion"
    PRAISE = "praise"  # thanks for someone's work: passed on, nothing to repair
    REPAIR = "repair"


class Urgency(_Labelled):
    EMERGENCY = "emergency"
    URGENT = "urgent"
    NORMAL = "normal"


class Complexity(_Labelled):
    SIMPLE = "simple"
    COMPLEX = "complex"
    VERY_COMPLEX = "very_complex"


class Status(_Labelled):
    SUBMITTED = "submitted"  # filed, waiting for dispatch
    ASSIGNED = "assigned"  # sent to a grid, nobody has claimed it yet
    ACCEPTED = "accepted"  # a worker claimed it (接单) and is working on it
    RESOLVED = "resolved"  # the worker finished (办结); waiting for the resident's verdict
    CLOSED = "closed"  # done for good
    RETURNED = "returned"  # 退回: back to dispatch with a reason
    REOPENED = "reopened"  # the resident was not satisfied: the grid handles it again
    CANCELLED = "cancelled"  # withdrawn by the resident before anyone accepted it
    MERGED = "merged"  # duplicate of another ticket


class Role(_Labelled):
    RESIDENT = "resident"
    WORKER = "worker"
    DISPATCHER = "dispatcher"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    SYSTEM = "system"


class Rating(_Labelled):
    SATISFIED = "satisfied"
    BASIC = "basically_satisfied"
    DISSATISFIED = "dissatisfied"
    NO_ANSWER = "no_answer"  # closed after silence: its own outcome, never counted as satisfied


class EventType(_Labelled):
    FILED = "filed"
    ASSIGNED = "assigned"
    CLAIMED = "claimed"
    PROGRESS = "progress"
    RESOLVED = "resolved"
    CLOSED = "closed"
    RETURNED = "returned"
    REOPENED = "reopened"
    CANCELLED = "cancelled"
    MERGED = "merged"
    ESCALATED = "escalated"
    RATED = "rated"
    FLAGGED = "flagged"  # handed to the human desk (人工)
    RECLASSIFIED = "reclassified"  # a dispatcher confirmed or corrected the classification
    FOLLOWER_JOINED = "follower_joined"
    NOTE = "note"
    REMINDED = "reminded"
    REPLIED = "replied"  # the desk wrote to the resident in their chat
    PHONE_REVEALED = "phone_revealed"  # 显示电话: someone at the desk saw the full number (audited)
    RESIDENT_SAID = "resident_said"  # the resident answered the desk's reply in their chat
    PHONE_CHANGED = "phone_changed"  # the resident corrected their contact phone after filing
    ADDRESS_CHANGED = "address_changed"  # the resident corrected where the matter is, after filing
    DOWNGRADED = "downgraded"  # an emergency the resident said was no emergency after all (点错了): urgency set back


_LABEL_LIST: list[tuple[StrEnum, str]] = [  # pairs, not a dict: equal-valued members of different enums
    (Kind.CONSULT, "咨询"),
    (Kind.HELP, "求助"),
    (Kind.COMPLAINT, "投诉"),
    (Kind.REPORT, "举报"),
    (Kind.SUGGESTION, "建议"),
    (Kind.PRAISE, "表扬"),
    (Kind.REPAIR, "报修"),
    (Urgency.EMERGENCY, "紧急"),
    (Urgency.URGENT, "较急"),
    (Urgency.NORMAL, "一般"),
    (Complexity.SIMPLE, "简单"),
    (Complexity.COMPLEX, "复杂"),
    (Complexity.VERY_COMPLEX, "疑难"),
    (Status.SUBMITTED, "待派单"),
    (Status.ASSIGNED, "已派单"),
    (Status.ACCEPTED, "处理中"),
    (Status.RESOLVED, "已办结"),
    (Status.CLOSED, "已结案"),
    (Status.RETURNED, "已退回"),
    (Status.REOPENED, "重新处理"),
    (Status.CANCELLED, "已撤销"),
    (Status.MERGED, "已合并"),
    (Role.RESIDENT, "居民"),
    (Role.WORKER, "网格员"),
    (Role.DISPATCHER, "调度员"),
    (Role.SUPERVISOR, "负责人"),
    (Role.ADMIN, "管理员"),
    (Role.SYSTEM, "系统"),
    (Rating.SATISFIED, "满意"),
    (Rating.BASIC, "基本满意"),
    (Rating.DISSATISFIED, "不满意"),
    (Rating.NO_ANSWER, "未回复"),
    (EventType.FILED, "受理"),
    (EventType.ASSIGNED, "派单"),
    (EventType.CLAIMED, "接单"),
    (EventType.PROGRESS, "进展"),
    (EventType.RESOLVED, "办结"),
    (EventType.CLOSED, "结案"),
    (EventType.RETURNED, "退回"),
    (EventType.REOPENED, "重新处理"),
    (EventType.CANCELLED, "撤销"),
    (EventType.MERGED, "合并"),
    (EventType.ESCALATED, "升级督办"),
    (EventType.RATED, "评价"),
    (EventType.FLAGGED, "转人工"),
    (EventType.RECLASSIFIED, "分类确认"),
    (EventType.FOLLOWER_JOINED, "加入关注"),
    (EventType.NOTE, "备注"),
    (EventType.REMINDED, "催办"),
    (EventType.REPLIED, "回复居民"),
    (EventType.PHONE_REVEALED, "查看电话"),
    (EventType.RESIDENT_SAID, "居民回复"),
    (EventType.ADDRESS_CHANGED, "更正地址"),
    (EventType.PHONE_CHANGED, "更新电话"),
    (EventType.DOWNGRADED, "解除紧急"),
]

_LABELS: dict[tuple[str, str], str] = {}
for _member, _label in _LABEL_LIST:
    _LABELS[(type(_member).__name__, _member.value)] = _label

# core.text.urgency speaks in plain levels; this maps them onto the enum
URGENCY_LEVELS = {"emergency": Urgency.EMERGENCY, "urgent": Urgency.URGENT, "normal": Urgency.NORMAL}

OPEN_STATUSES = frozenset(
    {Status.SUBMITTED, Status.ASSIGNED, Status.ACCEPTED, Status.RETURNED, Status.REOPENED}
)
FINAL_STATUSES = frozenset({Status.CLOSED, Status.CANCELLED, Status.MERGED})
