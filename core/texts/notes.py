"""What the service and the timers write into a ticket's record: event notes, flag and escalation
reasons. The timeline (timeline.py) and the alerts quote them."""

from __future__ import annotations

PHOTOS_ONLY = "（见照片）"  # a note made of photos
FOLLOWER_DISSATISFIED = "关注该工单的居民表示不满意"
PHONE_CHANGED = "居民更正了联系电话"  # the number itself stays out of the timeline
LOCATION_ADDED = "居民补充了位置"


def downgraded(said: str | None, urgency_label: str) -> str:
    """An emergency the resident took back (点错了, 没人受伤): what they said, and the urgency it has now."""
    return "居民说明不是紧急情况" + (f"（「{said}」）" if said else "") + f"，紧急程度改为「{urgency_label}」"  # a location shared after filing (the card shows the point and its map link)


def downgraded_checked(reason: str | None, urgency_label: str) -> str:
    """An emergency the desk took back after checking with the resident (desk30): their reason, the urgency now."""
    return f"经工作人员核实不是紧急情况（{reason}），紧急程度改为「{urgency_label}」"


def address_changed(old: str, new: str) -> str:
    return f"{old or '（无）'} → {new}"


def address_other_grid(grid_name: str) -> str:
    """Said in the event when the corrected address reads as another grid's: the ticket stays where it is."""
    return f"；新地址可能属于网格「{grid_name}」，工单未自动改派，请调度员确认"
# why a reopened ticket's escalation starts from nothing (kept in the REOPENED event)
ESCALATION_RESET = "重新处理开始新一轮，时限重新计算，上一轮的督办级别清零"

# routing at filing
GRID_GIVEN = "指定网格"
NO_GRID_MATCHED = "未匹配到网格"


def suggested_grid(grid_name: str) -> str:
    """The grid by the name the dispatchers know it by (usertest29: 「网格#1」 was an internal id)."""
    return f"；建议派往「{grid_name}」"


CONSULT_TO_DESK = "咨询：请服务台答复居民"
PRAISE_TO_DESK = "表扬：请转达给被表扬的人员，并答谢居民"
STAFF_CONDUCT_TO_DESK = "投诉工作人员：由调度台核实处理，未派往网格（避免转到被投诉人手里）"


def low_confidence(confidence: float) -> str:
    return f"分类置信度低（{confidence:.2f}），请确认分类"


# the resident's ratings and comments


def late_rating(label: str, comment: str | None) -> str:
    return f"收到迟到/重复的评价：{label}" + (f"，{comment}" if comment else "")


def survey_comment(comment: str) -> str:
    return f"评价补充：{comment}"


# the desk's


def merged_from(number: str) -> str:
    return f"合并了工单 {number}"


def split_to(resident_id: int, number: str) -> str:
    return f"拆分：居民#{resident_id}另立工单 {number}"


def split_from(number: str) -> str:
    return f"由工单 {number} 拆分而来"


def legal_hold(on: bool, reason: str | None) -> str:
    return ("设置保全" if on else "解除保全") + (f"：{reason}" if reason else "")


# the timers' reasons (core/followthrough/timers.py)
EMERGENCY_UNCLAIMED = "紧急工单超过接单时限仍无人接单"
OVERDUE = "已超过办结时限仍未办结"
UNCLAIMED = "无人接单"
NO_FIRST_RESPONSE = "未按时答复居民"


def unresolved_after(workdays: int) -> str:
    return f"受理后{workdays}个工作日仍未解决"


def not_redispatched(hours: float) -> str:
    return f"退回后{hours:g}小时仍未重新派单"


def bounced(times: str) -> str:
    return f"工单已被退回{times}次，请调度员协调责任单位"


def deadline_passed(fraction: float) -> str:
    return f"办结时限已过{fraction:.0%}"


# the desk's phone tasks (a chatless resident's updates, called through)
CALL_OUTCOMES = {"told": "已电话告知", "no_answer": "未接通"}


def unanswered_call(stamp: str, note: str | None) -> str:
    return f"{stamp} 未接通" + (f"：{note}" if note else "")
